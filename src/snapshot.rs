//! One day's state of every place as plain rows: the view `frontline state` prints and every
//! export (JSON, CSV, GeoJSON, Markdown) writes, so they cannot disagree.

use chrono::NaiveDate;
use serde::Serialize;

use crate::dataset::{Contradiction, PlaceId};
use crate::loaded::Loaded;
use crate::timeline::{ClaimEnd, PlaceState};

/// One place at the end of one day.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlaceRow {
    /// Place id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind of place.
    pub kind: String,
    /// WGS84 latitude.
    pub lat: f64,
    /// WGS84 longitude.
    pub lon: f64,
    /// Faction id of the holder (`null`: outside the conflict, or no holder reported).
    pub holder: Option<String>,
    /// Display name of the holder.
    pub holder_name: Option<String>,
    /// held, contested, claimed or disputed; `none` for a place nobody holds or claims
    /// (outside the conflict, or no holder reported).
    pub status: String,
    /// The factions contesting or claiming it, or the rival accounts when disputed.
    pub others: Vec<String>,
    /// The day the status began (`null`: before the dataset starts).
    pub since: Option<NaiveDate>,
    /// `day` or `approximate`: how exactly the event that set the status is dated.
    pub date_precision: String,
    /// For approximate dates, the first possible day.
    pub since_earliest: Option<NaiveDate>,
    /// For approximate dates, the last possible day.
    pub since_latest: Option<NaiveDate>,
    /// The most likely day of the change, where the report's wording gives one (`null` for
    /// an undated report or a bare range: then it changed between earliest and latest).
    pub since_likely: Option<NaiveDate>,
    /// A party denied part of the reports behind this state.
    pub denied: bool,
    /// The event of a reported change that is not settled on this day (the day is between
    /// its earliest and latest possible day), or `null`.
    pub unsettled_event: Option<String>,
    /// Its first possible day.
    pub unsettled_earliest: Option<NaiveDate>,
    /// Its last possible day.
    pub unsettled_latest: Option<NaiveDate>,
    /// True while the state shown is the one before that change (which may already have
    /// happened); false once the change is applied but not yet certain.
    pub unsettled_pending: bool,
    /// Groups named only vaguely (`rebels`) whose accounts of the same loss support the
    /// holder's capture: the wording differs, the captor is not disputed.
    pub vague_accounts: Vec<String>,
    /// Independent reports behind the state: distinct original reporters (wire copies,
    /// rewrites and quotes citing a wire count as that wire, once).
    pub sources: usize,
    /// Of those, the reporters who name the holder (a capture, claim or statement by the
    /// holder or a group within it, or the quote behind the starting holder): fewer than
    /// `sources` where other reports tell of the loss without naming who took it.
    pub captor_sources: usize,
    /// Those reporters, each with the sources that carry its words.
    pub reporters: Vec<Reporter>,
    /// Ids of the events behind the state.
    pub events: Vec<String>,
    /// Ids of the contradictions about the place that the reports known by this day raise.
    pub contradictions: Vec<String>,
    /// The same contradictions with what they are about: id, topic and summary.
    pub disagreements: Vec<Disagreement>,
    /// Why a claim on the place no longer stands, with the claim's event: `lapsed on
    /// 2024-02-16: robotyne-ru-says` (no report renewed it for `claims_lapse_days`),
    /// `withdrawn: hasaheisa-rsf-says, hasaheisa-rsf-leaves` (its claimant withdrew), or `null`.
    pub claim_ended: Option<String>,
    /// How to name the place to a reader: its name, told apart from the places that share a
    /// spelling with it by its first-level division, and its coordinates where the division
    /// does not (`Borova (Kharkiv)`); the name alone where no other place shares it. Last, so
    /// that the CSV's earlier columns keep their positions.
    pub label: String,
}

/// A contradiction between reports, as the state rows and every export carry it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Disagreement {
    /// Contradiction id.
    pub id: String,
    /// Place id.
    pub place: String,
    /// The question the reports disagree on.
    pub topic: String,
    /// The accounts, each with its sources.
    pub summary: String,
    /// The events making up the accounts, ids.
    pub events: Vec<String>,
}

/// A contradiction as the rows and exports carry it.
pub(crate) fn disagreement(loaded: &Loaded, c: &Contradiction) -> Disagreement {
    let ds = &loaded.dataset;
    Disagreement {
        id: c.id.clone(),
        place: ds.place(c.place).id.clone(),
        topic: c.topic.clone(),
        summary: c.summary.clone(),
        events: c.events.iter().map(|e| ds.event(*e).id.clone()).collect(),
    }
}

/// One original reporter behind a state.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Reporter {
    /// The outlets (`Reuters`, `AFP`), or the id of a source that names none.
    pub names: Vec<String>,
    /// The sources carrying its words.
    pub sources: Vec<String>,
}

/// Rows for every place that exists on `date`, in dataset order.
pub fn rows(loaded: &Loaded, date: NaiveDate) -> Vec<PlaceRow> {
    place_rows(loaded, date).map(|(_, r)| r).collect()
}

/// [`rows`] one at a time, each with its place: a streamed export holds one row at a time.
pub(crate) fn place_rows(
    loaded: &Loaded,
    date: NaiveDate,
) -> impl Iterator<Item = (PlaceId, PlaceRow)> + '_ {
    let cursor = loaded.timeline.at(date);
    // Only the places with a namesake: the rows of a large dataset are made one at a time.
    let mut labels = crate::dataset::namesakes::namesake_labels(&loaded.dataset);
    (0..loaded.dataset.places.len() as u32).filter_map(move |i| {
        let p = PlaceId(i);
        let label = labels
            .remove(&p)
            .unwrap_or_else(|| loaded.dataset.place(p).name.clone());
        cursor
            .state(p)
            .map(|s| (p, labelled(loaded, p, s, cursor.date, label)))
    })
}

/// The row of one place in its state at the end of `date`.
pub fn row(loaded: &Loaded, place: PlaceId, state: &PlaceState, date: NaiveDate) -> PlaceRow {
    let label = crate::dataset::namesakes::label(&loaded.dataset, place);
    labelled(loaded, place, state, date, label)
}

/// [`row`], given the place's label.
fn labelled(
    loaded: &Loaded,
    place: PlaceId,
    state: &PlaceState,
    date: NaiveDate,
    label: String,
) -> PlaceRow {
    let ds = &loaded.dataset;
    let p = ds.place(place);
    let support = loaded.timeline.support(ds, place, state);
    let dating = state.set_by.map(|e| ds.event(e).dating);
    let (precision, earliest, latest, likely) = match dating {
        Some(d) if !d.is_exact() => ("approximate", Some(d.earliest), Some(d.latest), d.likely),
        _ => ("day", None, None, state.since),
    };
    let unsettled = state.unsettled.map(|e| ds.event(e));
    let contradictions = loaded.contradictions_on(date, Some(place));
    PlaceRow {
        id: p.id.clone(),
        name: p.name.clone(),
        kind: p.kind.as_str().to_string(),
        lat: p.lat,
        lon: p.lon,
        holder: state.holder.map(|h| ds.faction(h).id.clone()),
        holder_name: state.holder.map(|h| ds.faction(h).name.clone()),
        status: status_word(state).to_string(),
        others: state
            .others
            .iter()
            .map(|f| ds.faction(f).id.clone())
            .collect(),
        since: state.since,
        date_precision: precision.to_string(),
        since_earliest: earliest,
        since_latest: latest,
        since_likely: likely,
        denied: state.denied,
        unsettled_event: unsettled.map(|e| e.id.clone()),
        unsettled_earliest: unsettled.map(|e| e.dating.earliest),
        unsettled_latest: unsettled.map(|e| e.dating.latest),
        unsettled_pending: unsettled.is_some_and(|e| e.date > date),
        vague_accounts: state
            .vague
            .iter()
            .map(|f| ds.faction(f).id.clone())
            .collect(),
        sources: loaded.timeline.independent_reports(ds, place, state),
        captor_sources: loaded.timeline.captor_reporters(ds, place, state).len(),
        reporters: loaded
            .timeline
            .state_reporters(ds, place, state)
            .into_iter()
            .map(|g| Reporter {
                names: g.names,
                sources: g.sources.iter().map(|s| ds.source(*s).id.clone()).collect(),
            })
            .collect(),
        events: support.iter().map(|e| ds.event(*e).id.clone()).collect(),
        contradictions: contradictions.iter().map(|c| c.id.clone()).collect(),
        disagreements: contradictions
            .iter()
            .map(|c| disagreement(loaded, c))
            .collect(),
        claim_ended: state.claim_ended.map(|c| match c {
            ClaimEnd::Lapsed { claim, on } => format!("lapsed on {on}: {}", ds.event(claim).id),
            ClaimEnd::Withdrawn { claim, by } => {
                format!("withdrawn: {}, {}", ds.event(claim).id, ds.event(by).id)
            }
        }),
        label,
    }
}

/// The status as rows give it: `none` where nobody holds the place and nobody contests or
/// claims it, so that no row says `held` with no holder.
pub(crate) fn status_word(state: &crate::timeline::PlaceState) -> &'static str {
    if state.holder.is_none() && state.status == crate::timeline::Status::Held {
        "none"
    } else {
        state.status.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row comes with its own place, in dataset order, and the rows are [`rows`].
    #[test]
    fn place_rows_pair_each_row_with_its_place() {
        let loaded = crate::loaded::builtin().unwrap();
        for date in loaded.dataset.days() {
            let paired: Vec<(PlaceId, PlaceRow)> = place_rows(&loaded, date).collect();
            assert!(paired.windows(2).all(|w| w[0].0 < w[1].0), "dataset order");
            for (p, row) in &paired {
                assert_eq!(row.id, loaded.dataset.place(*p).id);
            }
            let rows: Vec<PlaceRow> = paired.into_iter().map(|(_, r)| r).collect();
            assert_eq!(rows, super::rows(&loaded, date));
        }
    }
}
