//! The `toewijzer` command line: arguments in, exit code out. The commands
//! live in the binary ([`cli`]), each a thin layer over the library.

mod cli;

// The binary's allocator (the library leaves the choice to its embedder).
// Allocation and simulation put a vacancy's record into words: an id string
// per candidate passed over, millions in a Parkstad year. Under glibc 16% of
// `simulate`'s time went to malloc and free and 10% to the kernel clearing
// pages glibc had handed back and faulted in again; mimalloc keeps and
// reuses them. It is built without transparent huge pages (`no_thp`): with
// them, the first touch of a fresh 2 MiB region made the kernel clear all
// of it, which was a quarter of `simulate`'s time and over a third of
// loading 100 000 applicants on the development machine; without them the
// Parkstad year allocates in 0.91 of the time (paired runs, CHANGELOG).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
