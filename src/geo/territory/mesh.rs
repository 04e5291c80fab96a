//! Land as convex pieces that meet along shared edges, each cut to its zone of reach, and
//! merged per key by cancelling the edges that two pieces of one key share.
//!
//! The pieces of [`super::approx`] tile the plane: two neighbours share an edge between the
//! same two vertices (ids, not coordinates, so nothing is compared in floating point). A piece
//! keeps only the part of it inside its [`Zone`] (a disc around its place, a corridor along
//! the line to a neighbour of its side, or all of it where its side's places enclose it). Where
//! a zone's border crosses a shared edge, the crossing becomes a vertex of that edge for both
//! pieces ([`Mesh::merge`] registers every crossing first), so the two pieces still meet at the
//! same vertices. The union of one key's pieces is then what is left when every edge that
//! appears both ways round is removed: linear in the number of pieces, with no boolean
//! operation and nothing that can grow faster than its input.

use std::collections::{BTreeMap, HashMap, HashSet};

use geo::orient::{Direction, Orient};
use geo::{Coord, LineString, MultiPolygon, Polygon as GeoPolygon};

/// A vertex of the mesh: an index into [`Mesh::points`].
pub(super) type Vid = u32;

/// Vertices of a full circle of reach, as in the discs drawn elsewhere.
const CIRCLE_STEPS: usize = 64;

/// Where a piece keeps its land.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Zone {
    /// All of it: land enclosed by one side's places.
    All,
    /// Within `r` km of the segment `a`–`b`: a corridor between two places of one side, or a
    /// disc around one place when `a == b`. The plane's x is stretched by `sx` first (the
    /// true east-west km per km of x where the zone is), so the reach is true on the ground.
    Capsule {
        a: [f64; 2],
        b: [f64; 2],
        r: f64,
        sx: f64,
    },
}

/// A convex piece of land for a key: its vertices counter-clockwise, and its zone.
#[derive(Clone, Debug)]
pub(super) struct Piece<K> {
    pub key: K,
    pub ring: Vec<Vid>,
    pub zone: Zone,
}

/// The vertices every piece refers to.
#[derive(Clone, Debug, Default)]
pub(super) struct Mesh {
    pub points: Vec<[f64; 2]>,
}

impl Mesh {
    /// A new vertex at `p`.
    pub fn add(&mut self, p: [f64; 2]) -> Vid {
        self.points.push(p);
        Vid::try_from(self.points.len() - 1).unwrap_or(Vid::MAX)
    }

    fn at(&self, v: Vid) -> [f64; 2] {
        self.points[v as usize]
    }

    /// The union of each key's pieces, as polygons in the mesh's plane (exteriors
    /// counter-clockwise, holes clockwise), in key order.
    pub fn merge<K: Copy + Ord>(&mut self, pieces: &[Piece<K>]) -> Vec<(K, Vec<GeoPolygon<f64>>)> {
        let pieces: Vec<&Piece<K>> = pieces.iter().filter(|p| self.has_area(&p.ring)).collect();
        // Pass 1: each piece's stretch of each edge inside its zone; crossings registered on
        // the edge, for both pieces that share it.
        let mut breaks: HashMap<(Vid, Vid), Vec<(f64, Vid)>> = HashMap::new();
        let mut spans: Vec<Vec<Option<(f64, f64)>>> = Vec::with_capacity(pieces.len());
        for p in &pieces {
            let n = p.ring.len();
            let mut own = Vec::with_capacity(n);
            for i in 0..n {
                let (u, v) = (p.ring[i], p.ring[(i + 1) % n]);
                let span = match p.zone {
                    Zone::All => Some((0.0, 1.0)),
                    Zone::Capsule { a, b, r, sx } => {
                        let t = |p: [f64; 2]| [p[0] * sx, p[1]];
                        capsule_span(t(self.at(u)), t(self.at(v)), t(a), t(b), r)
                    }
                };
                if let Some((t0, t1)) = span {
                    for t in [t0, t1] {
                        if t > 0.0 && t < 1.0 {
                            let (key, ct) = canonical(u, v, t);
                            self.register(&mut breaks, key, ct);
                        }
                    }
                }
                own.push(span);
            }
            spans.push(own);
        }
        for list in breaks.values_mut() {
            list.sort_by(|x, y| x.0.total_cmp(&y.0));
        }
        // Pass 2: each piece's boundary, every registered crossing on its stretches included,
        // the zone's border between where it leaves one edge and enters the next.
        let mut kept: BTreeMap<K, Vec<Vec<Vid>>> = BTreeMap::new();
        for (p, own) in pieces.iter().zip(&spans) {
            let ring = self.boundary(p, own, &breaks);
            if ring.len() >= 3 {
                kept.entry(p.key).or_default().push(ring);
            }
        }
        kept.into_iter()
            .map(|(k, rings)| (k, self.union(&rings)))
            .filter(|(_, polys)| !polys.is_empty())
            .collect()
    }

    /// The union of one key's pieces: their boundaries without the edges two of them share.
    /// Pieces of one key never overlap, so every vertex has as many edges out as in; if that
    /// ever fails (a case the construction missed), the union is made by boolean operations
    /// instead, slower but whole, rather than losing land.
    fn union(&self, rings: &[Vec<Vid>]) -> Vec<GeoPolygon<f64>> {
        let mut edges = Vec::new();
        for ring in rings {
            for i in 0..ring.len() {
                let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
                if a != b {
                    edges.push((a, b));
                }
            }
        }
        if let Some(polys) = cancel(edges).and_then(|e| self.polygons(e)) {
            return polys;
        }
        let pieces: Vec<GeoPolygon<f64>> = rings
            .iter()
            .map(|r| {
                let pts: Vec<[f64; 2]> = r.iter().map(|&v| self.at(v)).collect();
                GeoPolygon::new(closed(&pts), vec![])
            })
            .collect();
        let none = MultiPolygon(vec![]);
        super::guard::robust(&MultiPolygon(pieces), &none, |a, _| geo::unary_union(&a.0))
            .map(|m| m.orient(Direction::Default).0)
            .unwrap_or_default()
    }

    fn has_area(&self, ring: &[Vid]) -> bool {
        let pts: Vec<[f64; 2]> = ring.iter().map(|&v| self.at(v)).collect();
        twice_area(&pts).abs() > 1e-12
    }

    fn register(
        &mut self,
        breaks: &mut HashMap<(Vid, Vid), Vec<(f64, Vid)>>,
        key: (Vid, Vid),
        t: f64,
    ) {
        let list = breaks.entry(key).or_default();
        if list.iter().any(|&(s, _)| s == t) {
            return;
        }
        let (a, b) = (self.at(key.0), self.at(key.1));
        let vid = self.add([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
        list.push((t, vid));
    }

    /// The vertices of one piece's kept part, in order.
    fn boundary<K>(
        &mut self,
        p: &Piece<K>,
        spans: &[Option<(f64, f64)>],
        breaks: &HashMap<(Vid, Vid), Vec<(f64, Vid)>>,
    ) -> Vec<Vid> {
        let n = p.ring.len();
        // Each edge's run: the vertices from where it enters the zone to where it leaves.
        let mut runs: Vec<Vec<Vid>> = Vec::new();
        for (i, span) in spans.iter().enumerate() {
            let Some((t0, t1)) = *span else { continue };
            let (u, v) = (p.ring[i], p.ring[(i + 1) % n]);
            let (key, c0) = canonical(u, v, t0);
            let (_, c1) = canonical(u, v, t1);
            let point = |t: f64, c: f64| -> Option<Vid> {
                if t <= 0.0 {
                    Some(u)
                } else if t >= 1.0 {
                    Some(v)
                } else {
                    breaks.get(&key)?.iter().find(|(s, _)| *s == c).map(|x| x.1)
                }
            };
            let (Some(first), Some(last)) = (point(t0, c0), point(t1, c1)) else {
                continue;
            };
            let mut run = vec![first];
            if let Some(list) = breaks.get(&key) {
                let (lo, hi) = (c0.min(c1), c0.max(c1));
                let inside = list.iter().filter(|(s, _)| *s > lo && *s < hi);
                if key.0 == u {
                    run.extend(inside.map(|x| x.1));
                } else {
                    let mut back: Vec<Vid> = inside.map(|x| x.1).collect();
                    back.reverse();
                    run.extend(back);
                }
            }
            run.push(last);
            runs.push(run);
        }
        let mut out: Vec<Vid> = Vec::new();
        for i in 0..runs.len() {
            let next_first = runs[(i + 1) % runs.len()][0];
            for &v in &runs[i] {
                if out.last() != Some(&v) {
                    out.push(v);
                }
            }
            let exit = *runs[i].last().unwrap_or(&next_first);
            if exit != next_first
                && let Zone::Capsule { a, b, r, sx } = p.zone
            {
                let t = |p: [f64; 2]| [p[0] * sx, p[1]];
                let path = border_path(t(a), t(b), r, t(self.at(exit)), t(self.at(next_first)));
                for q in path {
                    let v = self.add([q[0] / sx, q[1]]);
                    out.push(v);
                }
            }
        }
        if out.len() > 1 && out.first() == out.last() {
            out.pop();
        }
        out
    }

    /// Closed rings from the edges left after cancelling, grouped into polygons.
    fn polygons(&self, edges: Vec<(Vid, Vid)>) -> Option<Vec<GeoPolygon<f64>>> {
        let rings = self.rings(edges)?;
        let mut outers: Vec<(Vec<[f64; 2]>, f64, [f64; 4])> = Vec::new();
        let mut holes: Vec<Vec<[f64; 2]>> = Vec::new();
        for ring in rings {
            let pts = tidy_ring(ring.iter().map(|&v| self.at(v)).collect());
            if pts.len() < 3 {
                continue;
            }
            let area = twice_area(&pts) / 2.0;
            // Slivers left by near-coincident crossings are not land (1e-6 km² is 1 m²).
            if area > 1e-6 {
                let bbox = bbox(&pts);
                outers.push((pts, area, bbox));
            } else if area < -1e-6 {
                holes.push(pts);
            }
        }
        let mut inner: Vec<Vec<Vec<[f64; 2]>>> = vec![Vec::new(); outers.len()];
        for hole in holes {
            let probe = mid(hole[0], hole[1 % hole.len()]);
            let hb = bbox(&hole);
            let best = outers
                .iter()
                .enumerate()
                .filter(|(_, (_, _, b))| {
                    b[0] <= hb[0] && b[1] <= hb[1] && b[2] >= hb[2] && b[3] >= hb[3]
                })
                .filter(|(_, (pts, _, _))| inside(pts, probe))
                .min_by(|x, y| x.1.1.total_cmp(&y.1.1))
                .map(|(i, _)| i);
            if let Some(i) = best {
                inner[i].push(hole);
            }
        }
        Some(
            outers
                .into_iter()
                .zip(inner)
                .map(|((outer, _, _), holes)| {
                    GeoPolygon::new(closed(&outer), holes.iter().map(|h| closed(h)).collect())
                })
                .collect(),
        )
    }

    /// The edges chained into closed rings (`None` if a walk cannot close). Where several
    /// rings touch at a vertex, the walk takes the edge turning most to the right, so touching
    /// rings stay apart.
    fn rings(&self, edges: Vec<(Vid, Vid)>) -> Option<Vec<Vec<Vid>>> {
        let mut out_of: HashMap<Vid, Vec<usize>> = HashMap::new();
        for (i, &(a, _)) in edges.iter().enumerate() {
            out_of.entry(a).or_default().push(i);
        }
        let mut used = vec![false; edges.len()];
        let mut rings = Vec::new();
        for start in 0..edges.len() {
            if used[start] {
                continue;
            }
            used[start] = true;
            let (first, mut at) = edges[start];
            let mut from = first;
            let mut ring = vec![first];
            while at != first {
                ring.push(at);
                let next = self.next_edge(&edges, &out_of, &used, from, at)?;
                used[next] = true;
                from = at;
                at = edges[next].1;
            }
            if ring.len() >= 3 {
                split_loops(ring, &mut rings);
            }
        }
        Some(rings)
    }

    fn next_edge(
        &self,
        edges: &[(Vid, Vid)],
        out_of: &HashMap<Vid, Vec<usize>>,
        used: &[bool],
        from: Vid,
        at: Vid,
    ) -> Option<usize> {
        let free = out_of.get(&at)?.iter().copied().filter(|&i| !used[i]);
        let (p, q) = (self.at(from), self.at(at));
        let back = [p[0] - q[0], p[1] - q[1]];
        free.min_by(|&i, &j| {
            let turn = |e: usize| {
                let w = self.at(edges[e].1);
                let d = [w[0] - q[0], w[1] - q[1]];
                let ccw = (back[0] * d[1] - back[1] * d[0]).atan2(back[0] * d[0] + back[1] * d[1]);
                // Clockwise angle from the way back, in (0, 2π].
                let cw = (-ccw).rem_euclid(std::f64::consts::TAU);
                if cw == 0.0 { std::f64::consts::TAU } else { cw }
            };
            turn(i).total_cmp(&turn(j))
        })
    }
}

/// A ring that passes a vertex twice (a hole touching its outer ring at a point) as simple
/// rings: each loop between two visits is cut out as a ring of its own.
fn split_loops(ring: Vec<Vid>, out: &mut Vec<Vec<Vid>>) {
    let mut stack: Vec<Vid> = Vec::with_capacity(ring.len());
    let mut at: HashMap<Vid, usize> = HashMap::with_capacity(ring.len());
    for v in ring {
        if let Some(&i) = at.get(&v) {
            let inner: Vec<Vid> = stack.drain(i + 1..).collect();
            for u in &inner {
                at.remove(u);
            }
            let mut looped = vec![v];
            looped.extend(inner);
            if looped.len() >= 3 {
                out.push(looped);
            }
        } else {
            at.insert(v, stack.len());
            stack.push(v);
        }
    }
    if stack.len() >= 3 {
        out.push(stack);
    }
}

/// The edges that no edge of the same key runs against: the boundary of their union.
/// `None` if an edge appears twice the same way round (two pieces overlap).
fn cancel(edges: Vec<(Vid, Vid)>) -> Option<Vec<(Vid, Vid)>> {
    let all: HashSet<(Vid, Vid)> = edges.iter().copied().collect();
    if all.len() != edges.len() {
        return None;
    }
    Some(
        edges
            .into_iter()
            .filter(|&(a, b)| !all.contains(&(b, a)))
            .collect(),
    )
}

/// An edge's key (its lower vertex first) and `t` measured from that vertex.
fn canonical(u: Vid, v: Vid, t: f64) -> ((Vid, Vid), f64) {
    if u <= v {
        ((u, v), t)
    } else {
        ((v, u), 1.0 - t)
    }
}

/// The stretch `[t0, t1]` of the segment `p`–`q` (t from 0 at p to 1 at q) within `r` of the
/// segment `a`–`b`; `None` if it misses. The set is convex, so it is one stretch: the hull of
/// the stretches inside the two end discs and the band between them.
fn capsule_span(p: [f64; 2], q: [f64; 2], a: [f64; 2], b: [f64; 2], r: f64) -> Option<(f64, f64)> {
    let d = [q[0] - p[0], q[1] - p[1]];
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    let mut take = |s: Option<(f64, f64)>| {
        if let Some((s0, s1)) = s {
            lo = lo.min(s0);
            hi = hi.max(s1);
        }
    };
    take(disc_span(p, d, a, r));
    if a != b {
        take(disc_span(p, d, b, r));
        let ab = [b[0] - a[0], b[1] - a[1]];
        let len = ab[0].hypot(ab[1]);
        let e = [ab[0] / len, ab[1] / len];
        let n = [-e[1], e[0]];
        let w = [p[0] - a[0], p[1] - a[1]];
        // 0 <= along <= len and -r <= across <= r, each linear in t.
        let along = (w[0] * e[0] + w[1] * e[1], d[0] * e[0] + d[1] * e[1]);
        let across = (w[0] * n[0] + w[1] * n[1], d[0] * n[0] + d[1] * n[1]);
        let band = [(along, 0.0, len), (across, -r, r)]
            .into_iter()
            .try_fold(
                (f64::NEG_INFINITY, f64::INFINITY),
                |(s0, s1), ((c, k), min, max)| {
                    linear_between(c, k, min, max).map(|(u0, u1)| (s0.max(u0), s1.min(u1)))
                },
            )
            .filter(|(s0, s1)| s0 <= s1);
        take(band);
    }
    let (t0, t1) = (lo.max(0.0), hi.min(1.0));
    (t0 <= t1 && lo.is_finite()).then_some((t0, t1))
}

/// The t with `min <= c + k t <= max`, as a closed range (maybe infinite); `None` if none.
fn linear_between(c: f64, k: f64, min: f64, max: f64) -> Option<(f64, f64)> {
    if k == 0.0 {
        return (c >= min && c <= max).then_some((f64::NEG_INFINITY, f64::INFINITY));
    }
    let (t0, t1) = ((min - c) / k, (max - c) / k);
    Some((t0.min(t1), t0.max(t1)))
}

/// The t with `|p + t d - c| <= r`.
fn disc_span(p: [f64; 2], d: [f64; 2], c: [f64; 2], r: f64) -> Option<(f64, f64)> {
    let w = [p[0] - c[0], p[1] - c[1]];
    let aa = d[0] * d[0] + d[1] * d[1];
    let bb = 2.0 * (w[0] * d[0] + w[1] * d[1]);
    let cc = w[0] * w[0] + w[1] * w[1] - r * r;
    if aa == 0.0 {
        return (cc <= 0.0).then_some((f64::NEG_INFINITY, f64::INFINITY));
    }
    let disc = bb * bb - 4.0 * aa * cc;
    if disc < 0.0 {
        return None;
    }
    let s = disc.sqrt();
    Some(((-bb - s) / (2.0 * aa), (-bb + s) / (2.0 * aa)))
}

/// The points of the capsule's border strictly between `from` and `to`, counter-clockwise
/// (the land on the left). The border is walked by arc length: the side on the right of
/// `a`→`b`, the half circle round `b`, the other side back, the half circle round `a`; a disc
/// (`a == b`) is one circle.
fn border_path(a: [f64; 2], b: [f64; 2], r: f64, from: [f64; 2], to: [f64; 2]) -> Vec<[f64; 2]> {
    let c = Capsule::new(a, b, r);
    let (s0, s1) = (c.s_of(from), c.s_of(to));
    let total = c.perimeter();
    let mut ds = (s1 - s0).rem_euclid(total);
    // The kept part of a convex piece with its place as a corner never goes more than half
    // way round: a walk nearly all the way round is rounding between two equal points.
    if ds > 0.75 * total {
        ds = 0.0;
    }
    let knots = c.knots();
    let mut out = Vec::new();
    let start = knots.partition_point(|&k| k <= s0);
    for i in 0..knots.len() {
        let k = knots[(start + i) % knots.len()];
        let along = (k - s0).rem_euclid(total);
        if along >= ds {
            break;
        }
        if along > 0.0 {
            out.push(c.point(k));
        }
    }
    out
}

/// A capsule's border, parametrised by arc length from the start of its right side.
struct Capsule {
    a: [f64; 2],
    b: [f64; 2],
    r: f64,
    len: f64,
    e: [f64; 2],
    n: [f64; 2],
}

impl Capsule {
    fn new(a: [f64; 2], b: [f64; 2], r: f64) -> Capsule {
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let len = dx.hypot(dy);
        let e = if len > 0.0 {
            [dx / len, dy / len]
        } else {
            [1.0, 0.0]
        };
        Capsule {
            a,
            b,
            r,
            len,
            e,
            n: [-e[1], e[0]],
        }
    }

    fn perimeter(&self) -> f64 {
        2.0 * self.len + std::f64::consts::TAU * self.r
    }

    fn s_of(&self, x: [f64; 2]) -> f64 {
        use std::f64::consts::PI;
        let (a, b, e, n, r, len) = (self.a, self.b, self.e, self.n, self.r, self.len);
        let dot = |p: [f64; 2], q: [f64; 2]| p[0] * q[0] + p[1] * q[1];
        let w = [x[0] - a[0], x[1] - a[1]];
        let (u, v) = (dot(w, e), dot(w, n));
        if len == 0.0 {
            // A circle: the angle from -n counter-clockwise, as the half circles below.
            let m = [-n[0], -n[1]];
            let phi = (m[0] * w[1] - m[1] * w[0]).atan2(dot(w, m));
            return r * phi.rem_euclid(std::f64::consts::TAU);
        }
        if u > len {
            let d = [x[0] - b[0], x[1] - b[1]];
            len + r * half_turn(dot(d, e).atan2(-dot(d, n)))
        } else if u < 0.0 {
            2.0 * len + PI * r + r * half_turn((-dot(w, e)).atan2(dot(w, n)))
        } else if v < 0.0 {
            u
        } else {
            len + PI * r + (len - u)
        }
    }

    fn point(&self, s: f64) -> [f64; 2] {
        use std::f64::consts::PI;
        let (a, b, e, n, r, len) = (self.a, self.b, self.e, self.n, self.r, self.len);
        let at = |o: [f64; 2], dir: [f64; 2], k: f64| [o[0] + dir[0] * k, o[1] + dir[1] * k];
        if len == 0.0 {
            let phi = s / r;
            // Rotate -n counter-clockwise by phi.
            let (c, si) = (phi.cos(), phi.sin());
            let m = [-n[0], -n[1]];
            return at(a, [m[0] * c - m[1] * si, m[0] * si + m[1] * c], r);
        }
        if s <= len {
            at(at(a, n, -r), e, s)
        } else if s <= len + PI * r {
            let phi = (s - len) / r;
            let dir = [
                -n[0] * phi.cos() + e[0] * phi.sin(),
                -n[1] * phi.cos() + e[1] * phi.sin(),
            ];
            at(b, dir, r)
        } else if s <= 2.0 * len + PI * r {
            at(at(b, n, r), e, -(s - len - PI * r))
        } else {
            let phi = (s - 2.0 * len - PI * r) / r;
            let dir = [
                n[0] * phi.cos() - e[0] * phi.sin(),
                n[1] * phi.cos() - e[1] * phi.sin(),
            ];
            at(a, dir, r)
        }
    }

    /// The arc lengths where the border turns: the ends of the sides and steps along the
    /// half circles, ascending.
    fn knots(&self) -> Vec<f64> {
        use std::f64::consts::PI;
        let step = PI * self.r / (CIRCLE_STEPS / 2) as f64;
        let half = CIRCLE_STEPS / 2;
        if self.len == 0.0 {
            return (0..CIRCLE_STEPS).map(|i| step * i as f64).collect();
        }
        let mut out = Vec::with_capacity(CIRCLE_STEPS + 4);
        out.push(0.0);
        for i in 0..=half {
            out.push(self.len + step * i as f64);
        }
        for i in 0..=half {
            out.push(2.0 * self.len + PI * self.r + step * i as f64);
        }
        out.retain(|&k| k < self.perimeter());
        out
    }
}

/// A ring without vertices within a tenth of a millimetre of the one before (two crossings
/// of nearly the same point) and without spikes (a vertex whose neighbours coincide).
fn tidy_ring(mut pts: Vec<[f64; 2]>) -> Vec<[f64; 2]> {
    const EPS: f64 = 1e-7;
    let same = |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]).abs() < EPS && (a[1] - b[1]).abs() < EPS;
    loop {
        let n = pts.len();
        if n < 3 {
            return pts;
        }
        let mut out: Vec<[f64; 2]> = Vec::with_capacity(n);
        for &p in &pts {
            if out.last().is_none_or(|&q| !same(p, q)) {
                out.push(p);
            }
        }
        while out.len() > 1 && same(out[0], out[out.len() - 1]) {
            out.pop();
        }
        let m = out.len();
        let spikes: Vec<usize> = (0..m)
            .filter(|&i| m > 3 && same(out[(i + m - 1) % m], out[(i + 1) % m]))
            .collect();
        if let Some(&i) = spikes.first() {
            // Drop the spike's tip and one of its two equal neighbours.
            let j = (i + 1) % m;
            let (a, b) = (i.max(j), i.min(j));
            out.remove(a);
            out.remove(b);
        }
        if out.len() == n {
            return out;
        }
        pts = out;
    }
}

/// An angle on a half circle, 0..=π: a point just past either end (rounding puts a point
/// where a side meets the half circle on either) is at that end.
fn half_turn(phi: f64) -> f64 {
    use std::f64::consts::{FRAC_PI_2, PI};
    if phi >= 0.0 {
        phi.min(PI)
    } else if phi < -FRAC_PI_2 {
        PI
    } else {
        0.0
    }
}

pub(super) fn twice_area(pts: &[[f64; 2]]) -> f64 {
    let n = pts.len();
    (0..n)
        .map(|i| {
            let (p, q) = (pts[i], pts[(i + 1) % n]);
            p[0] * q[1] - q[0] * p[1]
        })
        .sum()
}

fn bbox(pts: &[[f64; 2]]) -> [f64; 4] {
    pts.iter().fold(
        [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ],
        |b, p| {
            [
                b[0].min(p[0]),
                b[1].min(p[1]),
                b[2].max(p[0]),
                b[3].max(p[1]),
            ]
        },
    )
}

fn mid(a: [f64; 2], b: [f64; 2]) -> [f64; 2] {
    [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0]
}

/// Even-odd point in ring.
fn inside(ring: &[[f64; 2]], p: [f64; 2]) -> bool {
    let mut odd = false;
    let n = ring.len();
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + 1) % n]);
        if (a[1] > p[1]) != (b[1] > p[1])
            && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]
        {
            odd = !odd;
        }
    }
    odd
}

fn closed(pts: &[[f64; 2]]) -> LineString<f64> {
    let mut c: Vec<Coord<f64>> = pts.iter().map(|p| Coord { x: p[0], y: p[1] }).collect();
    if let Some(&f) = c.first() {
        c.push(f);
    }
    LineString(c)
}
