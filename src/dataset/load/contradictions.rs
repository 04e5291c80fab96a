//! `[[contradictions]]` entries: accounts of one place that disagree, kept side by side.

use std::ops::Range;

use toml::de::DeTable;

use super::{Builder, ids};
use crate::dataset::fields::{Cx, Entry};
use crate::dataset::model::{Contradiction, EventId, PlaceId};

pub(super) fn read_contradiction(cx: &mut Cx, b: &mut Builder, t: &DeTable, span: &Range<usize>) {
    let mut e = Entry::new(cx, t, span, "a [[contradictions]] entry");
    let id = e.required_str("id");
    let place = e.required_str("place");
    let topic = e.required_str("topic");
    let summary = e.required_str("summary");
    let refs = e.strings("events");
    e.finish();
    if let Some(id) = &id {
        ids(&mut b.contradiction_ids, "contradiction").add(cx, id);
    }
    let place = place
        .and_then(|p| ids(&mut b.place_ids, "place").get(cx, &p))
        .map(PlaceId);
    if refs.len() < 2 {
        cx.err(
            span,
            "a contradiction needs at least two events (the accounts that disagree)",
            None,
        );
    }
    let mut list = Vec::new();
    for r in &refs {
        if let Some(e) = ids(&mut b.event_ids, "event").get(cx, r) {
            if let Some(p) = place
                && b.events[e as usize].place != p
                && !b.events[e as usize].id.is_empty()
            {
                cx.err(
                    &r.1,
                    format!("event `{}` is about another place", r.0),
                    None,
                );
            }
            list.push(EventId(e));
        }
    }
    if let (Some(id), Some(place), Some(topic), Some(summary)) = (id, place, topic, summary) {
        b.contradictions.push(Contradiction {
            id: id.0,
            place,
            topic: topic.0,
            summary: summary.0,
            events: list,
        });
    }
}
