//! A uniform bucket grid over points for fast nearest-point queries on the sphere.

use crate::geo::{EARTH_RADIUS_KM, MapArea};

/// A uniform bucket grid over points, for many nearest-point queries.
///
/// Distances are compared as chords between unit vectors, which orders points exactly as
/// great-circle distance does but costs a few multiplications. A query visits buckets in
/// rings around its own and stops once no unvisited bucket can hold anything nearer.
#[derive(Clone, Debug)]
pub struct PointIndex<'a, T> {
    points: &'a [(f64, f64, T)],
    units: Vec<[f64; 3]>,
    /// Point indices grouped by bucket (row-major), `starts[b]..starts[b + 1]` for bucket b.
    order: Vec<usize>,
    starts: Vec<usize>,
    grid: Option<Buckets>,
}

#[derive(Clone, Copy, Debug)]
struct Buckets {
    min_lon: f64,
    max_lon: f64,
    min_lat: f64,
    /// Bucket size in degrees.
    dlon: f64,
    dlat: f64,
    cols: i64,
    rows: i64,
    /// cos of the largest |latitude| among the points: shrinks east-west distances least.
    cos_max_lat: f64,
}

impl Buckets {
    /// Bucket column and row of a position; may lie outside the grid.
    fn locate(&self, lon: f64, lat: f64) -> (i64, i64) {
        // Clamped far enough out that ring arithmetic cannot overflow.
        const FAR: f64 = (1u64 << 40) as f64;
        let c = ((lon - self.min_lon) / self.dlon).floor().clamp(-FAR, FAR) as i64;
        let r = ((lat - self.min_lat) / self.dlat).floor().clamp(-FAR, FAR) as i64;
        (c, r)
    }
}

impl<'a, T> PointIndex<'a, T> {
    /// Indexes `points` (`(lon, lat, key)`), about two per bucket.
    ///
    /// Points outside lon -180..=180, lat -90..=90 (NaN included) are left out: they are
    /// never nearest.
    pub fn new(points: &'a [(f64, f64, T)]) -> Self {
        let units = points.iter().map(|&(lon, lat, _)| unit(lon, lat)).collect();
        let usable: Vec<usize> = (0..points.len())
            .filter(|&i| points[i].0.abs() <= 180.0 && points[i].1.abs() <= 90.0)
            .collect();
        let corners = usable
            .iter()
            .map(|&i| [points[i].0, points[i].1])
            .collect::<Vec<_>>();
        let Some(bbox) = MapArea::around(&corners) else {
            return PointIndex {
                points,
                units,
                order: Vec::new(),
                starts: Vec::new(),
                grid: None,
            };
        };
        let grid = bucket_grid(bbox, usable.len());
        let bucket_of = |i: usize| {
            let (c, r) = grid.locate(points[i].0, points[i].1);
            (r.clamp(0, grid.rows - 1) * grid.cols + c.clamp(0, grid.cols - 1)) as usize
        };
        // Counting sort of the points by bucket.
        let mut starts = vec![0; (grid.cols * grid.rows) as usize + 1];
        for &i in &usable {
            starts[bucket_of(i) + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        let mut fill = starts.clone();
        let mut order = vec![0; usable.len()];
        for &i in &usable {
            let b = bucket_of(i);
            order[fill[b]] = i;
            fill[b] += 1;
        }
        PointIndex {
            points,
            units,
            order,
            starts,
            grid: Some(grid),
        }
    }

    /// The key of the nearest point within `limit_km`, as [`nearest_within`] gives it.
    pub fn nearest_within(&self, lon: f64, lat: f64, limit_km: f64) -> Option<&'a T> {
        let points = self.points;
        self.nearest_index_within(lon, lat, limit_km)
            .map(|i| &points[i].2)
    }

    /// The index into the points of the nearest one within `limit_km`; ties go to the lower index.
    pub fn nearest_index_within(&self, lon: f64, lat: f64, limit_km: f64) -> Option<usize> {
        use std::f64::consts::{FRAC_PI_2, PI};
        let grid = self.grid?;
        if !(lon.is_finite() && lat.abs() <= 90.0 && limit_km >= 0.0) {
            return None;
        }
        let lon = (lon + 180.0).rem_euclid(360.0) - 180.0;
        let q = unit(lon, lat);
        let limit2 = chord(limit_km.min(EARTH_RADIUS_KM * PI)).powi(2);
        // Lower bounds on the chord to anything k rings out. North-south: latitude differs by
        // at least (k - 1) bucket heights. East-west: two points at least r from the axis and
        // dl apart in longitude are at least 2 r sin(dl / 2) apart, which grows with dl only
        // while dl <= 180 degrees; past that (across the antimeridian) it is not used.
        let r_min = lat.to_radians().cos().min(grid.cos_max_lat).max(0.0);
        let ew_usable = (lon - grid.min_lon).abs().max((lon - grid.max_lon).abs()) <= 180.0;
        let (dlat, dlon) = (grid.dlat.to_radians(), grid.dlon.to_radians());
        let (qc, qr) = grid.locate(lon, lat);
        // Rings before `first_ring` miss the grid; `last_ring` reaches its farthest bucket.
        let first_ring = [-qc, qc - (grid.cols - 1), -qr, qr - (grid.rows - 1), 0]
            .into_iter()
            .max()
            .unwrap_or(0);
        let reach = [qc, grid.cols - 1 - qc, qr, grid.rows - 1 - qr].map(i64::abs);
        let last_ring = reach.into_iter().max().unwrap_or(0);
        let mut best: Option<(f64, usize)> = None;
        for k in first_ring..=last_ring {
            if k >= 2 {
                let steps = (k - 1) as f64;
                let ns = 2.0 * (steps * dlat / 2.0).min(FRAC_PI_2).sin();
                let ew_angle = steps * dlon / 2.0;
                let ew = if ew_usable && ew_angle <= FRAC_PI_2 {
                    2.0 * r_min * ew_angle.sin()
                } else {
                    0.0
                };
                let bound = ns.min(ew).powi(2);
                if bound > limit2 || best.is_some_and(|(b, _)| bound > b) {
                    break;
                }
            }
            for r in (qr - k).max(0)..=(qr + k).min(grid.rows - 1) {
                let edge_row = (r - qr).abs() == k;
                let (c0, c1) = ((qc - k).max(0), (qc + k).min(grid.cols - 1));
                let mut visit = |c: i64| {
                    let b = (r * grid.cols + c) as usize;
                    for &i in &self.order[self.starts[b]..self.starts[b + 1]] {
                        let p = self.units[i];
                        let d2 =
                            (p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2);
                        if d2 <= limit2
                            && best.is_none_or(|(b2, bi)| d2 < b2 || (d2 == b2 && i < bi))
                        {
                            best = Some((d2, i));
                        }
                    }
                };
                if edge_row {
                    (c0..=c1).for_each(&mut visit);
                } else {
                    for c in [qc - k, qc + k] {
                        if (0..grid.cols).contains(&c) {
                            visit(c);
                        }
                    }
                }
            }
        }
        best.map(|(_, i)| i)
    }
}

/// About `n / 2` buckets, roughly square in kilometres, at most 1024 a side.
fn bucket_grid(bbox: MapArea, n: usize) -> Buckets {
    let mid = ((bbox.min_lat + bbox.max_lat) / 2.0)
        .to_radians()
        .cos()
        .max(0.01);
    // Pad a flat box (one point, or points on a line) so buckets have a size.
    let width = (bbox.max_lon - bbox.min_lon).max(1e-6);
    let height = (bbox.max_lat - bbox.min_lat).max(1e-6);
    let target = (n as f64 / 2.0).max(1.0);
    let side = ((width * mid * height) / target).sqrt(); // bucket side in degrees of latitude
    let cols = ((width * mid / side).ceil() as i64).clamp(1, 1024);
    let rows = ((height / side).ceil() as i64).clamp(1, 1024);
    let max_abs_lat = bbox.min_lat.abs().max(bbox.max_lat.abs()).min(90.0);
    Buckets {
        min_lon: bbox.min_lon,
        max_lon: bbox.min_lon + width,
        min_lat: bbox.min_lat,
        dlon: width / cols as f64,
        dlat: height / rows as f64,
        cols,
        rows,
        cos_max_lat: max_abs_lat.to_radians().cos().max(0.0),
    }
}

fn unit(lon: f64, lat: f64) -> [f64; 3] {
    let (lon, lat) = (lon.to_radians(), lat.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// Chord length on the unit sphere for a great-circle distance in km.
fn chord(km: f64) -> f64 {
    2.0 * (km / (2.0 * EARTH_RADIUS_KM)).sin()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::nearest_within;

    #[test]
    fn empty_and_invalid_inputs_find_nothing() {
        let none: [(f64, f64, u8); 0] = [];
        assert_eq!(PointIndex::new(&none).nearest_within(36.0, 33.0, 1e9), None);
        assert_eq!(nearest_within(&none, 36.0, 33.0, 1e9), None);
        let pts = [(36.0, 33.0, 'a'), (f64::NAN, 33.0, 'n'), (36.0, 95.0, 'x')];
        let index = PointIndex::new(&pts);
        assert_eq!(index.nearest_within(36.0, 33.0, 0.0), Some(&'a'));
        assert_eq!(index.nearest_within(36.0, 33.0, -1.0), None);
        assert_eq!(index.nearest_within(36.0, 33.0, f64::NAN), None);
        assert_eq!(index.nearest_within(f64::NAN, 33.0, 10.0), None);
        assert_eq!(
            index.nearest_within(36.0, 95.0, 1e9),
            None,
            "no such latitude"
        );
    }

    #[test]
    fn limit_ties_and_far_queries() {
        // Two points 1 degree of longitude either side of the query: a tie, first one wins.
        let pts = [(35.0, 34.0, 1), (37.0, 34.0, 2), (40.0, 36.0, 3)];
        let index = PointIndex::new(&pts);
        assert_eq!(index.nearest_within(36.0, 34.0, 100.0), Some(&1));
        assert_eq!(nearest_within(&pts, 36.0, 34.0, 100.0), Some(&1));
        assert_eq!(index.nearest_within(36.0, 34.0, 90.0), None, "92 km away");
        assert_eq!(nearest_within(&pts, 36.0, 34.0, 90.0), None);
        assert!(
            index.nearest_within(1e300, -80.0, 1e6).is_some(),
            "far-away queries terminate"
        );
        assert_eq!(
            index.nearest_within(-170.0, -80.0, 1e6),
            nearest_within(&pts, -170.0, -80.0, 1e6)
        );
        assert_eq!(index.nearest_index_within(40.1, 36.1, 50.0), Some(2));
        // The same point seen across a wrapped longitude.
        assert_eq!(index.nearest_within(40.0 + 360.0, 36.0, 1.0), Some(&3));
    }

    #[test]
    fn across_the_antimeridian() {
        let pts = [(179.9, 0.0, 'e'), (-179.9, 0.5, 'w'), (170.0, 0.0, 'f')];
        let index = PointIndex::new(&pts);
        for (lon, lat) in [(-179.95, 0.0), (179.99, 0.4), (-179.5, 0.5)] {
            assert_eq!(
                index.nearest_within(lon, lat, 500.0),
                nearest_within(&pts, lon, lat, 500.0)
            );
        }
    }
}
