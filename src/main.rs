//! The `toewijzer` command line: arguments in, exit code out. The commands
//! live in the binary ([`cli`]), each a thin layer over the library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
