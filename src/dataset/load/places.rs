//! `[[places]]` entries: where each place is, and who held it when the dataset starts.

use std::ops::Range;

use toml::de::DeTable;

use super::meta::{Meta, check_in_range};
use super::{Builder, ids};
use crate::dataset::fields::{Cx, Entry, Sp};
use crate::dataset::model::{Basis, FactionId, Place, PlaceKind, Radius, SourceId};
use crate::geo::MapArea;

#[expect(
    clippy::too_many_lines,
    reason = "a place's fields in the order the format documents them, each checked where it is read"
)]
pub(super) fn read_place(
    cx: &mut Cx,
    b: &mut Builder,
    t: &DeTable,
    span: &Range<usize>,
    meta: &Meta,
) {
    const W: &str = "a [[places]] entry";
    let mut e = Entry::new(cx, t, span, W);
    let id = e.required_str("id");
    let name = e.required_str("name");
    let aliases = e.strings("aliases");
    let kind = e.required_str("kind");
    // Whether these are needed depends on the kind: read once it is known.
    let lat = e.raw("lat");
    let lon = e.raw("lon");
    let coords = e.raw("coords");
    let population = e.uint("population");
    let initial = e.raw("initial");
    let reference = e.boolean("reference");
    let appears = e.opt_date("appears");
    let gazetteer_aliases = e.strings("gazetteer_aliases");
    let divisions = e.raw("divisions");
    let polygon = e.raw("polygon");
    let radius_km = e.raw("radius_km");
    let note = e.text("note");
    e.finish();
    if let Some(id) = &id {
        ids(&mut b.place_ids, "place").add(cx, id);
    }
    b.alias_spans.push(aliases.clone());
    let kind = kind.and_then(|(k, s)| {
        let found = PlaceKind::ALL
            .iter()
            .find(|(_, n)| *n == k)
            .map(|(k, _)| *k);
        if found.is_none() {
            let names: Vec<&str> = PlaceKind::ALL.iter().map(|(_, n)| *n).collect();
            cx.err(
                &s,
                format!("unknown place kind `{k}`"),
                Some(format!("kinds: {}", names.join(", "))),
            );
        }
        found
    });
    let is_area = kind == Some(PlaceKind::Area);
    // An area's own lat/lon is its label point, or with `radius_km` the centre of its disc;
    // without them the label goes inside its extent.
    let own_point = !(is_area && lat.is_none() && lon.is_none());
    let (lat, lon) = if own_point {
        let lat = cx.number(lat, "lat", span, W);
        let lon = cx.number(lon, "lon", span, W);
        check_coordinates(cx, lat.as_ref(), lon.as_ref(), &meta.map);
        (lat, lon)
    } else {
        (None, None)
    };
    let radius = if is_area {
        super::areas::read_radius(cx, radius_km, span)
    } else {
        None
    };
    if radius.is_some() && !own_point {
        cx.err(
            span,
            "an area with `radius_km` needs `lat` and `lon`: the centre of its disc",
            None,
        );
    }
    let radius = radius
        .zip(lat.as_ref().zip(lon.as_ref()))
        .map(|((km, _), ((la, _), (lo, _)))| Radius {
            km,
            lon: *lo,
            lat: *la,
        });
    let extent = if is_area && (radius_km.is_none() || radius.is_some()) {
        super::areas::read_extent(cx, b, divisions, polygon, radius, span)
    } else if is_area {
        None // its `radius_km` is reported already
    } else {
        for (v, key) in [
            (divisions, "divisions"),
            (polygon, "polygon"),
            (radius_km, "radius_km"),
        ] {
            if let Some(v) = v {
                cx.err(
                    &cx.abs(v.span()),
                    format!("`{key}` is only for places of kind \"area\""),
                    None,
                );
            }
        }
        None
    };
    let label_inside = is_area && (!own_point || radius.is_some());
    let (lat, lon) = if label_inside {
        // The label goes inside the area unless the entry says where (a disc's lat/lon are
        // its centre, which may lie outside it: a ring around a city).
        let at = extent
            .as_ref()
            .and_then(|e| super::label::label_point(&e.shape))
            .filter(|&p| super::label::check_label(cx, (p, span.start..span.start), &meta.map));
        (
            at.map(|(_, la)| (la, span.clone())),
            at.map(|(lo, _)| (lo, span.clone())),
        )
    } else {
        (lat, lon)
    };
    if extent.as_ref().is_some_and(|e| e.divisions.is_empty()) {
        // Cut to the theatre's land once the theatre is known (see `finish`).
        b.clips.push((b.places.len(), label_inside));
    }
    let coords = cx.string(coords, "coords", span, W, !is_area);
    if let Some((d, s)) = &appears {
        check_in_range(cx, *d, s, meta, "appears");
    }
    let (initial, basis) = match cx.table(initial, "initial", span, W, !is_area) {
        Some((t, s)) => read_basis(cx, b, t, &s),
        None => (None, Basis::default()),
    };
    b.place_spans.push(span.clone());
    b.places.push(Place {
        id: id.map(|x| x.0).unwrap_or_default(),
        name: name.map(|x| x.0).unwrap_or_default(),
        aliases: aliases.into_iter().map(|x| x.0).collect(),
        gazetteer_aliases: gazetteer_aliases.into_iter().map(|x| x.0).collect(),
        kind: kind.unwrap_or(PlaceKind::Town),
        lat: lat.map_or(0.0, |x| x.0),
        lon: lon.map_or(0.0, |x| x.0),
        coords_source: coords.map(|x| x.0).unwrap_or_default(),
        population,
        initial,
        outside_theatre: false,
        initial_basis: basis,
        reference,
        appears: appears.map(|x| x.0),
        divisions: extent
            .as_ref()
            .map(|e| e.divisions.clone())
            .unwrap_or_default(),
        polygon: extent.as_ref().and_then(|e| e.polygon.clone()),
        radius: extent.as_ref().and_then(|e| e.radius),
        extent: extent.map(|e| e.shape),
        note,
        loc: cx.loc(span.start),
    });
}

fn check_coordinates(cx: &mut Cx, lat: Option<&Sp<f64>>, lon: Option<&Sp<f64>>, map: &MapArea) {
    let mut ok = true;
    for (v, key, limit) in [(lat, "lat", 90.0), (lon, "lon", 180.0)] {
        if let Some((x, s)) = v {
            if !x.is_finite() {
                cx.err(
                    s,
                    format!("{key} is {x}, not a finite number"),
                    Some("nan and inf are valid TOML floats but not coordinates".into()),
                );
                ok = false;
            } else if x.abs() > limit {
                let swap = if key == "lat" {
                    " (did you swap lat and lon?)"
                } else {
                    ""
                };
                cx.err(
                    s,
                    format!("{key} {x} is outside -{limit}..={limit}{swap}"),
                    None,
                );
                ok = false;
            }
        }
    }
    if let (true, Some((la, ls)), Some((lo, _))) = (ok, lat, lon)
        && !map.contains(*lo, *la)
    {
        let hint = if map.contains(*la, *lo) {
            "did you swap lat and lon? swapped, the point is inside the map area".to_string()
        } else {
            format!(
                "the map area is lat {}..{}, lon {}..{} ([dataset.map])",
                map.min_lat, map.max_lat, map.min_lon, map.max_lon
            )
        };
        cx.err(
            ls,
            format!("lat {la}, lon {lo} is outside the dataset's map area"),
            Some(hint),
        );
    }
}

fn read_basis(
    cx: &mut Cx,
    b: &mut Builder,
    t: &DeTable,
    span: &Range<usize>,
) -> (Option<FactionId>, Basis) {
    let mut e = Entry::new(cx, t, span, "a place's `initial`");
    let holder = e.opt_str("holder");
    let source = e.opt_str("source");
    let quote = e.opt_str("quote");
    let note = e.required_str("note").map(|x| x.0).unwrap_or_default();
    e.finish();
    let holder = holder
        .and_then(|h| ids(&mut b.faction_ids, "faction").get(cx, &h))
        .map(FactionId);
    let source_id = match (&source, &quote) {
        (Some(s), Some(q)) => {
            let id = ids(&mut b.source_ids, "source").get(cx, s).map(SourceId);
            if let Some(id) = id {
                // Checked with all the others from its source (see `check_initial_quotes`).
                b.pending_initial_quotes.push((id, q.clone()));
            }
            id
        }
        (None, None) => None,
        _ => {
            cx.err(
                span,
                "`initial` needs both `source` and `quote`, or neither (then `note` explains)",
                None,
            );
            None
        }
    };
    (
        holder,
        Basis {
            source: source_id,
            quote: quote.map(|x| x.0),
            note,
        },
    )
}
