//! `frontline import FORMAT FILE -o DIR` and `frontline new DIR`: datasets written into a
//! directory, the dataset file last, so a `dataset.toml` on disk always has its sources.

use std::io::IsTerminal;
use std::path::Path;

use super::{Failure, emit};
use crate::dataset::text::printable;
use crate::exit::Kind;
use crate::export::write_atomic;
use crate::import::{self, Format, ImportError, Report};

/// Files at least this big get a progress bar (when stderr is a terminal): about 20,000
/// ACLED rows, a second or more of work.
const PROGRESS_BYTES: u64 = 8 << 20;

fn shown(p: &Path) -> String {
    printable(&p.display().to_string())
}

/// Write `files` (relative to `dir`, the dataset file last) and return the dataset's path.
/// Without `force`, an existing `dir/dataset.toml` is left alone and nothing is written.
fn write_dir(
    dir: &Path,
    files: &[(impl AsRef<str>, impl AsRef<str>)],
    force: bool,
) -> Result<std::path::PathBuf, Failure> {
    refuse_existing(dir, force)?;
    let toml = dir.join("dataset.toml");
    let sources = dir.join("sources");
    std::fs::create_dir_all(&sources).map_err(|e| Failure {
        kind: Kind::CantCreate,
        message: format!("error: cannot write {}: {e}", shown(&sources)),
    })?;
    let Some((last, sources)) = files.split_last() else {
        return Ok(toml);
    };
    for (name, text) in sources {
        write_source(&dir.join(name.as_ref()), text.as_ref().as_bytes())?;
    }
    write_atomic(&dir.join(last.0.as_ref()), last.1.as_ref().as_bytes(), true).map_err(|e| {
        Failure {
            kind: e.kind(),
            message: format!("error: {e}"),
        }
    })?;
    Ok(toml)
}

/// A source text, whole or not at all (a temporary file renamed into place) but without
/// `write_atomic`'s sync to disk: an import writes up to a thousand of them, and syncing each
/// took longer than the import itself. The dataset file, written last, is synced.
fn write_source(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write;
    let fail = |e: std::io::Error| Failure {
        kind: Kind::CantCreate,
        message: format!("error: cannot write {}: {e}", shown(path)),
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".frontline-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The mode goes to open(2), so the umask applies as for any new file.
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.persist(path).map(drop).map_err(|e| fail(e.error))
}

/// `frontline new DIR`.
pub(super) fn new(dir: &Path, force: bool) -> Result<(), Failure> {
    let toml = write_dir(dir, &import::template::FILES, force)?;
    eprintln!(
        "next: frontline validate {0}, then frontline --data {0}",
        shown(&toml)
    );
    emit(&format!("{}\n", shown(&toml)))
}

/// Every skipped row and every row to review, in line order.
fn print_notes(file: &str, report: &Report) {
    let mut notes: Vec<(u64, bool, &str)> = report
        .skipped
        .iter()
        .map(|n| (n.line, true, n.message.as_str()))
        .chain(
            report
                .caveats
                .iter()
                .map(|n| (n.line, false, n.message.as_str())),
        )
        .collect();
    notes.sort_by_key(|n| n.0);
    for (line, skipped, message) in notes {
        if skipped {
            eprintln!(
                "{}:{line}: error: {}; row skipped",
                printable(file),
                printable(message)
            );
        } else {
            eprintln!("{}:{line}: review: {}", printable(file), printable(message));
        }
    }
}

/// Refuse early, before any work, when `dir/dataset.toml` exists and `force` is not given.
fn refuse_existing(dir: &Path, force: bool) -> Result<(), Failure> {
    let toml = dir.join("dataset.toml");
    if !force && toml.symlink_metadata().is_ok() {
        return Err(Failure {
            kind: Kind::CantCreate,
            message: format!(
                "error: {} already exists; not overwriting it\n  hint: add --force to replace it",
                shown(&toml)
            ),
        });
    }
    Ok(())
}

/// `frontline import FORMAT FILE -o DIR [--force]`.
pub(super) fn import(format: Format, file: &Path, dir: &Path, force: bool) -> Result<(), Failure> {
    refuse_existing(dir, force)?;
    let name = file.display().to_string();
    let input = std::fs::File::open(file).map_err(|e| Failure {
        kind: Kind::NoInput,
        message: format!("error: cannot read {}: {e}", shown(file)),
    })?;
    let size = input.metadata().map_or(0, |m| m.len());
    let bar = (std::io::stderr().is_terminal() && size >= PROGRESS_BYTES).then(|| {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(size),
            indicatif::ProgressDrawTarget::stderr(),
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "reading {msg} {wide_bar} {binary_bytes}/{binary_total_bytes} {eta}",
        ) {
            bar.set_style(style);
        }
        bar.set_message(printable(&name));
        bar
    });
    let result = import::import(
        format,
        std::io::BufReader::with_capacity(1 << 16, input),
        &name,
        &mut |bytes| {
            if let Some(b) = &bar {
                b.set_position(bytes);
            }
        },
    );
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let imported = result.map_err(|e| {
        if let ImportError::NoRows { report, .. } = &e {
            print_notes(&name, report);
        }
        Failure {
            kind: e.kind(),
            message: match e {
                ImportError::Read { .. } => format!("error: {e}"),
                _ => e.to_string(),
            },
        }
    })?;
    let r = &imported.report;
    print_notes(&name, r);
    let mut files: Vec<(String, String)> = imported.sources;
    files.push(("dataset.toml".into(), imported.toml));
    let toml = write_dir(dir, &files, force)?;
    eprintln!(
        "{}: {} of {} row(s) imported: {} events, {} places, {} factions, {} sources, {} contradictions{}{}",
        printable(&name),
        r.events,
        r.rows,
        r.events,
        r.places,
        r.factions,
        r.sources,
        r.contradictions,
        match r.skipped.len() {
            0 => String::new(),
            n => format!("; {n} row(s) skipped (errors above)"),
        },
        match r.caveats.len() {
            0 => String::new(),
            n => format!("; {n} note(s) to review (above)"),
        }
    );
    emit(&format!("{}\n", shown(&toml)))?;
    if r.skipped.is_empty() {
        Ok(())
    } else {
        Err(Failure {
            kind: Kind::Data,
            message: format!(
                "error: {} row(s) of {} could not be used; {} holds the others",
                r.skipped.len(),
                printable(&name),
                shown(&toml)
            ),
        })
    }
}
