//! The dataset: model, loading with spans, validation with `file:line:col` diagnostics,
//! and the built-in Syria 2024 dataset.

pub mod dates;
pub mod diag;
mod fields;
mod load;
pub mod model;
mod quotes;
pub mod text;

use std::path::Path;

pub use diag::Diagnostic;
pub use load::MAX_FACTIONS;
pub use model::*;

use crate::timeline::Timeline;

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
    #[error("cannot read {path}: {reason}")]
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

/// A loaded, validated dataset with its timeline.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The data.
    pub dataset: Dataset,
    /// The control state machine over it.
    pub timeline: Timeline,
}

/// Load and validate the text of a dataset. Transitions are checked by building the timeline.
pub fn load_str(
    origin: &str,
    text: &str,
    read_source: &dyn Fn(&str) -> Result<String, String>,
) -> Result<Loaded, LoadError> {
    let (dataset, mut diags) = load::parse(origin, text, read_source);
    let Some(dataset) = dataset else {
        return Err(LoadError::Invalid(diags));
    };
    match Timeline::build(&dataset) {
        Ok(timeline) if diags.is_empty() => Ok(Loaded { dataset, timeline }),
        Ok(_) => Err(LoadError::Invalid(diags)),
        Err(errors) => {
            // Placeholders (empty id) stand for entries already reported as broken.
            diags.extend(
                errors
                    .into_iter()
                    .filter(|e| !dataset.event(e.event).id.is_empty())
                    .map(|e| {
                        let ev = dataset.event(e.event);
                        Diagnostic {
                            file: origin.to_string(),
                            line: ev.loc.line,
                            col: ev.loc.col,
                            message: format!("event `{}`: {}", ev.id, e.message),
                            hint: e.hint,
                        }
                    }),
            );
            diags.sort_by_key(|d| (d.line, d.col));
            Err(LoadError::Invalid(diags))
        }
    }
}

/// The built-in dataset: the Syrian rebel offensive, late November to 7 December 2024.
pub fn builtin() -> Result<Loaded, LoadError> {
    load_str(BUILTIN_ORIGIN, BUILTIN_TOML, &|file| {
        BUILTIN_SOURCES
            .iter()
            .find(|(name, _)| *name == file)
            .map(|(_, text)| (*text).to_string())
            .ok_or_else(|| "not one of the built-in source files".to_string())
    })
}

/// The TOML text of the built-in dataset (for `frontline validate` without a path, and docs).
pub fn builtin_text() -> &'static str {
    BUILTIN_TOML
}

/// Load a dataset file; source texts are read relative to its directory.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::Unreadable {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        // Bad data, not a missing file: say where the first bad byte is.
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
    })?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    load_str(&path.display().to_string(), &text, &|file| {
        std::fs::read_to_string(dir.join(file)).map_err(|e| e.to_string())
    })
}
