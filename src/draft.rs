//! `frontline draft`: a news report in, reviewable dataset entries out.
//!
//! The method, rule by rule, with nothing learned from data: the report is cut into
//! sentences with their byte offsets (`read`), leaving out boilerplate; each sentence is
//! taken apart (`analyse`): the dataset's factions by their names and aliases, places by the
//! dataset's names first and then the gazetteer's, wordings of when, trigger phrases
//! (`lexicon`) and attributions ("rebels said", "according to", state television). Each
//! trigger gives events (`extract`): its places are the object it heads (`objects`), its actor
//! the subject of an active verb, "by X" after a passive or "to X" after "fell", and its kind
//! is changed by what surrounds it (a claim, a denial, a negation, an edge of the place,
//! a modal: no event). Gazetteer places are chosen by the theatre, the parents the report
//! names, the places it already resolved and population, or abstained on (`resolve`). The
//! draft is written as TOML entries of the dataset's format or as JSON (`output`), appended
//! to a dataset after validation (`into`), and scored against a dataset's own events
//! (`score`).

mod actor;
mod analyse;
mod extract;
mod factions;
mod input;
pub mod into;
mod lexicon;
mod objects;
mod output;
mod places;
mod read;
mod resolve;
pub mod score;
mod tokens;
mod when;

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::dataset::{Dating, EventKind, PlaceId, PlaceKind, limits};
use crate::exit::Kind;
use crate::loaded::Loaded;

/// Why a draft could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    /// A report could not be read.
    #[error("cannot read {file}: {reason}")]
    Unreadable {
        /// The file as given (escaped).
        file: String,
        /// What the system said.
        reason: String,
    },
    /// A report is not something to draft from: empty, binary, not UTF-8, too large.
    #[error("{file}: {message}")]
    BadReport {
        /// The file as given (escaped).
        file: String,
        /// What is wrong with it.
        message: String,
    },
    /// No publication date: `--published` was not given and the text carries none.
    #[error(
        "{file}: no publication date: the text carries none (such as \"date 2024-12-07\" or \"Published: 7 December 2024\")\n  hint: give it with --published YYYY-MM-DD"
    )]
    NoDate {
        /// The file as given (escaped).
        file: String,
    },
    /// A report names no place of the dataset or the gazetteer.
    #[error("{file}: no place of the dataset or the gazetteer is named in it; nothing to draft")]
    NoPlaces {
        /// The file as given (escaped).
        file: String,
    },
    /// The dataset with the draft appended does not validate (`--into`): nothing written.
    #[error("{message}")]
    Invalid {
        /// Every problem, as `file:line:col: error: …`, and what was not written.
        message: String,
    },
    /// A file could not be written or read (`--into`).
    #[error("{message}")]
    Write {
        /// What failed, naming the file (escaped).
        message: String,
        /// Which kind of failure.
        kind: Kind,
    },
}

impl DraftError {
    /// What kind of failure this is (decides the exit code).
    pub(crate) fn kind(&self) -> Kind {
        match self {
            DraftError::Unreadable { .. } => Kind::NoInput,
            DraftError::NoDate { .. } => Kind::Usage,
            DraftError::BadReport { .. }
            | DraftError::NoPlaces { .. }
            | DraftError::Invalid { .. } => Kind::Data,
            DraftError::Write { kind, .. } => *kind,
        }
    }
}

/// A report to draft from.
#[derive(Debug, Clone)]
pub struct Report {
    /// The file as given, for messages (escaped).
    pub shown: String,
    /// Its file name, for `sources/NAME` (cleaned to what a dataset may hold).
    pub name: String,
    /// Its text.
    pub text: String,
}

impl Report {
    /// Read and check a report file: text (UTF-8, no NUL), not empty, at most
    /// [`MAX_REPORT_BYTES`].
    ///
    /// # Errors
    /// [`DraftError::Unreadable`] if it cannot be read, [`DraftError::BadReport`] otherwise.
    pub fn read(path: &Path) -> Result<Report, DraftError> {
        input::report(path)
    }

    /// A report from text in memory (tests, benchmarks); `name` is its file name.
    pub fn from_text(name: &str, text: &str) -> Report {
        Report {
            shown: crate::dataset::text::printable(name),
            name: name.to_string(),
            text: text.to_string(),
        }
    }
}

/// What the command line gives besides the reports.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The publication day of every report (`--published`); else each report's own.
    pub published: Option<NaiveDate>,
    /// The outlet of every report (`--outlet`); else "not stated".
    pub outlet: Option<String>,
}

/// What drafting knows before reading a report: the dataset (its factions, places, theatre,
/// timeline) and the gazetteer's index. Made once; "loading" in the README's figures.
#[derive(Debug)]
pub struct Knowledge {
    /// The dataset drafted against (`--data`, `--into` or the built-in one).
    pub loaded: Loaded,
    factions: factions::Factions,
    places: places::PlaceIndex,
    /// The dataset's places by the GeoNames id their `coords` name.
    by_geonames: HashMap<u32, PlaceId>,
    /// Each place that shares a spelling with others, and those others.
    namesakes: HashMap<PlaceId, Vec<PlaceId>>,
}

impl Knowledge {
    /// Prepare to draft against `loaded`; builds the gazetteer's name index on first use.
    pub fn new(loaded: Loaded) -> Knowledge {
        let ds = &loaded.dataset;
        let factions = factions::Factions::new(ds);
        let places = places::PlaceIndex::new(ds);
        let by_geonames = ds
            .places
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let rest = p.coords_source.strip_prefix("GeoNames ")?;
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                Some((digits.parse().ok()?, PlaceId(i as u32)))
            })
            .collect();
        let mut namesakes: HashMap<PlaceId, Vec<PlaceId>> = HashMap::new();
        for (_, group) in crate::dataset::namesakes::shared(ds) {
            for &p in &group {
                let others = namesakes.entry(p).or_default();
                others.extend(group.iter().filter(|&&q| q != p));
                others.sort_unstable();
                others.dedup();
            }
        }
        crate::geo::gazetteer::gazetteer().name_index();
        Knowledge {
            loaded,
            factions,
            places,
            by_geonames,
            namesakes,
        }
    }
}

/// Where a drafted event's place comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceFrom {
    /// A place of the dataset.
    Dataset,
    /// A new place proposed from the gazetteer (or a new area).
    Gazetteer,
}

/// The place of a drafted event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceRef {
    /// Its id: the dataset's, or the proposed new place's; `None` where drafting abstained.
    pub id: Option<String>,
    /// Its name (as the report writes it where drafting abstained).
    pub name: String,
    /// Latitude (`None` for an area or an abstention).
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Where it comes from.
    pub from: PlaceFrom,
}

/// A drafted event, to review.
#[derive(Debug, Clone, Serialize)]
pub struct DraftEvent {
    /// Its proposed id.
    pub id: String,
    /// Where.
    pub place: PlaceRef,
    /// What happened.
    pub kind: EventKind,
    /// Who acted: a faction id, `None` if no faction matches the actor.
    pub faction: Option<String>,
    /// The actor as the report names it, where it is not a faction's alias (or is inferred).
    pub actor_text: Option<String>,
    /// Who lost the place, where the report says ("lost X to Y").
    pub from_faction: Option<String>,
    /// The report's wording of when, or `not stated`.
    pub when: String,
    /// First possible day.
    pub earliest: NaiveDate,
    /// Last possible day.
    pub latest: NaiveDate,
    /// Most likely day, where the wording gives one.
    pub likely: Option<NaiveDate>,
    /// The sentence, verbatim.
    pub quote: String,
    /// The source's proposed id.
    pub source: String,
    /// The line of the report the sentence starts on.
    pub line: usize,
    /// Factions the report attributes the statement to.
    pub said_by: Vec<String>,
    /// An outlet the sentence credits.
    pub cites: Option<String>,
    /// The report's hedge, copied from the sentence.
    pub qualifier: Option<String>,
    /// How sure drafting is, 0 to 1.
    pub confidence: f32,
    /// Why: the trigger, how the actor, place and date were found.
    pub why: Vec<String>,
    /// What else it could be: the other factions the sentence names, the other places a
    /// name may be.
    pub alternates: Vec<String>,
    /// Byte offsets of the quote in the report.
    #[serde(skip)]
    pub span: (usize, usize),
    /// Which report (index into the reports drafted).
    #[serde(skip)]
    pub report: usize,
}

impl DraftEvent {
    /// Its dates as a [`Dating`].
    pub(crate) fn dating(&self) -> Dating {
        Dating::range(self.earliest, self.latest, self.likely)
    }

    /// True if the dataset would take it as written: a place, and a faction where its kind
    /// needs one.
    pub fn is_complete(&self) -> bool {
        self.place.id.is_some() && (self.faction.is_some() || !self.kind.needs_faction())
    }
}

/// A place (or area) proposed for the dataset.
#[derive(Debug, Clone, Serialize)]
pub struct NewPlace {
    /// Proposed id.
    pub id: String,
    /// Name (the gazetteer's, or the area's).
    pub name: String,
    /// The report's spellings, where they differ from the name.
    pub aliases: Vec<String>,
    /// The gazetteer's spelling that matched, where it is neither.
    pub gazetteer_aliases: Vec<String>,
    /// Kind of place.
    pub kind: PlaceKind,
    /// Latitude (none for an area).
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// `GeoNames N`, or empty for an area.
    pub coords: String,
    /// Population from the gazetteer.
    pub population: Option<u64>,
    /// Country code.
    pub country: String,
    /// For an area: its first-level divisions (ISO 3166-2).
    pub divisions: Vec<String>,
    /// How sure drafting is.
    pub confidence: f32,
    /// Why this place, and the others it could be.
    pub why: String,
}

/// A candidate of an abstention.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    /// GeoNames' name.
    pub name: String,
    /// Country code.
    pub country: String,
    /// First-level division.
    pub admin1: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Population.
    pub population: u32,
    /// GeoNames id.
    pub geonames_id: u32,
}

/// A name drafting would not place: candidates far apart and nothing to decide.
#[derive(Debug, Clone, Serialize)]
pub struct Abstention {
    /// The name as the report writes it.
    pub name: String,
    /// The source's id.
    pub source: String,
    /// The line it is on.
    pub line: usize,
    /// Every place it may be, most populous first.
    pub candidates: Vec<Candidate>,
    /// Why no choice was made.
    pub why: String,
}

/// A report's `[[sources]]` entry.
#[derive(Debug, Clone, Serialize)]
pub struct DraftSource {
    /// Proposed id.
    pub id: String,
    /// `sources/NAME`.
    pub file: String,
    /// The outlet (`--outlet`), or "not stated".
    pub outlet: String,
    /// Publication day.
    pub published: NaiveDate,
    /// Why that day.
    pub published_basis: String,
    /// The text's own words giving the day, if it gives it.
    pub published_quote: Option<String>,
    /// Sentences read.
    pub sentences: usize,
    /// Which report.
    #[serde(skip)]
    pub report: usize,
}

/// Everything drafted from some reports.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Draft {
    /// One per report.
    pub sources: Vec<DraftSource>,
    /// New places and areas.
    pub places: Vec<NewPlace>,
    /// Events, report by report, in text order.
    pub events: Vec<DraftEvent>,
    /// Names not placed.
    pub abstained: Vec<Abstention>,
}

/// Draft entries from `reports` against what `k` knows.
///
/// # Errors
/// [`DraftError::NoDate`] if a report has no publication date and none is given,
/// [`DraftError::NoPlaces`] if a report names no place at all.
pub fn draft(k: &Knowledge, reports: &[Report], options: &Options) -> Result<Draft, DraftError> {
    extract::draft(k, reports, options, &mut |_, _| {})
}

/// [`draft`], calling `progress(done, total)` as each report is read.
///
/// # Errors
/// As [`draft`].
pub(crate) fn draft_with_progress(
    k: &Knowledge,
    reports: &[Report],
    options: &Options,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Draft, DraftError> {
    extract::draft(k, reports, options, progress)
}

/// The text of the drafted entries in the dataset's TOML format.
pub fn to_toml(k: &Knowledge, draft: &Draft, reports: &[Report]) -> String {
    output::toml(k, draft, reports)
}

/// The drafted entries as JSON: `{sources, places, events, abstained}`.
///
/// # Errors
/// Only if serialising fails (a bug).
pub fn to_json(draft: &Draft) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(draft).map(|s| s + "\n")
}

/// The longest quote the dataset takes, in characters.
pub(crate) const MAX_QUOTE: usize = limits::MAX_QUOTE_CHARS;
