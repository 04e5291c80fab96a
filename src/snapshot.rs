//! One day's state of every place as plain rows: the view `frontline state` prints and every
//! export (JSON, CSV, GeoJSON, Markdown) writes, so they cannot disagree.

use chrono::NaiveDate;
use serde::Serialize;

use crate::dataset::{Dataset, EventId, PlaceId, Precision};
use crate::loaded::Loaded;
use crate::timeline::PlaceState;

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
    /// Faction id of the holder (`null` outside the conflict).
    pub holder: Option<String>,
    /// Display name of the holder.
    pub holder_name: Option<String>,
    /// held, contested, claimed or disputed.
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
    /// A party denied part of the reports behind this state.
    pub denied: bool,
    /// Independent reports behind the state (same-story copies count once).
    pub sources: usize,
    /// Ids of the events behind the state.
    pub events: Vec<String>,
}

/// Rows for every place that exists on `date`, in dataset order.
pub fn rows(loaded: &Loaded, date: NaiveDate) -> Vec<PlaceRow> {
    let cursor = loaded.timeline.at(date);
    (0..loaded.dataset.places.len())
        .filter_map(|i| {
            let p = PlaceId(i as u32);
            cursor.state(p).map(|s| row(loaded, p, s))
        })
        .collect()
}

/// The row of one place in one state.
pub fn row(loaded: &Loaded, place: PlaceId, state: &PlaceState) -> PlaceRow {
    let ds = &loaded.dataset;
    let p = ds.place(place);
    let support = loaded.timeline.support(ds, place, state);
    let setter = setting_event(ds, &support, state);
    let (precision, earliest, latest) = match setter.map(|e| ds.event(e).precision) {
        Some(Precision::Approximate { earliest, latest }) => {
            ("approximate", Some(earliest), Some(latest))
        }
        _ => ("day", None, None),
    };
    PlaceRow {
        id: p.id.clone(),
        name: p.name.clone(),
        kind: p.kind.as_str().to_string(),
        lat: p.lat,
        lon: p.lon,
        holder: state.holder.map(|h| ds.faction(h).id.clone()),
        holder_name: state.holder.map(|h| ds.faction(h).name.clone()),
        status: state.status.as_str().to_string(),
        others: state
            .others
            .iter()
            .map(|f| ds.faction(f).id.clone())
            .collect(),
        since: state.since,
        date_precision: precision.to_string(),
        since_earliest: earliest,
        since_latest: latest,
        denied: state.denied,
        sources: loaded.timeline.independent_reports(ds, place, state),
        events: support.iter().map(|e| ds.event(*e).id.clone()).collect(),
    }
}

/// The event that began the current status: the first of the support dated `since`.
fn setting_event(ds: &Dataset, support: &[EventId], state: &PlaceState) -> Option<EventId> {
    let since = state.since?;
    let that_day = || {
        support
            .iter()
            .copied()
            .filter(move |e| ds.event(*e).date == since)
    };
    // The most precise report of that day dates the change.
    that_day()
        .find(|e| ds.event(*e).precision == Precision::Day)
        .or_else(|| that_day().next())
}
