//! Territory approximation: who holds the land between the reported places.
//!
//! [`approximate`] is the method the map draws (see [`approx`](self) for how it works):
//! polygons per key, the same for the screen, the pictures and the GeoJSON. The older
//! nearest-place grid ([`TerritoryGrid`]: each cell takes the key of the nearest place within
//! a limit) is kept as the baseline the quality benchmark compares against.

mod approx;
mod basis;
pub mod guard;
mod index;
mod mask;
mod mesh;
mod par;
mod plane;
pub mod quality;
mod shapes;

pub(crate) use approx::Approximation;

pub(crate) use approx::Key;

pub(crate) use approx::METHOD;

pub use approx::Params;

pub use approx::Site;

pub use approx::approximate;
pub(crate) use basis::AreaLand;
pub use basis::Basis;
pub use index::PointIndex;
pub use mask::Mask;
pub use plane::Plane;
pub use plane::map_coords;
pub use shapes::multipolygon;
pub(crate) use shapes::orient_in_place;
pub use shapes::region_of;

use super::{MapArea, Region, distance_km};

/// The key of the point nearest to `(lon, lat)` within `limit_km`, by a linear scan.
///
/// Points are `(lon, lat, key)`. Ties go to the earlier point; points with non-finite
/// coordinates are never nearest. For many queries over the same points use [`PointIndex`].
pub fn nearest_within<T>(
    points: &[(f64, f64, T)],
    lon: f64,
    lat: f64,
    limit_km: f64,
) -> Option<&T> {
    let mut best: Option<(f64, &T)> = None;
    for (plon, plat, key) in points {
        let d = distance_km((lon, lat), (*plon, *plat));
        if d <= limit_km && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, key));
        }
    }
    best.map(|(_, key)| key)
}

/// A grid of sample points over a lon/lat box: `cols` x `rows` cells, row 0 at the top (north).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GridSpec {
    /// The box the grid covers; cells split it evenly.
    pub area: MapArea,
    /// Number of columns, west to east.
    pub cols: usize,
    /// Number of rows, north to south.
    pub rows: usize,
}

impl GridSpec {
    /// The centre of cell `(col, row)` as `(lon, lat)`: the point that decides the cell.
    pub fn cell_center(&self, col: usize, row: usize) -> (f64, f64) {
        let a = self.area;
        let lon = a.min_lon + (col as f64 + 0.5) * (a.max_lon - a.min_lon) / self.cols as f64;
        let lat = a.max_lat - (row as f64 + 0.5) * (a.max_lat - a.min_lat) / self.rows as f64;
        (lon, lat)
    }

    /// The cell holding `(lon, lat)`, if it is inside the area.
    pub(crate) fn cell_at(&self, lon: f64, lat: f64) -> Option<(usize, usize)> {
        let a = self.area;
        if !a.contains(lon, lat) || self.cols == 0 || self.rows == 0 {
            return None;
        }
        let col = ((lon - a.min_lon) / (a.max_lon - a.min_lon) * self.cols as f64) as usize;
        let row = ((a.max_lat - lat) / (a.max_lat - a.min_lat) * self.rows as f64) as usize;
        Some((col.min(self.cols - 1), row.min(self.rows - 1)))
    }
}

/// For each cell of a [`GridSpec`], the key of the nearest point within a limit, or `None`
/// outside the mask or beyond the limit.
///
/// Keys are cloned into every cell they win. To recolour one grid for many dates, use the
/// point's index as the key (`(lon, lat, i)`) and look up its state per date.
#[derive(Clone, Debug, PartialEq)]
pub struct TerritoryGrid<T> {
    spec: GridSpec,
    cells: Vec<Option<T>>,
}

impl<T: Clone> TerritoryGrid<T> {
    /// Computes every cell whose centre is inside `mask` (the dataset's theatre).
    pub fn compute(spec: GridSpec, points: &[(f64, f64, T)], limit_km: f64, mask: &Region) -> Self {
        let index = PointIndex::new(points);
        let mut cells = vec![None; spec.cols * spec.rows];
        for row in 0..spec.rows {
            let (_, lat) = spec.cell_center(0, row);
            let spans = mask.lon_spans(lat);
            let mut span = spans.iter().peekable();
            for col in 0..spec.cols {
                let (lon, _) = spec.cell_center(col, row);
                while span.next_if(|&&(_, end)| end <= lon).is_some() {}
                let Some(&&(start, _)) = span.peek() else {
                    break;
                };
                if start <= lon {
                    cells[row * spec.cols + col] =
                        index.nearest_within(lon, lat, limit_km).cloned();
                }
            }
        }
        TerritoryGrid { spec, cells }
    }
}

impl<T> TerritoryGrid<T> {
    /// The key of cell `(col, row)`; `None` outside the grid too.
    pub fn get(&self, col: usize, row: usize) -> Option<&T> {
        if col >= self.spec.cols {
            return None;
        }
        self.cells.get(row * self.spec.cols + col)?.as_ref()
    }

    /// The key of the cell holding `(lon, lat)`.
    pub fn at(&self, lon: f64, lat: f64) -> Option<&T> {
        let (col, row) = self.spec.cell_at(lon, lat)?;
        self.get(col, row)
    }

    #[cfg(test)]
    /// All cells, row by row from the north, each row west to east.
    pub(crate) fn cells(&self) -> &[Option<T>] {
        &self.cells
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::Polygon;

    fn square(min: f64, max: f64) -> Region {
        let ring = vec![[min, min], [max, min], [max, max], [min, max], [min, min]];
        Region::new("square", vec![Polygon::new(ring, vec![])])
    }

    #[test]
    fn grid_respects_mask_and_limit() {
        let spec = GridSpec {
            area: MapArea {
                min_lon: 0.0,
                max_lon: 10.0,
                min_lat: 0.0,
                max_lat: 10.0,
            },
            cols: 10,
            rows: 10,
        };
        assert_eq!(spec.cell_center(0, 0), (0.5, 9.5));
        assert_eq!(spec.cell_at(0.5, 9.5), Some((0, 0)));
        assert_eq!(spec.cell_at(10.0, 0.0), Some((9, 9)));
        assert_eq!(spec.cell_at(10.5, 0.0), None);
        let pts = [(5.0, 5.0, "mid")];
        // Mask covers lon/lat 2..8; the limit (200 km) covers about 1.8 degrees around (5, 5).
        let grid = TerritoryGrid::compute(spec, &pts, 200.0, &square(2.0, 8.0));
        assert_eq!(grid.at(5.2, 5.2), Some(&"mid"));
        assert_eq!(grid.at(6.5, 5.5), Some(&"mid"), "1.5 degrees east: 167 km");
        assert_eq!(grid.at(7.5, 5.5), None, "beyond the limit, inside the mask");
        assert_eq!(grid.at(1.5, 5.5), None, "outside the mask");
        assert_eq!(grid.get(10, 0), None);
        assert_eq!(grid.cells().len(), 100);
        let won = grid.cells().iter().filter(|c| c.is_some()).count();
        assert_eq!(
            won, 12,
            "centres 3.5..6.5 each way (4 x 4), less the corners beyond 200 km"
        );
    }
}
