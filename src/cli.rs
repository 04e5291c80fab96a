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
use clap::Parser;

use crate::dataset::{self, Dataset, LoadError};
use crate::exit::Kind;
use crate::loaded::{self, Loaded};
use crate::report;

mod args;
mod divisions;
mod draft;
mod export;
mod import;
mod locate;
mod progress;
mod quality;
mod sources;

pub(crate) use args::Cli;

pub(crate) use args::Command;

pub(crate) use args::DataArg;

pub(crate) use args::DiffFormat;

pub(crate) use args::DraftFormat;

pub(crate) use args::StateFormat;

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
    pub(crate) fn usage(message: impl Into<String>) -> Self {
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
                // A hint is shown once: a thousand errors alike get one hint, not a thousand.
                let mut hints = std::collections::HashSet::new();
                let mut message = String::new();
                for d in &diags {
                    let d = match &d.hint {
                        Some(h) if !hints.insert(h.as_str()) => &dataset::Diagnostic {
                            hint: None,
                            ..d.clone()
                        },
                        _ => d,
                    };
                    message.push_str(&format!("{d}\n"));
                }
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

/// The commands that read a dataset, as a message lists them.
const READS_DATASET: &str =
    "the map, validate, state, events, quotes, diff, export, sources and draft";

/// The dataset a command reads: `--data` before the command or after it (not both, unless
/// they name the same file).
fn dataset_arg(top: Option<PathBuf>, own: DataArg) -> Result<Option<PathBuf>, Failure> {
    match (top, own.data) {
        (Some(a), Some(b)) if a != b => Err(Failure::usage(format!(
            "error: --data is given twice ({} and {}); give it once",
            dataset::text::shown(&a),
            dataset::text::shown(&b)
        ))),
        (a, b) => Ok(b.or(a)),
    }
}

/// Refuse `--data` given before a command that reads no dataset, rather than ignore it.
fn refuse_map_options(cli: &Cli, command: &Command) -> Result<(), Failure> {
    let name = command_name(command);
    let reads = !matches!(
        command,
        Command::Quality { .. }
            | Command::Gen { .. }
            | Command::Import { .. }
            | Command::New { .. }
            | Command::Locate { .. }
            | Command::Divisions { .. }
    );
    if cli.data.is_some() && !reads {
        return Err(Failure::usage(format!(
            "error: --data applies to the commands that read a dataset ({READS_DATASET}), not `{name}`"
        )));
    }
    if cli.date.is_some() {
        return Err(Failure::usage(format!(
            "error: --date before a command opens the map on that day; give `{name}` its own options after it (`frontline {name} --help`)"
        )));
    }
    Ok(())
}

/// A command's name as typed.
fn command_name(command: &Command) -> &'static str {
    match command {
        Command::Validate { .. } => "validate",
        Command::State { .. } => "state",
        Command::Events { .. } => "events",
        Command::Quotes { .. } => "quotes",
        Command::Diff { .. } => "diff",
        Command::Export { .. } => "export",
        Command::Sources { .. } => "sources",
        Command::Quality { .. } => "quality",
        Command::Gen { .. } => "gen",
        Command::Import { .. } => "import",
        Command::Draft { .. } => "draft",
        Command::New { .. } => "new",
        Command::Locate { .. } => "locate",
        Command::Divisions { .. } => "divisions",
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "one arm per subcommand: the table of what each command does"
)]
fn dispatch(mut cli: Cli) -> Result<(), Failure> {
    let Some(command) = cli.command.take() else {
        return open_map(&cli);
    };
    refuse_map_options(&cli, &command)?;
    let top = cli.data;
    match command {
        Command::Validate { path } => match (path, top) {
            (Some(p), Some(d)) if p != d => Err(Failure::usage(format!(
                "error: validate was given two datasets ({} and --data {}); give one",
                dataset::text::shown(&p),
                dataset::text::shown(&d)
            ))),
            (p, d) => {
                install_signals()?;
                validate(p.or(d))
            }
        },
        Command::State { data, date, format } => {
            let loaded = load(dataset_arg(top, data)?)?;
            let date = match date {
                Some(d) => parse_date(&loaded.dataset, &d, "--date")?,
                None => loaded.dataset.end,
            };
            match format {
                StateFormat::Table => emit(&report::state_table(&loaded, date)),
                StateFormat::Json => emit_streamed(|out| {
                    report::write_state_json(&loaded, date, out).map_err(internal)
                }),
                StateFormat::Csv => emit_streamed(|out| {
                    report::write_state_csv(&loaded, date, out).map_err(internal)
                }),
            }
        }
        Command::Events {
            data,
            from,
            to,
            place,
        } => {
            let loaded = load(dataset_arg(top, data)?)?;
            let ds = &loaded.dataset;
            let (from, to) = range(ds, from.as_deref(), to.as_deref())?;
            let place = place.map(|p| find_place(ds, &p)).transpose()?;
            emit(&report::events(&loaded, from, to, place))
        }
        Command::Quotes { data, place } => {
            let loaded = load(dataset_arg(top, data)?)?;
            // Every place of that name, told apart: namesakes are allowed.
            let places = find_places(&loaded.dataset, &place)?;
            let texts: Vec<String> = places.iter().map(|&p| report::quotes(&loaded, p)).collect();
            emit(&texts.join("\n"))
        }
        Command::Diff {
            data,
            from,
            to,
            format,
        } => {
            let loaded = load(dataset_arg(top, data)?)?;
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
        Command::Export { data, args } => {
            let data = dataset_arg(top, data)?;
            install_signals()?;
            export::run(data, &args)
        }
        Command::Sources { data, id } => {
            let loaded = load(dataset_arg(top, data)?)?;
            sources::run(&loaded, id.as_deref())
        }
        Command::Gen {
            places,
            events,
            seed,
            events_per_day,
            out,
            force,
        } => {
            install_signals()?;
            let spec = crate::synth::GenSpec {
                places,
                events,
                seed,
                events_per_day,
            };
            generate(&spec, &out, force)
        }
        Command::Quality { towns, seeds } => {
            install_signals()?;
            // Through `emit`, as every command: a full disk is exit 74, a closed pipe quiet.
            emit(&quality::report(towns, seeds.max(1)))
        }
        Command::Locate {
            name,
            country,
            limit,
            format,
        } => locate::locate(&name, country.as_deref(), limit, format),
        Command::Divisions { country } => divisions::divisions(&country),
        Command::Import {
            format,
            file,
            out,
            force,
        } => {
            install_signals()?;
            import::import(format, &file, &out, force)
        }
        Command::New { dir, force } => {
            install_signals()?;
            import::new(&dir, force)
        }
        Command::Draft {
            data,
            reports,
            published,
            outlet,
            format,
            out,
            force,
            into,
        } => {
            let data = dataset_arg(top, data)?;
            install_signals()?;
            let request = draft::Request {
                reports,
                published,
                outlet,
                format,
                out,
                force,
                into,
            };
            draft::run(data, request)
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
    // The loader's own limits: `gen` writes only datasets that load.
    use crate::dataset::limits::{MAX_DAYS, MAX_EVENTS, MAX_PLACES};
    let days = (spec.events / spec.events_per_day).max(1);
    if spec.places > MAX_PLACES || spec.events > MAX_EVENTS || days as i64 > MAX_DAYS {
        return Err(Failure::usage(format!(
            "error: --places {} --events {} --events-per-day {} asks for {days} day(s); a dataset \
             holds at most {MAX_PLACES} places, {MAX_EVENTS} events and {MAX_DAYS} days",
            spec.places, spec.events, spec.events_per_day
        )));
    }
    let toml_path = dir.join("dataset.toml");
    let shown = dataset::text::shown;
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

/// Load the dataset named by `--data`, or the built-in one; a load that takes a while shows
/// `loading NAME … 42 %` on stderr when it is a terminal ([`progress::LoadLine`]).
pub(crate) fn load(path: Option<PathBuf>) -> Result<Loaded, Failure> {
    match path {
        Some(p) => progress::LoadLine::around(&p, || loaded::load_path(&p)).map_err(Failure::from),
        None => loaded::builtin().map_err(Failure::from),
    }
}

fn validate(path: Option<PathBuf>) -> Result<(), Failure> {
    let name = path.as_ref().map_or_else(
        || format!("{} (built in)", dataset::BUILTIN_ORIGIN),
        |p| dataset::text::shown(p),
    );
    let loaded = load(path)?;
    let ds = &loaded.dataset;
    // Warnings go to stderr and do not change the exit code.
    let mut warnings = dataset::warnings::gazetteer(ds);
    warnings.extend(dataset::warnings::near_namesakes(ds));
    warnings.sort_by_key(|w| (w.line, w.col));
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
pub(crate) fn parse_date(ds: &Dataset, raw: &str, flag: &str) -> Result<NaiveDate, Failure> {
    ds.parse_day(raw, flag)
        .map_err(|m| Failure::usage(format!("error: {m}")))
}

/// Find a place by name or any spelling, or fail listing the valid names; a name several
/// places bear fails listing them, told apart ([`dataset::namesakes::label`]), with their ids.
pub(crate) fn find_place(ds: &Dataset, query: &str) -> Result<dataset::PlaceId, Failure> {
    let found = find_places(ds, query)?;
    let by_id = found
        .iter()
        .find(|&&p| ds.place(p).id.eq_ignore_ascii_case(query.trim()));
    match (by_id, found.as_slice()) {
        (Some(p), _) | (None, [p]) => Ok(*p),
        (None, many) => Err(Failure::usage(format!(
            "error: {} places are called `{}`: {}\n  hint: name one by its id",
            many.len(),
            dataset::text::printable(query),
            many.iter()
                .map(|&p| format!(
                    "{} (id `{}`)",
                    dataset::namesakes::label(ds, p),
                    ds.place(p).id
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Every place whose id, name or spelling is `query`, or fail listing the valid names.
pub(crate) fn find_places(ds: &Dataset, query: &str) -> Result<Vec<dataset::PlaceId>, Failure> {
    let found: Vec<dataset::PlaceId> = ds
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| p.matches(query))
        .map(|(i, _)| dataset::PlaceId(i as u32))
        .collect();
    if found.is_empty() {
        let names: Vec<&str> = ds.places.iter().map(|p| p.name.as_str()).collect();
        return Err(Failure::usage(format!(
            "error: no place called `{}` in {}\n  hint: places: {}",
            dataset::text::printable(query),
            dataset::text::printable(&ds.origin),
            names.join(", ")
        )));
    }
    Ok(found)
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

/// Write to standard output as `write` makes it, row by row: a closed pipe ends quietly, any
/// other failure to write is exit 74, as [`emit_bytes`] does.
fn emit_streamed(write: impl FnOnce(&mut dyn Write) -> Result<(), Failure>) -> Result<(), Failure> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut sink = crate::export::Sink::new(&mut out);
    let made = write(&mut sink);
    let flushed = sink.flush();
    match sink.failed() {
        Some(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Some(e) => Err(Failure {
            kind: Kind::Io,
            message: format!("error: cannot write to standard output: {e}"),
        }),
        None => made.and(flushed.map_err(internal)),
    }
}

/// Open the map: the dataset loaded and validated before the terminal is touched (a bad
/// dataset gets a plain message).
fn open_map(cli: &Cli) -> Result<(), Failure> {
    let watch = match &cli.data {
        Some(p) if !cli.no_watch => Some(loaded::dataset_file(p).map_err(Failure::from)?),
        _ => None,
    };
    let loaded = load(cli.data.clone())?;
    // A day outside the dataset is refused before the terminal is touched.
    let date = match &cli.date {
        Some(raw) => Some(parse_date(&loaded.dataset, raw, "--date")?),
        None => None,
    };
    let options = crate::tui::Options {
        color: cli.color,
        watch,
        date,
    };
    let options = &options;
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
