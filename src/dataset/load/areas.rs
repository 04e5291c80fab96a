//! The extent of a `kind = "area"` place: the union of first-level divisions named by ISO
//! 3166-2 code and a polygon of its own, cut to a disc of `radius_km` around its `lat`/`lon`
//! where it gives one; a polygon or a disc without divisions is cut to the theatre's land.
//! And the point its label goes at.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use geo::orient::{Direction, Orient};
use geo::{BooleanOps, Coord, InteriorPoint, LineString, MultiPolygon};
use toml::de::DeValue;

use super::Builder;
use crate::dataset::fields::{Cx, Sp, Val, closest_word};
use crate::dataset::limits::{MAX_AREA_DIVISIONS, MAX_AREA_VERTICES, MAX_AREAS};
use crate::dataset::model::Radius;
use crate::geo::territory::guard::robust;
use crate::geo::{MapArea, Polygon, Region, World};

/// What an area is made of, read from its entry.
pub(super) struct Extent {
    pub(super) shape: Arc<MultiPolygon<f64>>,
    pub(super) divisions: Vec<String>,
    pub(super) polygon: Option<Vec<[f64; 2]>>,
    pub(super) radius: Option<Radius>,
}

/// The largest `radius_km` an area may give: a disc, not a hemisphere.
const MAX_RADIUS_KM: f64 = 2_000.0;

/// Points on a disc's edge.
const DISC_POINTS: usize = 72;

/// The codes and names of every division, lower-cased, to their index in the basemap.
pub(super) type DivisionIndex = HashMap<String, usize>;

fn index(world: &World) -> DivisionIndex {
    let mut map = HashMap::new();
    for (i, (iso, name, _)) in world.division_names().into_iter().enumerate() {
        if !iso.is_empty() {
            map.entry(iso.to_lowercase()).or_insert(i);
        }
        map.entry(name.to_lowercase()).or_insert(i);
    }
    map
}

/// `radius_km` of an area: a finite number of km above 0 and at most [`MAX_RADIUS_KM`].
pub(super) fn read_radius(
    cx: &mut Cx,
    v: Option<&Val<'_>>,
    span: &Range<usize>,
) -> Option<Sp<f64>> {
    let (km, s) = cx.number(Some(v?), "radius_km", span, "an area")?;
    if km.is_finite() && km > 0.0 && km <= MAX_RADIUS_KM {
        return Some((km, s));
    }
    cx.err(
        &s,
        format!("`radius_km` = {km} must be above 0 and at most {MAX_RADIUS_KM}"),
        Some("the radius in km of the disc around the area's lat and lon".into()),
    );
    None
}

/// Read `divisions`, `polygon` and the disc (`radius_km` around the area's lat/lon) of an area
/// entry; `None` after reporting what is wrong.
pub(super) fn read_extent(
    cx: &mut Cx,
    b: &mut Builder,
    divisions: Option<&Val<'_>>,
    polygon: Option<&Val<'_>>,
    radius: Option<Radius>,
    span: &Range<usize>,
) -> Option<Extent> {
    b.areas += 1;
    if b.areas == MAX_AREAS + 1 {
        cx.err(
            span,
            format!(
                "more than {MAX_AREAS} areas; an area is built from its divisions when loading"
            ),
            None,
        );
    }
    if b.areas > MAX_AREAS {
        return None;
    }
    if divisions.is_none() && polygon.is_none() && radius.is_none() {
        cx.err(
            span,
            "an area needs `divisions` (ISO 3166-2 codes, such as \"SY-DR\"), a `polygon` or a `radius_km`",
            Some("polygon = [[lon, lat], [lon, lat], [lon, lat], ...], or radius_km = 30 around its lat and lon".into()),
        );
        return None;
    }
    let codes = cx.strings(divisions, "divisions");
    if codes.len() > MAX_AREA_DIVISIONS {
        cx.err(
            &codes[MAX_AREA_DIVISIONS].1,
            format!("an area of more than {MAX_AREA_DIVISIONS} divisions"),
            None,
        );
        return None;
    }
    let mut regions: Vec<Region> = Vec::new();
    let mut names = Vec::new();
    let mut ok = true;
    if !codes.is_empty() {
        let Some(world) = World::builtin() else {
            cx.err(
                span,
                "the world basemap is damaged: divisions cannot be read",
                None,
            );
            return None;
        };
        let idx = b.divisions.get_or_insert_with(|| index(world));
        for (code, s) in &codes {
            match idx.get(&code.trim().to_lowercase()).copied() {
                Some(i) => match world.division_at(i) {
                    Some(r) => {
                        names.push(r.iso.clone().unwrap_or_else(|| code.clone()));
                        regions.push(r);
                    }
                    None => ok = false,
                },
                None => {
                    let country = code.split('-').next().unwrap_or("").to_uppercase();
                    let known: Vec<String> = world
                        .division_names()
                        .into_iter()
                        .filter(|(iso, _, c)| !iso.is_empty() && *c == country)
                        .map(|(iso, name, _)| format!("{iso} ({name})"))
                        .collect();
                    let codes: Vec<&str> =
                        known.iter().filter_map(|k| k.split(' ').next()).collect();
                    let closest = closest_word(&code.to_uppercase(), &codes, &mut cx.hint_budget)
                        .and_then(|c| known.iter().find(|k| k.split(' ').next() == Some(c)));
                    let hint = match (closest, known.is_empty()) {
                        (_, true) => "divisions are named by ISO 3166-2 code (\"SY-DR\", \"UA-14\") or English name"
                            .to_string(),
                        (Some(c), false) => format!(
                            "did you mean {c}? {country}'s divisions: {}",
                            known.join(", ")
                        ),
                        (None, false) => format!("{country}'s divisions: {}", known.join(", ")),
                    };
                    cx.err(s, format!("no first-level division `{code}`"), Some(hint));
                    ok = false;
                }
            }
        }
    }
    let mut own = None;
    if let Some(v) = polygon {
        match read_ring(cx, v) {
            Some(ring) => {
                regions.push(Region::new(
                    "polygon",
                    vec![Polygon::new(ring.clone(), vec![])],
                ));
                own = Some(ring);
            }
            None => ok = false,
        }
    }
    if !ok {
        return None;
    }
    let mut shape = crate::geo::multipolygon(&regions);
    if let Some(r) = radius {
        let Some(disc) = disc(r) else {
            cx.err(
                span,
                "the area's disc (`radius_km` around its lat and lon) crosses the antimeridian or a pole",
                None,
            );
            return None;
        };
        shape = if regions.is_empty() {
            disc
        } else {
            robust(&shape, &disc, |a, b| a.intersection(b))
                .map_or(MultiPolygon(vec![]), |m| m.orient(Direction::Default))
        };
    }
    if shape.0.is_empty() {
        cx.err(
            span,
            "the area has no extent (its polygon encloses nothing)",
            None,
        );
        return None;
    }
    Some(Extent {
        shape: Arc::new(shape),
        divisions: names,
        polygon: own,
        radius,
    })
}

/// The disc of `r.km` around its centre, as a polygon of [`DISC_POINTS`] points on the sphere;
/// `None` if it crosses the antimeridian or a pole.
fn disc(r: Radius) -> Option<MultiPolygon<f64>> {
    let d = r.km / crate::geo::EARTH_RADIUS_KM;
    let (lat1, lon1) = (r.lat.to_radians(), r.lon.to_radians());
    let ring: Vec<Coord<f64>> = (0..=DISC_POINTS)
        .map(|i| {
            let bearing = (i % DISC_POINTS) as f64 * std::f64::consts::TAU / DISC_POINTS as f64;
            let lat2 = (lat1.sin() * d.cos() + lat1.cos() * d.sin() * bearing.cos()).asin();
            let lon2 = lon1
                + (bearing.sin() * d.sin() * lat1.cos()).atan2(d.cos() - lat1.sin() * lat2.sin());
            Coord {
                x: lon2.to_degrees(),
                y: lat2.to_degrees(),
            }
        })
        .collect();
    let inside = |c: &Coord<f64>| c.x.abs() <= 180.0 && c.y.abs() < 90.0;
    // A disc around a pole is a cap: its edge never turns round its centre in longitude.
    let polar = (r.lat.abs().to_radians() + d) >= std::f64::consts::FRAC_PI_2;
    if polar || !ring.iter().all(inside) {
        return None;
    }
    Some(MultiPolygon(vec![
        geo::Polygon::new(LineString(ring), vec![]).orient(Direction::Default),
    ]))
}

/// The shape cut to the theatre's land (the countries `theatre` names): `None` if that leaves
/// nothing, or the theatre's outline cannot be read.
pub(super) fn clip_to_theatre(
    shape: &MultiPolygon<f64>,
    theatre: &[String],
) -> Option<MultiPolygon<f64>> {
    let world = World::builtin()?;
    let countries: Vec<Region> = theatre.iter().filter_map(|c| world.country(c)).collect();
    if countries.is_empty() {
        return None;
    }
    let land = crate::geo::multipolygon(&countries);
    robust(shape, &land, |a, b| a.intersection(b))
        .map(|m| m.orient(Direction::Default))
        .filter(|m| !m.0.is_empty())
}

/// A ring of `[lon, lat]` pairs: at least three, finite, in range, at most
/// [`MAX_AREA_VERTICES`].
fn read_ring(cx: &mut Cx, v: &Val<'_>) -> Option<Vec<[f64; 2]>> {
    let span = cx.abs(v.span());
    let bad = |cx: &mut Cx, why: &str| {
        cx.err(
            &span,
            format!("`polygon` {why}"),
            Some(
                "polygon = [[lon, lat], [lon, lat], [lon, lat], ...], at least three points".into(),
            ),
        );
    };
    let Some(items) = v.get_ref().as_array() else {
        bad(cx, "is not an array of [lon, lat] pairs");
        return None;
    };
    if items.len() > MAX_AREA_VERTICES {
        bad(cx, &format!("has more than {MAX_AREA_VERTICES} points"));
        return None;
    }
    let mut ring = Vec::with_capacity(items.len());
    for item in items {
        let pair = item.get_ref().as_array().filter(|a| a.len() == 2);
        let nums: Option<Vec<f64>> = pair.map(|a| {
            a.iter()
                .filter_map(|x| match x.get_ref() {
                    DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
                    DeValue::Integer(i) => i.as_str().replace('_', "").parse::<f64>().ok(),
                    _ => None,
                })
                .collect()
        });
        match nums.as_deref() {
            Some(&[lon, lat])
                if lon.is_finite()
                    && lat.is_finite()
                    && lon.abs() <= 180.0
                    && lat.abs() <= 90.0 =>
            {
                ring.push([lon, lat]);
            }
            _ => {
                let at = cx.abs(item.span());
                cx.err(
                    &at,
                    "a `polygon` point must be [lon, lat], finite, lon within -180..=180 and lat within -90..=90",
                    None,
                );
                return None;
            }
        }
    }
    if ring.len() < 3 {
        bad(cx, "has fewer than three points");
        return None;
    }
    Some(ring)
}

/// Where an area's label goes: a point inside it.
pub(super) fn label_point(shape: &MultiPolygon<f64>) -> Option<(f64, f64)> {
    // The largest polygon's interior point: a label inside the main part.
    let largest = shape.0.iter().max_by(|a, b| {
        use geo::Area;
        a.unsigned_area().total_cmp(&b.unsigned_area())
    })?;
    let p = largest.interior_point()?;
    Some((p.x(), p.y()))
}

/// An error if the label point is outside the map area.
pub(super) fn check_label(cx: &mut Cx, at: Sp<(f64, f64)>, map: &MapArea) -> bool {
    let ((lon, lat), s) = at;
    if map.contains(lon, lat) {
        return true;
    }
    cx.err(
        &s,
        format!(
            "the area's label point (lat {lat:.4}, lon {lon:.4}) is outside the dataset's map area"
        ),
        Some(
            "give `lat` and `lon` inside [dataset.map] for its label, or check `divisions`".into(),
        ),
    );
    false
}
