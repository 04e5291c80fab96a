//! The day's territory as GeoJSON (`export --format geojson --areas`): the polygons the map
//! shades ([`crate::view::territory`]), one MultiPolygon feature per holder and status, and
//! one for the land with no reports. RFC 7946: `[lon, lat]`, exterior rings counter-clockwise,
//! holes clockwise, every ring closed.

use chrono::NaiveDate;
use geo::{BooleanOps, MultiPolygon};
use geojson::{Feature, Geometry, JsonObject, JsonValue, feature::Id};

use crate::dataset::FactionId;
use crate::geo::METHOD;
use crate::loaded::Loaded;
use crate::view::territory::{self, AREA_PARAMS, Firmness, Origin, PARAMS, Shade};

/// A multipolygon as a GeoJSON geometry, oriented as RFC 7946 asks.
pub(crate) fn geometry(shape: &MultiPolygon<f64>) -> Geometry {
    let shape = territory::tidy(shape.clone());
    let ring = |r: &geo::LineString<f64>| -> Vec<[f64; 2]> {
        let mut pts: Vec<[f64; 2]> = r.0.iter().map(|c| [c.x, c.y]).collect();
        if pts.first() != pts.last()
            && let Some(first) = pts.first().copied()
        {
            pts.push(first);
        }
        pts
    };
    Geometry::new_multi_polygon(shape.0.iter().map(|p| {
        std::iter::once(ring(p.exterior()))
            .chain(p.interiors().iter().map(ring))
            .collect::<Vec<_>>()
    }))
}

/// One shade's land: where it is, who else is named, and where it comes from.
type Group = (Shade, MultiPolygon<f64>, Vec<FactionId>, Vec<String>);

/// One feature per holder and status, then "no reports".
pub fn features(loaded: &Loaded, date: NaiveDate) -> Vec<Feature> {
    let ds = &loaded.dataset;
    let cursor = loaded.timeline.at(date);
    let t = territory::territory(loaded, &cursor);
    let isolated: Vec<String> = t.isolated.iter().map(|&p| ds.place(p).id.clone()).collect();
    let common = |date| common(date, &isolated);
    // Group the parts by shade, merging their land and noting where it comes from.
    let mut groups: Vec<Group> = Vec::new();
    for part in &t.parts {
        let from = match part.origin {
            Origin::Approximated => "approximated".to_string(),
            Origin::Area(p) => format!("area:{}", ds.place(p).id),
        };
        match groups.iter_mut().find(|g| g.0 == part.shade) {
            Some(g) => {
                g.1 = territory::tidy(g.1.union(&part.shape));
                g.2.extend(part.others.iter());
                if !g.3.contains(&from) {
                    g.3.push(from);
                }
            }
            None => groups.push((
                part.shade,
                part.shape.clone(),
                part.others.iter().collect(),
                vec![from],
            )),
        }
    }
    let mut out = Vec::new();
    for (shade, shape, mut others, from) in groups {
        others.sort();
        others.dedup();
        let holder = shade.holder.map(|f| ds.faction(f).id.clone());
        let id = format!(
            "territory:{}:{}",
            holder.as_deref().unwrap_or("none"),
            shade.firmness.as_str()
        );
        let mut props = common(date);
        props.insert(
            "holder".into(),
            holder.map_or(JsonValue::Null, JsonValue::from),
        );
        props.insert("status".into(), JsonValue::from(shade.firmness.as_str()));
        let key = match shade.firmness {
            Firmness::Claimed => "claimed_by",
            Firmness::Contested => "contested_by",
            Firmness::Disputed => "rival_accounts",
            Firmness::Held | Firmness::Unsettled => "others",
        };
        props.insert(
            key.into(),
            JsonValue::from(
                others
                    .iter()
                    .map(|f| ds.faction(*f).id.clone())
                    .collect::<Vec<_>>(),
            ),
        );
        props.insert("from".into(), JsonValue::from(from));
        out.push(feature(id, &shape, props));
    }
    let no_reports = t.no_reports();
    if !no_reports.0.is_empty() {
        let mut props = common(date);
        props.insert("holder".into(), JsonValue::Null);
        props.insert("status".into(), JsonValue::from("no reports"));
        out.push(feature("territory:no-reports".into(), &no_reports, props));
    }
    out
}

/// What every territory feature says of how it was made, and which places that day are
/// isolated reports (their neighbours all read otherwise: each keeps a small disc, not a
/// share of the land).
fn common(date: NaiveDate, isolated: &[String]) -> JsonObject {
    let mut p = JsonObject::new();
    p.insert("kind".into(), JsonValue::from("territory"));
    p.insert("date".into(), JsonValue::from(date.to_string()));
    p.insert("method".into(), JsonValue::from(METHOD));
    p.insert("reach_km".into(), JsonValue::from(PARAMS.reach_km));
    p.insert("enclose_km".into(), JsonValue::from(PARAMS.enclose_km));
    p.insert("disc_km".into(), JsonValue::from(PARAMS.local_km));
    p.insert(
        "isolated_reports".into(),
        JsonValue::from(isolated.to_vec()),
    );
    p.insert(
        "area_place_reach_km".into(),
        JsonValue::from(AREA_PARAMS.reach_km),
    );
    p.insert(
        "note".into(),
        JsonValue::from(
            "An approximation from the reported places, not a front line: the dataset's areas take precedence inside them, the places in an area whose reports differ keep the land near them, isolated reports and contested places keep a small disc, and land beyond reach of every place is 'no reports'.",
        ),
    );
    p
}

fn feature(id: String, shape: &MultiPolygon<f64>, props: JsonObject) -> Feature {
    Feature {
        bbox: None,
        geometry: Some(geometry(shape)),
        id: Some(Id::String(id)),
        properties: Some(props),
        foreign_members: None,
    }
}
