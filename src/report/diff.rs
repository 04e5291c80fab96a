//! `frontline diff`: held, lost, gained between two days, as aligned text, JSON, CSV or
//! Markdown ([`text`]). Every format is the same [`Comparison`]: per place its state on both
//! days, what happened, and the events that explain it with their sources and verbatim quotes.

mod text;

pub(crate) use text::markdown;

pub use text::table;

use chrono::NaiveDate;
use serde::Serialize;

use crate::dataset::{Dataset, EventId};
use crate::loaded::Loaded;
use crate::timeline::PlaceState;
use crate::view::compare::{self, Comparison, Line};
use crate::view::words;

/// A place's state on one day, as the data formats give it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StateOut {
    /// Faction id of the holder (`null`: outside the conflict, or no holder reported).
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
    /// Places and areas held on the first day.
    pub held_before: usize,
    /// Places and areas held on the second day.
    pub held_after: usize,
    /// Place and area ids it took.
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
        status: crate::snapshot::status_word(s).to_string(),
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
pub(super) fn ordered(c: &Comparison) -> Vec<&Line> {
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
pub(crate) fn json(
    loaded: &Loaded,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&data(loaded, from, to)).map(|s| s + "\n")
}

/// `--format csv`: one row per place, the same fields as the JSON; lists joined by `;`, the
/// quotes as `“quote” (source)` joined by ` | `.
///
/// # Errors
/// A CSV error (not expected: the rows are written to memory).
pub(crate) fn csv(loaded: &Loaded, from: NaiveDate, to: NaiveDate) -> Result<String, csv::Error> {
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
        // Every cell of dataset text is made inert for spreadsheets, as `state` does; the
        // dates and status words are frontline's own.
        let cell = crate::report::text_cell;
        w.write_record([
            cell(p.id.clone()),
            cell(p.name.clone()),
            p.change.clone(),
            cell(p.what.clone()),
            cell(p.when.clone().unwrap_or_default()),
            opt(p.changed_earliest),
            opt(p.changed_latest),
            opt(p.changed_likely),
            cell(hb),
            sb,
            cell(ob),
            cell(ha),
            sa,
            cell(oa),
            cell(join(&|e| e.event.clone(), ";")),
            cell(join(&|e| e.source.clone(), ";")),
            cell(join(&|e| format!("“{}” ({})", e.quote, e.source), " | ")),
        ])?;
    }
    let bytes = w.into_inner().map_err(csv::IntoInnerError::into_error)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
