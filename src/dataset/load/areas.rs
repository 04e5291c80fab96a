//! The extent of a `kind = "area"` place: the union of first-level divisions named by ISO
//! 3166-2 code and a polygon of its own, cut to a disc of `radius_km` around its `lat`/`lon`
//! where it gives one; a polygon or a disc without divisions is cut to the theatre's land.
//! And the point its label goes at.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use geo::orient::{Direction, Orient};
use geo::{Coord, LineString, MultiPolygon};
use toml::de::DeValue;

use super::Builder;
use super::ring::{self, Fault};
use crate::dataset::fields::{Cx, Sp, Val, closest_word};
use crate::dataset::limits::{MAX_AREA_DIVISIONS, MAX_AREA_VERTICES, MAX_AREAS};
use crate::dataset::model::Radius;
use crate::geo::territory::guard::robust;
use crate::geo::{Polygon, Region, World};

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

/// Every division of the basemap: its code, name and country; its code and name, lower-cased,
/// to its index; and each country's divisions (for hints). Built for the first area.
pub(super) struct DivisionIndex {
    names: Vec<(String, String, String)>,
    index: HashMap<String, usize>,
    by_country: HashMap<String, Vec<usize>>,
}

fn index(world: &World) -> DivisionIndex {
    let names = world.division_names();
    let mut index = HashMap::new();
    let mut by_country: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (iso, name, country)) in names.iter().enumerate() {
        if !iso.is_empty() {
            index.entry(iso.to_lowercase()).or_insert(i);
            by_country.entry(country.clone()).or_default().push(i);
        }
        index.entry(name.to_lowercase()).or_insert(i);
    }
    DivisionIndex {
        names,
        index,
        by_country,
    }
}

/// The hint for an unknown division code: the closest code of its country and how to list
/// them all, in one line however many divisions the country has (a hint listing them all,
/// repeated for each of a thousand bad codes, made hundreds of megabytes of errors).
fn unknown_division_hint(cx: &mut Cx, idx: &DivisionIndex, code: &str) -> String {
    let country = code.split('-').next().unwrap_or("").trim().to_uppercase();
    let known = idx.by_country.get(&country).map_or(&[][..], Vec::as_slice);
    if known.is_empty() {
        return "divisions are named by ISO 3166-2 code (\"SY-DR\", \"UA-14\") or English name; `frontline divisions CC` lists a country's"
            .to_string();
    }
    let codes: Vec<&str> = known.iter().map(|&i| idx.names[i].0.as_str()).collect();
    let list = format!(
        "{} divisions: run `frontline divisions {country}`",
        known.len()
    );
    match closest_word(&code.trim().to_uppercase(), &codes, &mut cx.hint_budget) {
        Some(c) => {
            let name = known
                .iter()
                .find(|&&i| idx.names[i].0 == c)
                .map_or("", |&i| idx.names[i].1.as_str());
            format!("did you mean {c} ({name})? {country} has {list}")
        }
        None => format!("{country} has {list}"),
    }
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
#[expect(
    clippy::too_many_lines,
    reason = "an area's fields in the order the format documents them, each checked where it is read"
)]
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
            match idx.index.get(&code.trim().to_lowercase()).copied() {
                Some(i) => match world.division_at(i) {
                    Some(r) => {
                        names.push(r.iso.clone().unwrap_or_else(|| code.clone()));
                        regions.push(r);
                    }
                    None => ok = false,
                },
                None => {
                    let hint = unknown_division_hint(cx, idx, code);
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
            robust(&shape, &disc, geo::BooleanOps::intersection)
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
    robust(shape, &land, geo::BooleanOps::intersection)
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
        cx.err(
            &span,
            format!(
                "`polygon` has {} points; an area's own polygon may have at most {MAX_AREA_VERTICES}",
                items.len()
            ),
            Some(
                "simplify the outline (QGIS: Vector > Geometry Tools > Simplify; mapshaper -simplify), or split it into several areas"
                    .into(),
            ),
        );
        return None;
    }
    let mut ring = Vec::with_capacity(items.len());
    let mut spans = Vec::with_capacity(items.len());
    for item in items {
        let pair = item.get_ref().as_array().filter(|a| a.len() == 2);
        let nums: Option<Vec<f64>> = pair.map(|a| {
            a.iter()
                .filter_map(|x| match x.get_ref() {
                    DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
                    // `0x24` and `0o40` keep their radix, as every other number of the file does.
                    DeValue::Integer(i) => {
                        i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                            .ok()
                            .map(|n| n as f64)
                    }
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
                spans.push(item.span());
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
    if let Some(fault) = ring::first_fault(&ring) {
        report_fault(cx, &ring, &spans, fault);
        return None;
    }
    Some(ring)
}

/// A ring that crosses or touches itself, reported at the first point of the fault.
fn report_fault(cx: &mut Cx, ring: &[[f64; 2]], spans: &[Range<usize>], fault: Fault) {
    let pt = |i: usize| format!("point {} [{}, {}]", i + 1, ring[i][0], ring[i][1]);
    let next = |i: usize| (i + 1) % ring.len();
    let (at, message) = match fault {
        Fault::Crosses { a, b } => (
            a,
            format!(
                "`polygon` crosses itself: the edge from {} to {} meets the edge from {} to {}",
                pt(a),
                pt(next(a)),
                pt(b),
                pt(next(b))
            ),
        ),
        Fault::Repeats { first, again } => (
            again,
            format!(
                "`polygon` touches itself: point {} is point {} again, [{}, {}]",
                again + 1,
                first + 1,
                ring[again][0],
                ring[again][1]
            ),
        ),
        Fault::Spike { at } => (
            at,
            format!("`polygon` turns straight back on itself at {}", pt(at)),
        ),
    };
    let span = cx.abs(spans[at].clone());
    cx.err(
        &span,
        message,
        Some(
            "an area's ring must not cross or touch itself (it is refused, not repaired): trace the outline once, \
             or make each loop an area of its own"
                .into(),
        ),
    );
}
