//! A dataset with its timeline: what every view works from.
//!
//! Above both [`crate::dataset`] (which knows nothing of the state machine) and
//! [`crate::timeline`]: loading parses and checks the dataset, then builds the timeline, whose
//! transition errors are reported as diagnostics of the dataset file.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;

use crate::dataset::{self, Contradiction, Dataset, Diagnostic, LoadError, PlaceId};
use crate::geo::Basis;
use crate::timeline::Timeline;

/// A loaded, validated dataset with its timeline.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The data.
    pub dataset: Dataset,
    /// The control state machine over it.
    pub timeline: Timeline,
    /// What every day's territory shares (the theatre's land, the areas'), made on first use:
    /// commands that never shade land never pay for it.
    basis: OnceLock<Arc<Basis>>,
}

/// A loaded dataset handed to something that may keep it (the map's `App`, which the `txt`
/// export draws): one already shared is kept without copying; an owned one is copied into
/// an `Arc` only when kept.
pub trait Share {
    /// The dataset.
    fn loaded(&self) -> &Loaded;
    /// The dataset, to keep.
    fn share(&self) -> Arc<Loaded>;
}

impl Share for Loaded {
    fn loaded(&self) -> &Loaded {
        self
    }
    fn share(&self) -> Arc<Loaded> {
        Arc::new(self.clone())
    }
}

impl Share for Arc<Loaded> {
    fn loaded(&self) -> &Loaded {
        self
    }
    fn share(&self) -> Arc<Loaded> {
        Arc::clone(self)
    }
}

impl Loaded {
    /// A dataset with its timeline (built from it).
    pub fn new(dataset: Dataset, timeline: Timeline) -> Loaded {
        Loaded {
            dataset,
            timeline,
            basis: OnceLock::new(),
        }
    }

    /// What every day's territory of the dataset shares, prepared on first use.
    pub(crate) fn territory_basis(&self) -> &Arc<Basis> {
        self.basis.get_or_init(|| {
            let ds = &self.dataset;
            let areas = ds
                .places
                .iter()
                .enumerate()
                .filter_map(|(i, p)| Some((i, p.extent.as_deref()?)));
            Arc::new(Basis::new(ds.map, &ds.theatre, areas))
        })
    }

    /// The contradictions the reports known by the end of `date` raise: those with an
    /// account the timeline has applied by then (optionally only about `place`), in dataset
    /// order.
    pub fn contradictions_on(
        &self,
        date: NaiveDate,
        place: Option<PlaceId>,
    ) -> Vec<&Contradiction> {
        self.dataset
            .contradictions
            .iter()
            .filter(|c| place.is_none_or(|p| c.place == p))
            .filter(|c| c.events.iter().any(|e| self.dataset.event(*e).date <= date))
            .collect()
    }
}

/// Load and validate the text of a dataset. Transitions are checked by building the timeline.
///
/// # Errors
/// [`LoadError::Invalid`] with every problem, sorted by line and column.
pub fn load_str(
    origin: &str,
    text: &str,
    read_source: &dyn Fn(&str) -> Result<String, String>,
) -> Result<Loaded, LoadError> {
    build(origin, dataset::parse(origin, text, read_source))
}

/// [`load_str`] with the text parsed whole, never entry by entry: the same result by design,
/// for tests that compare the two ways.
#[doc(hidden)]
pub fn load_str_whole(
    origin: &str,
    text: &str,
    read_source: &dyn Fn(&str) -> Result<String, String>,
) -> Result<Loaded, LoadError> {
    build(origin, dataset::parse_whole(origin, text, read_source))
}

/// The timeline of a parsed dataset, its transition errors joined to the parse's.
fn build(
    origin: &str,
    (dataset, mut diags): (Option<Dataset>, Vec<Diagnostic>),
) -> Result<Loaded, LoadError> {
    let Some(dataset) = dataset else {
        return Err(LoadError::Invalid(diags));
    };
    crate::dataset::progress::report(90, 100);
    match Timeline::build(&dataset) {
        Ok(timeline) if diags.is_empty() => Ok(Loaded::new(dataset, timeline)),
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
///
/// # Errors
/// None in a tested build (a test loads it); the type is shared with [`load_path`].
pub fn builtin() -> Result<Loaded, LoadError> {
    load_str(
        dataset::BUILTIN_ORIGIN,
        dataset::builtin_text(),
        &dataset::builtin_source,
    )
}

/// The dataset file `path` names: the path itself, or for a directory (as `frontline new DIR`
/// and `import … -o DIR` write) the one `*.toml` file in it.
///
/// # Errors
/// [`LoadError::Unreadable`] for a directory holding no `*.toml` file or several, naming them.
pub(crate) fn dataset_file(path: &Path) -> Result<std::path::PathBuf, LoadError> {
    if !path.is_dir() {
        return Ok(path.to_path_buf());
    }
    let unreadable = |reason: String| LoadError::Unreadable {
        path: path.display().to_string(),
        reason,
    };
    let mut tomls: Vec<std::path::PathBuf> = std::fs::read_dir(path)
        .map_err(|e| unreadable(e.to_string()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    tomls.sort();
    match tomls.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(unreadable(
            "it is a directory with no dataset file (*.toml) in it".to_string(),
        )),
        several => {
            let names: Vec<String> = several
                .iter()
                .filter_map(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .collect();
            Err(unreadable(format!(
                "it is a directory with {} dataset files ({}); name one",
                names.len(),
                names.join(", ")
            )))
        }
    }
}

/// Load a dataset file (or the one in a directory, [`dataset_file`]); source texts are read
/// relative to its directory, and only from inside it ([`dataset::files::SourceDir`]).
///
/// # Errors
/// [`LoadError::Unreadable`] if the file cannot be read, [`LoadError::Invalid`] otherwise.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    let file = dataset_file(path)?;
    let path = file.as_path();
    let text = dataset::read_text(path)?;
    let sources = dataset::files::SourceDir::of(path);
    load_str(&path.display().to_string(), &text, &|file| {
        sources.read(file)
    })
}
