//! frontline: who controls which town, day by day, with the words of the reports behind it.
//!
//! Layers (each knows only the ones below it):
//! - [`dataset`]: the model, TOML loading with spans, validation with `file:line:col` diagnostics.
//! - [`timeline`]: the control state machine.
//! - [`geo`]: projection, basemap layers, the territory approximation.
//! - `report`, `tui`, `export`: views of the same model.

pub mod cli;
pub mod dataset;
pub mod export;
pub mod geo;
pub mod report;
pub mod snapshot;
pub mod synth;
pub mod timeline;
pub mod tui;
pub mod view;
