//! How frontline puts events and states into words for people: the same phrases on the
//! screen, in the CLI's reports and in every export.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::dataset::dates::NOT_STATED;
use crate::dataset::{Dataset, Dating, Event, EventId, EventKind, FactionId, PlaceId, Source};
use crate::timeline::{ClaimEnd, PlaceState, Status};

mod credits;
mod reporters;

pub(crate) use credits::coordinate_credits;
pub(crate) use reporters::captor;
pub(crate) use reporters::reporters;
pub(crate) use reporters::reporters_naming;

/// `2024-12-06 Fri`.
pub(crate) fn day_label(d: NaiveDate) -> String {
    format!("{d} {}", d.weekday())
}

/// `6 Dec`.
pub(crate) fn short_day(d: NaiveDate) -> String {
    d.format("%-d %b").to_string()
}

/// How an event's date is known, for people: `2024-12-06`, `~2024-11-30 (2024-11-29..2024-12-01)`
/// (a most likely day in a range), `2024-12-06..2024-12-07` (a range), or
/// `by 2024-12-07 (none given)` (an undated statement, by its publication).
pub(crate) fn event_date(ev: &Event) -> String {
    let d = ev.dating;
    match (d.is_exact(), d.likely) {
        (true, _) => d.earliest.to_string(),
        (false, Some(l)) => format!("~{l} ({}..{})", d.earliest, d.latest),
        (false, None) if ev.when == NOT_STATED => format!("by {} (none given)", d.latest),
        (false, None) => format!("{}..{}", d.earliest, d.latest),
    }
}

/// An event's date in a few characters for a panel: `Fri 06 Dec`, `~Sat 30 Nov`,
/// `Fri 06–Sat 07 Dec`, `Wed 27 Nov–Mon 02 Dec` (a range across months names both),
/// `by Sat 07 Dec`.
pub(crate) fn event_day_short(ev: &Event) -> String {
    let d = ev.dating;
    let f = |x: NaiveDate| x.format("%a %d %b").to_string();
    match (d.is_exact(), d.likely) {
        (true, _) => f(d.earliest),
        (false, Some(l)) => format!("~{}", f(l)),
        (false, None) if ev.when == NOT_STATED => format!("by {}", f(d.latest)),
        (false, None) => format!("{}–{}", range_start(d.earliest, d.latest), f(d.latest)),
    }
}

/// The first day of a range as its short form writes it: without the month when the range
/// ends in the same month (`Fri 06`), with it otherwise (`Wed 27 Nov`), and with the year
/// when that differs too (`Tue 31 Dec 2024`).
pub(crate) fn range_start(first: NaiveDate, last: NaiveDate) -> String {
    use chrono::Datelike;
    let format = if first.year() != last.year() {
        "%a %d %b %Y"
    } else if first.month() != last.month() {
        "%a %d %b"
    } else {
        "%a %d"
    };
    first.format(format).to_string()
}

/// `between 25 Nov and 7 Dec`, with `(most likely 30 Nov)` where the wording gives a day.
pub(crate) fn window(d: Dating) -> String {
    let mut s = format!(
        "between {} and {}",
        short_day(d.earliest),
        short_day(d.latest)
    );
    if let Some(l) = d.likely {
        let _ = write!(s, " (most likely {})", short_day(l));
    }
    s
}

/// Faction labels joined: `GOV, REB`.
fn labels(ds: &Dataset, factions: &[FactionId]) -> String {
    factions
        .iter()
        .map(|f| ds.faction(*f).label.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Who states it: `reported` (the report's own account), `according to GOV, REB` (a
/// statement the report attributes to parties), `claimed by REB` (a capture only the captor's
/// side states); for a `claimed` or `denied` event, whose summary names its faction already,
/// `claim` or `denial` (`claim by REB, HTS` when others state it too).
pub fn event_status(ds: &Dataset, ev: &Event) -> String {
    let said = ev.stated_by();
    let own = said.len() == 1 && ev.faction == said.first().copied();
    match ev.kind {
        EventKind::Claimed if own => "claim".to_string(),
        EventKind::Denied if own => "denial".to_string(),
        EventKind::Claimed => format!("claim by {}", labels(ds, &said)),
        EventKind::Denied => format!("denial by {}", labels(ds, &said)),
        EventKind::Captured
            if !ev.said_by.is_empty()
                && ev
                    .faction
                    .is_some_and(|f| ev.said_by.iter().all(|s| ds.related(*s, f))) =>
        {
            format!("claimed by {}", labels(ds, &said))
        }
        _ if !said.is_empty() => format!("according to {}", labels(ds, &said)),
        _ => "reported".to_string(),
    }
}

/// What an event says happened, to follow the place's name: `captured by SOR from GOV`,
/// `contested by HTS`, `GOV withdrew from it`, `GOV fell back to it`, `people fled`, `unrest`.
pub fn event_summary(ds: &Dataset, ev: &Event) -> String {
    let summary = event_kind_summary(ds, ev);
    match &ev.qualifier {
        // The report's own hedge stays with what it hedges.
        Some(q) => format!("{summary} (the report says \"{q}\")"),
        None => summary,
    }
}

fn event_kind_summary(ds: &Dataset, ev: &Event) -> String {
    let who = ev.faction.map(|f| ds.faction(f).label.clone());
    let by = who
        .as_ref()
        .map_or_else(String::new, |w| format!(" by {w}"));
    let subject = |verb: &str, none: &str| match &who {
        Some(w) => format!("{w} {verb}"),
        None => none.to_string(),
    };
    match ev.kind {
        EventKind::Captured => {
            let mut s = format!("captured{by}");
            if let Some(f) = ev.from {
                let _ = write!(s, " from {}", ds.faction(f).label);
            }
            s
        }
        EventKind::Contested => format!("contested{by}"),
        EventKind::Claimed => format!("claimed{by}"),
        EventKind::Denied => format!("denied{by}"),
        EventKind::Withdrew => subject("withdrew from it", "forces withdrew from it"),
        EventKind::WithdrewTo => subject("fell back to it", "forces fell back to it"),
        EventKind::Advanced => subject("advancing on it", "an advance on it"),
        EventKind::Reinforced => format!("reinforced or defended{by}"),
        EventKind::Fled => subject("fled", "people fled"),
        EventKind::Present => subject("reported present", "someone reported present"),
        EventKind::Unrest => "unrest".to_string(),
        EventKind::Other => "also mentioned".to_string(),
    }
}

/// Where the words come from, beyond the source itself: `citing Reuters` (the quote credits
/// an outlet), `from Reuters, AFP` (the source rewrites those wires), `same story as 004`.
pub(crate) fn provenance(ds: &Dataset, ev: &Event) -> Option<String> {
    if let Some(c) = &ev.cites {
        return Some(format!("citing {c}"));
    }
    let src = ds.source(ev.source);
    let root = ds.source(ds.story_root(ev.source));
    if !root.derived_from.is_empty() {
        let from = format!("from {}", root.derived_from.join(", "));
        return Some(if std::ptr::eq(src, root) {
            from
        } else {
            format!("same story as {}, {from}", root.id)
        });
    }
    src.same_story_as
        .map(|s| format!("same story as {}", ds.source(s).id))
}

/// The source as cited, with its chain: `004 (Reuters, sources/004.txt)`,
/// `002 (Reuters/AFP, sources/002.txt; from Reuters, AFP)`.
pub(crate) fn cite(ds: &Dataset, ev: &Event) -> String {
    let src = ds.source(ev.source);
    match provenance(ds, ev) {
        Some(chain) => format!("{} ({}, {}; {chain})", src.id, src.outlet, src.file),
        None => format!("{} ({}, {})", src.id, src.outlet, src.file),
    }
}

/// A source as a picture's footer cites it: outlet, day of publication and headline where
/// the dataset gives one, then its id, which `frontline sources ID` prints, and its address
/// (`Reuters, 7 Dec 2024: Rebels enter Homs [004] https://…`; `Sky News, 7 Dec 2024 [000]`).
pub(crate) fn source_citation(src: &Source) -> String {
    let outlet = if src.outlet.eq_ignore_ascii_case("not stated") {
        "outlet not stated"
    } else {
        src.outlet.as_str()
    };
    let day = src.published.format("%-d %b %Y");
    let mut s = match &src.title {
        Some(t) => format!("{outlet}, {day}: {t} [{}]", src.id),
        None => format!("{outlet}, {day} [{}]", src.id),
    };
    if let Some(u) = &src.url {
        s.push(' ');
        s.push_str(u);
    }
    s
}

/// A one-line description of a place's state: "held by GOV", "contested: GOV holds, HTS
/// attacks". A place with no holder is "outside the conflict" only if it lies outside the
/// theatre; inside it, "no holder reported".
pub fn describe(ds: &Dataset, place: PlaceId, state: &PlaceState) -> String {
    let holder = state
        .holder
        .map_or_else(|| "no holder".to_string(), |h| ds.faction(h).label.clone());
    let others: Vec<&str> = state
        .others
        .iter()
        .map(|f| ds.faction(f).label.as_str())
        .collect();
    let others = others.join(", ");
    let denied = if state.denied { " (denied)" } else { "" };
    let mut s = match state.status {
        Status::Held if state.holder.is_none() => no_holder(ds, place).to_string(),
        Status::Held => format!("held by {holder}"),
        Status::Contested => {
            format!("contested: {holder} holds, {others} inside or attacking{denied}")
        }
        Status::Claimed if state.holder.is_none() => {
            format!("claimed by {others}, unconfirmed{denied}")
        }
        Status::Claimed => format!("claimed by {others}, unconfirmed; {holder} held it{denied}"),
        Status::Disputed => {
            format!("disputed: reports name {holder} or {others} as captor{denied}")
        }
    };
    if !state.vague.is_empty() {
        let vague: Vec<&str> = state
            .vague
            .iter()
            .map(|f| ds.faction(f).label.as_str())
            .collect();
        let _ = write!(
            s,
            "; other reports name no group ({}) for the same loss",
            vague.join(", ")
        );
    }
    if let Some(q) = state
        .set_by
        .and_then(|e| ds.events.get(e.index()))
        .and_then(|e| e.qualifier.as_ref())
    {
        let _ = write!(s, " (the report says \"{q}\")");
    }
    if let Some(end) = claim_ended(ds, state) {
        let _ = write!(s, "; {end}");
    }
    s
}

/// A place with no holder, in words: `outside the conflict` if it lies outside the theatre,
/// else `no holder reported` (the reports say nothing of who held it).
fn no_holder(ds: &Dataset, place: PlaceId) -> &'static str {
    if ds
        .places
        .get(place.index())
        .is_some_and(|p| p.outside_theatre)
    {
        "outside the conflict"
    } else {
        "no holder reported"
    }
}

/// Why a claim no longer stands on the state: `REB's claim (001, 13 Feb) lapsed on 16 Feb: no
/// report renewed it for 3 days`, `RSF's claim (wire, 6 Jan) ended: RSF withdrew (paper, 9
/// Jan)`.
pub(crate) fn claim_ended(ds: &Dataset, state: &PlaceState) -> Option<String> {
    let claim_of = |e: EventId| {
        let ev = ds.event(e);
        let who = ev.faction.map_or("a", |f| ds.faction(f).label.as_str());
        format!(
            "{who}'s claim ({}, {})",
            ds.source(ev.source).id,
            short_day(ev.date)
        )
    };
    Some(match state.claim_ended? {
        ClaimEnd::Lapsed { claim, on } => format!(
            "{} lapsed on {}: no report renewed it for {} days",
            claim_of(claim),
            short_day(on),
            ds.claims_lapse_days.unwrap_or(0)
        ),
        ClaimEnd::Withdrawn { claim, by } => {
            let ev = ds.event(by);
            format!(
                "{} ended: {} ({}, {})",
                claim_of(claim),
                event_summary(ds, ev),
                ds.source(ev.source).id,
                short_day(ev.date)
            )
        }
    })
}

/// Since when the state holds, for people: `since 2024-12-06`, `since ~2024-11-30, changed
/// between 29 Nov and 1 Dec (most likely 30 Nov)`, `changed between 25 Nov and 7 Dec`, or
/// `since before the dataset`.
pub fn since(ds: &Dataset, state: &PlaceState) -> String {
    let Some(day) = state.since else {
        return "since before the dataset".to_string();
    };
    match state.set_by.map(|e| ds.event(e).dating) {
        Some(d) if !d.is_exact() && d.likely.is_some() => {
            format!("since ~{day}, changed {}", window(d))
        }
        Some(d) if !d.is_exact() => format!("changed {}", window(d)),
        _ => format!("since {day}"),
    }
}

/// On `date`, a reported change not yet settled: `changed between 29 Nov and 1 Dec (most
/// likely 30 Nov); not settled on this day`, or before the change is applied `may have
/// changed already: captured by OTH from GOV (001), between 25 Nov and 7 Dec`.
pub(crate) fn unsettled(ds: &Dataset, state: &PlaceState, date: NaiveDate) -> Option<String> {
    let ev = ds.event(state.unsettled?);
    let src = &ds.source(ev.source).id;
    Some(if ev.date > date {
        format!(
            "may have changed already: {} ({src}), {}",
            event_summary(ds, ev),
            window(ev.dating)
        )
    } else {
        format!(
            "{} ({src}) {}; not settled on this day",
            event_summary(ds, ev),
            window(ev.dating)
        )
    })
}

/// How an area is drawn and that it is the dataset's reading: `drawn as first-level
/// divisions SY-RD, within 30 km of 33.510N 36.291E — the dataset's reading, not the
/// reports' words: …` (its `note`); `None` for a place.
pub(crate) fn area_reading(ds: &Dataset, place: PlaceId) -> Option<String> {
    let p = ds.places.get(place.index())?;
    let basis = p.area_basis()?;
    Some(if p.note.is_empty() {
        format!("drawn as {basis}: the dataset's reading, not the reports' words")
    } else {
        format!(
            "drawn as {basis}: the dataset's reading, not the reports' words. {}",
            p.note
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_across_months_names_both() {
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
        let last = d(12, 2);
        assert_eq!(
            format!(
                "{}–{}",
                range_start(d(11, 27), last),
                last.format("%a %d %b")
            ),
            "Wed 27 Nov–Mon 02 Dec"
        );
        assert_eq!(range_start(d(12, 1), last), "Sun 01");
        let new_year = NaiveDate::from_ymd_opt(2025, 1, 2).unwrap();
        assert_eq!(range_start(d(12, 31), new_year), "Tue 31 Dec 2024");
    }
}
