//! What frontline writes: every export format, animations, comparisons (`diff`), picture
//! details, long timelines, and the command line through the real binary.
//!
//! One test binary for these modules (each used to link the crate on its own).

#[path = "../support/mod.rs"]
mod support;

mod animation;
mod cli;
mod diff;
mod export;
mod long_timelines;
mod picture_details;
