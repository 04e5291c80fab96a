//! `frontline diff` for people: aligned text and a Markdown report, each change with the
//! verbatim quotes behind it.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::ordered;
use crate::dataset::text::markdown as md;
use crate::dataset::{Dataset, PlaceId};
use crate::loaded::Loaded;
use crate::timeline::{PlaceState, Status};
use crate::view::compare::{self, Comparison, Line};
use crate::view::words::{self, day_label};

/// A state in a few words: `GOV held`, `GOV contested by HTS`, `KUR disputed with REB`,
/// `outside` (a place outside the theatre, held by no one), `no holder` (one inside it whose
/// holder no report gives), `-` (not on the map); `~` where a change is unsettled.
fn cell(ds: &Dataset, place: PlaceId, s: Option<&PlaceState>) -> String {
    let Some(s) = s else {
        return "-".to_string();
    };
    let mut out = match s.holder {
        Some(h) => format!("{} {}", ds.faction(h).label, s.status.as_str()),
        None if ds.place(place).outside_theatre => "outside".to_string(),
        None => "no holder".to_string(),
    };
    if s.holder.is_none() && s.status != Status::Held {
        let _ = write!(out, " {}", s.status.as_str());
    }
    let others: Vec<&str> = s
        .others
        .iter()
        .map(|f| ds.faction(f).label.as_str())
        .collect();
    if !others.is_empty() {
        let word = if s.status == Status::Disputed {
            "with"
        } else {
            "by"
        };
        let _ = write!(out, " {word} {}", others.join(","));
    }
    if s.unsettled.is_some() {
        out.push_str(" ~");
    }
    out
}

/// `--format table`: the factions' tallies, then one line per place with the events under it.
pub fn table(loaded: &Loaded, from: NaiveDate, to: NaiveDate) -> String {
    let ds = &loaded.dataset;
    let c = Comparison::between(loaded, from, to);
    let mut out = format!(
        "{} — what changed from the end of {} to the end of {}\n\n",
        ds.name,
        day_label(c.from),
        day_label(c.to)
    );
    let _ = writeln!(
        out,
        "{:<8}{:>8}{:>8}  GAINED / LOST",
        "FACTION",
        c.from.format("%d %b").to_string(),
        c.to.format("%d %b").to_string()
    );
    for t in c.tallies(ds) {
        let names = |ps: &[PlaceId]| -> String {
            let n: Vec<&str> = ps.iter().map(|p| ds.place(*p).name.as_str()).collect();
            n.join(", ")
        };
        let mut moves = Vec::new();
        if !t.gained.is_empty() {
            moves.push(format!("+ {}", names(&t.gained)));
        }
        if !t.lost.is_empty() {
            moves.push(format!("- {}", names(&t.lost)));
        }
        let _ = writeln!(
            out,
            "{:<8}{:>8}{:>8}  {}",
            ds.faction(t.faction).label,
            t.before,
            t.after,
            if moves.is_empty() {
                "-".to_string()
            } else {
                moves.join("  ")
            }
        );
    }
    out.push('\n');
    let lines = ordered(&c);
    let cells: Vec<[String; 4]> = lines
        .iter()
        .map(|l| {
            let mut what = compare::what(ds, l);
            if let Some(w) = compare::when(ds, l, c.from) {
                let _ = write!(what, ", {w}");
            }
            [
                ds.place(l.place).name.clone(),
                cell(ds, l.place, l.before.as_ref()),
                cell(ds, l.place, l.after.as_ref()),
                what,
            ]
        })
        .collect();
    let header = [
        "PLACE".to_string(),
        c.from.to_string(),
        c.to.to_string(),
        "WHAT HAPPENED".to_string(),
    ];
    let width = |i: usize| {
        cells
            .iter()
            .chain([&header])
            .map(|r| r[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let (w0, w1, w2) = (width(0), width(1), width(2));
    let row = |r: &[String; 4]| format!("{:<w0$}  {:<w1$}  {:<w2$}  {}\n", r[0], r[1], r[2], r[3]);
    out.push_str(&row(&header));
    for (l, r) in lines.iter().zip(&cells) {
        out.push_str(&row(r));
        for &e in &l.events {
            let ev = ds.event(e);
            let _ = writeln!(
                out,
                "    {}  {} [{}] — {}\n    “{}”",
                words::event_date(ev),
                words::event_summary(ds, ev),
                words::event_status(ds, ev),
                words::cite(ds, ev),
                ev.quote
            );
        }
    }
    let changed = lines.iter().filter(|l| l.change.is_change()).count();
    let _ = writeln!(
        out,
        "\n{changed} of {} place(s) changed from {} to {}",
        lines.len(),
        c.from,
        c.to
    );
    out
}

/// `--format md`: a report of the comparison: the factions' tallies, a table of every place,
/// then each change with the verbatim quotes behind it, and the sources.
pub(crate) fn markdown(loaded: &Loaded, from: NaiveDate, to: NaiveDate) -> String {
    let ds = &loaded.dataset;
    let c = Comparison::between(loaded, from, to);
    let mut out = format!("# {}\n\n", md(&ds.name));
    let _ = writeln!(
        out,
        "What changed from the end of **{}** to the end of **{}**. Each change is backed by \
         the verbatim quotes listed under it; a change the reports date only to a range of \
         days says so.\n",
        c.from.format("%A %-d %B %Y"),
        c.to.format("%A %-d %B %Y")
    );
    out.push_str("## Held, lost, gained\n\n");
    let _ = writeln!(
        out,
        "| Faction | {} | {} | Gained | Lost |\n|---|---:|---:|---|---|",
        c.from.format("%-d %b"),
        c.to.format("%-d %b")
    );
    for t in c.tallies(ds) {
        let names = |ps: &[PlaceId]| -> String {
            if ps.is_empty() {
                return "—".to_string();
            }
            let n: Vec<String> = ps.iter().map(|p| md(&ds.place(*p).name)).collect();
            n.join(", ")
        };
        let f = ds.faction(t.faction);
        let _ = writeln!(
            out,
            "| {} ({}) | {} | {} | {} | {} |",
            md(&f.name),
            md(&f.label),
            t.before,
            t.after,
            names(&t.gained),
            names(&t.lost)
        );
    }
    let lines = ordered(&c);
    let _ = writeln!(
        out,
        "\n## Every place\n\n| Place | {} | {} | What happened |\n|---|---|---|---|",
        c.from.format("%-d %b"),
        c.to.format("%-d %b")
    );
    for l in &lines {
        let mut what = compare::what(ds, l);
        if let Some(w) = compare::when(ds, l, c.from) {
            let _ = write!(what, ", {w}");
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            md(&ds.place(l.place).name),
            md(&cell(ds, l.place, l.before.as_ref())),
            md(&cell(ds, l.place, l.after.as_ref())),
            md(&what)
        );
    }
    out.push_str("\n## The reports behind each change\n");
    let with_events: Vec<&&Line> = lines.iter().filter(|l| !l.events.is_empty()).collect();
    if with_events.is_empty() {
        out.push_str("\nNo report bears on control between these days.\n");
    }
    for l in with_events {
        let _ = writeln!(
            out,
            "\n### {} — {}\n",
            md(&ds.place(l.place).name),
            md(&compare::what(ds, l))
        );
        for &e in &l.events {
            let ev = ds.event(e);
            let _ = writeln!(out, "{}", crate::report::quote_block(ds, ev));
        }
    }
    out.push_str("\n## Sources\n\n");
    for s in &ds.sources {
        let _ = writeln!(out, "- {}", crate::report::source_item(s));
    }
    let _ = writeln!(out, "\nMade with frontline from {}.", md(&ds.id));
    out
}
