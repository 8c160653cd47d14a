//! The `ics-whatif` command line; everything is in `ics_whatif::cli`.

fn main() {
    std::process::exit(ics_whatif::cli::main_os(std::env::args_os()));
}
