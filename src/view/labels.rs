//! Label placement: place labels that give way to each other by rank, and where a country's
//! name fits inside the country. Units are the caller's (terminal cells or pixels).

use super::Viewport;
use crate::geo::Region;

/// A label to place: anchored at a point, `width` x `height` in the caller's units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LabelRequest {
    /// Anchor x (the marker's position).
    pub x: f64,
    /// Anchor y, growing downwards (screen convention).
    pub y: f64,
    /// Size of the marker at the anchor, reserved before any label.
    pub marker_w: f64,
    /// Width of the label text.
    pub width: f64,
    /// Height of the label text.
    pub height: f64,
    /// Importance ([`rank`]).
    pub rank: u64,
}

/// Where a label went: its top-left corner, or `None` if it would overprint another.
pub(crate) type LabelSpot = Option<(f64, f64)>;

#[derive(Clone, Copy)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

/// Rectangles bucketed on a uniform grid, so a collision test looks only at its neighbours
/// (labels are placed for thousands of places every frame). Each bucket is a chain through
/// one vector, not a vector of its own: thousands of small vectors growing were a tenth of
/// a comparing frame.
struct SpatialHash {
    cell_w: f64,
    cell_h: f64,
    cols: usize,
    rows: usize,
    /// Per bucket: its latest entry in `entries`, or [`NONE`].
    heads: Vec<u32>,
    /// A rectangle (an index into `rects`) and the bucket's entry before it (or [`NONE`]).
    entries: Vec<(u32, u32)>,
    rects: Vec<(Rect, Option<usize>)>,
}

/// The end of a bucket's chain.
const NONE: u32 = u32::MAX;

impl SpatialHash {
    fn new(w: f64, h: f64, cell_w: f64, cell_h: f64) -> Self {
        let cols = ((w / cell_w).ceil() as usize).clamp(1, 4096);
        let rows = ((h / cell_h).ceil() as usize).clamp(1, 4096);
        SpatialHash {
            cell_w,
            cell_h,
            cols,
            rows,
            heads: vec![NONE; cols * rows],
            entries: Vec::new(),
            rects: Vec::new(),
        }
    }

    /// The rectangles in one bucket (latest first).
    fn bucket(&self, at: usize) -> impl Iterator<Item = u32> + '_ {
        let mut e = self.heads[at];
        std::iter::from_fn(move || {
            let &(rect, before) = self.entries.get(e as usize)?;
            e = before;
            Some(rect)
        })
    }

    fn span(&self, r: &Rect) -> (usize, usize, usize, usize) {
        let c = |x: f64| ((x / self.cell_w).floor().max(0.0) as usize).min(self.cols - 1);
        let r_ = |y: f64| ((y / self.cell_h).floor().max(0.0) as usize).min(self.rows - 1);
        (c(r.x0), c(r.x1), r_(r.y0), r_(r.y1))
    }

    /// Add a rectangle; `owner` is the request whose marker it is, if any.
    fn insert(&mut self, rect: Rect, owner: Option<usize>) {
        let id = self.rects.len() as u32;
        self.rects.push((rect, owner));
        let (c0, c1, r0, r1) = self.span(&rect);
        for row in r0..=r1 {
            for col in c0..=c1 {
                let at = row * self.cols + col;
                let entry = self.entries.len() as u32;
                self.entries.push((id, self.heads[at]));
                self.heads[at] = entry;
            }
        }
    }

    /// True if `rect` overlaps nothing but the marker of `own`.
    fn is_free(&self, rect: &Rect, own: usize) -> bool {
        let (c0, c1, r0, r1) = self.span(rect);
        (r0..=r1).all(|row| {
            (c0..=c1).all(|col| {
                self.bucket(row * self.cols + col).all(|i| {
                    let (other, owner) = &self.rects[i as usize];
                    *owner == Some(own) || !rect.overlaps(other)
                })
            })
        })
    }
}

/// Place labels greedily by rank: right of the marker, else left, else above or below; a label
/// that would overprint a marker or a better label, or leave `0..w x 0..h`, is dropped. A
/// label keeps `gap` (one cell on a terminal, a halo's width in a picture) clear on its left
/// and right of every other label and every other place's marker, so two names never read
/// as one word ("DamascusSYRIA") and a name never stands beside a marker not its own.
/// Returns one spot per request, in request order.
pub(crate) fn place_labels(requests: &[LabelRequest], w: f64, h: f64, gap: f64) -> Vec<LabelSpot> {
    let mean_w = requests.iter().map(|r| r.width).sum::<f64>() / requests.len().max(1) as f64;
    let max_h = requests.iter().map(|r| r.height).fold(1e-9, f64::max);
    let mut hash = SpatialHash::new(w, h, mean_w.max(max_h).max(1e-9), max_h);
    // A name with no marker (a country's) has no box to keep clear before its label's.
    for (i, r) in requests
        .iter()
        .enumerate()
        .filter(|(_, r)| r.marker_w > 0.0)
    {
        hash.insert(
            Rect {
                x0: r.x,
                y0: r.y,
                x1: r.x + r.marker_w,
                y1: r.y + r.height,
            },
            Some(i),
        );
    }
    let mut order: Vec<usize> = (0..requests.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(requests[i].rank));
    let mut out = vec![None; requests.len()];
    for i in order {
        let r = &requests[i];
        let side = r.marker_w / 2.0;
        let candidates = [
            (r.x + r.marker_w, r.y),
            (r.x - side - r.width, r.y),
            (r.x - r.width / 2.0, r.y - r.height),
            (r.x - r.width / 2.0, r.y + r.height),
        ];
        for (x, y) in candidates {
            let rect = Rect {
                x0: x,
                y0: y,
                x1: x + r.width,
                y1: y + r.height,
            };
            let inside = rect.x0 >= 0.0 && rect.y0 >= 0.0 && rect.x1 <= w && rect.y1 <= h;
            let spaced = Rect {
                x0: rect.x0 - gap,
                x1: rect.x1 + gap,
                ..rect
            };
            if inside && hash.is_free(&spaced, i) {
                hash.insert(rect, None);
                out[i] = Some((x, y));
                break;
            }
        }
    }
    out
}

/// A place on the grid where a name can be written: the top-left corner of its box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NameSpot {
    /// Left edge, in columns.
    pub x: f64,
    /// Top edge, in rows.
    pub y: f64,
    /// The box lies inside the region; false for a region too narrow for the name, where the
    /// spot centres the name on the region instead.
    pub inside: bool,
}

/// Where a name of `width` x `height` grid units (columns, rows) can be written inside
/// `region`, best first; the terminal (one row, cells) and the picture (pixels) both ask here.
///
/// A box fits where the region covers it at its top, middle and bottom rows with `pad` to
/// spare on each side; fits nearest the middle of the region's visible part come first. Then,
/// for a region too narrow for the name (Lebanon on a small map), the name centred on each
/// run of the region, widest first, marked `inside: false`. Rows are tested with
/// [`Region::lon_spans`], a few calls per candidate row, so this is cheap enough for every
/// frame.
pub(crate) fn name_spots(
    region: &Region,
    vp: &Viewport,
    width: f64,
    height: f64,
    pad: f64,
) -> Vec<NameSpot> {
    let Some(b) = region.bbox() else {
        return Vec::new();
    };
    let (c0, r1) = vp.to_grid(b.min_lon, b.min_lat);
    let (c1, r0) = vp.to_grid(b.max_lon, b.max_lat);
    let (cols, rows) = (f64::from(vp.cols), f64::from(vp.rows));
    let (c0, c1) = (c0.max(0.0), c1.min(cols));
    let (r0, r1) = (r0.max(0.0), r1.min(rows));
    if c0 >= c1 || r0 >= r1 || width > cols || height > rows {
        return Vec::new();
    }
    let middle = ((c0 + c1) / 2.0, (r0 + r1) / 2.0);
    // The whole columns of each stretch of the region at grid row `y`, on screen.
    let runs_at = |y: f64| -> Vec<(f64, f64)> {
        let (_, lat) = vp.lonlat_at_grid(0.0, y);
        region
            .lon_spans(lat)
            .into_iter()
            .map(|(west, east)| {
                let first = vp.to_grid(west, lat).0.max(0.0).ceil();
                let end = vp.to_grid(east, lat).0.min(cols).floor();
                (first, end)
            })
            .filter(|(first, end)| end > first)
            .collect()
    };
    let step = (height / 3.0).floor().max(1.0);
    // (how good, lower first; spot)
    let mut fits: Vec<(f64, NameSpot)> = Vec::new();
    let mut narrow: Vec<(f64, NameSpot)> = Vec::new();
    let mut top = r0.floor();
    while top + height <= r1.ceil().min(rows) {
        let mut samples = vec![top + 0.5, top + height / 2.0, top + height - 0.5];
        samples.dedup();
        let runs = samples
            .iter()
            .map(|&y| runs_at(y))
            .reduce(|a, b| intersect(&a, &b))
            .unwrap_or_default();
        for (first, end) in runs {
            if end - first - 2.0 * pad >= width {
                let x = (middle.0 - width / 2.0)
                    .round()
                    .clamp(first + pad, end - pad - width);
                let d =
                    (x + width / 2.0 - middle.0).powi(2) + (top + height / 2.0 - middle.1).powi(2);
                fits.push((
                    d,
                    NameSpot {
                        x,
                        y: top,
                        inside: true,
                    },
                ));
            } else {
                let x = ((first + end - width) / 2.0)
                    .round()
                    .clamp(0.0, cols - width);
                narrow.push((
                    first - end,
                    NameSpot {
                        x,
                        y: top,
                        inside: false,
                    },
                ));
            }
        }
        top += step;
    }
    fits.sort_by(|a, b| a.0.total_cmp(&b.0));
    narrow.sort_by(|a, b| a.0.total_cmp(&b.0));
    fits.into_iter().chain(narrow).map(|(_, s)| s).collect()
}

/// The overlap of two sorted lists of disjoint `[first, end)` runs.
fn intersect(a: &[(f64, f64)], b: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (lo, hi) = (a[i].0.max(b[j].0), a[i].1.min(b[j].1));
        if lo < hi {
            out.push((lo, hi));
        }
        if a[i].1 < b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::MapArea;

    #[test]
    fn labels_give_way_by_rank() {
        let req = |x, rank| LabelRequest {
            x,
            y: 5.0,
            marker_w: 2.0,
            width: 8.0,
            height: 1.0,
            rank,
        };
        let spots = place_labels(&[req(10.0, 1), req(12.0, 9)], 80.0, 20.0, 1.0);
        assert!(spots[1].is_some(), "the higher rank gets its spot");
        let (x1, _) = spots[1].unwrap();
        if let Some((x0, y0)) = spots[0] {
            // Whatever the lower rank got must not overlap the higher one.
            assert!(x0 + 8.0 <= x1 || x1 + 8.0 <= x0 || y0 != 5.0);
        }
        let far = place_labels(&[req(10.0, 1), req(50.0, 9)], 80.0, 20.0, 1.0);
        assert!(far.iter().all(Option::is_some), "no collision, both shown");
        // A country's name right after a place's label would read as one word
        // ("DamascusSYRIA"): with a gap of one cell it is not put there.
        let name = LabelRequest {
            x: 10.0,
            y: 5.0,
            marker_w: 0.0,
            width: 5.0,
            height: 1.0,
            rank: 0,
        };
        let spots = place_labels(&[req(0.0, 9), name], 80.0, 20.0, 1.0);
        assert_eq!(spots[0], Some((2.0, 5.0)));
        assert_ne!(spots[1], Some((10.0, 5.0)));
        assert_eq!(
            place_labels(&[req(0.0, 9), name], 80.0, 20.0, 0.0)[1],
            Some((10.0, 5.0)),
            "without a gap it touches"
        );
    }

    /// The plain quadratic placement the spatial hash replaced: the reference.
    fn place_labels_naive(requests: &[LabelRequest], w: f64, h: f64, gap: f64) -> Vec<LabelSpot> {
        let mut taken: Vec<(Rect, Option<usize>)> = requests
            .iter()
            .enumerate()
            .filter(|(_, r)| r.marker_w > 0.0)
            .map(|(i, r)| {
                (
                    Rect {
                        x0: r.x,
                        y0: r.y,
                        x1: r.x + r.marker_w,
                        y1: r.y + r.height,
                    },
                    Some(i),
                )
            })
            .collect();
        let mut order: Vec<usize> = (0..requests.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(requests[i].rank));
        let mut out = vec![None; requests.len()];
        for i in order {
            let r = &requests[i];
            let side = r.marker_w / 2.0;
            for (x, y) in [
                (r.x + r.marker_w, r.y),
                (r.x - side - r.width, r.y),
                (r.x - r.width / 2.0, r.y - r.height),
                (r.x - r.width / 2.0, r.y + r.height),
            ] {
                let rect = Rect {
                    x0: x,
                    y0: y,
                    x1: x + r.width,
                    y1: y + r.height,
                };
                let inside = rect.x0 >= 0.0 && rect.y0 >= 0.0 && rect.x1 <= w && rect.y1 <= h;
                let spaced = Rect {
                    x0: rect.x0 - gap,
                    x1: rect.x1 + gap,
                    ..rect
                };
                if inside
                    && taken
                        .iter()
                        .all(|(t, o)| *o == Some(i) || !spaced.overlaps(t))
                {
                    taken.push((rect, None));
                    out[i] = Some((x, y));
                    break;
                }
            }
        }
        out
    }

    #[test]
    fn spatial_hash_places_exactly_like_the_quadratic_reference() {
        let mut rng = fastrand::Rng::with_seed(42);
        for round in 0..200 {
            let (w, h) = (f64::from(rng.u16(10..250)), f64::from(rng.u16(5..70)));
            let n = rng.usize(0..120);
            let requests: Vec<LabelRequest> = (0..n)
                .map(|_| LabelRequest {
                    x: (rng.f64() * w).floor(),
                    y: (rng.f64() * h).floor(),
                    marker_w: 2.0,
                    width: f64::from(rng.u8(2..20)),
                    height: 1.0,
                    rank: rng.u64(0..1000),
                })
                .collect();
            let gap = f64::from(round % 2);
            assert_eq!(
                place_labels(&requests, w, h, gap),
                place_labels_naive(&requests, w, h, gap),
                "round {round}"
            );
        }
    }

    #[test]
    fn labels_stay_inside() {
        let r = LabelRequest {
            x: 78.0,
            y: 0.0,
            marker_w: 2.0,
            width: 10.0,
            height: 1.0,
            rank: 1,
        };
        let (x, _) = place_labels(&[r], 80.0, 20.0, 1.0)[0].unwrap();
        assert!(x + 10.0 <= 80.0 && x >= 0.0);
    }

    fn cells(spots: Vec<NameSpot>) -> Vec<(u16, u16)> {
        spots.iter().map(|s| (s.x as u16, s.y as u16)).collect()
    }

    #[test]
    fn country_names_go_inside_the_country_nearest_its_middle() {
        let area = MapArea {
            min_lon: 35.0,
            max_lon: 42.6,
            min_lat: 32.0,
            max_lat: 37.6,
        };
        let world = crate::geo::World::builtin().unwrap();
        let basemap = world.part(&MapArea::WORLD, 2);
        let vp = Viewport::fit(area, 95, 45, 2.0);
        for name in ["Syria", "Iraq", "Jordan", "Turkey", "Lebanon"] {
            let c = basemap.country(name).unwrap();
            let width = name.len() as u16;
            let spots = cells(name_spots(c, &vp, f64::from(width), 1.0, 1.0));
            let &(col, row) = spots
                .first()
                .unwrap_or_else(|| panic!("no spot for {name}"));
            for x in col.saturating_sub(1)..=col + width {
                let (lon, lat) = vp.cell_center(x, row);
                assert!(c.contains(lon, lat), "{name}: cell {x},{row} is outside");
            }
        }
        // Too narrow for its name: centred on its widest run, still on the grid.
        let lebanon = basemap.country("Lebanon").unwrap();
        let narrow = Viewport::fit(area, 30, 15, 2.0);
        let &(col, row) = cells(name_spots(lebanon, &narrow, 7.0, 1.0, 1.0))
            .first()
            .unwrap();
        assert!(col + 7 <= 30);
        let (lon, lat) = narrow.cell_center(col + 3, row);
        assert!(
            lebanon.contains(lon, lat),
            "the name's middle is in Lebanon"
        );
        // Egypt is off this map: no spot.
        let egypt = basemap.country("Egypt").unwrap();
        assert!(name_spots(egypt, &vp, 5.0, 1.0, 1.0).is_empty());
    }
}
