//! Data in: a CSV of dated control changes, or an ACLED export, turned into a dataset
//! directory (`dataset.toml` and the source texts its quotes come from), and the dataset a
//! new user starts from (`frontline new`).
//!
//! Reading and writing are separate: [`import`] reads rows and returns the dataset's text and
//! its source files in memory, with a [`Report`] of every row it could not use and every row
//! it used with a caveat; the CLI writes the files. The dataset is made valid by
//! construction: each place's rows are replayed through the same control rules as the
//! timeline (see `sim`), and a row that would break them is imported in the nearest form
//! that does not (a claim instead of a capture, a capture without its `from`), with a note
//! on the event and in the report. Rows that contradict each other (two captors of a place
//! on one day) stay contradictions: the place is shown disputed or claimed, and the rows
//! are listed under `[[contradictions]]`.
//!
//! - `csv`: frontline's generic layout (see [`CSV_COLUMNS`]);
//! - `acled`: ACLED's export layout, current and older;
//! - `assemble`: rows to places, factions, sources, events and contradictions, each
//!   place's rows replayed by `sim` through the timeline's own control rules
//!   (`timeline::Replay`), for factions that are not parts of one another;
//! - `write`: the dataset as TOML text, and the source texts;
//! - `template`: the dataset of `frontline new`.

mod acled;
mod assemble;
mod csv;
mod limits;
mod places;
mod rows;
mod sim;
pub mod template;
mod write;

use std::io::Read;

use chrono::NaiveDate;

use crate::dataset::text::printable;
use crate::dataset::{EventKind, PlaceKind};
use crate::exit::Kind;

/// Shared with `frontline draft`, which writes entries of the same format.
pub(crate) use rows::slug;
/// Shared with `frontline draft`: a TOML basic string, escaped as import writes them.
pub(crate) use write::q as toml_string;

/// The layouts `frontline import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// frontline's CSV of dated control changes: place, lat, lon, date, holder, status,
    /// quote, source, outlet (see the README).
    Csv,
    /// ACLED's export: territory changes become captures, everything else context.
    Acled,
}

/// Why an import could not produce a dataset.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {}: {reason}", printable(.file))]
    Read {
        /// The input file as given.
        file: String,
        /// What the system said.
        reason: String,
    },
    /// The header row lacks a column the format needs.
    #[error("{}:1: error: {}", printable(.file), printable(.message))]
    Header {
        /// The input file as given.
        file: String,
        /// Which column is missing, and which there are.
        message: String,
    },
    /// No row could be used, so there is no dataset to write.
    #[error("{}: error: none of the {rows} row(s) could be used; nothing was written", printable(.file))]
    NoRows {
        /// The input file as given.
        file: String,
        /// Rows read.
        rows: usize,
        /// Why each was refused.
        report: Box<Report>,
    },
}

impl ImportError {
    /// What kind of failure this is (decides the exit code).
    pub(crate) fn kind(&self) -> Kind {
        match self {
            ImportError::Read { .. } => Kind::NoInput,
            ImportError::Header { .. } | ImportError::NoRows { .. } => Kind::Data,
        }
    }
}

/// A remark about one row of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowNote {
    /// The line the row starts on (the header is line 1).
    pub line: u64,
    /// What happened to it and why.
    pub message: String,
}

/// What an import did with the rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Data rows read (the header not counted).
    pub rows: usize,
    /// Rows that became events.
    pub events: usize,
    /// Places, factions, sources and contradictions written.
    pub places: usize,
    /// Factions written.
    pub factions: usize,
    /// Sources written.
    pub sources: usize,
    /// Contradictions written.
    pub contradictions: usize,
    /// Rows that could not be used, each with why: none is dropped without a word.
    pub skipped: Vec<RowNote>,
    /// Rows used with a caveat a person should review (a claim instead of a capture, a
    /// changed character), each with what was done.
    pub caveats: Vec<RowNote>,
}

/// A dataset made by an import: the text of `dataset.toml` and its source files.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The dataset file.
    pub toml: String,
    /// `(file name relative to the dataset, text)` of every source.
    pub sources: Vec<(String, String)>,
    /// What was done with every row.
    pub report: Report,
}

/// One usable row, whatever the layout it came from.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// The line the row starts on.
    pub line: u64,
    /// The place's name as the row gives it.
    pub place: String,
    /// Words that tell apart places of one name (admin-1, admin-2), most specific first.
    pub qualifiers: Vec<String>,
    /// WGS84 latitude.
    pub lat: f64,
    /// WGS84 longitude.
    pub lon: f64,
    /// Where the coordinates come from, for the place's `coords`.
    pub coords: String,
    /// The kind of place.
    pub kind: PlaceKind,
    /// The day; for a date known only to a range, its last possible day.
    pub date: NaiveDate,
    /// For a date known only to a range (ACLED's `time_precision` 2 and 3): its first day.
    pub earliest: Option<NaiveDate>,
    /// What the row says happened.
    pub event: EventKind,
    /// Who acted (the new holder of a capture).
    pub faction: Option<String>,
    /// For a capture: who lost the place, if the row says.
    pub from: Option<String>,
    /// The report's words.
    pub quote: String,
    /// The report (rows of one source share a source text).
    pub source: String,
    /// The outlet as the row credits it.
    pub outlet: String,
    /// The row's own id, if it has one.
    pub id: Option<String>,
    /// Remarks to keep on the event.
    pub note: String,
    /// Set when the row is imported in a form a person should review, saying why.
    pub review: Option<String>,
    /// Whether its coordinates were looked up (the gazetteer's, or another row's), not given.
    pub looked_up: bool,
}

/// Read rows of `format` from `input` (the file `file`, whose name the dataset credits) and
/// make the dataset. `progress` is called now and then with the number of bytes read so far.
///
/// # Errors
/// [`ImportError::Read`] if the input cannot be read, [`ImportError::Header`] if a column
/// the format needs is missing, [`ImportError::NoRows`] if no row could be used.
pub fn import(
    format: Format,
    input: impl Read,
    file: &str,
    progress: &mut dyn FnMut(u64),
) -> Result<Imported, ImportError> {
    let read = match format {
        Format::Csv => csv::read(input, file, progress)?,
        Format::Acled => acled::read(input, file, progress)?,
    };
    let mut report = Report {
        rows: read.rows,
        skipped: read.skipped,
        caveats: read.caveats,
        ..Report::default()
    };
    let usable = limits::enforce(read.usable, &mut report);
    if usable.is_empty() {
        report.skipped.sort_by_key(|n| n.line);
        return Err(ImportError::NoRows {
            file: file.to_string(),
            rows: report.rows,
            report: Box::new(report),
        });
    }
    // The dataset names the file, not where it was on the importer's disk, and only with
    // characters a dataset may hold (a file may be called anything, escape bytes included).
    let name = std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.to_string(), |f| f.to_string_lossy().into_owned());
    let name = Some(rows::clean(&name).0)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "the imported file".to_string());
    let built = assemble::assemble(usable, &name, &mut report);
    let (toml, sources) = write::write(&built, format, &name);
    report.skipped.sort_by_key(|n| n.line);
    report.caveats.sort_by_key(|n| n.line);
    Ok(Imported {
        toml,
        sources,
        report,
    })
}
