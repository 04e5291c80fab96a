//! The territory approximation: who holds the land between the reported places.
//!
//! The places are triangulated (Delaunay, with `spade`) in a plane of kilometres, and the land
//! is cut into convex pieces that each belong to one place: inside a triangle, the part
//! nearest each corner (bounded by lines from the middle of each edge to the triangle's
//! centre of its circumcircle, or to the middle of its longest edge if that centre is outside
//! it); beyond the outermost places, strips out from the edges of the hull and wedges at its
//! corners. Where neighbouring places are held by different sides, their land meets midway
//! between them: fronts run between opposing places, not around each.
//!
//! **Every shaded point has a reason close by.** A piece keeps only the land within
//! [`Params::reach_km`] of its place, or of the line to a neighbour of the same side no more
//! than [`Params::enclose_km`] away (the land between two such places), or all of it inside a
//! triangle of three places of one side whose edges are all that short (land they enclose).
//! So no land is shaded farther than the reach from a place of its holder, except land
//! enclosed by that holder's places close together; nothing is shaded outside the mask.
//!
//! **Isolated reports are not territory.** A place whose neighbours in the triangulation (at
//! least three) all read as one other side is an isolated report: a stale row, or a raid
//! behind the lines. It keeps only a disc of [`Params::local_km`], cut out of its neighbours'
//! land, and takes no share of the land between them. Contested places ([`Key::local`]) are
//! treated alike: fighting in a town does not move the line between the holders around it.
//!
//! The pieces of one key share their edges exactly, so their union is found by cancelling the
//! shared edges ([`super::mesh`]), in time linear in the number of places; `geo`'s boolean
//! operations are used only to cut the discs of isolated and contested places out of the land
//! around them and to clip land that crosses the border of the mask.

use std::mem::take;

use geo::{Coord, MultiPolygon, Polygon as GeoPolygon};
use spade::{DelaunayTriangulation, HasPosition, Point2, Triangulation};

use super::mask::{Cover, Mask};
use super::mesh::{Fast, FastSet, Mesh, Pieces, Vid, Zone, twice_area};
use super::{guard, map_coords};
use crate::geo::Projection;

/// The name of the method, for the properties of exported areas.
pub(crate) const METHOD: &str = "delaunay-reach";

/// What the approximation may assume.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Land farther than this from every place of the side it would go to is "no reports",
    /// unless that side's places enclose it.
    pub reach_km: f64,
    /// Two places of one side no farther apart than this hold the land between them; three
    /// such places hold the triangle they make.
    pub enclose_km: f64,
    /// The disc an isolated report or a contested place keeps.
    pub local_km: f64,
}

impl Params {
    /// The parameters the map uses: what the legend, the README and the GeoJSON state.
    pub const DEFAULT: Params = Params {
        reach_km: 60.0,
        enclose_km: 350.0,
        local_km: 5.0,
    };
}

impl Default for Params {
    fn default() -> Self {
        Params::DEFAULT
    }
}

/// What the approximation needs to know of a key beyond telling keys apart.
pub trait Key: Copy + Ord + Send {
    /// The side the key's land reads as (a faction), if any: a place whose neighbours all
    /// read as one other side is an isolated report.
    fn side(self) -> Option<u32>;
    /// Whether a place with this key keeps only a small disc (fighting in a town does not
    /// move the line between the holders around it).
    fn local(self) -> bool {
        false
    }
}

impl Key for u8 {
    fn side(self) -> Option<u32> {
        Some(u32::from(self))
    }
}

impl Key for u32 {
    fn side(self) -> Option<u32> {
        Some(self)
    }
}

/// A reported place as the approximation sees it: where, and whose land it speaks for
/// (`None`: a place that takes part but gives its land to nobody, such as a town outside the
/// conflict).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Site<K> {
    /// Longitude, degrees east.
    pub lon: f64,
    /// Latitude, degrees north.
    pub lat: f64,
    /// The key its land takes.
    pub key: Option<K>,
}

/// The approximated land of each key.
#[derive(Clone, Debug, PartialEq)]
pub struct Approximation<K> {
    /// Each key with land, in key order: disjoint, valid polygons in `[lon, lat]`, exterior
    /// rings counter-clockwise and holes clockwise, inside the mask.
    pub areas: Vec<(K, MultiPolygon<f64>)>,
    /// The sites (indices into the input) judged isolated reports: they keep a small disc.
    pub isolated: Vec<usize>,
}

/// A place in the plane: where, its key, and its index among the input sites.
#[derive(Clone, Copy, Debug)]
struct Spot<K> {
    at: [f64; 2],
    key: Option<K>,
    site: usize,
}

#[derive(Clone, Copy, Debug)]
struct Vertex {
    pos: Point2<f64>,
    spot: usize,
}

impl HasPosition for Vertex {
    type Scalar = f64;
    fn position(&self) -> Point2<f64> {
        self.pos
    }
}

/// The land of each key among `sites`, inside `mask`, computed in the mask's plane.
pub fn approximate<K: Key>(sites: &[Site<K>], mask: &Mask, params: &Params) -> Approximation<K> {
    let proj = mask.projection();
    // Snapped to 10 m: places closer than that are one point (no report tells them apart, and
    // land a few metres wide is rounding, not territory); spade also refuses coordinates too
    // close to zero but not zero.
    let snap = |v: f64| (v * 1e2).round() / 1e2;
    let mut spots: Vec<Spot<K>> = sites
        .iter()
        .enumerate()
        .filter(|(_, s)| s.lon.is_finite() && s.lat.is_finite())
        .map(|(i, s)| {
            let (x, y) = proj.project(s.lon, s.lat);
            Spot {
                at: [snap(x), snap(y)],
                key: s.key,
                site: i,
            }
        })
        .filter(|s| s.at[0].abs() < 1e9 && s.at[1].abs() < 1e9)
        .collect();
    // Places at the same point: the first one written speaks for it.
    spots.sort_by(|a, b| {
        (a.at[0], a.at[1], a.site)
            .partial_cmp(&(b.at[0], b.at[1], b.site))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    spots.dedup_by(|b, a| a.at == b.at);
    // Contested places, and isolated reports found below, keep only a small disc.
    let mut local: Vec<bool> = spots
        .iter()
        .map(|s| s.key.is_some_and(Key::local))
        .collect();
    let tri = triangulate(&spots);
    let mut isolated = Vec::new();
    if let Some(tri) = &tri {
        for i in lone_reports(tri, &spots, &local, proj, params.reach_km) {
            local[i] = true;
            isolated.push(spots[i].site);
        }
    }
    let land = build(&spots, tri.as_ref(), &local, mask, params);
    let to_deg = |c: Coord<f64>| {
        let (x, y) = proj.unproject(c.x, c.y);
        Coord { x, y }
    };
    let vertices =
        |polys: &[GeoPolygon<f64>]| -> usize { polys.iter().map(|p| p.exterior().0.len()).sum() };
    let areas: Vec<(K, MultiPolygon<f64>)> = super::par::map(
        land,
        |(_, polys)| vertices(polys),
        |(k, polys)| {
            let clipped = clip(polys, mask);
            (!clipped.0.is_empty()).then(|| (k, map_coords(&clipped, to_deg)))
        },
    )
    .into_iter()
    .flatten()
    .collect();
    isolated.sort_unstable();
    Approximation { areas, isolated }
}

fn triangulate<K>(spots: &[Spot<K>]) -> Option<DelaunayTriangulation<Vertex>> {
    let vertices = spots
        .iter()
        .enumerate()
        .map(|(i, s)| Vertex {
            pos: Point2::new(s.at[0], s.at[1]),
            spot: i,
        })
        .collect();
    DelaunayTriangulation::<Vertex>::bulk_load_stable(vertices).ok()
}

/// The spots (indices) that are isolated reports: inside the hull, with neighbours in the
/// triangulation all within twice the reach (so that they speak for the land around it) and
/// all reading otherwise (at least three of them), or all but one (at least five: a pair of
/// stale rows side by side). Places already kept to a disc are not judged.
fn lone_reports<K: Key>(
    tri: &DelaunayTriangulation<Vertex>,
    spots: &[Spot<K>],
    local: &[bool],
    proj: &Projection,
    reach: f64,
) -> Vec<usize> {
    if spots.len() < 4 {
        return Vec::new();
    }
    let side = |i: usize| spots[i].key.and_then(Key::side);
    let (_, lat0) = proj.area().center();
    let km = |a: [f64; 2], b: [f64; 2]| {
        let lat = proj.unproject(0.0, (a[1] + b[1]) / 2.0).1;
        let s = (lat.to_radians().cos() / lat0.to_radians().cos()).max(1e-3);
        ((a[0] - b[0]) * s).hypot(a[1] - b[1])
    };
    let mut out = Vec::new();
    for v in tri.vertices() {
        let me = v.data().spot;
        let Some(own) = side(me).filter(|_| !local[me]) else {
            continue;
        };
        let (mut count, mut agree) = (0, 0);
        let surrounded = v.out_edges().all(|e| {
            let other = e.to().data().spot;
            count += 1;
            if side(other) == Some(own) {
                agree += 1;
            }
            !e.is_outer_edge()
                && !e.rev().is_outer_edge()
                && side(other).is_some()
                && km(spots[me].at, spots[other].at) <= 2.0 * reach
        });
        // All read otherwise (at least three), or all but one of at least five: a pair of
        // stale rows side by side is caught too.
        if surrounded && (agree == 0 && count >= 3 || agree == 1 && count >= 5) {
            out.push(me);
        }
    }
    out
}

/// The land of each key among `spots`: every piece cut to its zone, merged per key (km).
fn build<K: Key>(
    spots: &[Spot<K>],
    tri: Option<&DelaunayTriangulation<Vertex>>,
    local: &[bool],
    mask: &Mask,
    params: &Params,
) -> Vec<(K, Vec<GeoPolygon<f64>>)> {
    let proj = *mask.projection();
    let reach = params.reach_km.max(0.0);
    if spots.iter().all(|s| s.key.is_none()) || reach <= 0.0 {
        return Vec::new();
    }
    let mut b = Builder {
        proj,
        mask,
        mesh: Mesh::default(),
        spots,
        local,
        radius: Vec::new(),
        toward: Fast::default(),
        mids: Fast::default(),
        pieces: Pieces::default(),
        ring: Vec::new(),
        arcs: Vec::new(),
        reach,
        enclose: params.enclose_km.max(0.0),
    };
    b.radius = b.radii(tri, params.local_km.clamp(0.0, reach));
    // Sized up front, not grown: one middle per edge of the triangulation, and about a dozen
    // points of its disc (toward the middles and centres around it) per local place.
    b.mids
        .reserve(tri.map_or(0, Triangulation::num_undirected_edges));
    b.toward.reserve(12 * local.iter().filter(|&&l| l).count());
    b.mesh.points.reserve(12 * spots.len());
    for s in spots {
        b.mesh.add(s.at);
    }
    if spots.len() == 1 {
        b.alone(0);
    } else if let Some(tri) = tri {
        let (hull, peeled) = if tri.num_inner_faces() == 0 {
            (in_a_line(spots), FastSet::default())
        } else {
            let mut h: Vec<usize> = tri.convex_hull().map(|e| e.from().data().spot).collect();
            let pts: Vec<[f64; 2]> = h.iter().map(|&i| spots[i].at).collect();
            if twice_area(&pts) < 0.0 {
                h.reverse();
            }
            peel(tri, spots, h, 2.0 * reach + 1.0)
        };
        for face in tri.inner_faces() {
            let [a, b2, c] = face.vertices().map(|h| h.data().spot);
            if !peeled.contains(&sorted3(a, b2, c)) {
                b.triangle(a, b2, c);
            }
        }
        b.beyond(&hull);
    }
    let Builder {
        mut mesh, pieces, ..
    } = b;
    mesh.merge(&pieces)
}

fn sorted3(a: usize, b: usize, c: usize) -> [usize; 3] {
    let mut t = [a, b, c];
    t.sort_unstable();
    t
}

/// The hull with its slivers peeled off: where a triangle on the hull is so flat that its
/// third place lies all but on the hull's edge (within 1% of the edge's length, as towns on a
/// road do), that place joins the hull and the triangle goes to the land beyond it, so the
/// place's land reaches out beyond the line like its neighbours' (a flat triangle's place
/// would otherwise be hidden behind an edge between its neighbours). The hull stays convex
/// but for these turns of a degree or so; a peel that would make two strips beyond it meet
/// within `far` is not made.
fn peel<K>(
    tri: &DelaunayTriangulation<Vertex>,
    spots: &[Spot<K>],
    mut hull: Vec<usize>,
    far: f64,
) -> (Vec<usize>, FastSet<[usize; 3]>) {
    let mut handles: Vec<Option<spade::handles::FixedVertexHandle>> = vec![None; spots.len()];
    for h in tri.fixed_vertices() {
        handles[tri.vertex(h).data().spot] = Some(h);
    }
    let mut peeled = FastSet::default();
    let mut on_hull = vec![false; spots.len()];
    for &v in &hull {
        on_hull[v] = true;
    }
    let at = |i: usize| spots[i].at;
    let mut i = 0;
    // Each peel adds a place to the hull: at most as many peels as places.
    let mut budget = spots.len();
    while i < hull.len() && budget > 0 {
        let (u, v) = (hull[i], hull[(i + 1) % hull.len()]);
        let third = handles[u].zip(handles[v]).and_then(|(hu, hv)| {
            let e = tri.get_edge_from_neighbors(hu, hv)?;
            [e, e.rev()]
                .into_iter()
                .find(|d| d.face().as_inner().is_some())
                .map(|d| d.next().to().data().spot)
        });
        let Some(w) = third.filter(|&w| !on_hull[w] && !peeled.contains(&sorted3(u, v, w))) else {
            i += 1;
            continue;
        };
        let (pu, pv, pw) = (at(u), at(v), at(w));
        let len = dist(pu, pv);
        let along = ((pw[0] - pu[0]) * (pv[0] - pu[0]) + (pw[1] - pu[1]) * (pv[1] - pu[1])) / len;
        let depth = orient(pu, pv, pw).abs() / len;
        // The hull around the new place: the place before u, u, w, v and the one after v.
        let n = hull.len();
        let chain = [at(hull[(i + n - 1) % n]), pu, pw, pv, at(hull[(i + 2) % n])];
        // Where the hull turns back, the strips on either side share one edge out along the
        // mean of their normals: it must not meet the next one's within `far`.
        let safe = (1..4).all(|k| {
            let (a, b, c) = (chain[k - 1], chain[k], chain[k + 1]);
            let back = -orient(a, b, c) / (dist(a, b) * dist(b, c)).max(f64::MIN_POSITIVE);
            let half = back.clamp(-1.0, 1.0).asin() / 2.0;
            half <= 0.0 || dist(a, b).min(dist(b, c)) / 2.0 / half.sin() > 1.5 * far
        });
        if along > 0.0 && along < len && depth <= 0.01 * len && safe {
            peeled.insert(sorted3(u, v, w));
            on_hull[w] = true;
            hull.insert(i + 1, w);
            budget -= 1;
        } else {
            i += 1;
        }
    }
    (hull, peeled)
}

/// Places all on one line, in order along it and back: the hull of a flat set.
fn in_a_line<K>(spots: &[Spot<K>]) -> Vec<usize> {
    let o = spots[0].at;
    let far = (0..spots.len())
        .max_by(|&i, &j| dist(o, spots[i].at).total_cmp(&dist(o, spots[j].at)))
        .unwrap_or(0);
    let d = [spots[far].at[0] - o[0], spots[far].at[1] - o[1]];
    let mut order: Vec<usize> = (0..spots.len()).collect();
    let along = |i: usize| (spots[i].at[0] - o[0]) * d[0] + (spots[i].at[1] - o[1]) * d[1];
    order.sort_by(|&i, &j| along(i).total_cmp(&along(j)));
    let back: Vec<usize> = order[1..order.len().saturating_sub(1)]
        .iter()
        .rev()
        .copied()
        .collect();
    order.extend(back);
    order
}

struct Builder<'a, K> {
    proj: Projection,
    mask: &'a Mask,
    mesh: Mesh,
    spots: &'a [Spot<K>],
    /// Places kept to a small disc: contested places and isolated reports.
    local: &'a [bool],
    /// The radius of each local place's disc, km: at most `local_km`, and small enough to
    /// stay inside the place's own corner of every triangle it is in.
    radius: Vec<f64>,
    /// The points of local places' discs toward a vertex, one for every piece that meets it.
    toward: Fast<(usize, Vid), Vid>,
    mids: Fast<(usize, usize), Vid>,
    /// The pieces with area that are not wholly outside the map area (those would only be
    /// cut away after the union).
    pieces: Pieces<K>,
    /// Buffers reused from one piece to the next: a ring being made, and arcs of a disc.
    ring: Vec<Vid>,
    arcs: Vec<Vid>,
    reach: f64,
    enclose: f64,
}

impl<K: Key> Builder<'_, K> {
    fn at(&self, i: usize) -> [f64; 2] {
        self.spots[i].at
    }

    fn key(&self, i: usize) -> Option<K> {
        self.spots[i].key
    }

    /// The middle of the edge between two places, one vertex for every piece that meets it.
    fn mid(&mut self, u: usize, v: usize) -> Vid {
        let (lo, hi) = (u.min(v), u.max(v));
        if let Some(&m) = self.mids.get(&(lo, hi)) {
            return m;
        }
        let m = self.mesh.add(mid(self.at(lo), self.at(hi)));
        self.mids.insert((lo, hi), m);
        m
    }

    /// Whether two places of one side are close enough to hold the land between them.
    fn pair(&self, u: usize, v: usize) -> bool {
        !self.local[u]
            && !self.local[v]
            && self.key(u).is_some()
            && self.key(u) == self.key(v)
            && self.km(u, v) <= self.enclose
    }

    /// The distance between two places on the ground, km (the plane's x stretched where they
    /// are, as the zones are).
    fn km(&self, u: usize, v: usize) -> f64 {
        let (a, b) = (self.at(u), self.at(v));
        let s = self.stretch((a[1] + b[1]) / 2.0);
        ((a[0] - b[0]) * s).hypot(a[1] - b[1])
    }

    /// The true east-west km per km of the plane's x at `y` km north of its centre (at least
    /// a thousandth: at the pole a disc of reach would span every longitude).
    fn stretch(&self, y: f64) -> f64 {
        let lat = self.proj.unproject(0.0, y).1.clamp(-90.0, 90.0);
        let (_, lat0) = self.proj.area().center();
        (lat.to_radians().cos() / lat0.to_radians().cos()).max(1e-3)
    }

    fn disc(&self, v: usize) -> Zone {
        let p = self.at(v);
        Zone::Capsule {
            a: p,
            b: p,
            r: self.reach,
            sx: self.stretch(p[1]),
        }
    }

    /// The zone of `v`'s land along its edge to `w`: the corridor between them, or its disc.
    fn zone(&self, v: usize, w: usize) -> Zone {
        if self.pair(v, w) {
            let (lo, hi) = (v.min(w), v.max(w));
            let (a, b) = (self.at(lo), self.at(hi));
            Zone::Capsule {
                a,
                b,
                r: self.reach,
                sx: self.stretch((a[1] + b[1]) / 2.0),
            }
        } else {
            self.disc(v)
        }
    }

    fn push(&mut self, v: usize, ring: &[Vid], zone: Zone) {
        let Some(key) = self.key(v) else { return };
        let mask = self.mask;
        self.pieces.push(&self.mesh, key, ring, zone, |b| {
            mask.cover(b) != Cover::Outside
        });
    }

    /// One triangle's pieces: whole if its three places enclose it, else the part nearest
    /// each corner, cut to that corner's zones.
    fn triangle(&mut self, a: usize, b: usize, c: usize) {
        let (a, b, c) = if orient(self.at(a), self.at(b), self.at(c)) < 0.0 {
            (a, c, b)
        } else {
            (a, b, c)
        };
        let (mab, mbc, mca) = (self.mid(a, b), self.mid(b, c), self.mid(c, a));
        if self.pair(a, b) && self.pair(b, c) && self.pair(c, a) {
            let a_id = a as Vid;
            self.push(a, &[a_id, mab, b as Vid, mbc, c as Vid, mca], Zone::All);
            return;
        }
        let j = self.centre(a, b, c, [mab, mbc, mca]);
        for (v, next, m_next, prev, m_prev) in [
            (a, b, mab, c, mca),
            (b, c, mbc, a, mab),
            (c, a, mca, b, mbc),
        ] {
            if self.local[v] {
                self.local_corner(v, (next, m_next), (prev, m_prev), j);
                continue;
            }
            if self.key(v).is_none() {
                continue;
            }
            let (z1, z2) = (self.zone(v, next), self.zone(v, prev));
            let vid = v as Vid;
            if z1 == z2 {
                self.push(v, &[vid, m_next, j, m_prev], z1);
            } else {
                self.push(v, &[vid, m_next, j], z1);
                self.push(v, &[vid, j, m_prev], z2);
            }
        }
    }

    /// Where a triangle's three pieces meet (see [`meeting`]).
    fn centre(&mut self, a: usize, b: usize, c: usize, mids: [Vid; 3]) -> Vid {
        match meeting(self.at(a), self.at(b), self.at(c)) {
            Meet::Centre(p) => self.mesh.add(p),
            Meet::Mid(i) => mids[i],
        }
    }

    /// A local place's corner of a triangle: its disc, and the rest shared by its neighbours
    /// as if it were not there (each takes the half on its side of the line from the place to
    /// the meeting point `j`), so that a contested place or an isolated report never pulls
    /// the split between holders.
    fn local_corner(&mut self, v: usize, next: (usize, Vid), prev: (usize, Vid), j: Vid) {
        let (pn, pj, pp) = (
            self.toward(v, next.1),
            self.toward(v, j),
            self.toward(v, prev.1),
        );
        let angle = |b: &Self, t: Vid| {
            let (c, p) = (b.at(v), b.mesh.points[t as usize]);
            (p[1] - c[1]).atan2(p[0] - c[0])
        };
        let (an, aj, ap) = (angle(self, next.1), angle(self, j), angle(self, prev.1));
        // The corner turns counter-clockwise from `next` through `j` to `prev`, by less
        // than a half turn (a turn of all but a full circle is none, rounded).
        let ccw = |a: f64| {
            let t = a.rem_euclid(std::f64::consts::TAU);
            if t > 1.5 * std::f64::consts::PI {
                0.0
            } else {
                t
            }
        };
        let (qn, qj, qp) = (
            self.mesh.points[next.1 as usize],
            self.mesh.points[j as usize],
            self.mesh.points[prev.1 as usize],
        );
        let (mut arcs, mut ring) = (take(&mut self.arcs), take(&mut self.ring));
        self.arc(v, qn, ccw(aj - an), Some((qn, qj)), &mut arcs);
        let split = arcs.len();
        self.arc(v, qj, ccw(ap - aj), Some((qj, qp)), &mut arcs);
        let (first, second) = arcs.split_at(split);
        ring.extend([v as Vid, pn]);
        ring.extend(first);
        ring.push(pj);
        ring.extend(second);
        ring.push(pp);
        self.push(v, &ring, Zone::All);
        let heir = |b: &Self, x: usize, y: usize| {
            if !b.local[x] {
                Some((x, y))
            } else if !b.local[y] {
                Some((y, x))
            } else {
                None
            }
        };
        if let Some((o, other)) = heir(self, next.0, prev.0) {
            let zone = self.zone(o, other);
            ring.clear();
            ring.extend([pn, next.1, j, pj]);
            ring.extend(first.iter().rev());
            self.push(o, &ring, zone);
        }
        if let Some((o, other)) = heir(self, prev.0, next.0) {
            let zone = self.zone(o, other);
            ring.clear();
            ring.extend([pj, j, prev.1, pp]);
            ring.extend(second.iter().rev());
            self.push(o, &ring, zone);
        }
        self.give_back(arcs, ring);
    }

    /// The point of `v`'s disc toward vertex `t`: one vertex, shared by the pieces that meet
    /// there.
    fn toward(&mut self, v: usize, t: Vid) -> Vid {
        if let Some(&p) = self.toward.get(&(v, t)) {
            return p;
        }
        let target = self.mesh.points[t as usize];
        let p = self.mesh.add(self.disc_point(v, target));
        self.toward.insert((v, t), p);
        p
    }

    /// The point of `v`'s disc in the direction of `target`, true km on the ground.
    fn disc_point(&self, v: usize, target: [f64; 2]) -> [f64; 2] {
        let c = self.at(v);
        let sx = self.stretch(c[1]);
        let d = [target[0] - c[0], target[1] - c[1]];
        let len = (d[0] * sx).hypot(d[1]).max(f64::MIN_POSITIVE);
        let r = self.radius[v];
        [c[0] + d[0] * r / len, c[1] + d[1] * r / len]
    }

    /// The ground distance from place `v` to a point, km (x stretched where `v` is).
    fn ground(&self, v: usize, p: [f64; 2]) -> f64 {
        let c = self.at(v);
        ((p[0] - c[0]) * self.stretch(c[1])).hypot(p[1] - c[1])
    }

    /// The disc radius of each local place: `local_km`, or less where its corner of a
    /// triangle (or half the way to a neighbour on a line) is smaller.
    fn radii(&self, tri: Option<&DelaunayTriangulation<Vertex>>, local_km: f64) -> Vec<f64> {
        let mut radius: Vec<f64> = self
            .local
            .iter()
            .map(|&l| if l { local_km } else { 0.0 })
            .collect();
        let Some(tri) = tri else { return radius };
        for e in tri.undirected_edges() {
            let [a, b] = e.vertices().map(|v| v.data().spot);
            let half = mid(self.at(a), self.at(b));
            for v in [a, b] {
                if self.local[v] {
                    radius[v] = radius[v].min(0.99 * self.ground(v, half));
                }
            }
        }
        for face in tri.inner_faces() {
            let [a, b, c] = face.vertices().map(|h| h.data().spot);
            if ![a, b, c].iter().any(|&v| self.local[v]) {
                continue;
            }
            let (pa, pb, pc) = (self.at(a), self.at(b), self.at(c));
            let j = match meeting(pa, pb, pc) {
                Meet::Centre(p) => p,
                Meet::Mid(i) => [mid(pa, pb), mid(pb, pc), mid(pc, pa)][i],
            };
            for v in [a, b, c] {
                if self.local[v] {
                    radius[v] = radius[v].min(0.99 * self.ground(v, j));
                }
            }
        }
        radius
    }

    /// The arc of `v`'s disc from the direction of `from` turning by `sweep` radians
    /// (counter-clockwise if positive), without its two ends; drawn in before `wall` (a
    /// segment), where the corner it is in is narrower than the disc; added to `out`.
    fn arc(
        &mut self,
        v: usize,
        from: [f64; 2],
        sweep: f64,
        wall: Option<([f64; 2], [f64; 2])>,
        out: &mut Vec<Vid>,
    ) {
        let c = self.at(v);
        let base = (from[1] - c[1]).atan2(from[0] - c[0]);
        let steps = (sweep.abs() / (std::f64::consts::PI / 8.0)).ceil().max(1.0) as usize;
        for k in 1..steps {
            let t = base + sweep * k as f64 / steps as f64;
            let mut p = self.disc_point(v, [c[0] + t.cos(), c[1] + t.sin()]);
            if let Some((a, b)) = wall
                && let Some(hit) = ray_hits(c, p, a, b)
                && hit < 1.0 / 0.98
            {
                let f = 0.98 * hit;
                p = [c[0] + (p[0] - c[0]) * f, c[1] + (p[1] - c[1]) * f];
            }
            out.push(self.mesh.add(p));
        }
    }

    /// The buffers a piece took (with [`take`]), emptied for the next one.
    fn give_back(&mut self, mut arcs: Vec<Vid>, mut ring: Vec<Vid>) {
        arcs.clear();
        ring.clear();
        self.arcs = arcs;
        self.ring = ring;
    }

    /// A local place's part of a piece beyond the hull, between the rays from it through
    /// vertices `from` and `to` (turning the short way, or by `sweep` when given): a sector of
    /// its disc.
    fn sector(&mut self, v: usize, from: Vid, to: Vid, sweep: Option<f64>) {
        let c = self.at(v);
        let (pf, pt) = (
            self.mesh.points[from as usize],
            self.mesh.points[to as usize],
        );
        let sweep = sweep.unwrap_or_else(|| {
            let a = (pf[1] - c[1]).atan2(pf[0] - c[0]);
            let b = (pt[1] - c[1]).atan2(pt[0] - c[0]);
            wrap(b - a)
        });
        let (start, end) = (self.toward(v, from), self.toward(v, to));
        let mut ring = take(&mut self.ring);
        ring.extend([v as Vid, start]);
        self.arc(v, pf, sweep, None, &mut ring);
        ring.push(end);
        self.push(v, &ring, Zone::All);
        ring.clear();
        self.ring = ring;
    }

    /// Beyond the hull (its places counter-clockwise, a flat set there and back): a strip out
    /// from each half of each edge, and a wedge at each corner.
    fn beyond(&mut self, hull: &[usize]) {
        let far = 2.0 * self.reach + 1.0;
        let n = hull.len();
        let normals: Vec<[f64; 2]> = (0..n)
            .map(|i| {
                let (pu, pv) = (self.at(hull[i]), self.at(hull[(i + 1) % n]));
                let len = dist(pu, pv).max(f64::MIN_POSITIVE);
                [(pv[1] - pu[1]) / len, -(pv[0] - pu[0]) / len]
            })
            .collect();
        let off = |p: [f64; 2], normal: [f64; 2]| [p[0] + normal[0] * far, p[1] + normal[1] * far];
        // The far end of each edge's strip at its second place, and at its first: one vertex
        // where two edges run on in a straight line (no wedge between them).
        // At a corner that turns (a convex hull's), a wedge fills between the two strips;
        // where the hull runs straight on or turns back a little (a peeled sliver), the two
        // strips share one edge out, along the mean of their normals.
        let mut ends: Vec<Vid> = Vec::with_capacity(n);
        let mut starts: Vec<Vid> = vec![0; n];
        for i in 0..n {
            let next = (i + 1) % n;
            let p = self.at(hull[next]);
            if turn(normals[i], normals[next]) <= 1e-12 {
                let (a, b) = (normals[i], normals[next]);
                let mean = [a[0] + b[0], a[1] + b[1]];
                let len = mean[0].hypot(mean[1]).max(f64::MIN_POSITIVE);
                let shared = self.mesh.add(off(p, [mean[0] / len, mean[1] / len]));
                ends.push(shared);
                starts[next] = shared;
            } else {
                ends.push(self.mesh.add(off(p, normals[i])));
                starts[next] = self.mesh.add(off(p, normals[next]));
            }
        }
        for i in 0..n {
            let (u, v) = (hull[i], hull[(i + 1) % n]);
            let m = self.mid(u, v);
            let pm = self.mesh.points[m as usize];
            let mf = self.mesh.add(off(pm, normals[i]));
            if self.local[u] {
                self.sector(u, m, starts[i], None);
            } else {
                let zone = self.zone(u, v);
                self.push(u, &[u as Vid, starts[i], mf, m], zone);
            }
            if self.local[v] {
                self.sector(v, ends[i], m, None);
            } else {
                let zone = self.zone(v, u);
                self.push(v, &[m, mf, ends[i], v as Vid], zone);
            }
        }
        for i in 0..n {
            let next = (i + 1) % n;
            let v = hull[next];
            self.wedge(v, normals[i], normals[next], ends[i], starts[next], far);
        }
    }

    /// The wedge at `v` turning counter-clockwise from direction `n1` (far end `from`) to `n2`
    /// (far end `to`).
    fn wedge(&mut self, v: usize, n1: [f64; 2], n2: [f64; 2], from: Vid, to: Vid, far: f64) {
        let sweep = turn(n1, n2);
        if sweep <= 1e-12 {
            return;
        }
        if self.local[v] {
            self.sector(v, from, to, Some(sweep));
            return;
        }
        let p = self.at(v);
        let steps = (sweep / std::f64::consts::FRAC_PI_4).ceil().max(1.0) as usize;
        let mut ring = take(&mut self.ring);
        ring.extend([v as Vid, from]);
        let base = n1[1].atan2(n1[0]);
        for k in 1..steps {
            let t = base + sweep * k as f64 / steps as f64;
            ring.push(self.mesh.add([p[0] + far * t.cos(), p[1] + far * t.sin()]));
        }
        ring.push(to);
        let zone = self.disc(v);
        self.push(v, &ring, zone);
        ring.clear();
        self.ring = ring;
    }

    /// A place alone: its disc, as four quarters.
    fn alone(&mut self, v: usize) {
        let far = 2.0 * self.reach + 1.0;
        let p = self.at(v);
        let dirs = [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]];
        let ends: Vec<Vid> = dirs
            .iter()
            .map(|d| self.mesh.add([p[0] + d[0] * far, p[1] + d[1] * far]))
            .collect();
        for i in 0..4 {
            self.wedge(
                v,
                dirs[i],
                dirs[(i + 1) % 4],
                ends[i],
                ends[(i + 1) % 4],
                far,
            );
        }
    }
}

/// The polygons (km) inside the mask: those wholly inside kept, wholly outside dropped, the
/// rest clipped to it.
fn clip(polys: Vec<GeoPolygon<f64>>, mask: &Mask) -> MultiPolygon<f64> {
    let mut kept = Vec::new();
    let mut edge = Vec::new();
    for p in polys {
        match mask.cover(poly_bbox(&p)) {
            Cover::Inside => kept.push(p),
            Cover::Outside => {}
            Cover::Edge => edge.push(p),
        }
    }
    if !edge.is_empty() {
        let cut = guard::robust(
            &MultiPolygon(edge),
            mask.km(),
            geo::BooleanOps::intersection,
        )
        .unwrap_or_else(|| MultiPolygon(vec![]));
        kept.extend(cut.0);
    }
    let mut kept = MultiPolygon(kept);
    super::orient_in_place(&mut kept);
    kept
}

const EMPTY: [f64; 4] = [
    f64::INFINITY,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NEG_INFINITY,
];

fn poly_bbox(p: &GeoPolygon<f64>) -> [f64; 4] {
    p.exterior().0.iter().fold(EMPTY, |b, c| {
        [b[0].min(c.x), b[1].min(c.y), b[2].max(c.x), b[3].max(c.y)]
    })
}

/// Where the ray from `c` through `p` meets the segment `a`–`b`, as a multiple of `p - c`.
fn ray_hits(c: [f64; 2], p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> Option<f64> {
    let d = [p[0] - c[0], p[1] - c[1]];
    let e = [b[0] - a[0], b[1] - a[1]];
    let den = d[0] * e[1] - d[1] * e[0];
    if den.abs() < f64::MIN_POSITIVE {
        return None;
    }
    let w = [a[0] - c[0], a[1] - c[1]];
    let t = (w[0] * e[1] - w[1] * e[0]) / den;
    let s = (w[0] * d[1] - w[1] * d[0]) / den;
    (t > 0.0 && (-1e-9..=1.0 + 1e-9).contains(&s)).then_some(t)
}

/// An angle in (-π, π].
fn wrap(phi: f64) -> f64 {
    use std::f64::consts::{PI, TAU};
    let w = phi.rem_euclid(TAU);
    if w > PI { w - TAU } else { w }
}

/// Where a triangle's three pieces meet: the centre of its circumcircle if that lies inside
/// it, else the middle of its longest edge (the nearest point to that centre; edges in the
/// order a–b, b–c, c–a).
enum Meet {
    Centre([f64; 2]),
    Mid(usize),
}

fn meeting(pa: [f64; 2], pb: [f64; 2], pc: [f64; 2]) -> Meet {
    if let Some(cc) = circumcentre(pa, pb, pc) {
        let area = orient(pa, pb, pc);
        let inside = [orient(pb, pc, cc), orient(pc, pa, cc), orient(pa, pb, cc)]
            .iter()
            .all(|&w| w / area > 1e-9);
        if inside {
            return Meet::Centre(cc);
        }
    }
    let lens = [dist(pa, pb), dist(pb, pc), dist(pc, pa)];
    let longest = (0..3)
        .max_by(|&i, &j| lens[i].total_cmp(&lens[j]))
        .unwrap_or(0);
    Meet::Mid(longest)
}

/// The angle from direction `n1` counter-clockwise to `n2`, in (-π, π]; opposite directions
/// (the end of a flat set) turn half way round, whatever the sign of the zero atan2 is given.
fn turn(n1: [f64; 2], n2: [f64; 2]) -> f64 {
    let sweep = (n1[0] * n2[1] - n1[1] * n2[0]).atan2(n1[0] * n2[0] + n1[1] * n2[1]);
    if sweep <= -std::f64::consts::PI + 1e-9 {
        std::f64::consts::PI
    } else {
        sweep
    }
}

fn orient(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> f64 {
    (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
}

fn circumcentre(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> Option<[f64; 2]> {
    let d = 2.0 * orient(a, b, c);
    if d == 0.0 {
        return None;
    }
    let (bx, by) = (b[0] - a[0], b[1] - a[1]);
    let (cx, cy) = (c[0] - a[0], c[1] - a[1]);
    let (b2, c2) = (bx * bx + by * by, cx * cx + cy * cy);
    let x = (cy * b2 - by * c2) / d;
    let y = (bx * c2 - cx * b2) / d;
    let p = [a[0] + x, a[1] + y];
    (p[0].is_finite() && p[1].is_finite()).then_some(p)
}

fn mid(a: [f64; 2], b: [f64; 2]) -> [f64; 2] {
    [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0]
}

fn dist(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::MapArea;
    use geo::Area;

    fn world_mask(area: MapArea) -> Mask {
        let c = |x, y| Coord { x, y };
        let rect = GeoPolygon::new(
            geo::LineString(vec![
                c(area.min_lon, area.min_lat),
                c(area.max_lon, area.min_lat),
                c(area.max_lon, area.max_lat),
                c(area.min_lon, area.max_lat),
                c(area.min_lon, area.min_lat),
            ]),
            vec![],
        );
        Mask::new(MultiPolygon(vec![rect]), area)
    }

    fn km2(mask: &Mask, m: &MultiPolygon<f64>) -> f64 {
        let p = mask.projection();
        map_coords(m, |c| {
            let (x, y) = p.project(c.x, c.y);
            Coord { x, y }
        })
        .unsigned_area()
    }

    #[test]
    fn one_two_and_three_places() {
        let mask = world_mask(MapArea::new(30.0, 40.0, 10.0, 20.0).unwrap());
        let r = Params::DEFAULT.reach_km;
        let site = |lon, key: u8| Site {
            lon,
            lat: 15.0,
            key: Some(key),
        };
        let one = approximate(&[site(35.0, 0)], &mask, &Params::DEFAULT);
        let disc = std::f64::consts::PI * r * r;
        let a = km2(&mask, &one.areas[0].1);
        assert!((a - disc).abs() / disc < 0.01, "{a} vs {disc}");
        // Two places 100 km apart: a capsule.
        let d = 100.0 / (crate::geo::KM_PER_DEGREE * 15f64.to_radians().cos());
        let two = approximate(&[site(35.0, 0), site(35.0 + d, 0)], &mask, &Params::DEFAULT);
        let a = km2(&mask, &two.areas[0].1);
        let want = disc + 2.0 * r * 100.0;
        assert!((a - want).abs() / want < 0.01, "{a} vs {want}");
        // Three in a line.
        let three = approximate(
            &[site(35.0, 0), site(35.0 + d, 0), site(35.0 + 2.0 * d, 0)],
            &mask,
            &Params::DEFAULT,
        );
        let a = km2(&mask, &three.areas[0].1);
        let want = disc + 2.0 * r * 200.0;
        assert!((a - want).abs() / want < 0.01, "{a} vs {want}");
    }
}
