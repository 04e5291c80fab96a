//! The dataset: model, loading with spans, validation with `file:line:col` diagnostics,
//! warnings that do not stop it loading, and the built-in Syria 2024 dataset.

pub mod dates;
pub mod diag;
mod fields;
pub mod files;
pub mod limits;
mod load;
pub mod model;
pub mod namesakes;
pub mod progress;
pub mod provenance;
pub mod quotes;
pub mod text;
pub mod warnings;

use std::path::Path;

pub(crate) use diag::Diagnostic;
pub(crate) use load::MAX_FACTIONS;
pub use model::*;

/// File name of the built-in dataset, as messages name it.
pub const BUILTIN_ORIGIN: &str = "data/syria-2024.toml";
const BUILTIN_TOML: &str = include_str!("../data/syria-2024.toml");
const BUILTIN_SOURCES: &[(&str, &str)] = &[
    (
        "sources/000_a5c7d65549deb71f.txt",
        include_str!("../data/sources/000_a5c7d65549deb71f.txt"),
    ),
    (
        "sources/001_5165b83a29fe1fd1.txt",
        include_str!("../data/sources/001_5165b83a29fe1fd1.txt"),
    ),
    (
        "sources/002_9e1bdf19eaf7a455.txt",
        include_str!("../data/sources/002_9e1bdf19eaf7a455.txt"),
    ),
    (
        "sources/003_276745e851620d30.txt",
        include_str!("../data/sources/003_276745e851620d30.txt"),
    ),
    (
        "sources/004_1f1c29c298db17f9.txt",
        include_str!("../data/sources/004_1f1c29c298db17f9.txt"),
    ),
];

/// Why a dataset could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The dataset file could not be read.
    #[error("cannot read {}: {reason}", text::printable(.path))]
    Unreadable {
        /// The path given.
        path: String,
        /// What the operating system said.
        reason: String,
    },
    /// The file was read but has problems; every one is listed.
    #[error("{} problem(s) in the dataset", .0.len())]
    Invalid(Vec<Diagnostic>),
}

/// Parse and check the text of a dataset: the dataset if it could be built at all, and every
/// problem found. Transitions between states are checked one layer up, by building the
/// timeline ([`crate::loaded::load_str`]).
pub(crate) fn parse(
    origin: &str,
    text: &str,
    read_source: &dyn Fn(&str) -> Result<String, String>,
) -> (Option<Dataset>, Vec<Diagnostic>) {
    load::parse(origin, text, read_source)
}

/// [`parse`] reading the text whole, never entry by entry: the same result by design, for
/// tests that compare the two ways.
#[doc(hidden)]
pub(crate) fn parse_whole(
    origin: &str,
    text: &str,
    read_source: &dyn Fn(&str) -> Result<String, String>,
) -> (Option<Dataset>, Vec<Diagnostic>) {
    load::parse_whole_text(origin, text, read_source)
}

/// The text of a built-in source file, by its name in the built-in dataset.
pub fn builtin_source(file: &str) -> Result<String, String> {
    BUILTIN_SOURCES
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, text)| (*text).to_string())
        .ok_or_else(|| "not one of the built-in source files".to_string())
}

/// The TOML text of the built-in dataset (for `frontline validate` without a path, and docs).
pub fn builtin_text() -> &'static str {
    BUILTIN_TOML
}

/// Read a dataset file as UTF-8 text. A file that is not UTF-8 is bad data, reported at its
/// first bad byte, not a missing file; so is one larger than [`limits::MAX_DATASET_BYTES`],
/// of which no more is read (`/dev/zero` is a file too).
///
/// # Errors
/// [`LoadError::Unreadable`] if the file cannot be read, [`LoadError::Invalid`] if it is not
/// UTF-8 or too large.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let unreadable = |e: std::io::Error| LoadError::Unreadable {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    // Not a plain open: a FIFO given as the dataset would block until someone wrote to it.
    let file = files::open_regular(path).map_err(unreadable)?;
    let bytes = match files::read_bounded(file, limits::MAX_DATASET_BYTES) {
        Ok(bytes) => bytes,
        Err(Some(e)) => return Err(unreadable(e)),
        Err(None) => {
            return Err(LoadError::Invalid(vec![Diagnostic {
                file: path.display().to_string(),
                line: 0,
                col: 0,
                message: limits::too_large("the dataset file", limits::MAX_DATASET_BYTES),
                hint: Some("split it, or check that the path names a dataset".into()),
            }]));
        }
    };
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line = valid.matches('\n').count() as u32 + 1;
        let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
        let byte = e.as_bytes().get(valid.len()).copied().unwrap_or(0);
        LoadError::Invalid(vec![Diagnostic {
            file: path.display().to_string(),
            line,
            col,
            message: format!("the file is not UTF-8 text (byte 0x{byte:02x})"),
            hint: Some("save the dataset as UTF-8".into()),
        }])
    })
}
