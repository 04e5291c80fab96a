//! GeoJSON (RFC 7946): a FeatureCollection with one Point per place, `[lon, lat]` in WGS84,
//! no `crs` member. Its properties are the row `frontline state --format json` prints for the
//! place, plus `quotes`: the events behind the state with their source and verbatim words.
//! Opens as-is in QGIS or geojson.io.

use chrono::NaiveDate;
use geojson::{Feature, FeatureCollection, Geometry, JsonObject, JsonValue, feature::Id};
use serde::Serialize;

use crate::dataset::PlaceId;
use crate::loaded::Loaded;

/// One report behind a place's state.
#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    /// Event id.
    pub event: String,
    /// What the event says happened (`captured`, `contested`, ...).
    pub kind: String,
    /// Source id.
    pub source: String,
    /// The outlet as the source credits it.
    pub outlet: String,
    /// The source's file name, relative to the dataset.
    pub file: String,
    /// The event's resolved date.
    pub date: NaiveDate,
    /// The report's own wording of when.
    pub when: String,
    /// The report's words, verbatim.
    pub quote: String,
}

/// The quotes behind a place's state on `date`, oldest first.
pub fn quotes(loaded: &Loaded, place: PlaceId, date: NaiveDate) -> Vec<Quote> {
    let ds = &loaded.dataset;
    let Some(state) = loaded.timeline.state_of(place, date) else {
        return Vec::new();
    };
    loaded
        .timeline
        .support(ds, place, &state)
        .iter()
        .map(|&e| {
            let ev = ds.event(e);
            let src = ds.source(ev.source);
            Quote {
                event: ev.id.clone(),
                kind: ev.kind.as_str().to_string(),
                source: src.id.clone(),
                outlet: src.outlet.clone(),
                file: src.file.clone(),
                date: ev.date,
                when: ev.when.clone(),
                quote: ev.quote.clone(),
            }
        })
        .collect()
}

/// The FeatureCollection for one day, pretty-printed.
///
/// # Errors
/// A serialisation error (not expected: every value is a plain string or a finite number).
pub fn document(loaded: &Loaded, date: NaiveDate) -> Result<String, serde_json::Error> {
    let ds = &loaded.dataset;
    let mut features = Vec::new();
    for (place, row) in super::place_rows(loaded, date) {
        let point = Geometry::new_point([row.lon, row.lat]);
        let mut properties = match serde_json::to_value(&row)? {
            JsonValue::Object(map) => map,
            _ => JsonObject::new(),
        };
        properties.insert(
            "quotes".into(),
            serde_json::to_value(quotes(loaded, place, date))?,
        );
        features.push(Feature {
            bbox: None,
            geometry: Some(point),
            id: Some(Id::String(row.id.clone())),
            properties: Some(properties),
            foreign_members: None,
        });
    }
    let mut about = JsonObject::new();
    about.insert(
        "name".into(),
        JsonValue::from(format!("{} — {date}", ds.name)),
    );
    about.insert("dataset".into(), JsonValue::from(ds.id.clone()));
    about.insert("date".into(), JsonValue::from(date.to_string()));
    let collection = FeatureCollection {
        bbox: None,
        features,
        foreign_members: Some(about),
    };
    serde_json::to_string_pretty(&collection).map(|s| s + "\n")
}
