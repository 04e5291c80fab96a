//! Where things go in the picture, as a function of its width: the map frame, the legend
//! beside it (or under it in narrow pictures), sizes of text and markers, and the viewport
//! that turns lon/lat into pixels.

use crate::dataset::Dataset;
use crate::view::MapView;
use crate::view::Viewport;

/// Width the sizes below are designed for; other widths scale them.
const DESIGN_WIDTH: f64 = 1600.0;
/// Below this width the legend goes under the map instead of beside it.
const SIDE_LEGEND_MIN_WIDTH: u32 = 1100;

/// A rectangle in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// The picture's geometry. The height is not fixed here: it follows the legend and footer,
/// which depend on the day shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// Picture width in pixels.
    pub width: u32,
    /// Multiplies every design size (text, markers, lines); at least 0.65 so text stays legible.
    pub scale: f64,
    /// Outer margin.
    pub margin: f64,
    /// The map, in pixels; its corners are whole pixels.
    pub map: Frame,
    /// The legend's column: x, top and width (its height flows with its content).
    pub legend: Frame,
    /// True if the legend is beside the map, false if under it.
    pub legend_beside: bool,
    /// The map's viewport, one cell per pixel.
    pub viewport: Viewport,
    /// Side of a territory cell in pixels.
    pub cell: u32,
    /// Shade the approximated territory (and explain it in the legend).
    pub territory: bool,
}

impl Layout {
    /// The layout of a picture `width` pixels wide showing `view` (the whole area if `None`).
    pub fn new(ds: &Dataset, width: u32, view: Option<MapView>) -> Layout {
        let w = f64::from(width);
        let scale = (w / DESIGN_WIDTH).max(0.65);
        let margin = (24.0 * scale).round();
        let header = (96.0 * scale).round();
        let legend_beside = width >= SIDE_LEGEND_MIN_WIDTH;
        let legend_w = if legend_beside {
            (380.0 * scale).round()
        } else {
            w - 2.0 * margin
        };
        let gap = (24.0 * scale).round();
        let map_w = if legend_beside {
            w - 2.0 * margin - legend_w - gap
        } else {
            w - 2.0 * margin
        };
        let (km_w, km_h) = crate::geo::Projection::new(ds.map).size_km();
        let map_h = (map_w * km_h / km_w).round().max(1.0);
        let map = Frame {
            x: margin,
            y: header,
            w: map_w,
            h: map_h,
        };
        let legend = if legend_beside {
            Frame {
                x: margin + map_w + gap,
                y: header,
                w: legend_w,
                h: map_h,
            }
        } else {
            Frame {
                x: margin,
                y: header + map_h + gap,
                w: legend_w,
                h: 0.0,
            }
        };
        // Both sides are at most MAX_PICTURE_WIDTH-ish and at least 1: they fit u16.
        let cols = map_w.clamp(1.0, f64::from(u16::MAX)) as u16;
        let rows = map_h.clamp(1.0, f64::from(u16::MAX)) as u16;
        let mut viewport = Viewport::fit(ds.map, cols, rows, 1.0);
        if let Some(v) = view {
            // Viewport::zoom stops at half a km per cell, which suits terminal cells, not
            // pixels: scale directly, with the terminal's own zoom limits.
            viewport.km_per_col /= v.zoom.clamp(1.0, 40.0);
            if let Some(c) = v.center.filter(|c| c.0.is_finite() && c.1.is_finite()) {
                viewport.center = c;
            }
        }
        Layout {
            width,
            scale,
            margin,
            map,
            legend,
            legend_beside,
            viewport,
            territory: view.is_none_or(|v| v.territory),
            cell: (2.0 * scale).round().max(2.0) as u32,
        }
    }

    /// A design size (in pixels at 1600 px wide) scaled to this picture.
    pub fn px(&self, design: f64) -> f64 {
        design * self.scale
    }

    /// The picture position of a lon/lat (it may lie outside the map frame).
    pub fn to_pixel(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (c, r) = self.viewport.to_grid(lon, lat);
        (self.map.x + c, self.map.y + r)
    }

    /// True if a picture position is inside the map frame.
    pub fn in_map(&self, (x, y): (f64, f64)) -> bool {
        x >= self.map.x
            && y >= self.map.y
            && x <= self.map.x + self.map.w
            && y <= self.map.y + self.map.h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_area_fills_the_map_frame() {
        let ds = crate::loaded::builtin().unwrap().dataset;
        let l = Layout::new(&ds, 1600, None);
        assert!(l.legend_beside);
        let (x0, y0) = l.to_pixel(ds.map.min_lon, ds.map.max_lat);
        let (x1, y1) = l.to_pixel(ds.map.max_lon, ds.map.min_lat);
        assert!((x0 - l.map.x).abs() < 1.0 && (y0 - l.map.y).abs() < 1.0);
        assert!((x1 - l.map.x - l.map.w).abs() < 1.0 && (y1 - l.map.y - l.map.h).abs() < 1.0);
        assert!(l.in_map(l.to_pixel(36.29128, 33.5102)));
        let narrow = Layout::new(&ds, 800, None);
        assert!(!narrow.legend_beside && narrow.legend.y > narrow.map.y + narrow.map.h);
    }

    #[test]
    fn a_view_zooms_around_its_centre() {
        let ds = crate::loaded::builtin().unwrap().dataset;
        let whole = Layout::new(&ds, 1600, None);
        let damascus = whole.viewport.projection.project(36.29128, 33.5102);
        let view = MapView {
            zoom: 4.0,
            center: Some(damascus),
            territory: true,
        };
        let l = Layout::new(&ds, 1600, Some(view));
        let (x, y) = l.to_pixel(36.29128, 33.5102);
        assert!((x - (l.map.x + l.map.w / 2.0)).abs() < 1.0);
        assert!((y - (l.map.y + l.map.h / 2.0)).abs() < 1.0);
        assert!((l.viewport.km_per_col * 4.0 - whole.viewport.km_per_col).abs() < 1e-9);
    }
}
