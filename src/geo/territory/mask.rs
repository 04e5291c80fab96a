//! The land a territory may cover (the theatre inside the map area), prepared once: in the
//! plane the approximation works in, with a coarse grid that tells which boxes lie wholly
//! inside or outside it, so that only pieces of land crossing its border are clipped.

use geo::orient::{Direction, Orient};
use geo::{Coord, MultiPolygon};

use super::{guard, map_coords};
use crate::geo::{MapArea, Projection};

/// Cells of the grid along each axis.
const GRID: usize = 128;

/// How a box lies against the mask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cover {
    /// Wholly inside.
    Inside,
    /// Wholly outside.
    Outside,
    /// Across its border, or too close to tell.
    Edge,
}

/// The land a territory may cover, and the plane it is computed in.
#[derive(Clone, Debug)]
pub struct Mask {
    projection: Projection,
    lonlat: MultiPolygon<f64>,
    km: MultiPolygon<f64>,
    /// `[min_x, min_y, max_x, max_y]` of `km`.
    bbox: [f64; 4],
    cells: Vec<Cover>,
}

impl Mask {
    /// The mask `lonlat` (valid polygons, `[lon, lat]`), worked on in the plane of the
    /// projection of `area` (the dataset's map area, so that a territory does not depend on a
    /// view). That plane is lon/lat scaled: a straight edge there is a straight edge in lon/lat,
    /// so land keeps its shape exactly on the way back; distances are made true per place
    /// instead (see [`super::approx`]).
    pub fn new(lonlat: MultiPolygon<f64>, area: MapArea) -> Mask {
        let projection = Projection::new(area);
        let lonlat = lonlat.orient(Direction::Default);
        let km = map_coords(&lonlat, |c| {
            let (x, y) = projection.project(c.x, c.y);
            Coord { x, y }
        });
        let mut bbox = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        let edges: Vec<([f64; 2], [f64; 2])> =
            km.0.iter()
                .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
                .flat_map(|r| r.0.windows(2).map(|w| ([w[0].x, w[0].y], [w[1].x, w[1].y])))
                .collect();
        for (a, _) in &edges {
            bbox = [
                bbox[0].min(a[0]),
                bbox[1].min(a[1]),
                bbox[2].max(a[0]),
                bbox[3].max(a[1]),
            ];
        }
        let mut mask = Mask {
            projection,
            lonlat,
            km,
            bbox,
            cells: Vec::new(),
        };
        if !edges.is_empty() {
            mask.cells = mask.grid(&edges);
        }
        mask
    }

    /// The mask in `[lon, lat]`.
    pub(crate) fn lonlat(&self) -> &MultiPolygon<f64> {
        &self.lonlat
    }

    /// The plane the territory is computed in.
    pub fn projection(&self) -> &Projection {
        &self.projection
    }

    pub(super) fn km(&self) -> &MultiPolygon<f64> {
        &self.km
    }

    fn cell_size(&self) -> (f64, f64) {
        let w = (self.bbox[2] - self.bbox[0]).max(1e-9) / GRID as f64;
        let h = (self.bbox[3] - self.bbox[1]).max(1e-9) / GRID as f64;
        (w, h)
    }

    fn cell_of(&self, x: f64, y: f64) -> (usize, usize) {
        let (w, h) = self.cell_size();
        let c = ((x - self.bbox[0]) / w)
            .floor()
            .clamp(0.0, (GRID - 1) as f64);
        let r = ((y - self.bbox[1]) / h)
            .floor()
            .clamp(0.0, (GRID - 1) as f64);
        (c as usize, r as usize)
    }

    /// Each cell's cover: the cells the border passes through (and their neighbours) are
    /// edges; the others are inside when their centre is (even-odd along the row).
    fn grid(&self, edges: &[([f64; 2], [f64; 2])]) -> Vec<Cover> {
        let (w, h) = self.cell_size();
        let mut cells = vec![Cover::Outside; GRID * GRID];
        let mut edge = vec![false; GRID * GRID];
        for (a, b) in edges {
            let steps = ((b[0] - a[0]).abs() / w + (b[1] - a[1]).abs() / h) * 2.0;
            let steps = steps.ceil().clamp(1.0, 4.0 * GRID as f64) as usize;
            for s in 0..=steps {
                let t = s as f64 / steps as f64;
                let (c, r) = self.cell_of(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t);
                for rr in r.saturating_sub(1)..=(r + 1).min(GRID - 1) {
                    for cc in c.saturating_sub(1)..=(c + 1).min(GRID - 1) {
                        edge[rr * GRID + cc] = true;
                    }
                }
            }
        }
        for r in 0..GRID {
            let y = self.bbox[1] + (r as f64 + 0.5) * h;
            let mut xs: Vec<f64> = edges
                .iter()
                .filter(|(a, b)| (a[1] > y) != (b[1] > y))
                .map(|(a, b)| a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]))
                .collect();
            xs.sort_by(f64::total_cmp);
            for c in 0..GRID {
                let i = r * GRID + c;
                if edge[i] {
                    cells[i] = Cover::Edge;
                    continue;
                }
                let x = self.bbox[0] + (c as f64 + 0.5) * w;
                if xs.partition_point(|&v| v < x) % 2 == 1 {
                    cells[i] = Cover::Inside;
                }
            }
        }
        cells
    }

    /// How the box `b` (`[min_x, min_y, max_x, max_y]` in km) lies against the mask.
    pub(super) fn cover(&self, b: [f64; 4]) -> Cover {
        if self.cells.is_empty()
            || b[2] < self.bbox[0]
            || b[0] > self.bbox[2]
            || b[3] < self.bbox[1]
            || b[1] > self.bbox[3]
        {
            return Cover::Outside;
        }
        if b[0] < self.bbox[0] || b[1] < self.bbox[1] || b[2] > self.bbox[2] || b[3] > self.bbox[3]
        {
            return Cover::Edge;
        }
        let (c0, r0) = self.cell_of(b[0], b[1]);
        let (c1, r1) = self.cell_of(b[2], b[3]);
        let first = self.cells[r0 * GRID + c0];
        if first == Cover::Edge {
            return Cover::Edge;
        }
        for r in r0..=r1 {
            for c in c0..=c1 {
                if self.cells[r * GRID + c] != first {
                    return Cover::Edge;
                }
            }
        }
        first
    }

    /// The mask's land that none of `covered` (disjoint polygons in `[lon, lat]`) covers.
    pub fn rest<'a>(
        &self,
        covered: impl IntoIterator<Item = &'a MultiPolygon<f64>>,
    ) -> MultiPolygon<f64> {
        let all = MultiPolygon(
            covered
                .into_iter()
                .flat_map(|m| m.0.iter().cloned())
                .collect(),
        );
        if all.0.is_empty() {
            return self.lonlat.clone();
        }
        guard::robust(&self.lonlat, &all, geo::BooleanOps::difference)
            .unwrap_or_else(|| MultiPolygon(vec![]))
            .orient(Direction::Default)
    }
}
