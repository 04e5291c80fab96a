//! What the fuzz target runs on each input, and what it holds for true: the whole of
//! frontline, from the text of a dataset to the pixels of its PNG.
//!
//! - Loading never panics. A refused dataset is bad data (exit 65) with every problem at a
//!   `file:line:col` inside the file, and no message carries a control, escape or bidi
//!   character to the terminal.
//! - A loaded dataset's timeline answers for its first, middle and last day; every report
//!   prints, JSON and CSV parse back with one row per place; every export format renders
//!   without an internal error, the SVG is well-formed XML, the GeoJSON has a feature per
//!   row, `json` and `csv` are byte for byte the reports; no text output holds a control or
//!   bidi character.
//! - The map draws into a `TestBackend` at sizes from 1x1 up, before and after a round of
//!   keys, with no control character in any cell.

use chrono::NaiveDate;
use frontline::dataset::LoadError;
use frontline::exit::Kind;
use frontline::export::{self, Format, Options};
use frontline::loaded::{self, Loaded};
use frontline::screen::app::{Action, App, Scroll};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// How much of the pipeline to run on a loaded dataset.
#[derive(Debug, Clone, Copy)]
pub struct Depth {
    /// Rasterise the PNG too (the slowest step by far in a debug build).
    pub png: bool,
}

/// A finding: what broke, in words.
pub type Finding = String;

/// How far an input got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Refused, with its diagnostics checked.
    Refused,
    /// Loaded, and run through everything.
    Loaded,
}

/// Run `text` (named `origin`, sources read by `read`) through everything.
pub fn check(
    origin: &str,
    text: &str,
    read: &dyn Fn(&str) -> Result<String, String>,
    depth: Depth,
) -> Result<Outcome, Finding> {
    match loaded::load_str(origin, text, read) {
        Ok(loaded) => check_loaded(&loaded, depth).map(|()| Outcome::Loaded),
        Err(e) => check_refusal(origin, text, e).map(|()| Outcome::Refused),
    }
}

/// What a terminal or a viewer would obey or hide, by the test's own list (not frontline's,
/// so that a character frontline forgets is still caught): controls, bidi controls, line and
/// paragraph separators, the zero-width space and the byte-order mark (joiners are part of
/// emoji and of many scripts).
fn obeyed(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{61c}' | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// Nothing a terminal or a file viewer would obey: no control character but the newline,
/// no bidi control, no line separator.
pub fn clean(what: &str, s: &str) -> Result<(), Finding> {
    match s.chars().find(|&c| c != '\n' && obeyed(c)) {
        Some(c) => {
            let at = s.find(c).unwrap_or(0);
            let around: String = s[at.saturating_sub(40)..].chars().take(80).collect();
            Err(format!("{what} holds U+{:04X} near {around:?}", c as u32))
        }
        None => Ok(()),
    }
}

fn check_refusal(origin: &str, text: &str, e: LoadError) -> Result<(), Finding> {
    let LoadError::Invalid(diags) = e else {
        return Err(format!("an in-memory dataset was unreadable: {e}"));
    };
    if diags.is_empty() {
        return Err("refused without a single diagnostic".into());
    }
    // What the CLI prints and the exit code it gives.
    let failure = frontline::cli::Failure::from(LoadError::Invalid(diags.clone()));
    if failure.kind != Kind::Data {
        return Err(format!("a refused dataset is {:?}, not Data", failure.kind));
    }
    clean("the message of a refused dataset", &failure.message)?;
    let lines = text.split('\n').count() as u32;
    for d in &diags {
        if d.file != origin {
            return Err(format!("a diagnostic names {:?}, not {origin:?}", d.file));
        }
        let whole_file = d.line == 0 && d.col == 0;
        if !whole_file && (d.line == 0 || d.col == 0 || d.line > lines) {
            return Err(format!(
                "diagnostic at {}:{} outside the file ({lines} lines): {d}",
                d.line, d.col
            ));
        }
        clean("a diagnostic", &d.to_string())?;
    }
    Ok(())
}

fn check_loaded(loaded: &Loaded, depth: Depth) -> Result<(), Finding> {
    let ds = &loaded.dataset;
    let start = loaded.timeline.first_date();
    let end = loaded.timeline.last_date();
    if start != ds.start || end != ds.end {
        return Err(format!(
            "the timeline spans {start}..{end}, the dataset {}..{}",
            ds.start, ds.end
        ));
    }
    let middle = start + (end - start) / 2;
    let mut dates = vec![start, middle, end];
    dates.dedup();
    for &date in &dates {
        check_reports(loaded, date)?;
    }
    check_exports(loaded, start, depth)?;
    check_exports(loaded, end, Depth { png: false })?;
    check_screen(loaded)
}

fn check_reports(loaded: &Loaded, date: NaiveDate) -> Result<(), Finding> {
    use frontline::report;
    let rows = frontline::snapshot::rows(loaded, date);
    clean("the state table", &report::state_table(loaded, date))?;
    let json = report::state_json(loaded, date).map_err(|e| format!("state json: {e}"))?;
    let parsed: Vec<serde_json::Value> =
        serde_json::from_str(&json).map_err(|e| format!("state json does not parse: {e}"))?;
    if parsed.len() != rows.len() {
        return Err(format!(
            "state json has {} rows, not {}",
            parsed.len(),
            rows.len()
        ));
    }
    let csv = report::state_csv(loaded, date).map_err(|e| format!("state csv: {e}"))?;
    let records = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("state csv does not parse: {e}"))?;
    if records.len() != rows.len() {
        return Err(format!(
            "state csv has {} rows, not {}",
            records.len(),
            rows.len()
        ));
    }
    clean("state csv", &csv)?;
    clean(
        "the event log",
        &report::events(loaded, loaded.dataset.start, date, None),
    )?;
    for p in (0..loaded.dataset.places.len().min(8) as u32).map(frontline::dataset::PlaceId) {
        clean("a place's quotes", &report::quotes(loaded, p))?;
    }
    Ok(())
}

fn check_exports(loaded: &Loaded, date: NaiveDate, depth: Depth) -> Result<(), Finding> {
    for format in Format::ALL {
        // Rasterising is slow in a debug build: the PNG and the animations (one frame, the
        // same picture rasterised and encoded) run only where the depth asks for pictures.
        if (format == Format::Png || format.is_animation()) && !depth.png {
            continue;
        }
        let options = Options {
            width: match format {
                Format::Svg | Format::Png => Some(export::MIN_PICTURE_WIDTH),
                Format::Txt => Some(100),
                _ => None,
            },
            height: (format == Format::Txt).then_some(30),
            from: format.is_animation().then_some(date),
            ..Options::default()
        };
        let bytes = export::render(loaded, date, format, &options)
            .map_err(|e| format!("{format:?} export failed ({:?}): {e}", e.kind()))?;
        let what = format!("the {} export", format.extension());
        let magic: &[u8] = match format {
            Format::Png | Format::Apng => b"\x89PNG\r\n\x1a\n",
            Format::Gif => b"GIF89a",
            _ => b"",
        };
        if !magic.is_empty() {
            if !bytes.starts_with(magic) {
                return Err(format!(
                    "{what} does not start as a {} file",
                    format.extension()
                ));
            }
            continue;
        }
        let text = String::from_utf8(bytes).map_err(|_| format!("{what} is not UTF-8"))?;
        clean(&what, &text)?;
        match format {
            Format::Svg => {
                roxmltree::Document::parse(&text)
                    .map_err(|e| format!("{what} is not well-formed XML: {e}"))?;
            }
            Format::Geojson => {
                let v: serde_json::Value = serde_json::from_str(&text)
                    .map_err(|e| format!("{what} does not parse: {e}"))?;
                let n = v["features"].as_array().map_or(0, Vec::len);
                let rows = frontline::snapshot::rows(loaded, date).len();
                if v["type"] != "FeatureCollection" || n != rows {
                    return Err(format!("{what} has {n} features for {rows} rows"));
                }
            }
            Format::Json => {
                let report = frontline::report::state_json(loaded, date).unwrap_or_default();
                if text != report {
                    return Err(format!("{what} differs from `state --format json`"));
                }
            }
            Format::Csv => {
                let report = frontline::report::state_csv(loaded, date).unwrap_or_default();
                if text != report {
                    return Err(format!("{what} differs from `state --format csv`"));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// A round of keys: days, places, zoom, pan, search, help, clicks, a resize.
const KEYS: &[Action] = &[
    Action::StepDay(1),
    Action::EventDay(1),
    Action::LastDay,
    Action::Select(1),
    Action::Select(-1),
    Action::Zoom(1),
    Action::Zoom(1),
    Action::Pan(1, -1),
    Action::CenterOnSelected,
    Action::ScrollPlace(Scroll::Lines(3)),
    Action::ScrollDay(Scroll::Pages(1)),
    Action::TimelineUnit,
    Action::StartSearch,
    Action::SearchInput('a'),
    Action::SearchInput('é'),
    Action::SearchSubmit,
    Action::ToggleTerritory,
    Action::Click(10, 5),
    Action::ToggleHelp,
    Action::ScrollHelp(Scroll::Bottom),
    Action::Resize(61, 19),
    Action::StepDay(-1),
];

fn check_screen(loaded: &Loaded) -> Result<(), Finding> {
    for (size, mono) in [
        ((1, 1), true),
        ((59, 17), false),
        ((60, 18), true),
        ((150, 45), false),
    ] {
        let mut app = App::new(loaded.clone(), size, mono);
        draw(&app, size)?;
        for key in KEYS {
            let _ = app.update(key.clone());
        }
        draw(&app, app.size)?;
    }
    Ok(())
}

fn draw(app: &App, (w, h): (u16, u16)) -> Result<(), Finding> {
    let Ok(mut terminal) = Terminal::new(TestBackend::new(w, h));
    let mut derived = frontline::screen::derived::Derived::new();
    derived.prepare(app);
    let Ok(_) = terminal.draw(|f| frontline::screen::render::render(f, app, &derived));
    for cell in &terminal.backend().buffer().content {
        clean("a screen cell", cell.symbol())?;
    }
    Ok(())
}
