//! `frontline draft REPORT... [--published D] [--outlet NAME] [--format toml|json] [-o PATH]
//! [--into DATASET]`: the entries to standard output, a file, or appended to a dataset;
//! a summary on standard error.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Failure, emit, internal, load};
use crate::dataset::text::{first_forbidden, printable, shown};
use crate::draft::{self, Draft, DraftError, Knowledge, Options, Report};

/// The arguments of `frontline draft`.
pub(super) struct Request {
    pub reports: Vec<PathBuf>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub format: super::DraftFormat,
    pub out: Option<PathBuf>,
    pub force: bool,
    pub into: Option<PathBuf>,
}

fn failure(e: DraftError) -> Failure {
    let message = match &e {
        DraftError::Invalid { .. } | DraftError::Write { .. } => e.to_string(),
        _ => format!("error: {e}"),
    };
    Failure {
        kind: e.kind(),
        message,
    }
}

fn options(r: &Request) -> Result<Options, Failure> {
    let published = r
        .published
        .as_deref()
        .map(|raw| {
            NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
                Failure::usage(format!(
                    "error: --published `{}` is not a date\n  hint: write YYYY-MM-DD",
                    printable(raw)
                ))
            })
        })
        .transpose()?;
    let outlet = r.outlet.as_deref().map(str::trim).map(str::to_string);
    if let Some(o) = &outlet {
        let bad = o.is_empty()
            || o.chars().count() > crate::dataset::limits::MAX_NAME_CHARS
            || first_forbidden(o, false).is_some();
        if bad {
            return Err(Failure::usage(format!(
                "error: --outlet `{}` is not a name a dataset can hold\n  hint: 1 to {} characters, no control or bidi characters",
                printable(o),
                crate::dataset::limits::MAX_NAME_CHARS
            )));
        }
    }
    Ok(Options { published, outlet })
}

/// Run `frontline draft`.
pub(super) fn run(data: Option<PathBuf>, r: Request) -> Result<(), Failure> {
    let opts = options(&r)?;
    let reports = r
        .reports
        .iter()
        .map(|p| Report::read(p))
        .collect::<Result<Vec<Report>, DraftError>>()
        .map_err(failure)?;
    let loaded = match &r.into {
        Some(path) => crate::loaded::load_path(path).map_err(Failure::from)?,
        None => load(data)?,
    };
    let k = Knowledge::new(loaded);
    let mut bar = super::progress::Bar::labelled(format!("reading {} reports", reports.len()));
    let drafted = draft::draft_with_progress(&k, &reports, &opts, &mut |done, total| {
        bar.update(done, total);
    });
    bar.finish();
    let mut drafted = drafted.map_err(failure)?;
    if let Some(path) = &r.into {
        let done = draft::into::append(&k, path, &mut drafted, &reports).map_err(failure)?;
        eprintln!("{}", summary(&drafted, reports.len()));
        eprintln!(
            "appended to {}: {} event(s), {} to complete by hand (commented out), {} report(s) copied into its sources/",
            shown(path),
            done.events,
            done.to_complete,
            done.copied.len()
        );
        return emit(&format!("{}\n", shown(path)));
    }
    let text = match r.format {
        super::DraftFormat::Toml => draft::to_toml(&k, &drafted, &reports),
        super::DraftFormat::Json => draft::to_json(&drafted).map_err(internal)?,
    };
    eprintln!("{}", summary(&drafted, reports.len()));
    match &r.out {
        Some(path) if path.as_os_str() != "-" => {
            crate::export::write_atomic(path, text.as_bytes(), r.force).map_err(|e| Failure {
                kind: e.kind(),
                message: format!("error: {e}"),
            })?;
            emit(&format!("{}\n", shown(path)))
        }
        _ => emit(&text),
    }
}

fn summary(d: &Draft, reports: usize) -> String {
    let incomplete = d.events.iter().filter(|e| !e.is_complete()).count();
    format!(
        "drafted {} event(s) from {reports} report(s): {incomplete} to complete by hand, {} new place(s), {} name(s) not placed; review every entry",
        d.events.len(),
        d.places.len(),
        d.abstained.len()
    )
}
