//! Datasets in: the built-in one, loading and its every refusal, limits and hostile files, areas,
//! the state machine's scenarios and properties, and the commands that make datasets (import,
//! gen, locate, draft).
//!
//! One test binary for these modules (each used to link the crate on its own).

#[path = "../support/mod.rs"]
mod support;

mod areas;
mod dataset;
mod draft;
mod generate;
mod hostile_input;
mod import;
mod import_properties;
mod invalid;
mod limits;
mod load;
mod locate;
mod properties;
mod scenarios;
mod warnings;
