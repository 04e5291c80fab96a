//! `--into DATASET`: the reports copied into the dataset's `sources/`, the entries appended
//! to its file, all of it validated first. Nothing is written if the dataset with the
//! entries would not load; the dataset's existing bytes are never changed, only followed.

use std::path::{Path, PathBuf};

use super::{Draft, DraftError, Knowledge, Report};
use crate::dataset::files::SourceDir;
use crate::dataset::text::shown;
use crate::dataset::{self, LoadError};
use crate::exit::Kind;

/// What was appended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Appended {
    /// The dataset file.
    pub dataset: PathBuf,
    /// The report copies written (a report already there, byte for byte, is not copied).
    pub copied: Vec<PathBuf>,
    /// Events appended as entries.
    pub events: usize,
    /// Events appended commented out, to complete by hand.
    pub to_complete: usize,
}

/// A free name in `dir` for `name`: itself, or `stem-2.ext`, … unless the file there holds
/// the same text already.
fn free_name(dir: &Path, name: &str, text: &str) -> (String, bool) {
    let path = Path::new(name);
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let ext = path.extension().map(|e| e.to_string_lossy().into_owned());
    let mut n = 1;
    loop {
        let candidate = match (n, &ext) {
            (1, _) => name.to_string(),
            (_, Some(e)) => format!("{stem}-{n}.{e}"),
            (_, None) => format!("{stem}-{n}"),
        };
        match std::fs::read(dir.join(&candidate)) {
            Ok(bytes) if bytes == text.as_bytes() => return (candidate, true),
            Ok(_) => n += 1,
            Err(_) if dir.join(&candidate).symlink_metadata().is_ok() => n += 1,
            Err(_) => return (candidate, false),
        }
    }
}

/// Append `draft` to the dataset at `path` (which `k` was loaded from), copying `reports`
/// into its `sources/`.
///
/// # Errors
/// [`DraftError::Invalid`] if the dataset with the entries does not validate (nothing is
/// written), [`DraftError::Write`] if a file cannot be written (what was copied is removed).
pub(crate) fn append(
    k: &Knowledge,
    path: &Path,
    draft: &mut Draft,
    reports: &[Report],
) -> Result<Appended, DraftError> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let sources_dir = dir.join("sources");
    let mut copies: Vec<(PathBuf, usize, bool)> = Vec::new();
    let mut names: Vec<(String, usize)> = Vec::new();
    for s in &mut draft.sources {
        let report = &reports[s.report];
        let taken = |n: &str| names.iter().any(|(m, _)| m == n);
        let (mut name, mut there) = free_name(&sources_dir, &report.name, &report.text);
        let mut n = 2;
        while taken(&name) && !there {
            let (next, t) = free_name(&sources_dir, &format!("{n}-{}", report.name), &report.text);
            (name, there) = (next, t);
            n += 1;
        }
        s.file = format!("sources/{name}");
        names.push((s.file.clone(), s.report));
        copies.push((sources_dir.join(&name), s.report, there));
    }
    let old = dataset::read_text(path).map_err(|e| match e {
        LoadError::Unreadable { .. } => DraftError::Write {
            message: e.to_string(),
            kind: Kind::NoInput,
        },
        LoadError::Invalid(d) => DraftError::Invalid {
            message: d.iter().map(|x| format!("{x}\n")).collect(),
        },
    })?;
    let mut combined = old.clone();
    if !combined.is_empty() && !combined.ends_with('\n') {
        combined.push('\n');
    }
    combined.push('\n');
    combined.push_str(&super::to_toml(k, draft, reports));
    let on_disk = SourceDir::of(path);
    let read_source = |file: &str| match names.iter().find(|(n, _)| n == file) {
        Some((_, r)) => Ok(reports[*r].text.clone()),
        None => on_disk.read(file),
    };
    if let Err(e) = crate::loaded::load_str(&path.display().to_string(), &combined, &read_source) {
        let message = match e {
            LoadError::Invalid(diags) => {
                let mut m: String = diags.iter().map(|d| format!("{d}\n")).collect();
                m.push_str(&format!(
                    "{} problem(s) with the drafted entries appended to {}; nothing was written\n  hint: write them with -o, complete or remove the entries named, then append them by hand",
                    diags.len(),
                    shown(path)
                ));
                m
            }
            other => other.to_string(),
        };
        return Err(DraftError::Invalid { message });
    }
    write(path, &sources_dir, &copies, reports, &combined)?;
    Ok(Appended {
        dataset: path.to_path_buf(),
        copied: copies
            .iter()
            .filter(|c| !c.2)
            .map(|c| c.0.clone())
            .collect(),
        events: draft.events.iter().filter(|e| e.is_complete()).count(),
        to_complete: draft.events.iter().filter(|e| !e.is_complete()).count(),
    })
}

/// The copies first, then the dataset; on a failure the copies made are removed.
fn write(
    path: &Path,
    sources_dir: &Path,
    copies: &[(PathBuf, usize, bool)],
    reports: &[Report],
    combined: &str,
) -> Result<(), DraftError> {
    std::fs::create_dir_all(sources_dir).map_err(|e| DraftError::Write {
        message: format!("cannot write {}: {e}", shown(sources_dir)),
        kind: Kind::CantCreate,
    })?;
    let fail = |e: crate::export::ExportError| DraftError::Write {
        message: e.to_string(),
        kind: e.kind(),
    };
    let mut written: Vec<&Path> = Vec::new();
    let undo = |written: &[&Path]| {
        for p in written {
            let _ = std::fs::remove_file(p);
        }
    };
    for (p, r, there) in copies {
        if *there {
            continue;
        }
        if let Err(e) = crate::export::write_atomic(p, reports[*r].text.as_bytes(), false) {
            undo(&written);
            return Err(fail(e));
        }
        written.push(p);
    }
    if let Err(e) = crate::export::write_atomic(path, combined.as_bytes(), true) {
        undo(&written);
        return Err(fail(e));
    }
    Ok(())
}
