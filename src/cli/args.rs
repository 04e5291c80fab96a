//! The command line's arguments: the commands, their options and the help texts clap prints.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Who controls which town, day by day, with the words of the reports behind every change.
#[derive(Debug, Parser)]
#[command(name = "frontline", version, about, long_about = None, after_help = AFTER_HELP)]
pub(crate) struct Cli {
    /// The dataset to open (a TOML file, or a directory holding one) instead of the built-in
    /// Syria 2024 dataset; the commands that read a dataset take it too.
    #[arg(long, value_name = "PATH")]
    pub data: Option<PathBuf>,
    /// Colour on the map: from the terminal (COLORTERM, TERM, tmux, NO_COLOR), always, or
    /// never.
    #[arg(long, value_enum, default_value_t = crate::tui::caps::ColorChoice::Auto, value_name = "WHEN")]
    pub color: crate::tui::caps::ColorChoice,
    /// With --data FILE the map reloads when FILE or a source text it names changes; this
    /// turns that off.
    #[arg(long)]
    pub no_watch: bool,
    /// Open the map on this day (YYYY-MM-DD, within the dataset) instead of its first.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// What to do; without a command, open the map.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The dataset a command reads.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct DataArg {
    /// Read this dataset (a TOML file, or a directory holding one) instead of the built-in
    /// Syria 2024 dataset.
    #[arg(long, value_name = "PATH")]
    pub data: Option<PathBuf>,
}

const AFTER_HELP: &str = "Without a command, frontline opens the map in the terminal (not in a pipe \
or under TERM=dumb: exit 2); with --data FILE it follows FILE as it is edited.\n\
--color auto takes 24-bit colour from COLORTERM=truecolor|24bit, TERM=*-direct or tmux's RGB/Tc \
feature, 256 colours from TERM=*-256color, none from NO_COLOR.\n\
Exit codes: 0 ok, 2 bad arguments, 65 invalid dataset (or unusable import rows), 66 input file missing, \
73 cannot write output, 74 standard output failed (a full disk), 128+N stopped by signal N \
(143 SIGTERM, 129 SIGHUP, 130 SIGINT, 131 SIGQUIT) after cleaning up.";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check a dataset and report every problem as file:line:col (built-in one if no PATH)
    ///
    /// Also warns, without failing, about a place more than 25 km from every place of its
    /// name in the built-in gazetteer (GeoNames), naming the nearest.
    Validate {
        /// The dataset file.
        path: Option<PathBuf>,
    },
    /// Every place's state at the end of a day.
    State {
        #[command(flatten)]
        data: DataArg,
        /// The day, YYYY-MM-DD (default: the dataset's last).
        #[arg(long)]
        date: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = StateFormat::Table)]
        format: StateFormat,
    },
    /// The event log with its sources.
    Events {
        #[command(flatten)]
        data: DataArg,
        /// First day (default: the dataset's first).
        #[arg(long)]
        from: Option<String>,
        /// Last day (default: the dataset's last).
        #[arg(long)]
        to: Option<String>,
        /// Only this place (name or any spelling).
        #[arg(long)]
        place: Option<String>,
    },
    /// Everything the reports say about a place, grouped by date.
    Quotes {
        #[command(flatten)]
        data: DataArg,
        /// The place: name or any spelling, any case.
        place: String,
    },
    /// What changed between two days: per place, held, lost, gained, with the reports behind it.
    #[command(after_help = DIFF_HELP)]
    Diff {
        #[command(flatten)]
        data: DataArg,
        /// The first day (default: the dataset's first).
        #[arg(long)]
        from: Option<String>,
        /// The second day (default: the dataset's last).
        #[arg(long)]
        to: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
        format: DiffFormat,
    },
    /// Write one day as a picture (svg, png), open data (geojson, json, csv) or text (txt, md),
    /// or a range of days as an animation (gif, apng).
    #[command(after_help = EXPORT_HELP)]
    Export {
        #[command(flatten)]
        data: DataArg,
        #[command(flatten)]
        args: crate::export::ExportArgs,
    },
    /// The dataset's sources (id, outlet, day, headline, file), or with an id the text of one
    Sources {
        #[command(flatten)]
        data: DataArg,
        /// Print this source's text (its id, as pictures cite it: `004`).
        id: Option<String>,
    },
    /// Score the territory approximation against known control: synthetic fronts over real
    /// country outlines, IoU per holder and overall, beside the nearest-place baseline
    Quality {
        /// Towns sampled per case.
        #[arg(long, default_value_t = 600)]
        towns: usize,
        /// Draws of towns per case; the scores are their means.
        #[arg(long, default_value_t = 3)]
        seeds: u64,
    },
    /// Write a synthetic, valid dataset for benchmarks and scale tests
    ///
    /// Writes DIR/dataset.toml and DIR/sources/*.txt. The same arguments give the same bytes.
    #[command(after_help = GEN_HELP)]
    Gen {
        /// Number of places.
        #[arg(long, value_name = "N")]
        places: usize,
        /// Number of events.
        #[arg(long, value_name = "M")]
        events: usize,
        /// Seed of the random generator.
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
        /// Events per day on average (the number of days is events / this).
        #[arg(long, value_name = "K", default_value_t = 100)]
        events_per_day: usize,
        /// The directory to write (created if missing).
        #[arg(short, long, value_name = "DIR")]
        out: PathBuf,
        /// Replace DIR/dataset.toml and its sources if they exist.
        #[arg(long)]
        force: bool,
    },
    /// Turn a CSV of control changes, or an ACLED export, into a dataset directory
    ///
    /// Writes DIR/dataset.toml and DIR/sources/*.txt, texts holding every quote verbatim.
    #[command(after_help = IMPORT_HELP)]
    Import {
        /// The layout of FILE.
        #[arg(value_enum)]
        format: crate::import::Format,
        /// The CSV file.
        file: PathBuf,
        /// The directory to write (created if missing).
        #[arg(short, long, value_name = "DIR")]
        out: PathBuf,
        /// Replace DIR/dataset.toml and its sources if they exist.
        #[arg(long)]
        force: bool,
    },
    /// Draft dataset entries from news reports: a [[sources]] entry per report, new
    /// [[places]] and dated [[events]], each with how sure drafting is and why, to review
    ///
    /// Places are matched against the dataset (--data, default the built-in one) and then
    /// the gazetteer; factions by the dataset's names and aliases.
    #[command(after_help = DRAFT_HELP)]
    Draft {
        #[command(flatten)]
        data: DataArg,
        /// The reports: UTF-8 text files.
        #[arg(required = true, value_name = "REPORT")]
        reports: Vec<PathBuf>,
        /// The day the reports were published, YYYY-MM-DD (default: a date each text carries,
        /// such as "date 2024-12-07"; without one it is an error).
        #[arg(long, value_name = "YYYY-MM-DD")]
        published: Option<String>,
        /// The outlet that published them, for the [[sources]] entries (default: not stated).
        #[arg(long, value_name = "NAME")]
        outlet: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DraftFormat::Toml)]
        format: DraftFormat,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Replace the -o file if it exists.
        #[arg(long)]
        force: bool,
        /// Append the entries to this dataset file and copy the reports into its sources/,
        /// after validating the whole: nothing is written if it does not validate.
        #[arg(long, value_name = "DATASET", conflicts_with_all = ["out", "format", "force"])]
        into: Option<PathBuf>,
    },
    /// Start a dataset: DIR/dataset.toml with one commented example of each entry
    #[command(after_help = NEW_HELP)]
    New {
        /// The directory (created if missing).
        dir: PathBuf,
        /// Replace DIR/dataset.toml if it exists.
        #[arg(long)]
        force: bool,
    },
    /// List a country's first-level divisions: the ISO 3166-2 codes an area's `divisions` takes
    Divisions {
        /// The country: ISO code (SI) or English name (Slovenia).
        #[arg(value_name = "CC")]
        country: String,
    },
    /// Find a place's coordinates in the built-in gazetteer (GeoNames), by any spelling
    ///
    /// Matches names and alternate names whatever their case, accents and punctuation, and
    /// spellings close to them (Deraa finds Daraa, Kharkov Kharkiv, Zakyah Zakiyah).
    #[command(after_help = LOCATE_HELP)]
    Locate {
        /// The place's name, in any spelling.
        name: String,
        /// Only places in this country: ISO code (SY) or English name (Syria).
        #[arg(long, value_name = "CC")]
        country: Option<String>,
        /// Show at most N candidates.
        #[arg(long, value_name = "N", default_value_t = 10)]
        limit: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = super::locate::LocateFormat::Table)]
        format: super::locate::LocateFormat,
    },
}

const IMPORT_HELP: &str = "FORMAT csv: a header row naming place, lat, lon, date (YYYY-MM-DD), \
holder and/or status (held, contested, claimed, denied, withdrew, advanced, unrest, other), quote, \
source, and optionally outlet, from, kind, id, note, country (lat and lon empty: looked up in the gazetteer). FORMAT acled: ACLED's export, current or older \
layout.\n\
Every row that cannot be used is reported as FILE:LINE with why; rows imported in a changed form \
(a claim instead of a capture) are reported for review. The written dataset validates.\n\
Exit codes: 0 ok, 65 some rows could not be used (the others are written) or none could, 66 FILE \
missing, 73 DIR/dataset.toml exists (without --force) or cannot be written.";

const DRAFT_HELP: &str = "Examples:\n  \
frontline draft data/sources/*.txt --published 2024-12-07\n  \
frontline draft report.txt --data war.toml --format json -o draft.json\n  \
frontline draft report.txt --into war.toml\n\
Entries the dataset would refuse as they stand (an actor no faction matches, a place not \
placed) are written commented out. A summary goes to standard error.\n\
Exit codes: 0 ok, 2 bad arguments (a malformed --published, or no publication date in a report \
without --published), 65 a report that is empty, not UTF-8 text, over 16 MiB or names no place, \
or --into's dataset that would not validate with the entries (nothing written), 66 a report or \
the dataset missing, 73 the output cannot be written, 74 standard output failed.";

const NEW_HELP: &str = "Writes DIR/dataset.toml, one commented example of each kind of entry, and \
DIR/sources/example.txt; it validates as written.\n\
Exit codes: 0 ok, 73 DIR/dataset.toml exists (without --force) or cannot be written.";

const LOCATE_HELP: &str = "Candidates rank by letters off, then population. The gazetteer is \
GeoNames cities1000 (CC BY 4.0): every populated place of at least 1,000 people.\n\
Exit codes: 0 ok, 2 no place matches or an unknown --country.";

const GEN_HELP: &str = "Example: frontline gen --places 10000 --events 250000 --seed 1 -o /tmp/big\n\
then: frontline --data /tmp/big/dataset.toml state --date 2020-02-01\n\
Exit codes: 0 ok, 2 bad arguments, 73 DIR/dataset.toml exists (without --force) or cannot be written, \
128+N stopped by signal N (its half-written file removed).";

const EXPORT_HELP: &str = "Examples:\n  \
frontline export --date 2024-12-07 --format png\n  \
frontline export --date 2024-12-07 --format png --compare 2024-12-04\n  \
frontline export --format gif --from 2024-11-29 --to 2024-12-07 --width 800\n\
An animation has one frame per day (or per --step days), each the picture of its day with the \
day's changes ringed; the last frame holds longer. A progress bar shows on standard error when \
it is a terminal and the export runs longer than a second.\n\
The file is written whole or not at all, and an existing file is kept unless --force is given. \
On success the path written is printed.\n\
Exit codes: 0 ok, 2 bad arguments (date outside the dataset, size out of range, an option the \
format does not take), 73 the file exists, is not a regular file, or cannot be written, \
74 standard output failed (-o -), 128+N stopped by signal N (its temporary file removed).";

const DIFF_HELP: &str = "Example: frontline diff --from 2024-12-04 --to 2024-12-07 --format md\n\
Each place gets its holder and status on both days, what happened (gained by X from Y, newly \
contested, claim no longer stands, unchanged...) and the events that explain it, with their \
sources and quotes. A change the reports date only to a range says so (changed between 25 Nov \
and 7 Dec).\n\
Exit codes: 0 ok, 2 bad arguments (a date outside the dataset, --from after --to).";

/// Formats of `frontline diff`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum DiffFormat {
    /// Aligned text, each change with its quotes.
    Table,
    /// A JSON object: the factions' tallies and every place.
    Json,
    /// CSV, one row per place.
    Csv,
    /// A Markdown report.
    Md,
}

/// Formats of `frontline draft`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DraftFormat {
    /// Entries in the dataset's TOML format, to review and append.
    Toml,
    /// A JSON object: sources, places, events, abstained.
    Json,
}

/// Formats of `frontline state`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum StateFormat {
    /// Aligned text.
    Table,
    /// A JSON array of objects.
    Json,
    /// CSV with a header row.
    Csv,
}
