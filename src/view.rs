//! What the map shows, independent of how it is drawn: the viewport (zoom and pan over the
//! projection), each place's marker, the ranking and placement of labels, and the legend's
//! words. The terminal map and the SVG/PNG export both draw from here, so a picture and the
//! screen never disagree. Nothing here draws.

use crate::dataset::{Dataset, PlaceId, PlaceKind};
use crate::geo::{MapArea, Projection, Region};
use crate::timeline::{Cursor, PlaceState, Status};

/// Territory cells take the holder of the nearest place within this distance.
pub const TERRITORY_LIMIT_KM: f64 = 60.0;

/// The second character of a marker: how firmly the place is held.
pub fn status_mark(status: Status) -> char {
    match status {
        Status::Held => ' ',
        Status::Contested => '×',
        Status::Claimed => '?',
        Status::Disputed => '≠',
    }
}

/// The glyph of a place: its holder's glyph, or `·` for a place with no holder.
pub fn glyph(ds: &Dataset, state: &PlaceState) -> char {
    state.holder.map_or('·', |h| ds.faction(h).glyph)
}

/// The legend's lines for statuses, shared by screen and exports.
pub const STATUS_LEGEND: [(char, &str); 4] = [
    (' ', "held"),
    ('×', "contested: fighting or entered; holder not ousted"),
    ('?', "claimed by another party, unconfirmed"),
    ('≠', "disputed: reports name different captors"),
];

/// The caveat printed with the territory shading.
pub const AREA_NOTE: &str = "Shaded areas are approximated from the reported places (nearest place within 60 km; none around a place whose captor is disputed), not from front lines.";

/// Whether a place's holder shades the territory around it: it has a holder, and the reports
/// agree on who that is (a disputed captor would settle the dispute in colour).
pub fn tints_territory(state: &PlaceState) -> bool {
    state.holder.is_some() && state.status != Status::Disputed
}

/// The places that shade territory on the cursor's day, as `(lon, lat, place)` for
/// [`crate::geo::TerritoryGrid::compute`]: the screen and the picture use the same points.
pub fn territory_points(ds: &Dataset, cursor: &Cursor) -> Vec<(f64, f64, PlaceId)> {
    (0..ds.places.len() as u32)
        .map(PlaceId)
        .filter(|p| cursor.state(*p).is_some_and(tints_territory))
        .map(|p| (ds.place(p).lon, ds.place(p).lat, p))
        .collect()
}

/// How important a place's label is; higher wins when labels collide.
pub fn rank(kind: PlaceKind, population: Option<u64>, changed_today: bool, selected: bool) -> u64 {
    let kind_rank: u64 = match kind {
        PlaceKind::Capital => 6,
        PlaceKind::City => 5,
        PlaceKind::BorderTown | PlaceKind::Base => 4,
        PlaceKind::Town => 3,
        PlaceKind::Suburb => 2,
        PlaceKind::Village => 1,
    };
    let boost = if selected {
        1 << 40
    } else if changed_today {
        1 << 36
    } else {
        0
    };
    boost + (kind_rank << 28) + population.unwrap_or(0).min((1 << 28) - 1)
}

/// A label to place: anchored at a point, `width` x `height` in the caller's units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelRequest {
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
pub type LabelSpot = Option<(f64, f64)>;

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
/// (labels are placed for thousands of places every frame).
struct SpatialHash {
    cell_w: f64,
    cell_h: f64,
    cols: usize,
    rows: usize,
    buckets: Vec<Vec<u32>>,
    rects: Vec<(Rect, Option<usize>)>,
}

impl SpatialHash {
    fn new(w: f64, h: f64, cell_w: f64, cell_h: f64) -> Self {
        let cols = ((w / cell_w).ceil() as usize).clamp(1, 4096);
        let rows = ((h / cell_h).ceil() as usize).clamp(1, 4096);
        SpatialHash {
            cell_w,
            cell_h,
            cols,
            rows,
            buckets: vec![Vec::new(); cols * rows],
            rects: Vec::new(),
        }
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
                self.buckets[row * self.cols + col].push(id);
            }
        }
    }

    /// True if `rect` overlaps nothing but the marker of `own`.
    fn is_free(&self, rect: &Rect, own: usize) -> bool {
        let (c0, c1, r0, r1) = self.span(rect);
        (r0..=r1).all(|row| {
            (c0..=c1).all(|col| {
                self.buckets[row * self.cols + col].iter().all(|&i| {
                    let (other, owner) = &self.rects[i as usize];
                    *owner == Some(own) || !rect.overlaps(other)
                })
            })
        })
    }
}

/// Place labels greedily by rank: right of the marker, else left, else above or below; a label
/// that would overprint a marker or a better label, or leave `0..w x 0..h`, is dropped.
/// Returns one spot per request, in request order.
pub fn place_labels(requests: &[LabelRequest], w: f64, h: f64) -> Vec<LabelSpot> {
    let mean_w = requests.iter().map(|r| r.width).sum::<f64>() / requests.len().max(1) as f64;
    let max_h = requests.iter().map(|r| r.height).fold(1e-9, f64::max);
    let mut hash = SpatialHash::new(w, h, mean_w.max(max_h).max(1e-9), max_h);
    for (i, r) in requests.iter().enumerate() {
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
        let gap = r.marker_w / 2.0;
        let candidates = [
            (r.x + r.marker_w, r.y),
            (r.x - gap - r.width, r.y),
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
            if inside && hash.is_free(&rect, i) {
                hash.insert(rect, None);
                out[i] = Some((x, y));
                break;
            }
        }
    }
    out
}

/// The visible part of the projected map: a centre and a scale, for a grid of `cols x rows`
/// cells whose height is `cell_aspect` times their width (about 2 in a terminal, 1 in pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// The projection of the dataset's map area.
    pub projection: Projection,
    /// Centre of the view in projected km.
    pub center: (f64, f64),
    /// Kilometres per column.
    pub km_per_col: f64,
    /// Columns.
    pub cols: u16,
    /// Rows.
    pub rows: u16,
    /// Cell height / cell width.
    pub cell_aspect: f64,
}

impl Viewport {
    /// The whole map area fitted into `cols x rows`.
    pub fn fit(area: MapArea, cols: u16, rows: u16, cell_aspect: f64) -> Self {
        let projection = Projection::new(area);
        let (w, h) = projection.size_km();
        let ([x0, x1], [y0, y1]) = projection.bounds();
        let cols_f = f64::from(cols.max(1));
        let rows_f = f64::from(rows.max(1));
        let km_per_col = (w / cols_f).max(h / (rows_f * cell_aspect));
        Viewport {
            projection,
            center: ((x0 + x1) / 2.0, (y0 + y1) / 2.0),
            km_per_col,
            cols,
            rows,
            cell_aspect,
        }
    }

    /// Kilometres per row.
    pub fn km_per_row(&self) -> f64 {
        self.km_per_col * self.cell_aspect
    }

    /// The visible extent in projected km: `([x_min, x_max], [y_min, y_max])`.
    pub fn bounds(&self) -> ([f64; 2], [f64; 2]) {
        let hw = f64::from(self.cols) * self.km_per_col / 2.0;
        let hh = f64::from(self.rows) * self.km_per_row() / 2.0;
        (
            [self.center.0 - hw, self.center.0 + hw],
            [self.center.1 - hh, self.center.1 + hh],
        )
    }

    /// Fractional cell position (column, row; row 0 at the top) of a lon/lat.
    pub fn to_grid(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = self.projection.project(lon, lat);
        let ([x0, _], [_, y1]) = self.bounds();
        ((x - x0) / self.km_per_col, (y1 - y) / self.km_per_row())
    }

    /// The cell holding a lon/lat, if it is on screen.
    pub fn to_cell(&self, lon: f64, lat: f64) -> Option<(u16, u16)> {
        let (c, r) = self.to_grid(lon, lat);
        (c.is_finite()
            && r.is_finite()
            && c >= 0.0
            && r >= 0.0
            && c < f64::from(self.cols)
            && r < f64::from(self.rows))
        .then_some((c as u16, r as u16))
    }

    /// Lon/lat of the centre of a cell.
    pub fn cell_center(&self, col: u16, row: u16) -> (f64, f64) {
        let ([x0, _], [_, y1]) = self.bounds();
        let x = x0 + (f64::from(col) + 0.5) * self.km_per_col;
        let y = y1 - (f64::from(row) + 0.5) * self.km_per_row();
        self.projection.unproject(x, y)
    }

    /// Zoom by `factor` (>1 zooms in), between the whole area and half a kilometre per column.
    pub fn zoom(&mut self, factor: f64) {
        let whole = Viewport::fit(
            self.projection.area(),
            self.cols,
            self.rows,
            self.cell_aspect,
        )
        .km_per_col;
        self.km_per_col = (self.km_per_col / factor).clamp(0.5, whole * 1.5);
    }

    /// Zoom level relative to the whole area (1.0 = whole area).
    pub fn zoom_level(&self) -> f64 {
        Viewport::fit(
            self.projection.area(),
            self.cols,
            self.rows,
            self.cell_aspect,
        )
        .km_per_col
            / self.km_per_col
    }

    /// Pan by a fraction of the visible width and height (positive: east and north),
    /// keeping the centre inside the map area.
    pub fn pan(&mut self, dx: f64, dy: f64) {
        let ([x0, x1], [y0, y1]) = self.projection.bounds();
        let (vw, vh) = (
            f64::from(self.cols) * self.km_per_col,
            f64::from(self.rows) * self.km_per_row(),
        );
        self.center.0 = (self.center.0 + dx * vw).clamp(x0, x1);
        self.center.1 = (self.center.1 + dy * vh).clamp(y0, y1);
    }

    /// The same view over a grid of another size (after a resize), keeping centre and scale
    /// if zoomed, refitting if showing the whole area.
    pub fn resized(&self, cols: u16, rows: u16) -> Self {
        let whole = (self.zoom_level() - 1.0).abs() < 1e-9;
        if whole {
            return Viewport::fit(self.projection.area(), cols, rows, self.cell_aspect);
        }
        Viewport {
            cols,
            rows,
            ..*self
        }
    }
}

/// Where a country's name, `width` cells long, can be written on a grid, best first: the
/// first cell of every run of cells inside the country where the name fits with a cell to
/// spare on each side, nearest the middle of the country's visible part first; then, for a
/// country too narrow for its name (Lebanon on a small map), the name centred on each run,
/// widest run first. Rows are tested with [`Region::lon_spans`], one call per row, so this is
/// cheap enough for every frame.
pub fn country_label_spots(region: &Region, vp: &Viewport, width: u16) -> Vec<(u16, u16)> {
    let Some(b) = region.bbox() else {
        return Vec::new();
    };
    let (c0, r1) = vp.to_grid(b.min_lon, b.min_lat);
    let (c1, r0) = vp.to_grid(b.max_lon, b.max_lat);
    let (cols, rows) = (f64::from(vp.cols), f64::from(vp.rows));
    let (c0, c1) = (c0.max(0.0), c1.min(cols));
    let (r0, r1) = (r0.max(0.0), r1.min(rows));
    let w = f64::from(width);
    if c0 >= c1 || r0 >= r1 || w > cols {
        return Vec::new();
    }
    let middle = ((c0 + c1) / 2.0, (r0 + r1) / 2.0);
    // (how good, lower first; column; row)
    let mut fits: Vec<(f64, u16, u16)> = Vec::new();
    let mut narrow: Vec<(f64, u16, u16)> = Vec::new();
    for row in r0 as u16..(r1.ceil() as u16).min(vp.rows) {
        let (_, lat) = vp.cell_center(0, row);
        for (west, east) in region.lon_spans(lat) {
            // The whole cells inside the stretch and on screen.
            let first = vp.to_grid(west, lat).0.max(0.0).ceil();
            let end = vp.to_grid(east, lat).0.min(cols).floor();
            if end <= first {
                continue;
            }
            if end - first - 2.0 >= w {
                let col = (middle.0 - w / 2.0)
                    .round()
                    .clamp(first + 1.0, end - 1.0 - w);
                let d =
                    (col + w / 2.0 - middle.0).powi(2) + (f64::from(row) + 0.5 - middle.1).powi(2);
                fits.push((d, col as u16, row));
            } else {
                let col = ((first + end - w) / 2.0).round().clamp(0.0, cols - w);
                narrow.push((first - end, col as u16, row));
            }
        }
    }
    fits.sort_by(|a, b| a.0.total_cmp(&b.0));
    narrow.sort_by(|a, b| a.0.total_cmp(&b.0));
    fits.into_iter()
        .chain(narrow)
        .map(|(_, c, r)| (c, r))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area() -> MapArea {
        MapArea {
            min_lon: 35.0,
            max_lon: 42.6,
            min_lat: 32.0,
            max_lat: 37.6,
        }
    }

    #[test]
    fn fit_shows_the_whole_area_and_round_trips() {
        let v = Viewport::fit(area(), 100, 40, 2.0);
        for (lon, lat) in [(35.0, 32.0), (42.6, 37.6), (36.29, 33.51)] {
            let (c, r) = v.to_grid(lon, lat);
            assert!(
                (-0.01..=100.01).contains(&c) && (-0.01..=40.01).contains(&r),
                "{lon},{lat} -> {c},{r}"
            );
        }
        let (c, r) = v.to_cell(36.29128, 33.5102).unwrap();
        let (lon, lat) = v.cell_center(c, r);
        assert!((lon - 36.29).abs() < 0.1 && (lat - 33.51).abs() < 0.2);
    }

    #[test]
    fn zoom_separates_nearby_places() {
        let mut v = Viewport::fit(area(), 80, 30, 2.0);
        let damascus = (36.29128, 33.5102);
        let jarmana = (36.34614, 33.4862);
        let gap = |v: &Viewport| {
            let (a, b) = (
                v.to_grid(damascus.0, damascus.1),
                v.to_grid(jarmana.0, jarmana.1),
            );
            (a.0 - b.0).abs().max((a.1 - b.1).abs())
        };
        assert!(gap(&v) < 1.0, "whole map: within one cell");
        v.center = v.projection.project(damascus.0, damascus.1);
        v.zoom(16.0);
        assert!(gap(&v) >= 3.0, "zoomed in: room for a marker between them");
    }

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
        let spots = place_labels(&[req(10.0, 1), req(12.0, 9)], 80.0, 20.0);
        assert!(spots[1].is_some(), "the higher rank gets its spot");
        let (x1, _) = spots[1].unwrap();
        if let Some((x0, y0)) = spots[0] {
            // Whatever the lower rank got must not overlap the higher one.
            assert!(x0 + 8.0 <= x1 || x1 + 8.0 <= x0 || y0 != 5.0);
        }
        let far = place_labels(&[req(10.0, 1), req(50.0, 9)], 80.0, 20.0);
        assert!(far.iter().all(Option::is_some), "no collision, both shown");
    }

    /// The plain quadratic placement the spatial hash replaced: the reference.
    fn place_labels_naive(requests: &[LabelRequest], w: f64, h: f64) -> Vec<LabelSpot> {
        let mut taken: Vec<(Rect, Option<usize>)> = requests
            .iter()
            .enumerate()
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
            let gap = r.marker_w / 2.0;
            for (x, y) in [
                (r.x + r.marker_w, r.y),
                (r.x - gap - r.width, r.y),
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
                if inside
                    && taken
                        .iter()
                        .all(|(t, o)| *o == Some(i) || !rect.overlaps(t))
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
            assert_eq!(
                place_labels(&requests, w, h),
                place_labels_naive(&requests, w, h),
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
        let (x, _) = place_labels(&[r], 80.0, 20.0)[0].unwrap();
        assert!(x + 10.0 <= 80.0 && x >= 0.0);
    }

    #[test]
    fn country_names_go_inside_the_country_nearest_its_middle() {
        let basemap = crate::geo::Basemap::builtin();
        let area = MapArea {
            min_lon: 35.0,
            max_lon: 42.6,
            min_lat: 32.0,
            max_lat: 37.6,
        };
        let vp = Viewport::fit(area, 95, 45, 2.0);
        for name in ["Syria", "Iraq", "Jordan", "Turkey", "Lebanon"] {
            let c = basemap.country(name).unwrap();
            let width = name.len() as u16;
            let spots = country_label_spots(c, &vp, width);
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
        let &(col, row) = country_label_spots(lebanon, &narrow, 7).first().unwrap();
        assert!(col + 7 <= 30);
        let (lon, lat) = narrow.cell_center(col + 3, row);
        assert!(
            lebanon.contains(lon, lat),
            "the name's middle is in Lebanon"
        );
        // Egypt is off this map: no spot.
        let egypt = basemap.country("Egypt").unwrap();
        assert!(country_label_spots(egypt, &vp, 5).is_empty());
    }
}
