//! Whether an area's own `polygon` is a simple ring, found in O(n log n) by a sweep line
//! (Shamos and Hoey): no two edges cross or touch, except neighbours at the point they share.
//!
//! A ring that crosses itself is refused, not repaired: a star of n points has about n²/4
//! crossings, so any repair (even-odd, as some GeoJSON tools do) makes a shape of quadratic
//! size, and the boolean operations that follow cost more still. The sweep stops at the first
//! fault, so a refusal costs no more than checking a good ring.
//!
//! The predicates are exact (`geo`'s robust orientation), so points on a line, points a metre
//! apart and repeated points are judged as drawn, never by a rounding error.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use geo::Coord;
use geo::kernels::{Kernel, Orientation, RobustKernel};

/// Why a ring is not simple, by the indices of its points (as given, before any cleaning).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Point `again` is point `first` again (not its neighbour): the ring touches itself there.
    Repeats {
        /// The earlier occurrence.
        first: usize,
        /// The later one.
        again: usize,
    },
    /// The edge from point `a` to the next crosses or touches the edge from point `b`.
    Crosses {
        /// The start of the first edge (the lower index).
        a: usize,
        /// The start of the other edge.
        b: usize,
    },
    /// The ring turns back on itself at point `at` (its two edges overlap).
    Spike {
        /// The point it turns at.
        at: usize,
    },
}

/// One edge of the ring, its ends ordered left to right (then bottom to top).
#[derive(Debug, Clone, Copy)]
struct Seg {
    l: Coord<f64>,
    r: Coord<f64>,
    /// The edge's index: it runs from point `edge` to point `edge + 1` (of the cleaned ring).
    edge: usize,
}

fn lex(a: Coord<f64>, b: Coord<f64>) -> Ordering {
    a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y))
}

fn orient(p: Coord<f64>, q: Coord<f64>, r: Coord<f64>) -> Orientation {
    RobustKernel::orient2d(p, q, r)
}

/// Where `p` lies from the line through `s`: `Greater` above (to the left going right),
/// `Less` below, `Equal` on it.
fn side(s: &Seg, p: Coord<f64>) -> Ordering {
    match orient(s.l, s.r, p) {
        Orientation::CounterClockwise => Ordering::Greater,
        Orientation::Clockwise => Ordering::Less,
        Orientation::Collinear => Ordering::Equal,
    }
}

/// The order of two edges along a vertical line crossing both, bottom first. It needs no
/// sweep position: for edges that do not cross, the later-starting one lies wholly above or
/// below the other's line where they overlap. Edges on one line are ordered by index (they
/// overlap, which the neighbour test reports).
impl Ord for Seg {
    fn cmp(&self, o: &Self) -> Ordering {
        if self.edge == o.edge {
            return Ordering::Equal;
        }
        let (first, later, flip) = if lex(self.l, o.l) != Ordering::Greater {
            (self, o, false)
        } else {
            (o, self, true)
        };
        // `later` against `first`'s line: above means `first` is below.
        let by = match side(first, later.l) {
            Ordering::Equal => side(first, later.r),
            s => s,
        };
        let ord = match by {
            Ordering::Greater => Ordering::Less,
            Ordering::Less => Ordering::Greater,
            Ordering::Equal => first.edge.cmp(&later.edge),
        };
        if flip { ord.reverse() } else { ord }
    }
}

impl PartialOrd for Seg {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl PartialEq for Seg {
    fn eq(&self, o: &Self) -> bool {
        self.edge == o.edge
    }
}

impl Eq for Seg {}

/// True if `q` (collinear with `a`-`b`) lies within the box of `a`-`b`.
fn within(a: Coord<f64>, b: Coord<f64>, q: Coord<f64>) -> bool {
    q.x >= a.x.min(b.x) && q.x <= a.x.max(b.x) && q.y >= a.y.min(b.y) && q.y <= a.y.max(b.y)
}

/// True if the closed segments `a`-`b` and `c`-`d` share a point.
fn touch(a: Coord<f64>, b: Coord<f64>, c: Coord<f64>, d: Coord<f64>) -> bool {
    let (o1, o2) = (orient(a, b, c), orient(a, b, d));
    let (o3, o4) = (orient(c, d, a), orient(c, d, b));
    let col = Orientation::Collinear;
    if o1 != o2 && o3 != o4 && o1 != col && o2 != col && o3 != col && o4 != col {
        return true;
    }
    (o1 == col && within(a, b, c))
        || (o2 == col && within(a, b, d))
        || (o3 == col && within(c, d, a))
        || (o4 == col && within(c, d, b))
}

/// The fault between edges `i` and `j` of `pts` (a closed ring of `n` points), if any.
/// Neighbours share a point, which is no fault unless they overlap beyond it.
fn fault(pts: &[Coord<f64>], i: usize, j: usize) -> Option<Fault> {
    let n = pts.len();
    let (i, j) = (i.min(j), i.max(j));
    let edge = |k: usize| (pts[k], pts[(k + 1) % n]);
    let ((a, b), (c, d)) = (edge(i), edge(j));
    let shared = if j == i + 1 {
        Some((a, b, d, j))
    } else if i == 0 && j == n - 1 {
        Some((b, a, c, 0))
    } else {
        None
    };
    if let Some((far1, v, far2, at)) = shared {
        // Neighbours meeting at `v`: they overlap when the turn there goes straight back.
        let back = orient(far1, v, far2) == Orientation::Collinear
            && (far1.x - v.x) * (far2.x - v.x) + (far1.y - v.y) * (far2.y - v.y) > 0.0;
        return back.then_some(Fault::Spike { at });
    }
    touch(a, b, c, d).then_some(Fault::Crosses { a: i, b: j })
}

/// The first fault of the ring `points` (`[lon, lat]`, closed or not), found by a sweep
/// left to right; `None` if it is simple. Consecutive repeated points are no fault (they are
/// one point), and neither is a last point repeating the first (a closed ring). Indices in
/// the fault are those of `points`.
pub(crate) fn first_fault(points: &[[f64; 2]]) -> Option<Fault> {
    // The cleaned ring, and for each of its points the index it had in `points`.
    let mut pts: Vec<Coord<f64>> = Vec::with_capacity(points.len());
    let mut at: Vec<usize> = Vec::with_capacity(points.len());
    for (i, p) in points.iter().enumerate() {
        let c = Coord { x: p[0], y: p[1] };
        if pts.last() != Some(&c) {
            pts.push(c);
            at.push(i);
        }
    }
    while pts.len() > 1 && pts.first() == pts.last() {
        pts.pop();
        at.pop();
    }
    let n = pts.len();
    if n < 3 {
        return None;
    }
    // A point visited twice: found by sorting, so the sweep only meets distinct points.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| lex(pts[a], pts[b]).then(a.cmp(&b)));
    if let Some(w) = order.windows(2).find(|w| pts[w[0]] == pts[w[1]]) {
        return Some(Fault::Repeats {
            first: at[w[0]],
            again: at[w[1]],
        });
    }
    let seg = |k: usize| {
        let (p, q) = (pts[k], pts[(k + 1) % n]);
        if lex(p, q) == Ordering::Greater {
            Seg {
                l: q,
                r: p,
                edge: k,
            }
        } else {
            Seg {
                l: p,
                r: q,
                edge: k,
            }
        }
    };
    // Events: (point, 0 for an edge's start, 1 for its end, edge). Starts come before ends
    // at one point, so edges that only touch there are neighbours for a moment.
    let mut events: Vec<(Coord<f64>, u8, usize)> = Vec::with_capacity(2 * n);
    for k in 0..n {
        let s = seg(k);
        events.push((s.l, 0, k));
        events.push((s.r, 1, k));
    }
    events.sort_by(|a, b| lex(a.0, b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let found = |i: usize, j: usize| {
        fault(&pts, i, j).map(|f| match f {
            Fault::Crosses { a, b } => Fault::Crosses { a: at[a], b: at[b] },
            Fault::Spike { at: v } => Fault::Spike { at: at[v] },
            Fault::Repeats { first, again } => Fault::Repeats {
                first: at[first],
                again: at[again],
            },
        })
    };
    let mut active: BTreeSet<Seg> = BTreeSet::new();
    for (_, end, k) in events {
        let s = seg(k);
        if end == 0 {
            let below = active.range(..s).next_back().copied();
            let above = active.range(s..).next().copied();
            active.insert(s);
            for o in [below, above].into_iter().flatten() {
                if let Some(f) = found(k, o.edge) {
                    return Some(f);
                }
            }
        } else {
            let below = active.range(..s).next_back().copied();
            let above = active
                .range((std::ops::Bound::Excluded(s), std::ops::Bound::Unbounded))
                .next()
                .copied();
            if !active.remove(&s) {
                // Only an order broken by a fault not yet reported gets here; keep going.
                active.retain(|o| o.edge != k);
            }
            if let (Some(b), Some(a)) = (below, above)
                && let Some(f) = found(b.edge, a.edge)
            {
                return Some(f);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute(points: &[[f64; 2]]) -> bool {
        let mut pts: Vec<Coord<f64>> = Vec::new();
        for p in points {
            let c = Coord { x: p[0], y: p[1] };
            if pts.last() != Some(&c) {
                pts.push(c);
            }
        }
        while pts.len() > 1 && pts.first() == pts.last() {
            pts.pop();
        }
        let n = pts.len();
        if n < 3 {
            return true;
        }
        for i in 0..n {
            for j in i + 1..n {
                if pts[i] == pts[j] || fault(&pts, i, j).is_some() {
                    return false;
                }
            }
        }
        true
    }

    #[test]
    fn a_square_and_a_simple_star_are_simple() {
        let square = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]];
        assert_eq!(first_fault(&square), None);
        let star: Vec<[f64; 2]> = (0..1000)
            .map(|i| {
                let a = f64::from(i) * std::f64::consts::TAU / 1000.0;
                let r = if i % 2 == 0 { 1.0 } else { 0.4 };
                [r * a.cos(), r * a.sin()]
            })
            .collect();
        assert_eq!(first_fault(&star), None);
    }

    #[test]
    fn a_bow_tie_a_pinch_and_a_spike_are_found() {
        let bow = [[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0]];
        assert!(matches!(
            first_fault(&bow),
            Some(Fault::Crosses { a: 0, b: 2 })
        ));
        let pinch = [
            [0.0, 0.0],
            [2.0, 0.0],
            [1.0, 1.0],
            [2.0, 2.0],
            [0.0, 2.0],
            [1.0, 1.0],
        ];
        assert_eq!(
            first_fault(&pinch),
            Some(Fault::Repeats { first: 2, again: 5 })
        );
        let spike = [[0.0, 0.0], [2.0, 0.0], [1.0, 0.0], [1.0, 1.0]];
        assert!(first_fault(&spike).is_some());
        // A point on another edge: touching is as bad as crossing.
        let touch = [[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [2.0, 0.0], [0.0, 4.0]];
        assert!(first_fault(&touch).is_some());
    }

    #[test]
    fn agrees_with_every_pair_checked_on_small_grids() {
        let mut rng = fastrand::Rng::with_seed(7);
        for case in 0..20_000 {
            let n = 3 + case % 11;
            let grid = 2 + (case % 4);
            let ring: Vec<[f64; 2]> = (0..n)
                .map(|_| [f64::from(rng.i32(0..=grid)), f64::from(rng.i32(0..=grid))])
                .collect();
            assert_eq!(
                first_fault(&ring).is_none(),
                brute(&ring),
                "{ring:?}: sweep says {:?}",
                first_fault(&ring)
            );
        }
    }

    #[test]
    fn a_crossing_star_is_refused() {
        // {n/k}: every point joined to the one k further on crosses nearly every other edge.
        let n = 10_001;
        let star: Vec<[f64; 2]> = (0..n)
            .map(|i| {
                let a = f64::from((i * 4_999) % n) * std::f64::consts::TAU / f64::from(n);
                [a.cos(), a.sin()]
            })
            .collect();
        assert!(matches!(first_fault(&star), Some(Fault::Crosses { .. })));
    }
}
