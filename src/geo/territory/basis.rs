//! What every day's territory of a dataset shares, prepared once: the plane, the theatre's
//! land inside the map area, and each area's own land.

use std::sync::{Arc, Mutex};

use geo::orient::{Direction, Orient};
use geo::{BooleanOps, Coord, LineString, MultiPolygon, Polygon as GeoPolygon};

use super::{Mask, guard, region_of};
use crate::geo::{MapArea, Region, World};

/// An area's own land (its extent without what areas before it took) and its mask.
#[derive(Debug)]
pub(crate) struct AreaLand {
    /// The area's index among the dataset's places.
    pub id: usize,
    /// Its land, `[lon, lat]`.
    pub own: MultiPolygon<f64>,
    /// The same, prepared for the approximation of the places inside it.
    pub mask: Mask,
}

/// What every day's territory of a dataset shares. The masks of the theatre's land outside
/// the areas that have a state are kept for the last few combinations of areas asked for.
#[derive(Debug)]
pub struct Basis {
    map: MapArea,
    theatre: Arc<Mask>,
    theatre_region: Region,
    areas: Vec<AreaLand>,
    outside_areas: Mutex<Vec<(Vec<usize>, Arc<Mask>)>>,
}

impl Basis {
    /// The basis of a dataset's territories: the countries of its `theatre` (codes of the
    /// world basemap) at full detail, cut to its `map` area, and its `areas` (each with its
    /// index among the places and its extent, in dataset order; an area keeps the land it
    /// shares with a later one).
    pub fn new<'a>(
        map: MapArea,
        theatre: &[String],
        areas: impl IntoIterator<Item = (usize, &'a MultiPolygon<f64>)>,
    ) -> Basis {
        let regions: Vec<Region> = World::builtin()
            .map(|w| theatre.iter().filter_map(|c| w.country(c)).collect())
            .unwrap_or_default();
        let theatre = within(&regions, &map);
        let theatre_region = region_of("theatre", &theatre);
        let theatre = Arc::new(Mask::new(theatre, map));
        let mut kept = Vec::new();
        let mut taken: Vec<GeoPolygon<f64>> = Vec::new();
        for (id, extent) in areas {
            let own = if taken.is_empty() {
                extent.clone()
            } else {
                guard::robust(
                    extent,
                    &MultiPolygon(taken.clone()),
                    geo::BooleanOps::difference,
                )
                .unwrap_or_else(|| MultiPolygon(vec![]))
            }
            .orient(Direction::Default);
            if own.0.is_empty() {
                continue;
            }
            taken.extend(own.0.iter().cloned());
            let mask = Mask::new(own.clone(), map);
            kept.push(AreaLand { id, own, mask });
        }
        Basis {
            map,
            theatre,
            theatre_region,
            areas: kept,
            outside_areas: Mutex::new(Vec::new()),
        }
    }

    /// The theatre's land inside the map area.
    pub fn theatre(&self) -> &Arc<Mask> {
        &self.theatre
    }

    /// The same, for row filling.
    pub(crate) fn theatre_region(&self) -> &Region {
        &self.theatre_region
    }

    /// The areas with land of their own, in dataset order.
    pub(crate) fn areas(&self) -> &[AreaLand] {
        &self.areas
    }

    /// The theatre's land outside the areas `shown` (their indices, ascending).
    pub(crate) fn outside(&self, shown: &[usize]) -> Arc<Mask> {
        if shown.is_empty() {
            return Arc::clone(&self.theatre);
        }
        let mut kept = self
            .outside_areas
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, m)) = kept.iter().find(|(k, _)| k.as_slice() == shown) {
            return Arc::clone(m);
        }
        let taken: Vec<GeoPolygon<f64>> = self
            .areas
            .iter()
            .filter(|a| shown.contains(&a.id))
            .flat_map(|a| a.own.0.iter().cloned())
            .collect();
        let rest = guard::robust(self.theatre.lonlat(), &MultiPolygon(taken), |a, b| {
            a.difference(b)
        })
        .unwrap_or_else(|| MultiPolygon(vec![]));
        let mask = Arc::new(Mask::new(rest, self.map));
        kept.insert(0, (shown.to_vec(), Arc::clone(&mask)));
        kept.truncate(8);
        mask
    }
}

/// The regions' land inside the box `area`, merged: each ring is cut to the box first
/// (linear in its vertices, so a country as large as Russia costs little).
fn within(regions: &[Region], area: &MapArea) -> MultiPolygon<f64> {
    let cut = |r: &[[f64; 2]]| -> Option<LineString<f64>> {
        let mut pts: Vec<[f64; 2]> = r.to_vec();
        for (axis, bound, keep_below) in [
            (0, area.min_lon, false),
            (0, area.max_lon, true),
            (1, area.min_lat, false),
            (1, area.max_lat, true),
        ] {
            pts = clip_half(&pts, axis, bound, keep_below);
            if pts.len() < 3 {
                return None;
            }
        }
        let mut c: Vec<Coord<f64>> = pts.iter().map(|p| Coord { x: p[0], y: p[1] }).collect();
        c.push(c[0]);
        Some(LineString(c))
    };
    let polys: Vec<GeoPolygon<f64>> = regions
        .iter()
        .flat_map(Region::polygons)
        .filter(|p| {
            let b = p.bbox();
            b.max_lon >= area.min_lon
                && b.min_lon <= area.max_lon
                && b.max_lat >= area.min_lat
                && b.min_lat <= area.max_lat
        })
        .filter_map(|p| {
            let outer = cut(p.exterior())?;
            let holes = p.holes().iter().filter_map(|h| cut(h)).collect();
            Some(GeoPolygon::new(outer, holes).orient(Direction::Default))
        })
        .collect();
    if polys.is_empty() {
        return MultiPolygon(vec![]);
    }
    let none = MultiPolygon(vec![]);
    guard::robust(&MultiPolygon(polys), &none, |a, _| geo::unary_union(&a.0))
        .unwrap_or(none)
        .orient(Direction::Default)
}

/// The part of a ring on one side of an axis-parallel line (Sutherland-Hodgman). Where the
/// ring leaves and comes back, the part runs along the line; the union that follows removes
/// such doubled stretches.
fn clip_half(ring: &[[f64; 2]], axis: usize, bound: f64, keep_below: bool) -> Vec<[f64; 2]> {
    let inside = |p: &[f64; 2]| {
        if keep_below {
            p[axis] <= bound
        } else {
            p[axis] >= bound
        }
    };
    let mut out = Vec::with_capacity(ring.len());
    let n = ring.len();
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + 1) % n]);
        if inside(&a) {
            out.push(a);
        }
        if inside(&a) != inside(&b) {
            let t = (bound - a[axis]) / (b[axis] - a[axis]);
            let mut p = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
            p[axis] = bound;
            out.push(p);
        }
    }
    out
}
