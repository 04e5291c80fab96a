//! The real binary in a pseudo-terminal: end to end, progress on stderr, fatal signals, the
//! escape codes per terminal, and live reload.
//!
//! One test binary for these modules (each used to link the crate on its own).

#[path = "../support/mod.rs"]
mod support;

mod progress;
mod pty;
mod signals;
mod terminals;
mod watch;
