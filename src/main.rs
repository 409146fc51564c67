//! The `toewijzer` command line: arguments in, exit code out.

fn main() -> std::process::ExitCode {
    toewijzer::cli::main()
}
