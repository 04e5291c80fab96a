//! Geometry in the approximation's plane of kilometres: half-plane clips, wedges and disks
//! of reach, rings made closed and counter-clockwise, and mapping a shape's coordinates.

use geo::{Coord, LineString, MultiPolygon, Polygon as GeoPolygon};

/// Vertices of a circle of reach (a regular polygon inscribed in the circle).
const DISK_VERTICES: usize = 64;

/// The part of a convex ring nearer to `p` than to `q` (a half-plane clip at their bisector).
pub(super) fn nearer(ring: &[[f64; 2]], p: [f64; 2], q: [f64; 2]) -> Vec<[f64; 2]> {
    let m = mid(p, q);
    let n = [q[0] - p[0], q[1] - p[1]];
    let side = |x: [f64; 2]| (x[0] - m[0]) * n[0] + (x[1] - m[1]) * n[1];
    let mut out = Vec::with_capacity(ring.len() + 1);
    for i in 0..ring.len() {
        let (u, v) = (ring[i], ring[(i + 1) % ring.len()]);
        let (su, sv) = (side(u), side(v));
        if su <= 0.0 {
            out.push(u);
        }
        if (su < 0.0) != (sv < 0.0) && su != sv && !(su == 0.0 || sv == 0.0) {
            let t = su / (su - sv);
            out.push([u[0] + (v[0] - u[0]) * t, u[1] + (v[1] - u[1]) * t]);
        }
    }
    out
}

/// The unit normal of the hull edge `u -> v` pointing out of the hull (spade gives hull edges
/// clockwise as seen from inside, so outside is on their left).
pub(super) fn outward(u: [f64; 2], v: [f64; 2]) -> [f64; 2] {
    let (dx, dy) = (v[0] - u[0], v[1] - u[1]);
    let len = dx.hypot(dy).max(f64::MIN_POSITIVE);
    [-dy / len, dx / len]
}

/// A polygon covering the sector at `p` from direction `n1` turning clockwise to `n2`, out to
/// `radius` and beyond.
pub(super) fn wedge(p: [f64; 2], n1: [f64; 2], n2: [f64; 2], radius: f64) -> Vec<[f64; 2]> {
    use std::f64::consts::TAU;
    let a1 = n1[1].atan2(n1[0]);
    let a2 = n2[1].atan2(n2[0]);
    let sweep = (a1 - a2).rem_euclid(TAU);
    let steps = 8;
    let mut ring = vec![p];
    for i in 0..=steps {
        let a = a1 - sweep * f64::from(i) / f64::from(steps);
        ring.push([p[0] + radius * a.cos(), p[1] + radius * a.sin()]);
    }
    ccw(ring)
}

/// Whether every vertex of a convex ring is within `reach` of one of the anchors (then the
/// whole ring is, the circle being convex).
pub(super) fn within_one(ring: &[[f64; 2]], anchors: &[[f64; 2]], reach: f64) -> bool {
    anchors
        .iter()
        .any(|a| ring.iter().all(|p| dist(*p, *a) <= reach))
}

/// A circle of `radius` around `c` as a closed counter-clockwise ring.
pub(super) fn disk(c: [f64; 2], radius: f64) -> LineString<f64> {
    let step = std::f64::consts::TAU / DISK_VERTICES as f64;
    let mut pts: Vec<Coord<f64>> = (0..DISK_VERTICES)
        .map(|i| {
            let a = step * i as f64;
            Coord {
                x: c[0] + radius * a.cos(),
                y: c[1] + radius * a.sin(),
            }
        })
        .collect();
    pts.push(pts[0]);
    LineString(pts)
}

pub(super) fn ring(points: &[[f64; 2]]) -> LineString<f64> {
    let mut pts: Vec<Coord<f64>> = points.iter().map(|p| Coord { x: p[0], y: p[1] }).collect();
    if let Some(&first) = pts.first() {
        pts.push(first);
    }
    LineString(pts)
}

/// The ring turned counter-clockwise if it was not.
pub(super) fn ccw(mut ring: Vec<[f64; 2]>) -> Vec<[f64; 2]> {
    let n = ring.len();
    let twice_area: f64 = (0..n)
        .map(|i| {
            let (p, q) = (ring[i], ring[(i + 1) % n]);
            p[0] * q[1] - q[0] * p[1]
        })
        .sum();
    if twice_area < 0.0 {
        ring.reverse();
    }
    ring
}

pub(super) fn mid(a: [f64; 2], b: [f64; 2]) -> [f64; 2] {
    [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0]
}

pub(super) fn dist(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

/// Every coordinate of a multipolygon mapped by `f`.
pub fn map_coords(
    m: &MultiPolygon<f64>,
    f: impl Fn(Coord<f64>) -> Coord<f64>,
) -> MultiPolygon<f64> {
    let map_ring = |r: &LineString<f64>| LineString(r.0.iter().map(|c| f(*c)).collect());
    MultiPolygon(
        m.0.iter()
            .map(|p| {
                GeoPolygon::new(
                    map_ring(p.exterior()),
                    p.interiors().iter().map(map_ring).collect(),
                )
            })
            .collect(),
    )
}
