//! Where an area's label goes: a point inside its largest part, found in O(n log n).
//!
//! The rule is `geo`'s `InteriorPoint` (the middle of the widest stretch inside the polygon
//! along the horizontal line through the middle of its bounds), computed without `geo`'s
//! pairwise sweep and its containment test per stretch, which made a 10,000-point outline
//! cost seconds: the line's crossings with the rings are found edge by edge, and along a line
//! through no vertex the stretches alternate outside and inside.

use std::ops::Range;

use geo::{Area, Coord, InteriorPoint, LineString, MultiPolygon, Polygon};

use crate::dataset::fields::{Cx, Sp};
use crate::geo::MapArea;

/// Where an area's label goes: a point inside it.
pub(super) fn label_point(shape: &MultiPolygon<f64>) -> Option<(f64, f64)> {
    // The largest polygon's interior point: a label inside the main part.
    let largest = shape
        .0
        .iter()
        .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?;
    inside(largest).or_else(|| largest.interior_point().map(|p| (p.x(), p.y())))
}

fn rings(p: &Polygon<f64>) -> impl Iterator<Item = &LineString<f64>> {
    std::iter::once(p.exterior()).chain(p.interiors())
}

/// The height of the scan line: the middle of the bounds, moved half way to the nearest
/// vertex's height if a vertex lies on it (as `geo` does), or else between the two vertex
/// heights around the middle; `None` for a flat polygon.
fn scan_height(p: &Polygon<f64>) -> Option<f64> {
    let ys = || rings(p).flat_map(|r| r.0.iter().map(|c| c.y));
    let (lo, hi) = ys().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| {
        (lo.min(y), hi.max(y))
    });
    if lo.partial_cmp(&hi) != Some(std::cmp::Ordering::Less) {
        return None;
    }
    let mut y = (lo + hi) / 2.0;
    if ys().any(|v| v == y) {
        let nearest = ys()
            .filter(|&v| v != y)
            .min_by(|a, b| (a - y).abs().total_cmp(&(b - y).abs()));
        if let Some(n) = nearest {
            y = (y + n) / 2.0;
        }
    }
    if ys().any(|v| v == y) {
        let mut sorted: Vec<f64> = ys().collect();
        sorted.sort_by(f64::total_cmp);
        sorted.dedup();
        let k = sorted
            .partition_point(|&v| v < y)
            .clamp(1, sorted.len() - 1);
        y = (sorted[k - 1] + sorted[k]) / 2.0;
        if y == sorted[k - 1] || y == sorted[k] {
            return None;
        }
    }
    Some(y)
}

/// The middle of the widest stretch inside `p` on its scan line (the first from the west of
/// equal ones); `None` where that line cannot avoid a vertex.
fn inside(p: &Polygon<f64>) -> Option<(f64, f64)> {
    let y = scan_height(p)?;
    let mut xs: Vec<f64> = Vec::new();
    for ring in rings(p) {
        for w in ring.0.windows(2) {
            let (a, b): (Coord<f64>, Coord<f64>) = (w[0], w[1]);
            if (a.y < y) != (b.y < y) {
                xs.push(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y));
            }
        }
    }
    if xs.len() < 2 || !xs.len().is_multiple_of(2) {
        return None;
    }
    xs.sort_by(f64::total_cmp);
    let widest = xs
        .chunks(2)
        .fold(None::<(f64, f64)>, |best, c| match best {
            Some((b0, b1)) if b1 - b0 >= c[1] - c[0] => best,
            _ => Some((c[0], c[1])),
        })?;
    Some(((widest.0 + widest.1) / 2.0, y))
}

/// An error if the label point is outside the map area.
pub(super) fn check_label(cx: &mut Cx, at: Sp<(f64, f64)>, map: &MapArea) -> bool {
    let ((lon, lat), s): ((f64, f64), Range<usize>) = at;
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

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Contains;

    #[test]
    fn the_same_point_as_geo_on_the_basemap_divisions() {
        let world = crate::geo::World::builtin().unwrap();
        let mut compared = 0;
        for (i, _) in world.division_names().iter().enumerate().step_by(7) {
            let Some(r) = world.division_at(i) else {
                continue;
            };
            let shape = crate::geo::multipolygon([&r]);
            let Some(ours) = label_point(&shape) else {
                continue;
            };
            let largest = shape
                .0
                .iter()
                .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))
                .unwrap();
            let theirs = largest.interior_point().unwrap();
            assert!(largest.contains(&geo::Point::new(ours.0, ours.1)));
            assert!(
                (ours.0 - theirs.x()).abs() < 1e-9 && (ours.1 - theirs.y()).abs() < 1e-9,
                "division {i}: {ours:?} vs {theirs:?}"
            );
            compared += 1;
        }
        assert!(compared > 100);
    }
}
