//! The `toewijzer` command line: arguments in, exit code out. The commands
//! live in the binary ([`cli`]), each a thin layer over the library.

mod cli;

// The binary's allocator (the library leaves the choice to its embedder):
// allocation and simulation allocate and free millions of small lineups
// and large per-day buffers; glibc's malloc returned the large ones to the
// kernel and faulted them back in zeroed (a fifth of `simulate`'s time in
// malloc, free and page clearing), mimalloc keeps and reuses them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
