//! The `frontline` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    frontline::cli::run()
}
