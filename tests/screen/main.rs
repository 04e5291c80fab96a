//! The map on ratatui's TestBackend: snapshots, keys, comparison on screen, legibility, every
//! size; and the layering of the source tree.
//!
//! One test binary for these modules (each used to link the crate on its own).

#[path = "../support/mod.rs"]
mod support;

mod layers;
mod legible;
mod sizes;
mod tui;
mod tui_compare;
