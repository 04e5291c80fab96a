//! The viewport: zoom and pan over the projection, for a grid of terminal cells or pixels.

use crate::geo::{MapArea, Projection};

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
    pub(crate) fn fit(area: MapArea, cols: u16, rows: u16, cell_aspect: f64) -> Self {
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
    pub(crate) fn km_per_row(&self) -> f64 {
        self.km_per_col * self.cell_aspect
    }

    /// The visible extent in projected km: `([x_min, x_max], [y_min, y_max])`.
    pub(crate) fn bounds(&self) -> ([f64; 2], [f64; 2]) {
        let hw = f64::from(self.cols) * self.km_per_col / 2.0;
        let hh = f64::from(self.rows) * self.km_per_row() / 2.0;
        (
            [self.center.0 - hw, self.center.0 + hw],
            [self.center.1 - hh, self.center.1 + hh],
        )
    }

    /// The lon/lat box the viewport shows (it may reach beyond the map area).
    pub(crate) fn area(&self) -> MapArea {
        let ([x0, x1], [y0, y1]) = self.bounds();
        let (min_lon, min_lat) = self.projection.unproject(x0, y0);
        let (max_lon, max_lat) = self.projection.unproject(x1, y1);
        MapArea {
            min_lon,
            max_lon,
            min_lat,
            max_lat,
        }
    }

    /// Fractional cell position (column, row; row 0 at the top) of a lon/lat.
    pub(crate) fn to_grid(self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = self.projection.project(lon, lat);
        let ([x0, _], [_, y1]) = self.bounds();
        ((x - x0) / self.km_per_col, (y1 - y) / self.km_per_row())
    }

    /// The cell holding a lon/lat, if it is on screen.
    pub fn to_cell(self, lon: f64, lat: f64) -> Option<(u16, u16)> {
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
        self.lonlat_at_grid(f64::from(col) + 0.5, f64::from(row) + 0.5)
    }

    /// Lon/lat of a fractional grid position: the inverse of [`Viewport::to_grid`].
    pub(crate) fn lonlat_at_grid(&self, col: f64, row: f64) -> (f64, f64) {
        let ([x0, _], [_, y1]) = self.bounds();
        let x = x0 + col * self.km_per_col;
        let y = y1 - row * self.km_per_row();
        self.projection.unproject(x, y)
    }

    /// Zoom by `factor` (>1 zooms in), between the whole area and half a kilometre per column.
    pub(crate) fn zoom(&mut self, factor: f64) {
        let whole = Viewport::fit(
            self.projection.area(),
            self.cols,
            self.rows,
            self.cell_aspect,
        )
        .km_per_col;
        // A map a few kilometres wide is drawn finer than half a kilometre a column already
        // (and `max`/`min` never panic, whatever the numbers).
        let (least, most) = (0.5_f64.min(whole), whole * 1.5);
        self.km_per_col = (self.km_per_col / factor).max(least).min(most);
    }

    /// Zoom level relative to the whole area (1.0 = whole area).
    pub(crate) fn zoom_level(&self) -> f64 {
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
    pub(crate) fn pan(&mut self, dx: f64, dy: f64) {
        let ([x0, x1], [y0, y1]) = self.projection.bounds();
        let (vw, vh) = (
            f64::from(self.cols) * self.km_per_col,
            f64::from(self.rows) * self.km_per_row(),
        );
        self.center.0 = (self.center.0 + dx * vw).clamp(x0, x1);
        self.center.1 = (self.center.1 + dy * vh).clamp(y0, y1);
    }
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
}
