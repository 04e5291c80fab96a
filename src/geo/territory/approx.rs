//! The territory approximation: who holds the land between the reported places.
//!
//! The places are triangulated (Delaunay, with `spade`) in a plane of kilometres. Inside a
//! triangle each point goes to the nearest of its corners (a Voronoi diagram of the places,
//! cut along the triangles), so where neighbouring places are held by different sides the
//! line between their land is the perpendicular bisector through the middle of the edge
//! joining them: fronts run between opposing places, not around each.
//! Land is enclosed by one side where that side's places are no more than
//! [`Params::enclose_km`] apart: a triangle of three of them is its whole, and two of them
//! in a triangle with another side's place hold the land between them up to the front. Other
//! land counts only within [`Params::reach_km`] of a place of the side it is given to. Beyond
//! the outermost places land goes to the nearest point of the hull: out to the mask's border
//! behind an edge between two places of one side (enclosed with the border), within reach
//! elsewhere. What is left inside the mask is "no reports". The pieces are merged per key and clipped to the
//! mask with `geo`'s boolean operations (`i_overlay`).

use std::collections::BTreeMap;

use geo::orient::{Direction, Orient};
use geo::{BooleanOps, Coord, MultiPolygon, Polygon as GeoPolygon};
use spade::handles::VertexHandle as SpadeVertex;
use spade::{DelaunayTriangulation, HasPosition, Point2, Triangulation};

use super::guard;
use super::plane::{ccw, disk, dist, map_coords, mid, nearer, outward, ring, wedge, within_one};
use crate::geo::Projection;

/// The name of the method, for the properties of exported areas.
pub const METHOD: &str = "delaunay-midpoint";

/// A key's pieces bounded by reach, and the places bounding them.
type Bounded = (Vec<GeoPolygon<f64>>, Vec<[f64; 2]>);

/// What the approximation may assume.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Land farther than this from every place of the side it would go to is "no reports",
    /// unless one side's places enclose it.
    pub reach_km: f64,
    /// A triangle of three places of one side is filled whole when no edge is longer than this.
    pub enclose_km: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            reach_km: 60.0,
            enclose_km: 250.0,
        }
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

/// The approximated land of each key, and the rest of the mask.
#[derive(Clone, Debug, PartialEq)]
pub struct Approximation<K> {
    /// Each key with land, in key order: disjoint, valid polygons in `[lon, lat]`, exterior
    /// rings counter-clockwise and holes clockwise, clipped to the mask.
    pub areas: Vec<(K, MultiPolygon<f64>)>,
    /// The part of the mask no key reaches: land with no report near enough.
    pub no_reports: MultiPolygon<f64>,
}

#[derive(Clone, Copy, Debug)]
struct Vertex {
    pos: Point2<f64>,
    site: usize,
}

impl HasPosition for Vertex {
    type Scalar = f64;
    fn position(&self) -> Point2<f64> {
        self.pos
    }
}

type VertexHandle<'a> = SpadeVertex<'a, Vertex, (), (), ()>;

/// A convex piece of land for a key, before merging: its ring (counter-clockwise, in km) and
/// the places whose reach bounds it (none: enclosed, not bounded).
struct Piece<K> {
    key: K,
    ring: Vec<[f64; 2]>,
    anchors: Vec<[f64; 2]>,
}

/// The land of each key among `sites`, inside `mask` (`[lon, lat]` polygons), computed in the
/// plane of `projection` (use one fixed per dataset, so the result does not depend on a view).
pub fn approximate<K: Copy + Ord>(
    sites: &[Site<K>],
    mask: &MultiPolygon<f64>,
    params: &Params,
    projection: &Projection,
) -> Approximation<K> {
    let to_km = |c: Coord<f64>| {
        let (x, y) = projection.project(c.x, c.y);
        Coord { x, y }
    };
    let to_deg = |c: Coord<f64>| {
        let (x, y) = projection.unproject(c.x, c.y);
        Coord { x, y }
    };
    let mask_km = map_coords(mask, to_km);
    let mask_span = geo::BoundingRect::bounding_rect(&mask_km).map_or(0.0, |r| {
        dist([r.min().x, r.min().y], [r.max().x, r.max().y])
    });
    let pieces = pieces(sites, params, projection, mask_span);
    // Each key's land: its enclosed pieces (and those within reach of one place bounding
    // them) whole, and its other pieces clipped to the reach of the places bounding them, as
    // one intersection of their union with the union of those places' circles (clipping
    // piece by piece overlaps the clipped parts and costs a hundred times more).
    let mut whole: BTreeMap<K, Vec<GeoPolygon<f64>>> = BTreeMap::new();
    let mut bounded: BTreeMap<K, Bounded> = BTreeMap::new();
    let reach = params.reach_km.max(0.0);
    for p in pieces {
        let poly = GeoPolygon::new(ring(&p.ring), vec![]);
        if p.anchors.is_empty() || within_one(&p.ring, &p.anchors, reach) {
            whole.entry(p.key).or_default().push(poly);
        } else {
            let (polys, anchors) = bounded.entry(p.key).or_default();
            polys.push(poly);
            anchors.extend(p.anchors.iter().copied());
        }
    }
    let mut by_key: BTreeMap<K, Vec<GeoPolygon<f64>>> = whole;
    for (key, (polys, mut anchors)) in bounded {
        anchors.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        anchors.dedup();
        let circles: Vec<GeoPolygon<f64>> = anchors
            .iter()
            .map(|a| GeoPolygon::new(disk(*a, reach), vec![]))
            .collect();
        let none = MultiPolygon(vec![]);
        let union = |v: Vec<GeoPolygon<f64>>| {
            guard::robust(&MultiPolygon(v), &none, |x, _| geo::unary_union(&x.0))
                .unwrap_or(MultiPolygon(vec![]))
        };
        let land = union(polys);
        let within = union(circles);
        let clipped =
            guard::robust(&land, &within, |x, y| x.intersection(y)).unwrap_or(MultiPolygon(vec![]));
        by_key
            .entry(key)
            .or_default()
            .extend(clipped.orient(Direction::Default).0);
    }
    let mut areas = Vec::new();
    let mut covered: Vec<GeoPolygon<f64>> = Vec::new();
    for (key, polys) in by_key {
        let merged = guard::robust(
            &MultiPolygon(polys.clone()),
            &MultiPolygon(vec![]),
            |x, _| geo::unary_union(&x.0),
        )
        .unwrap_or(MultiPolygon(polys));
        // If the clipping fails on every grid, the key's land is left out (no reports) rather
        // than drawn beyond the mask.
        let clipped = guard::robust(&merged, &mask_km, |x, y| x.intersection(y))
            .unwrap_or(MultiPolygon(vec![]))
            .orient(Direction::Default);
        if clipped.0.is_empty() {
            continue;
        }
        covered.extend(clipped.0.iter().cloned());
        areas.push((key, clipped));
    }
    let rest = if covered.is_empty() {
        mask_km.orient(Direction::Default)
    } else {
        guard::robust(&mask_km, &MultiPolygon(covered), |x, y| x.difference(y))
            .unwrap_or(MultiPolygon(vec![]))
            .orient(Direction::Default)
    };
    Approximation {
        areas: areas
            .into_iter()
            .map(|(k, m)| (k, map_coords(&m, to_deg)))
            .collect(),
        no_reports: map_coords(&rest, to_deg),
    }
}

/// Every piece of land, in km: triangles and their parts, then the land beyond the hull.
fn pieces<K: Copy + Ord>(
    sites: &[Site<K>],
    params: &Params,
    proj: &Projection,
    mask_span: f64,
) -> Vec<Piece<K>> {
    // Snapped to a millimetre: spade refuses coordinates too close to zero but not zero.
    let snap = |v: f64| (v * 1e6).round() / 1e6;
    let mut vertices: Vec<Vertex> = sites
        .iter()
        .enumerate()
        .filter(|(_, s)| s.lon.is_finite() && s.lat.is_finite())
        .map(|(i, s)| {
            let (x, y) = proj.project(s.lon, s.lat);
            Vertex {
                pos: Point2::new(snap(x), snap(y)),
                site: i,
            }
        })
        .filter(|v| v.pos.x.abs() < 1e9 && v.pos.y.abs() < 1e9)
        .collect();
    // Places at the same point: the first one written speaks for it.
    vertices.sort_by(|a, b| {
        (a.pos.x, a.pos.y, a.site)
            .partial_cmp(&(b.pos.x, b.pos.y, b.site))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    vertices.dedup_by(|b, a| a.pos == b.pos);
    let Ok(tri) = DelaunayTriangulation::<Vertex>::bulk_load_stable(vertices) else {
        return Vec::new();
    };
    let key = |v: &Vertex| sites[v.site].key;
    let at = |v: &Vertex| [v.pos.x, v.pos.y];
    let mut out = Vec::new();
    // A piece bounded by reach may be reached from any place of its side around it, not only
    // its own corner (the nearest place of a point in a thin triangle can be a neighbour).
    let widen = |out: &mut Vec<Piece<K>>, from: usize, around: &[VertexHandle<'_>]| {
        let near: Vec<([f64; 2], Option<K>)> = around
            .iter()
            .flat_map(|h| std::iter::once(*h).chain(h.out_edges().map(|e| e.to())))
            .map(|h| (at(h.data()), key(h.data())))
            .collect();
        for p in &mut out[from..] {
            if p.anchors.is_empty() {
                continue;
            }
            for (pos, k) in &near {
                if *k == Some(p.key) && !p.anchors.contains(pos) {
                    p.anchors.push(*pos);
                }
            }
        }
    };
    for face in tri.inner_faces() {
        let hs = face.vertices();
        let vs = hs.map(|h| *h.data());
        let from = out.len();
        triangle_pieces(vs.map(|v| (at(&v), key(&v))), params, &mut out);
        widen(&mut out, from, &hs);
    }
    // Beyond the hull, in the order spade gives its edges (clockwise seen from inside).
    let hull_handles: Vec<[VertexHandle<'_>; 2]> =
        tri.convex_hull().map(|e| e.vertices()).collect();
    let hull: Vec<(Vertex, Vertex)> = hull_handles
        .iter()
        .map(|[a, b]| (*a.data(), *b.data()))
        .collect();
    let reach = params.reach_km.max(0.0);
    // Far enough to leave the mask: land between one side's outermost places and the border.
    let span = {
        let (mut lo, mut hi) = ([f64::MAX; 2], [f64::MIN; 2]);
        for v in tri.vertices() {
            let p = at(v.data());
            lo = [lo[0].min(p[0]), lo[1].min(p[1])];
            hi = [hi[0].max(p[0]), hi[1].max(p[1])];
        }
        dist(lo, hi)
    };
    let far = (mask_span.max(span) * 2.0).max(reach) + 1.0;
    if hull.is_empty() {
        // One place: its reach.
        if let Some(v) = tri.vertices().next()
            && let Some(k) = key(v.data())
        {
            out.push(Piece {
                key: k,
                ring: disk(at(v.data()), reach)
                    .0
                    .iter()
                    .map(|c| [c.x, c.y])
                    .collect(),
                anchors: vec![],
            });
        }
        return out;
    }
    // A hull edge whose two places are one side's, no longer than `enclose_km`, encloses the
    // land between it and the border with the border's help.
    let closed = |u: &Vertex, v: &Vertex| {
        key(u).is_some() && key(u) == key(v) && dist(at(u), at(v)) <= params.enclose_km
    };
    for (i, (u, v)) in hull.iter().enumerate() {
        let from = out.len();
        let (pu, pv) = (at(u), at(v));
        let n = outward(pu, pv);
        let near = 1.5 * reach + 1.0;
        let off = |p: [f64; 2], d: f64| [p[0] + n[0] * d, p[1] + n[1] * d];
        match (key(u), key(v)) {
            (Some(a), Some(_)) if closed(u, v) => out.push(Piece {
                key: a,
                ring: ccw(vec![pu, pv, off(pv, far), off(pu, far)]),
                anchors: vec![],
            }),
            (Some(a), Some(b)) if a == b => out.push(Piece {
                key: a,
                ring: ccw(vec![pu, pv, off(pv, near), off(pu, near)]),
                anchors: vec![pu, pv],
            }),
            (ku, kv) => {
                let m = mid(pu, pv);
                if let Some(a) = ku {
                    out.push(Piece {
                        key: a,
                        ring: ccw(vec![pu, m, off(m, near), off(pu, near)]),
                        anchors: vec![pu],
                    });
                }
                if let Some(b) = kv {
                    out.push(Piece {
                        key: b,
                        ring: ccw(vec![m, pv, off(pv, near), off(m, near)]),
                        anchors: vec![pv],
                    });
                }
            }
        }
        // The wedge at v between this edge's outward normal and the next edge's.
        let (_, w) = &hull[(i + 1) % hull.len()];
        if let Some(k) = key(v) {
            let n2 = outward(pv, at(w));
            let enclosed = closed(u, v) && closed(v, w);
            out.push(Piece {
                key: k,
                ring: wedge(pv, n, n2, if enclosed { far } else { 3.0 * reach + 1.0 }),
                anchors: if enclosed { vec![] } else { vec![pv] },
            });
        }
        widen(&mut out, from, &hull_handles[i]);
    }
    out
}

/// The pieces of one triangle: whole for one side, else split where the sides' barycentric
/// weights are equal (through the middle of each edge between different sides).
fn triangle_pieces<K: Copy + Ord>(
    corners: [([f64; 2], Option<K>); 3],
    params: &Params,
    out: &mut Vec<Piece<K>>,
) {
    let [(a, ka), (b, kb), (c, kc)] = corners;
    let long = [dist(a, b), dist(b, c), dist(c, a)]
        .into_iter()
        .fold(0.0, f64::max);
    let push = |out: &mut Vec<Piece<K>>, key: Option<K>, ring: Vec<[f64; 2]>, anchors| {
        if let Some(key) = key
            && ring.len() >= 3
        {
            out.push(Piece {
                key,
                ring: ccw(ring),
                anchors,
            });
        }
    };
    if ka == kb && kb == kc {
        let anchors = if long <= params.enclose_km {
            vec![]
        } else {
            vec![a, b, c]
        };
        push(out, ka, vec![a, b, c], anchors);
        return;
    }
    // Two corners of one side: rotate so that they are the first two.
    let pair = if ka == kb {
        Some([(a, ka), (b, kb), (c, kc)])
    } else if kb == kc {
        Some([(b, kb), (c, kc), (a, ka)])
    } else if kc == ka {
        Some([(c, kc), (a, ka), (b, kb)])
    } else {
        None
    };
    let tri = vec![a, b, c];
    match pair {
        Some([(p, kp), (q, _), (r, kr)]) => {
            // Two places of one side close enough enclose the land between them, up to
            // where the other side's place is nearer.
            let anchors = if dist(p, q) <= params.enclose_km {
                vec![]
            } else {
                vec![p, q]
            };
            for (own, next) in [(p, q), (q, p)] {
                let half = nearer(&tri, own, r);
                // The two halves overlap; the second one without the first's part.
                let half = if own == q {
                    nearer(&half, own, next)
                } else {
                    half
                };
                push(out, kp, half, anchors.clone());
            }
            push(out, kr, nearer(&nearer(&tri, r, p), r, q), vec![r]);
        }
        None => {
            for (own, x, y, k) in [(a, b, c, ka), (b, c, a, kb), (c, a, b, kc)] {
                push(out, k, nearer(&nearer(&tri, own, x), own, y), vec![own]);
            }
        }
    }
}
