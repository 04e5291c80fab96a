//! `[[events]]` entries: what a report says happened to a place, and the date its wording
//! resolves to against the report's publication.

use std::ops::Range;

use chrono::NaiveDate;
use toml::de::DeTable;

use super::meta::{Meta, check_in_range};
use super::{Builder, ids};
use crate::dataset::dates::{self, NOT_STATED};
use crate::dataset::fields::{Cx, Entry, Sp, Val};
use crate::dataset::model::{Dating, Event, EventKind, FactionId, Loc, PlaceId, Source, SourceId};

/// One `[[events]]` entry: its fields read, each checked where it is read, then the event
/// (or a placeholder that keeps indices aligned when the entry is broken).
pub(super) fn read_event(
    cx: &mut Cx,
    b: &mut Builder,
    t: &DeTable,
    span: &Range<usize>,
    meta: &Meta,
) {
    let mut e = Entry::new(cx, t, span, "an [[events]] entry");
    let id = e.required_str("id");
    let place = e.required_str("place");
    let kind_s = e.required_str("kind");
    let faction_s = e.opt_str("faction");
    let from_s = e.opt_str("from");
    let source = e.required_str("source");
    let when = e.opt_str("when");
    let date = e.opt_date("date");
    let quote = e.required_str("quote");
    let note = e.text("note");
    let said_by = e.raw("said_by");
    let cites = e.opt_str("cites");
    let qualifier = e.opt_str("qualifier");
    let range = (e.opt_date("earliest"), e.opt_date("latest"));
    e.finish();
    if let Some(id) = &id {
        ids(&mut b.event_ids, "event").add(cx, id);
    }
    let place = place
        .and_then(|p| ids(&mut b.place_ids, "place").get(cx, &p))
        .map(PlaceId);
    let kind = kind_s.as_ref().and_then(|k| event_kind(cx, k));
    let faction = faction_s
        .as_ref()
        .and_then(|f| ids(&mut b.faction_ids, "faction").get(cx, f))
        .map(FactionId);
    let from = from_s
        .as_ref()
        .and_then(|f| ids(&mut b.faction_ids, "faction").get(cx, f))
        .map(FactionId);
    if let Some(k) = kind {
        check_sides(cx, span, k, (faction_s.is_some(), faction), (&from_s, from));
    }
    let said_by = read_said_by(cx, b, said_by);
    let source = source
        .and_then(|s| ids(&mut b.source_ids, "source").get(cx, &s))
        .map(SourceId);
    if let Some((q, _)) = &quote {
        check_in_quote(cx, q, cites.as_ref(), qualifier.as_ref());
    }
    if let (Some(src), Some((_, qspan))) = (source, &quote) {
        // Checked in one pass per source once every event is read (see `check_event_quotes`).
        b.pending_quotes.push((src, b.events.len(), qspan.clone()));
    }
    let resolved = match range {
        (None, None) => resolve_date(
            cx,
            span,
            meta,
            source.map(|s| &b.sources[s.index()]),
            when.as_ref(),
            date.as_ref(),
            quote.as_ref(),
        ),
        range => given_range(cx, span, meta, range, when.as_ref(), date.as_ref()),
    };
    let (Some(id), Some(place), Some(kind), Some(source), Some(r)) =
        (id, place, kind, source, resolved)
    else {
        // Keep the quote: it is still checked against its source.
        let mut placeholder = placeholder_event(meta);
        placeholder.quote = quote.map(|q| q.0).unwrap_or_default();
        b.events.push(placeholder);
        return;
    };
    let Some(quote) = quote else {
        b.events.push(placeholder_event(meta));
        return;
    };
    b.events.push(Event {
        id: id.0,
        date: r.effective(),
        dating: r,
        when: when.map_or_else(
            || match r.is_exact() {
                true => "given as a date".to_string(),
                false => "given as a range of dates".to_string(),
            },
            |w| w.0,
        ),
        place,
        kind,
        faction,
        from,
        said_by,
        cites: cites.map(|c| c.0.trim().to_string()),
        qualifier: qualifier.map(|w| w.0.trim().to_string()),
        source,
        quote: quote.0,
        note,
        loc: cx.loc(span.start),
    });
}

/// The kind named `k`, or an error listing the kinds.
fn event_kind(cx: &mut Cx, (k, s): &(String, Range<usize>)) -> Option<EventKind> {
    let found = EventKind::ALL.iter().find(|(_, n)| n == k).map(|(k, _)| *k);
    if found.is_none() {
        let names: Vec<&str> = EventKind::ALL.iter().map(|(_, n)| *n).collect();
        cx.err(
            s,
            format!("unknown event kind `{k}`"),
            Some(format!("kinds: {}", names.join(", "))),
        );
    }
    found
}

/// Who a kind of event needs: a `faction` where the kind names one, a `from` only for a
/// capture, and never the faction itself.
fn check_sides(
    cx: &mut Cx,
    span: &Range<usize>,
    k: EventKind,
    (has_faction, faction): (bool, Option<FactionId>),
    (from_s, from): (&Option<(String, Range<usize>)>, Option<FactionId>),
) {
    if k.needs_faction() && !has_faction {
        cx.err(
            span,
            format!("a `{}` event needs a `faction`", k.as_str()),
            None,
        );
    }
    if let Some((_, s)) = from_s {
        if k != EventKind::Captured {
            cx.err(s, "`from` is only for `captured` events", None);
        } else if from.is_some() && from == faction {
            cx.err(s, "a faction cannot capture a place from itself", None);
        }
    }
}

/// `cites` and `qualifier` are the quote's own words: each must occur in it.
fn check_in_quote(
    cx: &mut Cx,
    quote: &str,
    cites: Option<&(String, Range<usize>)>,
    qualifier: Option<&(String, Range<usize>)>,
) {
    let q = quote.to_lowercase();
    if let Some((c, cspan)) = cites
        && !q.contains(&c.trim().to_lowercase())
    {
        cx.err(
            cspan,
            format!("the quote does not name the outlet `{c}` it is said to cite"),
            Some("`cites` is for a quote that credits an outlet in its own words (\"cited by Reuters\")".into()),
        );
    }
    if let Some((w, wspan)) = qualifier
        && !q.contains(&w.trim().to_lowercase())
    {
        cx.err(
            wspan,
            format!("the qualifier `{w}` does not occur in the quote"),
            Some("`qualifier` keeps the report's own hedge (\"almost\", \"most of\"): copy it from the quote".into()),
        );
    }
}

/// Keeps event indices aligned when an entry is broken (loading fails anyway).
fn placeholder_event(meta: &Meta) -> Event {
    Event {
        id: String::new(),
        date: meta.start,
        dating: Dating::day(meta.start),
        when: String::new(),
        place: PlaceId(0),
        kind: EventKind::Other,
        faction: None,
        from: None,
        said_by: Vec::new(),
        cites: None,
        qualifier: None,
        source: SourceId(0),
        quote: String::new(),
        note: String::new(),
        loc: Loc::default(),
    }
}

/// `said_by`: one faction id or a list of them.
fn read_said_by(cx: &mut Cx, b: &mut Builder, v: Option<&Val<'_>>) -> Vec<FactionId> {
    let refs: Vec<Sp<String>> = match v {
        Some(v) if v.get_ref().as_str().is_some() => cx
            .string(Some(v), "said_by", &(0..0), "said_by", true)
            .into_iter()
            .collect(),
        other => cx.strings(other, "said_by"),
    };
    let mut out = Vec::new();
    for r in &refs {
        if let Some(f) = ids(&mut b.faction_ids, "faction").get(cx, r).map(FactionId)
            && !out.contains(&f)
        {
            out.push(f);
        }
    }
    out
}

fn resolve_date(
    cx: &mut Cx,
    span: &Range<usize>,
    meta: &Meta,
    source: Option<&Source>,
    when: Option<&Sp<String>>,
    date: Option<&Sp<NaiveDate>>,
    quote: Option<&Sp<String>>,
) -> Option<Dating> {
    let resolved = match (when, date) {
        (None, None) => {
            cx.err(span, "an event needs `when` (the report's wording) or `date`", Some("e.g. when = \"on Friday evening\", resolved against the source's publication date".into()));
            return None;
        }
        (None, Some((d, _))) => Dating::day(*d),
        (Some((w, wspan)), explicit) => {
            let source = source?;
            let Some(r) = dates::resolve(w, source.published, meta.start) else {
                cx.err(wspan, format!("cannot resolve the wording `{w}` to a date"), Some("use a weekday, today/yesterday, two of them (\"on Friday and Saturday\"), a week ago, last week, within 24 hours, over the past few days, two days ago, a calendar date (\"24 February 2022\", \"between 17–19 October 2023\", \"in early September 2022\"), or `not stated`; or give `date` = YYYY-MM-DD with the wording".into()));
                return None;
            };
            if w != NOT_STATED
                && let Some((q, _)) = quote
                && !q.to_lowercase().contains(&w.to_lowercase())
            {
                cx.err(
                    wspan,
                    format!("the wording `{w}` does not occur in the quote"),
                    Some("quote the words that date the event, or use `not stated`".into()),
                );
            }
            match explicit {
                // With an exact wording the date is a check; with a range it names the most
                // likely day, which must lie in the range.
                Some((d, dspan)) if *d < r.earliest || *d > r.latest => {
                    let range = if r.is_exact() {
                        r.earliest.to_string()
                    } else {
                        format!("{}..{}", r.earliest, r.latest)
                    };
                    cx.err(
                        dspan,
                        format!(
                            "date {d} disagrees with `{w}`, which resolves to {range} against {} ({})",
                            source.published, source.id
                        ),
                        None,
                    );
                    return None;
                }
                Some((d, _)) => Dating {
                    likely: Some(*d),
                    ..r
                },
                None => r,
            }
        }
    };
    let at = date
        .map(|d| d.1.clone())
        .or(when.map(|w| w.1.clone()))
        .unwrap_or(span.clone());
    check_in_range(cx, resolved.effective(), &at, meta, "the event's date").then_some(resolved)
}

/// `earliest` and `latest` given: the range itself, for data whose dates are not worded in a
/// quote (an import from a table that records how precise each date is). `date` may name the
/// most likely day in it; `when` would be a second answer, so it is refused.
fn given_range(
    cx: &mut Cx,
    span: &Range<usize>,
    meta: &Meta,
    range: (Option<Sp<NaiveDate>>, Option<Sp<NaiveDate>>),
    when: Option<&Sp<String>>,
    date: Option<&Sp<NaiveDate>>,
) -> Option<Dating> {
    let (Some((earliest, espan)), Some((latest, lspan))) = range else {
        cx.err(
            span,
            "an event with `earliest` or `latest` needs both",
            Some("e.g. earliest = 2024-11-25, latest = 2024-12-01: the first and last day it may have happened".into()),
        );
        return None;
    };
    if let Some((_, wspan)) = when {
        cx.err(
            wspan,
            "`when` and `earliest`/`latest` both date the event",
            Some(
                "keep `when` (the report's wording, resolved when loading) or the range, not both"
                    .into(),
            ),
        );
        return None;
    }
    if earliest > latest {
        cx.err(
            &espan,
            format!("earliest {earliest} is after latest {latest}"),
            None,
        );
        return None;
    }
    let likely = match date {
        Some((d, dspan)) if *d < earliest || *d > latest => {
            cx.err(
                dspan,
                format!("date {d} is outside the range {earliest}..{latest}: with a range, `date` names its most likely day"),
                None,
            );
            return None;
        }
        // A range of one day is that day.
        d => d.map(|d| d.0).or((earliest == latest).then_some(earliest)),
    };
    let inside = check_in_range(cx, earliest, &espan, meta, "the event's earliest day")
        & check_in_range(cx, latest, &lspan, meta, "the event's latest day");
    inside.then_some(Dating::range(earliest, latest, likely))
}
