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

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

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

/// A convex piece of land for a key: its vertices counter-clockwise (a range of
/// [`Pieces::vids`]), and its zone.
#[derive(Clone, Copy, Debug)]
pub(super) struct Piece<K> {
    pub key: K,
    start: u32,
    end: u32,
    pub zone: Zone,
}

/// Pieces with area, their rings one after another in one vector: a day of 10,000 places
/// makes some 100,000 pieces, and a vector each was a fifth of the time in the allocator.
#[derive(Clone, Debug)]
pub(super) struct Pieces<K> {
    list: Vec<Piece<K>>,
    vids: Vec<Vid>,
}

impl<K> Default for Pieces<K> {
    fn default() -> Self {
        Pieces {
            list: Vec::new(),
            vids: Vec::new(),
        }
    }
}

impl<K: Copy> Pieces<K> {
    /// Adds a piece of `key` with the vertices `ring` (a vertex repeated in a row counted
    /// once; turned counter-clockwise if it runs the other way), unless it has fewer than
    /// three vertices, no area, or `keep` refuses its bounding box (`[min x, min y, max x,
    /// max y]`).
    pub(crate) fn push(
        &mut self,
        mesh: &Mesh,
        key: K,
        ring: &[Vid],
        zone: Zone,
        keep: impl FnOnce([f64; 4]) -> bool,
    ) {
        let start = self.vids.len();
        for &v in ring {
            if self.vids.len() == start || self.vids.last() != Some(&v) {
                self.vids.push(v);
            }
        }
        // A corner where the meeting point is the middle of an edge repeats that vertex.
        while self.vids.len() > start + 1 && self.vids.get(start) == self.vids.last() {
            self.vids.pop();
        }
        let own = &mut self.vids[start..];
        if own.len() < 3 {
            self.vids.truncate(start);
            return;
        }
        let mut twice = twice_area_of(mesh, own);
        if twice < 0.0 {
            own.reverse();
            // Summed again in the ring's own order, as the area is judged below.
            twice = twice_area_of(mesh, own);
        }
        let bbox = own.iter().fold(
            [
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ],
            |b, &v| {
                let q = mesh.at(v);
                [
                    b[0].min(q[0]),
                    b[1].min(q[1]),
                    b[2].max(q[0]),
                    b[3].max(q[1]),
                ]
            },
        );
        if twice.abs() <= 1e-12 || !keep(bbox) {
            self.vids.truncate(start);
            return;
        }
        let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(self.vids.len())) else {
            // Beyond 4 billion vertices: the piece is left out rather than misread.
            self.vids.truncate(start);
            return;
        };
        self.list.push(Piece {
            key,
            start,
            end,
            zone,
        });
    }

    fn ring(&self, p: &Piece<K>) -> &[Vid] {
        &self.vids[p.start as usize..p.end as usize]
    }
}

/// Twice the signed area of a ring of mesh vertices (positive: counter-clockwise).
fn twice_area_of(mesh: &Mesh, ring: &[Vid]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (p, q) = (mesh.at(ring[i]), mesh.at(ring[(i + 1) % n]));
            p[0] * q[1] - q[0] * p[1]
        })
        .sum()
}

/// The vertices every piece refers to.
#[derive(Clone, Debug, Default)]
pub(super) struct Mesh {
    pub points: Vec<[f64; 2]>,
}

impl Mesh {
    /// A new vertex at `p`.
    pub(crate) fn add(&mut self, p: [f64; 2]) -> Vid {
        self.points.push(p);
        Vid::try_from(self.points.len() - 1).unwrap_or(Vid::MAX)
    }

    fn at(&self, v: Vid) -> [f64; 2] {
        self.points[v as usize]
    }

    /// The union of each key's pieces, as polygons in the mesh's plane (exteriors
    /// counter-clockwise, holes clockwise), in key order.
    pub(crate) fn merge<K: Copy + Ord + Send>(
        &mut self,
        pieces: &Pieces<K>,
    ) -> Vec<(K, Vec<GeoPolygon<f64>>)> {
        // Pass 1: each piece's stretch of each edge inside its zone; crossings registered on
        // the edge, for both pieces that share it.
        let total = pieces.vids.len();
        let mut spans: Vec<Option<(f64, f64)>> = Vec::with_capacity(total);
        let mut cuts: Vec<((Vid, Vid), f64)> = Vec::new();
        for p in &pieces.list {
            let ring = pieces.ring(p);
            let n = ring.len();
            for i in 0..n {
                let (u, v) = (ring[i], ring[(i + 1) % n]);
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
                            cuts.push(canonical(u, v, t));
                        }
                    }
                }
                spans.push(span);
            }
        }
        cuts.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)));
        cuts.dedup();
        let breaks: Breaks = cuts
            .into_iter()
            .map(|(key, t)| {
                let (a, b) = (self.at(key.0), self.at(key.1));
                let vid = self.add([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
                (key, t, vid)
            })
            .collect();
        let index = index_breaks(&breaks);
        // Pass 2: each piece's boundary, every registered crossing on its stretches included,
        // the zone's border between where it leaves one edge and enters the next.
        let mut kept: Vec<(K, Rings)> = Vec::new();
        let mut scratch = Scratch::default();
        let mut at = 0;
        for p in &pieces.list {
            let ring = pieces.ring(p);
            let own = &spans[at..at + ring.len()];
            at += ring.len();
            self.boundary(p.zone, ring, own, (&breaks, &index), &mut scratch);
            if scratch.ring.len() < 3 {
                continue;
            }
            let rings = match kept.iter().position(|(k, _)| *k == p.key) {
                Some(i) => &mut kept[i].1,
                None => {
                    kept.push((p.key, Rings::default()));
                    &mut kept.last_mut().expect("just pushed").1
                }
            };
            rings.starts.push(rings.vids.len());
            rings.vids.extend_from_slice(&scratch.ring);
        }
        kept.sort_by_key(|a| a.0);
        let this = &*self;
        super::par::map(
            kept,
            |(_, rings)| rings.vids.len(),
            |(k, rings)| (k, this.union(&rings)),
        )
        .into_iter()
        .filter(|(_, polys)| !polys.is_empty())
        .collect()
    }

    /// The union of one key's pieces: their boundaries without the edges two of them share.
    /// Pieces of one key never overlap, so every vertex has as many edges out as in; if that
    /// ever fails (a case the construction missed), the union is made by boolean operations
    /// instead, slower but whole, rather than losing land.
    fn union(&self, rings: &Rings) -> Vec<GeoPolygon<f64>> {
        let mut edges = Vec::with_capacity(rings.vids.len());
        for ring in rings.iter() {
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

    /// The vertices of one piece's kept part, in order, into `scratch.ring`.
    fn boundary(
        &mut self,
        zone: Zone,
        piece: &[Vid],
        spans: &[Option<(f64, f64)>],
        (breaks, index): (&Breaks, &BreakIndex),
        scratch: &mut Scratch,
    ) {
        let n = piece.len();
        let Scratch {
            runs,
            starts,
            ring,
            path,
        } = scratch;
        runs.clear();
        starts.clear();
        ring.clear();
        // Each edge's run: the vertices from where it enters the zone to where it leaves.
        for (i, span) in spans.iter().enumerate() {
            let Some((t0, t1)) = *span else { continue };
            let (u, v) = (piece[i], piece[(i + 1) % n]);
            let (key, c0) = canonical(u, v, t0);
            let (_, c1) = canonical(u, v, t1);
            let on = on_edge(breaks, index, key);
            let point = |t: f64, c: f64| -> Option<Vid> {
                if t <= 0.0 {
                    Some(u)
                } else if t >= 1.0 {
                    Some(v)
                } else {
                    on.iter().find(|x| x.1 == c).map(|x| x.2)
                }
            };
            let (Some(first), Some(last)) = (point(t0, c0), point(t1, c1)) else {
                continue;
            };
            starts.push(runs.len());
            runs.push(first);
            let (lo, hi) = (c0.min(c1), c0.max(c1));
            let inside = on.iter().filter(|x| x.1 > lo && x.1 < hi).map(|x| x.2);
            if key.0 == u {
                runs.extend(inside);
            } else {
                let from = runs.len();
                runs.extend(inside);
                runs[from..].reverse();
            }
            runs.push(last);
        }
        let count = starts.len();
        for i in 0..count {
            let run = &runs[starts[i]..starts.get(i + 1).copied().unwrap_or(runs.len())];
            let next_first = runs[starts[(i + 1) % count]];
            for &v in run {
                if ring.last() != Some(&v) {
                    ring.push(v);
                }
            }
            let exit = *run.last().unwrap_or(&next_first);
            if exit != next_first
                && let Zone::Capsule { a, b, r, sx } = zone
            {
                let t = |p: [f64; 2]| [p[0] * sx, p[1]];
                let (from, to) = (t(self.at(exit)), t(self.at(next_first)));
                border_path(t(a), t(b), r, from, to, path);
                for &q in path.iter() {
                    let v = self.add([q[0] / sx, q[1]]);
                    ring.push(v);
                }
            }
        }
        if ring.len() > 1 && ring.first() == ring.last() {
            ring.pop();
        }
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
    fn rings(&self, mut edges: Vec<(Vid, Vid)>) -> Option<Vec<Vec<Vid>>> {
        // Sorted by their first vertex: the edges out of a vertex are one run.
        edges.sort_unstable();
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
                let next = self.next_edge(&edges, &used, from, at)?;
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

    fn next_edge(&self, edges: &[(Vid, Vid)], used: &[bool], from: Vid, at: Vid) -> Option<usize> {
        let lo = edges.partition_point(|e| e.0 < at);
        let hi = lo + edges[lo..].partition_point(|e| e.0 == at);
        let mut free = (lo..hi).filter(|&i| !used[i]);
        let first = free.next()?;
        let Some(second) = free.next() else {
            return Some(first);
        };
        let (p, q) = (self.at(from), self.at(at));
        let back = [p[0] - q[0], p[1] - q[1]];
        let turn = |e: usize| {
            let w = self.at(edges[e].1);
            let d = [w[0] - q[0], w[1] - q[1]];
            let ccw = (back[0] * d[1] - back[1] * d[0]).atan2(back[0] * d[0] + back[1] * d[1]);
            // Clockwise angle from the way back, in (0, 2π].
            let cw = (-ccw).rem_euclid(std::f64::consts::TAU);
            if cw == 0.0 { std::f64::consts::TAU } else { cw }
        };
        [first, second]
            .into_iter()
            .chain(free)
            .min_by(|&i, &j| turn(i).total_cmp(&turn(j)))
    }
}

/// A ring that passes a vertex twice (a hole touching its outer ring at a point) as simple
/// rings: each loop between two visits is cut out as a ring of its own.
fn split_loops(ring: Vec<Vid>, out: &mut Vec<Vec<Vid>>) {
    // Most rings pass no vertex twice: a sort tells, without a map of every vertex.
    let mut sorted = ring.clone();
    sorted.sort_unstable();
    if sorted.windows(2).all(|w| w[0] != w[1]) {
        if ring.len() >= 3 {
            out.push(ring);
        }
        return;
    }
    let mut stack: Vec<Vid> = Vec::with_capacity(ring.len());
    let mut at: Fast<Vid, usize> = Fast::default();
    at.reserve(ring.len());
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
    // Each edge by its two vertices, lower first, and which way it runs: an edge and its
    // reverse sort side by side.
    let mut keyed: Vec<(u64, bool)> = edges
        .into_iter()
        .map(|(a, b)| {
            let (lo, hi) = (a.min(b), a.max(b));
            ((u64::from(lo) << 32) | u64::from(hi), a < b)
        })
        .collect();
    keyed.sort_unstable();
    let mut out = Vec::new();
    let mut i = 0;
    while i < keyed.len() {
        let mut j = i + 1;
        while j < keyed.len() && keyed[j].0 == keyed[i].0 {
            j += 1;
        }
        match &keyed[i..j] {
            [(k, up)] => {
                let (lo, hi) = ((k >> 32) as Vid, (k & 0xffff_ffff) as Vid);
                out.push(if *up { (lo, hi) } else { (hi, lo) });
            }
            [(_, a), (_, b)] if a != b => {}
            _ => return None,
        }
        i = j;
    }
    Some(out)
}

/// The crossings registered on edges: each edge's key, the crossing's `t` from its lower
/// vertex, and the crossing's vertex; sorted by edge and `t`.
type Breaks = Vec<((Vid, Vid), f64, Vid)>;

/// Where each broken edge's crossings are in [`Breaks`].
type BreakIndex = Fast<(Vid, Vid), (u32, u32)>;

fn index_breaks(breaks: &Breaks) -> BreakIndex {
    let mut index = BreakIndex::default();
    let mut i = 0;
    while i < breaks.len() {
        let key = breaks[i].0;
        let mut j = i + 1;
        while j < breaks.len() && breaks[j].0 == key {
            j += 1;
        }
        index.insert(key, (i as u32, j as u32));
        i = j;
    }
    index
}

/// The crossings on one edge.
fn on_edge<'a>(
    breaks: &'a Breaks,
    index: &BreakIndex,
    key: (Vid, Vid),
) -> &'a [((Vid, Vid), f64, Vid)] {
    index
        .get(&key)
        .map_or(&[], |&(lo, hi)| &breaks[lo as usize..hi as usize])
}

/// One key's rings, one after another.
#[derive(Default)]
struct Rings {
    vids: Vec<Vid>,
    starts: Vec<usize>,
}

impl Rings {
    fn iter(&self) -> impl Iterator<Item = &[Vid]> {
        (0..self.starts.len()).map(|i| {
            let end = self.starts.get(i + 1).copied().unwrap_or(self.vids.len());
            &self.vids[self.starts[i]..end]
        })
    }
}

/// Buffers reused from one piece to the next.
#[derive(Default)]
struct Scratch {
    runs: Vec<Vid>,
    starts: Vec<usize>,
    ring: Vec<Vid>,
    path: Vec<[f64; 2]>,
}

/// A hash map keyed by vertex ids, with a hasher for small integer keys (the default one is
/// made to resist hostile keys, which vertex ids never are, and costs several times more).
pub(super) type Fast<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// A hash set of the same kind.
pub(super) type FastSet<K> = HashSet<K, BuildHasherDefault<IdHasher>>;

/// Multiply-and-rotate hashing of integers (as rustc's FxHasher).
#[derive(Default)]
pub(super) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, v: u32) {
        self.write_u64(u64::from(v));
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }
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
fn border_path(
    a: [f64; 2],
    b: [f64; 2],
    r: f64,
    from: [f64; 2],
    to: [f64; 2],
    out: &mut Vec<[f64; 2]>,
) {
    out.clear();
    let c = Capsule::new(a, b, r);
    let (s0, s1) = (c.s_of(from), c.s_of(to));
    let total = c.perimeter();
    let mut ds = (s1 - s0).rem_euclid(total);
    // The kept part of a convex piece with its place as a corner never goes more than half
    // way round: a walk nearly all the way round is rounding between two equal points.
    if ds > 0.75 * total {
        ds = 0.0;
    }
    let count = c.knot_count();
    let start = c.knots_before(s0);
    for i in 0..count {
        let k = c.knot((start + i) % count);
        let along = (k - s0).rem_euclid(total);
        if along >= ds {
            break;
        }
        if along > 0.0 {
            out.push(c.point(k));
        }
    }
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

    /// How many places the border turns: the ends of the sides and steps along the half
    /// circles (for a disc, steps round the circle).
    fn knot_count(&self) -> usize {
        if self.len == 0.0 {
            CIRCLE_STEPS
        } else {
            // 0, then each half circle's steps from its start to its end; the last knot of
            // the second half circle is where the border began (dropped).
            1 + 2 * (CIRCLE_STEPS / 2 + 1) - 1
        }
    }

    /// The arc length of knot `i` (ascending in `i`).
    fn knot(&self, i: usize) -> f64 {
        use std::f64::consts::PI;
        let step = PI * self.r / (CIRCLE_STEPS / 2) as f64;
        let half = CIRCLE_STEPS / 2 + 1;
        if self.len == 0.0 {
            step * i as f64
        } else if i == 0 {
            0.0
        } else if i <= half {
            self.len + step * (i - 1) as f64
        } else {
            2.0 * self.len + PI * self.r + step * (i - 1 - half) as f64
        }
    }

    /// The number of knots at or before arc length `s`.
    fn knots_before(&self, s: f64) -> usize {
        let (mut lo, mut hi) = (0, self.knot_count());
        while lo < hi {
            let m = (lo + hi) / 2;
            if self.knot(m) <= s {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        lo
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
