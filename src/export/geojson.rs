//! GeoJSON (RFC 7946): a FeatureCollection with one Point per place, `[lon, lat]` in WGS84,
//! no `crs` member. Its properties are the row `frontline state --format json` prints for the
//! place (with `disagreements`: the contradictions about the place, with their accounts), plus
//! `quotes` (the events behind the state with their dates, who states them, their source, the
//! outlet they come from and their verbatim words), `initial` (the starting holder and the
//! words that say so) and, for an area, `area` (how it is drawn: the dataset's reading). The collection carries every
//! contradiction of the day too (`contradictions`). Opens as-is in QGIS or geojson.io.

pub mod territory;

use chrono::NaiveDate;
use geojson::{Feature, Geometry, JsonObject, JsonValue, feature::Id};
use serde::Serialize;

use crate::dataset::{PlaceId, provenance};
use crate::loaded::Loaded;
pub(crate) use crate::snapshot::Disagreement;
use crate::snapshot::disagreement;
use crate::view::words;

/// One report behind a place's state.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Quote {
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
    /// The report's headline, where the dataset gives it.
    pub title: Option<String>,
    /// The report's address, where the dataset gives it.
    pub url: Option<String>,
    /// The day the timeline applies it: its most likely day, or the latest possible one.
    pub date: NaiveDate,
    /// The first possible day.
    pub earliest: NaiveDate,
    /// The last possible day.
    pub latest: NaiveDate,
    /// The most likely day, `null` where the wording gives none.
    pub likely: Option<NaiveDate>,
    /// The report's own wording of when.
    pub when: String,
    /// Who states it: `reported`, `claimed by HTS`, `according to GOV, REB`, `denied by GOV`.
    pub status: String,
    /// The factions the statement is attributed to (their claim), ids.
    pub said_by: Vec<String>,
    /// The original reporters of the words (`Reuters`; a source id if it names no outlet).
    pub reporters: Vec<String>,
    /// The report's words, verbatim.
    pub quote: String,
}

/// Who held a place before the first event, and the words that say so.
#[derive(Debug, Clone, Serialize)]
struct Initial {
    /// Faction id of the starting holder (`null`: none, or none reported).
    holder: Option<String>,
    /// Source id of the quote, if there is one.
    source: Option<String>,
    /// The outlet as that source credits it.
    outlet: Option<String>,
    /// The source's file name, relative to the dataset.
    file: Option<String>,
    /// The report's words, verbatim.
    quote: Option<String>,
    /// Why the starting holder is known.
    note: String,
}

fn initial(loaded: &Loaded, place: PlaceId) -> Initial {
    let ds = &loaded.dataset;
    let p = ds.place(place);
    let src = p.initial_basis.source.map(|s| ds.source(s));
    Initial {
        holder: p.initial.map(|f| ds.faction(f).id.clone()),
        source: src.map(|s| s.id.clone()),
        outlet: src.map(|s| s.outlet.clone()),
        file: src.map(|s| s.file.clone()),
        quote: p.initial_basis.quote.clone(),
        note: p.initial_basis.note.clone(),
    }
}

/// How an area is drawn: the dataset's reading of the reports' words.
#[derive(Debug, Clone, Serialize)]
struct AreaBasis {
    /// In words: `first-level divisions SY-DR, SY-SU, SY-QU`, `its own polygon of 3 points`,
    /// `first-level division SY-RD, within 30 km of 33.510N 36.291E`.
    basis: String,
    /// The first-level divisions (ISO 3166-2 codes).
    divisions: Vec<String>,
    /// Its own polygon, `[lon, lat]`, if it gives one.
    polygon: Option<Vec<[f64; 2]>>,
    /// The disc's radius in km, if it gives one.
    radius_km: Option<f64>,
    /// The disc's centre, `[lon, lat]`.
    centre: Option<[f64; 2]>,
    /// The dataset authors' note: why the area is drawn so. Always the dataset's reading,
    /// not the reports' words.
    note: String,
}

fn area(loaded: &Loaded, place: PlaceId) -> Option<AreaBasis> {
    let p = loaded.dataset.place(place);
    Some(AreaBasis {
        basis: p.area_basis()?,
        divisions: p.divisions.clone(),
        polygon: p.polygon.clone(),
        radius_km: p.radius.map(|r| r.km),
        centre: p.radius.map(|r| [r.lon, r.lat]),
        note: p.note.clone(),
    })
}

/// The quotes behind a place's state on `date`, oldest first.
pub(crate) fn quotes(loaded: &Loaded, place: PlaceId, date: NaiveDate) -> Vec<Quote> {
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
                title: src.title.clone(),
                url: src.url.clone(),
                date: ev.date,
                earliest: ev.dating.earliest,
                latest: ev.dating.latest,
                likely: ev.dating.likely,
                when: ev.when.clone(),
                status: words::event_status(ds, ev),
                said_by: ev
                    .stated_by()
                    .iter()
                    .map(|f| ds.faction(*f).id.clone())
                    .collect(),
                reporters: provenance::origins(ds, ev)
                    .into_iter()
                    .map(|o| match o {
                        provenance::Origin::Outlet(name) => name,
                        provenance::Origin::Source(id) => ds.source(id).id.clone(),
                    })
                    .collect(),
                quote: ev.quote.clone(),
            }
        })
        .collect()
}

/// [`document`] written to `out` feature by feature: a place's feature is made, written and
/// dropped before the next, so the memory it takes is that of the largest feature (and the
/// day's territory, with `areas`), whatever the number of places.
///
/// # Errors
/// The writer's error, or a serialisation error (not expected).
pub(crate) fn write(
    loaded: &Loaded,
    date: NaiveDate,
    areas: bool,
    out: &mut dyn std::io::Write,
) -> Result<(), serde_json::Error> {
    use serde::ser::{SerializeMap as _, Serializer as _};
    let about = about(loaded, date)?;
    let mut ser = serde_json::Serializer::pretty(&mut *out);
    // The members in the order geojson's own FeatureCollection writes them: `type`,
    // `features`, then the foreign members by name.
    let mut map = ser.serialize_map(None)?;
    map.serialize_entry("type", "FeatureCollection")?;
    map.serialize_entry(
        "features",
        &Features {
            loaded,
            date,
            areas,
        },
    )?;
    for (key, value) in &about {
        map.serialize_entry(key, value)?;
    }
    map.end()?;
    out.write_all(b"\n").map_err(serde_json::Error::io)
}

/// The features of a day, made one at a time as they are written.
struct Features<'a> {
    loaded: &'a Loaded,
    date: NaiveDate,
    areas: bool,
}

impl Serialize for Features<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeSeq as _};
        let mut seq = s.serialize_seq(None)?;
        for (place, row) in crate::snapshot::place_rows(self.loaded, self.date) {
            let feature =
                place_feature(self.loaded, self.date, place, row).map_err(S::Error::custom)?;
            seq.serialize_element(&feature)?;
        }
        if self.areas {
            for feature in territory::features(self.loaded, self.date) {
                seq.serialize_element(&feature)?;
            }
        }
        seq.end()
    }
}

/// One place's feature: its point (an area's extent) and its row, quotes, start and reading.
fn place_feature(
    loaded: &Loaded,
    date: NaiveDate,
    place: PlaceId,
    row: crate::snapshot::PlaceRow,
) -> Result<Feature, serde_json::Error> {
    // An area is its extent; a place its point.
    let point = match &loaded.dataset.place(place).extent {
        Some(extent) => territory::geometry(extent),
        None => Geometry::new_point([row.lon, row.lat]),
    };
    let mut properties = match serde_json::to_value(&row)? {
        JsonValue::Object(map) => map,
        _ => JsonObject::new(),
    };
    properties.insert(
        "quotes".into(),
        serde_json::to_value(quotes(loaded, place, date))?,
    );
    properties.insert(
        "initial".into(),
        serde_json::to_value(initial(loaded, place))?,
    );
    if let Some(area) = area(loaded, place) {
        properties.insert("area".into(), serde_json::to_value(area)?);
    }
    Ok(Feature {
        bbox: None,
        geometry: Some(point),
        id: Some(Id::String(row.id)),
        properties: Some(properties),
        foreign_members: None,
    })
}

/// The collection's own members: its layer name and title, the dataset, the day and every
/// contradiction of the day.
fn about(loaded: &Loaded, date: NaiveDate) -> Result<JsonObject, serde_json::Error> {
    let ds = &loaded.dataset;
    let mut about = JsonObject::new();
    // GDAL and QGIS name the layer (and a shapefile saved from it) after `name`: short and
    // file-safe, the export's own file name without its extension. The long name goes in
    // `title`.
    let file = super::default_file_name(ds, date, super::Format::Geojson);
    let layer = file.strip_suffix(".geojson").unwrap_or(&file);
    about.insert("name".into(), JsonValue::from(layer));
    about.insert(
        "title".into(),
        JsonValue::from(format!("{} — {date}", ds.name)),
    );
    about.insert("dataset".into(), JsonValue::from(ds.id.clone()));
    about.insert("date".into(), JsonValue::from(date.to_string()));
    let all: Vec<Disagreement> = loaded
        .contradictions_on(date, None)
        .into_iter()
        .map(|c| disagreement(loaded, c))
        .collect();
    about.insert("contradictions".into(), serde_json::to_value(all)?);
    Ok(about)
}
