//! frontline: who controls which town, day by day, with the words of the reports behind it.
//!
//! # Layers
//!
//! Each module uses only modules of lower layers; two modules of one layer never use each
//! other. `tests/screen/layers.rs` reads this picture and fails on any `crate::` path that points
//! up or sideways (and on a module missing from it); the README shows the same picture.
//!
//! ```text
//! layer  modules                     what they are
//!   8    cli                         parse arguments, pick a mode; error kinds to exit codes
//!   7    tui, draft                  the interactive loop: terminal set-up, colours and restore, events to actions, file watching; news reports to dataset entries
//!   6    export, import, synth       files out: pictures, open data, text; data in: CSV, ACLED; synthetic datasets
//!   5    screen, report              App, Action and update, what derives from them, drawn into a Buffer; CLI text
//!   4    view, snapshot              what a day shows: viewport, markers, labels, words; a day as rows
//!   3    loaded                      a dataset with its timeline
//!   2    timeline                    the control state machine: state at a date, changes, history
//!   1    dataset                     the model, TOML loading, validation with file:line:col, warnings
//!   0    geo, exit, format, signals  geography and the gazetteer; kinds of failure; output formats; fatal signals
//! ```
//!
//! The core (`dataset`, `timeline`, `geo`) never draws. The screen is drawn without a
//! terminal, so the interactive loop and the `txt` export share one renderer; the screen asks
//! the loop for work outside it (an export) by returning an [`screen::app::Effect`]. What a
//! frame shows beyond the app's plain state (territories, grids, the comparison, the panels'
//! lines and extents) is computed once by [`screen::derived::Derived::prepare`]; drawing only
//! reads the two.

pub mod cli;
pub mod dataset;
pub mod draft;
pub mod exit;
pub mod export;
pub mod format;
pub mod geo;
pub mod import;
pub mod loaded;
pub mod report;
pub mod screen;
pub mod signals;
pub mod snapshot;
pub mod synth;
pub mod timeline;
pub mod tui;
pub mod view;
