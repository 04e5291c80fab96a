//! `frontline diff`: held, lost, gained between two days, as aligned text, JSON, CSV or
//! Markdown. Every format is the same [`Comparison`]: per place its state on both days, what
//! happened, and the events that explain it with their sources and verbatim quotes.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use crate::dataset::text::markdown as md;
use crate::dataset::{Dataset, EventId};
use crate::loaded::Loaded;
use crate::timeline::PlaceState;
use crate::view::compare::{self, Comparison, Line};
use crate::view::words::{self, day_label};

/// A place's state on one day, as the data formats give it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StateOut {
    /// Faction id of the holder (`null`: outside the conflict).
    pub holder: Option<String>,
    /// held, contested, claimed or disputed.
    pub status: String,
    /// Who contests or claims it, or the rival accounts.
    pub others: Vec<String>,
    /// A reported change not settled on that day (its event id), if any.
    pub unsettled: Option<String>,
}

/// One event behind a line.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventOut {
    /// Event id.
    pub event: String,
    /// captured, contested, claimed, denied.
    pub kind: String,
    /// What it says happened (`captured by HTS from GOV`).
    pub summary: String,
    /// Who states it (`reported`, `claimed by REB`).
    pub status: String,
    /// How its date is known (`2024-12-05`, `by 2024-12-07 (none given)`).
    pub date: String,
    /// The report's own wording of when.
    pub when: String,
    /// Source id.
    pub source: String,
    /// The outlet as the source credits it.
    pub outlet: String,
    /// The source's file.
    pub file: String,
    /// The report's headline, where the dataset gives it.
    pub title: Option<String>,
    /// The report's address, where the dataset gives it.
    pub url: Option<String>,
    /// The report's words, verbatim.
    pub quote: String,
}

/// One place compared.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlaceOut {
    /// Place id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// [`compare::Change::kind`]: `gained`, `contested`, `unchanged`...
    pub change: String,
    /// What happened, in words.
    pub what: String,
    /// When, as the reports date it (`on 5 Dec`, `changed between 25 Nov and 7 Dec`).
    pub when: Option<String>,
    /// The first possible day of the change.
    pub changed_earliest: Option<NaiveDate>,
    /// The last possible day of the change.
    pub changed_latest: Option<NaiveDate>,
    /// Its most likely day, where the wording gives one.
    pub changed_likely: Option<NaiveDate>,
    /// The state on the first day (`null`: not on the map yet).
    pub before: Option<StateOut>,
    /// The state on the second day.
    pub after: Option<StateOut>,
    /// The events that explain it.
    pub events: Vec<EventOut>,
}

/// One faction on both days.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FactionOut {
    /// Faction id.
    pub id: String,
    /// Short label.
    pub label: String,
    /// Places held on the first day.
    pub held_before: usize,
    /// Places held on the second day.
    pub held_after: usize,
    /// Place ids it took.
    pub gained: Vec<String>,
    /// Place ids it lost.
    pub lost: Vec<String>,
}

/// The whole comparison.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DiffOut {
    /// Dataset id.
    pub dataset: String,
    /// The first day.
    pub from: NaiveDate,
    /// The second day.
    pub to: NaiveDate,
    /// Every faction.
    pub factions: Vec<FactionOut>,
    /// Every place on the map on the second day: changes first, in dataset order.
    pub places: Vec<PlaceOut>,
}

fn state_out(ds: &Dataset, s: &PlaceState) -> StateOut {
    StateOut {
        holder: s.holder.map(|h| ds.faction(h).id.clone()),
        status: s.status.as_str().to_string(),
        others: s.others.iter().map(|f| ds.faction(f).id.clone()).collect(),
        unsettled: s.unsettled.map(|e| ds.event(e).id.clone()),
    }
}

fn event_out(ds: &Dataset, id: EventId) -> EventOut {
    let ev = ds.event(id);
    let src = ds.source(ev.source);
    EventOut {
        event: ev.id.clone(),
        kind: ev.kind.as_str().to_string(),
        summary: words::event_summary(ds, ev),
        status: words::event_status(ds, ev),
        date: words::event_date(ev),
        when: ev.when.clone(),
        source: src.id.clone(),
        outlet: src.outlet.clone(),
        file: src.file.clone(),
        title: src.title.clone(),
        url: src.url.clone(),
        quote: ev.quote.clone(),
    }
}

/// The lines in the order every format lists them: changes (and unsettled ones) first, then
/// the unchanged places, each group in dataset order.
fn ordered(c: &Comparison) -> Vec<&Line> {
    let mut out = c.changes();
    out.extend(
        c.lines
            .iter()
            .filter(|l| l.change == compare::Change::Unchanged),
    );
    out
}

/// The comparison as data (what `--format json` prints).
pub fn data(loaded: &Loaded, from: NaiveDate, to: NaiveDate) -> DiffOut {
    let ds = &loaded.dataset;
    let c = Comparison::between(loaded, from, to);
    let places = ordered(&c)
        .into_iter()
        .map(|l| {
            let dating = l.by_event.map(|e| ds.event(e).dating);
            PlaceOut {
                id: ds.place(l.place).id.clone(),
                name: ds.place(l.place).name.clone(),
                change: l.change.kind().to_string(),
                what: compare::what(ds, l),
                when: compare::when(ds, l, c.from),
                changed_earliest: dating.map(|d| d.earliest),
                changed_latest: dating.map(|d| d.latest),
                changed_likely: dating.and_then(|d| d.likely),
                before: l.before.as_ref().map(|s| state_out(ds, s)),
                after: l.after.as_ref().map(|s| state_out(ds, s)),
                events: l.events.iter().map(|e| event_out(ds, *e)).collect(),
            }
        })
        .collect();
    let ids = |ps: &[crate::dataset::PlaceId]| -> Vec<String> {
        ps.iter().map(|p| ds.place(*p).id.clone()).collect()
    };
    let factions = c
        .tallies(ds)
        .iter()
        .map(|t| FactionOut {
            id: ds.faction(t.faction).id.clone(),
            label: ds.faction(t.faction).label.clone(),
            held_before: t.before,
            held_after: t.after,
            gained: ids(&t.gained),
            lost: ids(&t.lost),
        })
        .collect();
    DiffOut {
        dataset: ds.id.clone(),
        from: c.from,
        to: c.to,
        factions,
        places,
    }
}

/// `--format json`: [`data`], pretty-printed.
///
/// # Errors
/// A serialisation error (not expected: every value is a string, a number or a date).
pub fn json(loaded: &Loaded, from: NaiveDate, to: NaiveDate) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&data(loaded, from, to)).map(|s| s + "\n")
}

/// `--format csv`: one row per place, the same fields as the JSON; lists joined by `;`, the
/// quotes as `“quote” (source)` joined by ` | `.
///
/// # Errors
/// A CSV error (not expected: the rows are written to memory).
pub fn csv(loaded: &Loaded, from: NaiveDate, to: NaiveDate) -> Result<String, csv::Error> {
    let d = data(loaded, from, to);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "name",
        "change",
        "what",
        "when",
        "changed_earliest",
        "changed_latest",
        "changed_likely",
        "holder_before",
        "status_before",
        "others_before",
        "holder_after",
        "status_after",
        "others_after",
        "events",
        "sources",
        "quotes",
    ])?;
    let opt = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let state = |s: &Option<StateOut>| match s {
        Some(s) => [
            s.holder.clone().unwrap_or_default(),
            s.status.clone(),
            s.others.join(";"),
        ],
        None => [String::new(), String::new(), String::new()],
    };
    for p in d.places {
        let [hb, sb, ob] = state(&p.before);
        let [ha, sa, oa] = state(&p.after);
        let join = |f: &dyn Fn(&EventOut) -> String, sep: &str| {
            p.events.iter().map(f).collect::<Vec<_>>().join(sep)
        };
        w.write_record([
            p.id.clone(),
            p.name.clone(),
            p.change.clone(),
            p.what.clone(),
            p.when.clone().unwrap_or_default(),
            opt(p.changed_earliest),
            opt(p.changed_latest),
            opt(p.changed_likely),
            hb,
            sb,
            ob,
            ha,
            sa,
            oa,
            join(&|e| e.event.clone(), ";"),
            join(&|e| e.source.clone(), ";"),
            join(&|e| format!("“{}” ({})", e.quote, e.source), " | "),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A state in a few words: `GOV held`, `GOV contested by HTS`, `KUR disputed with REB`,
/// `outside the conflict`, `-` (not on the map); `~` where a change is unsettled.
fn cell(ds: &Dataset, s: Option<&PlaceState>) -> String {
    let Some(s) = s else {
        return "-".to_string();
    };
    let Some(h) = s.holder else {
        return "outside".to_string();
    };
    let others: Vec<&str> = s
        .others
        .iter()
        .map(|f| ds.faction(f).label.as_str())
        .collect();
    let mut out = format!("{} {}", ds.faction(h).label, s.status.as_str());
    if !others.is_empty() {
        let word = if s.status == crate::timeline::Status::Disputed {
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
        let names = |ps: &[crate::dataset::PlaceId]| -> String {
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
                cell(ds, l.before.as_ref()),
                cell(ds, l.after.as_ref()),
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
pub fn markdown(loaded: &Loaded, from: NaiveDate, to: NaiveDate) -> String {
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
        let names = |ps: &[crate::dataset::PlaceId]| -> String {
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
            md(&cell(ds, l.before.as_ref())),
            md(&cell(ds, l.after.as_ref())),
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
            let _ = writeln!(
                out,
                "> {}\n>\n> — {}, when: “{}”, date: {}; {}, {}\n",
                md(&ev.quote),
                md(&words::cite(ds, ev)),
                md(&ev.when),
                md(&words::event_date(ev)),
                md(&words::event_summary(ds, ev)),
                md(&words::event_status(ds, ev))
            );
        }
    }
    out.push_str("\n## Sources\n\n");
    for s in &ds.sources {
        let _ = writeln!(out, "- {}", super::source_item(s));
    }
    let _ = writeln!(out, "\nMade with frontline from {}.", md(&ds.id));
    out
}
