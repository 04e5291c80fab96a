//! `frontline import FORMAT FILE -o DIR` and `frontline new DIR`: datasets written into a
//! directory, the dataset file last, so a `dataset.toml` on disk always has its sources.

use std::io::IsTerminal;
use std::path::Path;

use super::{Failure, emit};
use crate::dataset::text::{printable, shown};
use crate::exit::Kind;
use crate::import::{self, Format, ImportError, Report};

mod destination;

/// Files at least this big get a progress bar (when stderr is a terminal): about 20,000
/// ACLED rows, a second or more of work.
const PROGRESS_BYTES: u64 = 8 << 20;

/// `frontline new DIR`.
pub(super) fn new(dir: &Path, force: bool) -> Result<(), Failure> {
    let toml = destination::write(dir, &import::template::FILES, force)?;
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

/// Load `files` (the sources, then the dataset file) as `validate` would from `dir`, before
/// anything is written: an import never leaves a dataset that does not load.
fn loads(dir: &Path, files: &[(String, String)]) -> Result<(), Failure> {
    let Some(((_, toml), sources)) = files.split_last() else {
        return Ok(());
    };
    let texts: std::collections::HashMap<&str, &str> = sources
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    let origin = dir.join("dataset.toml").display().to_string();
    crate::loaded::load_str(&origin, toml, &|file| {
        texts
            .get(file)
            .map(|t| (*t).to_string())
            .ok_or_else(|| "no such source was written".to_string())
    })
    .map(drop)
    .map_err(|e| {
        let mut f = Failure::from(e);
        f.message.push_str(
            "\nerror: the imported dataset would not load, so nothing was written (a bug in import: please report it)",
        );
        f
    })
}

/// `frontline import FORMAT FILE -o DIR [--force]`.
pub(super) fn import(format: Format, file: &Path, dir: &Path, force: bool) -> Result<(), Failure> {
    // Refused before any work: an existing dataset, or a DIR that is no place to write.
    destination::check(dir, &["dataset.toml"], force)?;
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
    loads(dir, &files)?;
    let toml = destination::write(dir, &files, force)?;
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
