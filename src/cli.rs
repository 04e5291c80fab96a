//! The command line: parse arguments, load the dataset, run one mode, map errors to exit codes.
//!
//! Exit codes ([`crate::exit`]): 0 success; 1 internal error; 2 bad arguments (unknown place,
//! bad or out-of-range date, no gazetteer match); 65 invalid dataset, or import rows that
//! could not be used; 66 dataset or input file missing or unreadable; 73 an output file
//! cannot be written; 74 an output failed while being written; 128 + N stopped by signal N
//! (SIGTERM, SIGHUP, SIGINT, SIGQUIT: see [`crate::signals`]).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::dataset::{self, Dataset, LoadError};
use crate::exit::Kind;
use crate::loaded::{self, Loaded};
use crate::report;

mod export;
mod import;
mod locate;
mod progress;
mod quality;

/// Who controls which town, day by day, with the words of the reports behind every change.
#[derive(Debug, Parser)]
#[command(name = "frontline", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    /// Load this dataset (TOML) instead of the built-in Syria 2024 dataset.
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Option<PathBuf>,
    /// Colour on the map: from the terminal (TERM, COLORTERM, NO_COLOR), always, or never.
    #[arg(long, value_enum, default_value_t = crate::tui::caps::ColorChoice::Auto, value_name = "WHEN")]
    pub color: crate::tui::caps::ColorChoice,
    /// With --data FILE the map reloads when FILE or a source text it names changes; this
    /// turns that off.
    #[arg(long)]
    pub no_watch: bool,
    /// What to do; without a command, open the map.
    #[command(subcommand)]
    pub command: Option<Command>,
}

const AFTER_HELP: &str = "Without a command, frontline opens the map in the terminal (not in a pipe \
or under TERM=dumb: exit 2); with --data FILE it follows FILE as it is edited.\n\
Exit codes: 0 ok, 2 bad arguments, 65 invalid dataset (or unusable import rows), 66 input file missing, \
73 cannot write output, 74 standard output failed (a full disk), 128+N stopped by signal N \
(143 SIGTERM, 129 SIGHUP, 130 SIGINT, 131 SIGQUIT) after cleaning up.";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
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
        /// The day, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = StateFormat::Table)]
        format: StateFormat,
    },
    /// The event log with its sources.
    Events {
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
        /// The place: name or any spelling, any case.
        place: String,
    },
    /// What changed between two days: per place, held, lost, gained, with the reports behind it.
    #[command(after_help = DIFF_HELP)]
    Diff {
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
        /// The day, YYYY-MM-DD (every format but gif and apng).
        #[arg(long)]
        date: Option<String>,
        /// What to write.
        #[arg(long, value_enum)]
        format: crate::export::Format,
        /// The file to write (default: DATASET_DATE.EXT in the current directory, or
        /// DATASET_FROM_to_TO.EXT for an animation or a comparison; a directory gets that name
        /// inside it; `-` writes to standard output).
        #[arg(short, long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Width: pixels for svg/png (default 1600) and gif/apng (default 800), columns for
        /// txt (default 160).
        #[arg(long, value_name = "N")]
        width: Option<u32>,
        /// Rows for txt (default 50).
        #[arg(long, value_name = "N")]
        height: Option<u32>,
        /// svg, png: compare with this earlier day: places whose state changed since are
        /// ringed, land that reads in another colour is hatched.
        #[arg(long, value_name = "D")]
        compare: Option<String>,
        /// gif, apng: the first day (default: the dataset's first).
        #[arg(long, value_name = "D")]
        from: Option<String>,
        /// gif, apng: the last day (default: the dataset's last).
        #[arg(long, value_name = "D")]
        to: Option<String>,
        /// gif, apng: days per frame (default 1).
        #[arg(long, value_name = "N")]
        step: Option<u32>,
        /// geojson: add the day's territory as MultiPolygons, one feature per holder and
        /// status (the dataset's areas and the approximation), and the land with no reports.
        #[arg(long)]
        areas: bool,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
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
    /// Start a dataset: DIR/dataset.toml with one commented example of each entry
    #[command(after_help = NEW_HELP)]
    New {
        /// The directory (created if missing).
        dir: PathBuf,
        /// Replace DIR/dataset.toml if it exists.
        #[arg(long)]
        force: bool,
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
        #[arg(long, value_enum, default_value_t = locate::LocateFormat::Table)]
        format: locate::LocateFormat,
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
pub enum DiffFormat {
    /// Aligned text, each change with its quotes.
    Table,
    /// A JSON object: the factions' tallies and every place.
    Json,
    /// CSV, one row per place.
    Csv,
    /// A Markdown report.
    Md,
}

/// Formats of `frontline state`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StateFormat {
    /// Aligned text.
    Table,
    /// A JSON array of objects.
    Json,
    /// CSV with a header row.
    Csv,
}

/// A failure of a kind (which decides the exit code); the message is printed to stderr.
#[derive(Debug)]
pub struct Failure {
    /// What kind of failure: [`Kind::code`] is the exit code.
    pub kind: Kind,
    /// What to print.
    pub message: String,
}

impl Failure {
    /// Bad arguments (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            kind: Kind::Usage,
            message: message.into(),
        }
    }
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        match e {
            LoadError::Unreadable { .. } => Failure {
                kind: Kind::NoInput,
                message: format!("error: {e}"),
            },
            LoadError::Invalid(diags) => {
                let n = diags.len();
                let mut message: String = diags.iter().map(|d| format!("{d}\n")).collect();
                message.push_str(&format!("{n} problem(s) found; the dataset was not loaded"));
                Failure {
                    kind: Kind::Data,
                    message,
                }
            }
        }
    }
}

/// Run frontline with these arguments; returns the process exit code.
pub fn run() -> ExitCode {
    let result = match Cli::try_parse() {
        Ok(cli) => dispatch(cli),
        Err(e) => return arguments_refused(e),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("{}", f.message);
            ExitCode::from(f.kind.code())
        }
    }
}

/// What clap says instead of running: `--help` and `--version` on stdout (exit 0, or 74 when
/// stdout fails, as for every command), a bad argument on stderr (exit 2).
fn arguments_refused(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    use std::io::IsTerminal;
    let shown = matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion);
    if shown && !std::io::stdout().is_terminal() {
        return match emit(&e.render().to_string()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(f) => {
                eprintln!("{}", f.message);
                ExitCode::from(f.kind.code())
            }
        };
    }
    // On a terminal, clap's own printing keeps its colours (and NO_COLOR).
    let _ = e.print();
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(Kind::Usage.code()))
}

fn dispatch(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Some(Command::Validate { path }) => validate(path.or(cli.data)),
        Some(Command::State { date, format }) => {
            let loaded = load(cli.data)?;
            let date = parse_date(&loaded.dataset, &date, "--date")?;
            let text = match format {
                StateFormat::Table => report::state_table(&loaded, date),
                StateFormat::Json => report::state_json(&loaded, date).map_err(internal)?,
                StateFormat::Csv => report::state_csv(&loaded, date).map_err(internal)?,
            };
            emit(&text)
        }
        Some(Command::Events { from, to, place }) => {
            let loaded = load(cli.data)?;
            let ds = &loaded.dataset;
            let (from, to) = range(ds, from.as_deref(), to.as_deref())?;
            let place = place.map(|p| find_place(ds, &p)).transpose()?;
            emit(&report::events(&loaded, from, to, place))
        }
        Some(Command::Quotes { place }) => {
            let loaded = load(cli.data)?;
            let place = find_place(&loaded.dataset, &place)?;
            emit(&report::quotes(&loaded, place))
        }
        Some(Command::Diff { from, to, format }) => {
            let loaded = load(cli.data)?;
            let ds = &loaded.dataset;
            let (from, to) = range(ds, from.as_deref(), to.as_deref())?;
            let text = match format {
                DiffFormat::Table => report::diff::table(&loaded, from, to),
                DiffFormat::Json => report::diff::json(&loaded, from, to).map_err(internal)?,
                DiffFormat::Csv => report::diff::csv(&loaded, from, to).map_err(internal)?,
                DiffFormat::Md => report::diff::markdown(&loaded, from, to),
            };
            emit(&text)
        }
        Some(Command::Export {
            date,
            format,
            out,
            width,
            height,
            compare,
            from,
            to,
            step,
            areas,
            force,
        }) => {
            install_signals()?;
            let loaded = load(cli.data)?;
            let request = export::ExportRequest {
                date,
                format,
                out,
                width,
                height,
                force,
                compare,
                from,
                to,
                step,
                areas,
            };
            export::run(&loaded, request)
        }
        Some(Command::Gen {
            places,
            events,
            seed,
            events_per_day,
            out,
            force,
        }) => {
            install_signals()?;
            let spec = crate::synth::GenSpec {
                places,
                events,
                seed,
                events_per_day,
            };
            generate(&spec, &out, force)
        }
        Some(Command::Quality { towns, seeds }) => {
            print!("{}", quality::report(towns, seeds.max(1)));
            Ok(())
        }
        Some(Command::Locate {
            name,
            country,
            limit,
            format,
        }) => locate::locate(&name, country.as_deref(), limit, format),
        Some(Command::Import {
            format,
            file,
            out,
            force,
        }) => import::import(format, &file, &out, force),
        Some(Command::New { dir, force }) => import::new(&dir, force),
        None => {
            let options = crate::tui::Options {
                color: cli.color,
                watch: cli.data.clone().filter(|_| !cli.no_watch),
            };
            open_map(cli.data, &options)
        }
    }
}

/// `frontline gen`: write a synthetic dataset into `dir`; prints the dataset file's path.
fn generate(
    spec: &crate::synth::GenSpec,
    dir: &std::path::Path,
    force: bool,
) -> Result<(), Failure> {
    use crate::export::write_atomic;
    if spec.places == 0 || spec.events_per_day == 0 {
        return Err(Failure::usage(
            "error: --places and --events-per-day must be at least 1",
        ));
    }
    let toml_path = dir.join("dataset.toml");
    let shown = |p: &std::path::Path| dataset::text::printable(&p.display().to_string());
    if !force && toml_path.symlink_metadata().is_ok() {
        return Err(Failure {
            kind: Kind::CantCreate,
            message: format!(
                "error: {} already exists; not overwriting it\n  hint: add --force to replace it",
                shown(&toml_path)
            ),
        });
    }
    let cant = |p: &std::path::Path, e: &dyn std::fmt::Display| Failure {
        kind: Kind::CantCreate,
        message: format!("error: cannot write {}: {e}", shown(p)),
    };
    let sources_dir = dir.join("sources");
    std::fs::create_dir_all(&sources_dir).map_err(|e| cant(&sources_dir, &e))?;
    let generated = crate::synth::generate(spec);
    let write = |p: &std::path::Path, text: &str| {
        write_atomic(p, text.as_bytes(), true).map_err(|e| Failure {
            kind: e.kind(),
            message: format!("error: {e}"),
        })
    };
    // Sources first, the dataset last: a dataset.toml on disk always has all its sources.
    for (name, text) in &generated.sources {
        write(&dir.join(name), text)?;
    }
    write(&toml_path, &generated.toml)?;
    emit(&format!("{}\n", shown(&toml_path)))
}

/// `--from` and `--to` (defaults: the dataset's first and last day), checked to be in order.
fn range(
    ds: &Dataset,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(NaiveDate, NaiveDate), Failure> {
    let from = from
        .map(|d| parse_date(ds, d, "--from"))
        .transpose()?
        .unwrap_or(ds.start);
    let to = to
        .map(|d| parse_date(ds, d, "--to"))
        .transpose()?
        .unwrap_or(ds.end);
    if from > to {
        return Err(Failure::usage(format!(
            "error: --from {from} is after --to {to}"
        )));
    }
    Ok((from, to))
}

/// Watch for fatal signals, so that a file being written is removed when one arrives.
fn install_signals() -> Result<(), Failure> {
    crate::signals::install().map_err(|e| internal(format!("cannot handle signals: {e}")))
}

fn internal(e: impl std::fmt::Display) -> Failure {
    Failure {
        kind: Kind::Internal,
        message: format!("error: {e}"),
    }
}

/// Load the dataset named by `--data`, or the built-in one.
pub fn load(path: Option<PathBuf>) -> Result<Loaded, Failure> {
    match path {
        Some(p) => loaded::load_path(&p).map_err(Failure::from),
        None => loaded::builtin().map_err(Failure::from),
    }
}

fn validate(path: Option<PathBuf>) -> Result<(), Failure> {
    let name = path.as_ref().map_or_else(
        || format!("{} (built in)", dataset::BUILTIN_ORIGIN),
        |p| dataset::text::printable(&p.display().to_string()),
    );
    let loaded = load(path)?;
    let ds = &loaded.dataset;
    // Warnings go to stderr and do not change the exit code.
    let warnings = dataset::warnings::gazetteer(ds);
    for w in &warnings {
        eprintln!("{w}");
    }
    let warned = match warnings.len() {
        0 => String::new(),
        n => format!(" ({n} warning(s) above)"),
    };
    // The theatre may have been derived from the places: say which countries it is.
    let theatre = if ds.theatre.is_empty() {
        "none (no territory is shaded)".to_string()
    } else {
        ds.theatre.join(", ")
    };
    emit(&format!(
        "{name}: ok — {} sources, {} factions, {} places, {} events, {} contradictions, {} to {}, theatre {theatre}{warned}\n",
        ds.sources.len(),
        ds.factions.len(),
        ds.places.len(),
        ds.events.len(),
        ds.contradictions.len(),
        ds.start,
        ds.end
    ))
}

/// Parse a date argument and check it is within the dataset.
pub fn parse_date(ds: &Dataset, raw: &str, flag: &str) -> Result<NaiveDate, Failure> {
    let shown = dataset::text::printable(raw);
    let range = format!("{} to {}", ds.start, ds.end);
    let date = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
        Failure::usage(format!(
            "error: {flag} `{shown}` is not a date\n  hint: write YYYY-MM-DD, from {range}"
        ))
    })?;
    if date < ds.start || date > ds.end {
        return Err(Failure::usage(format!(
            "error: {flag} {date} is outside the dataset ({range})\n  hint: valid dates are {range}"
        )));
    }
    Ok(date)
}

/// Find a place by name or any spelling, or fail listing the valid names.
pub fn find_place(ds: &Dataset, query: &str) -> Result<dataset::PlaceId, Failure> {
    ds.find_place(query).ok_or_else(|| {
        let names: Vec<&str> = ds.places.iter().map(|p| p.name.as_str()).collect();
        Failure::usage(format!(
            "error: no place called `{}` in {}\n  hint: places: {}",
            dataset::text::printable(query),
            dataset::text::printable(&ds.origin),
            names.join(", ")
        ))
    })
}

/// Write to stdout; a closed pipe (`| head`) is not an error.
fn emit(text: &str) -> Result<(), Failure> {
    emit_bytes(text.as_bytes())
}

/// Write bytes to stdout. A closed pipe is not an error; any other failure (a full disk,
/// `> /dev/full`) is [`Kind::Io`], exit 74.
fn emit_bytes(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure {
            kind: Kind::Io,
            message: format!("error: cannot write to standard output: {e}"),
        }),
        _ => Ok(()),
    }
}

fn open_map(data: Option<PathBuf>, options: &crate::tui::Options) -> Result<(), Failure> {
    // Load and validate before the terminal is touched: a bad dataset gets a plain message.
    let loaded = load(data)?;
    crate::tui::run(loaded, options).map_err(|e| match e {
        crate::tui::TuiError::NotATerminal => Failure::usage(format!(
            "error: {e}\n  hint: use `frontline state --date YYYY-MM-DD` or `frontline export` for output in pipes and scripts"
        )),
        crate::tui::TuiError::Dumb => Failure::usage(format!(
            "error: {e}\n  hint: `frontline export --format txt -o -` prints the map as text; \
             in a terminal that can, set TERM (TERM=xterm frontline)"
        )),
        // The terminal is an output that failed while open (it went away, a write failed).
        e @ crate::tui::TuiError::Internal(_) => Failure {
            kind: Kind::Internal,
            message: format!("error: {e}"),
        },
        other @ crate::tui::TuiError::Io(_) => Failure {
            kind: Kind::Io,
            message: format!("error: {other}"),
        },
    })
}
