//! Where things go in the picture, as a function of its width: the title and subtitle
//! (wrapped), the map frame, the legend beside it (or under it in narrow pictures), sizes of
//! text and markers, and the viewport that turns lon/lat into pixels.

use crate::dataset::Dataset;
use crate::export::font::wrap;
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

/// The subtitle of a single day's picture whose date takes the most room, so that the map
/// does not move between pictures (or animation frames) of different days.
const WIDEST_DAY_SUBTITLE: &str = "Who held each place at the end of Wednesday 30 September 2024";

/// The picture's geometry. The height is not fixed here: it follows the legend and footer,
/// which depend on the day shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// Picture width in pixels.
    pub width: u32,
    /// Lines the title wraps to.
    pub title_lines: usize,
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
    /// The layout of a picture `width` pixels wide showing `view` (the whole area if `None`),
    /// with room above the map for a day's subtitle whatever the day.
    pub fn new(ds: &Dataset, width: u32, view: Option<MapView>) -> Layout {
        Layout::with_subtitle(ds, width, view, WIDEST_DAY_SUBTITLE)
    }

    /// The layout of a picture whose subtitle (without the zoom note) is `subtitle`: the title
    /// and the subtitle wrap to the picture's width, and the map starts below them.
    pub fn with_subtitle(
        ds: &Dataset,
        width: u32,
        view: Option<MapView>,
        subtitle: &str,
    ) -> Layout {
        let w = f64::from(width);
        let scale = (w / DESIGN_WIDTH).max(0.65);
        let margin = (24.0 * scale).round();
        let text_w = w - 2.0 * margin;
        let title_lines = wrap(&ds.name, TITLE_SIZE * scale, true, text_w)
            .len()
            .max(1);
        let zoom = view.map_or(1.0, |v| v.zoom.clamp(1.0, 40.0));
        let subtitle = format!("{subtitle}{}", zoom_note(zoom));
        let subtitle_lines = wrap(&subtitle, SUBTITLE_SIZE * scale, false, text_w)
            .len()
            .max(1);
        let last_baseline = (TITLE_BASELINE + (title_lines - 1) as f64 * TITLE_LINE)
            + SUBTITLE_GAP
            + (subtitle_lines - 1) as f64 * SUBTITLE_LINE;
        let header = ((last_baseline + 22.0) * scale).round();
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
            title_lines,
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

    /// Baseline of the title's first line and of the subtitle's first line, in pixels.
    pub fn header_baselines(&self) -> (f64, f64) {
        let title = TITLE_BASELINE * self.scale;
        let subtitle = (TITLE_BASELINE + (self.title_lines - 1) as f64 * TITLE_LINE + SUBTITLE_GAP)
            * self.scale;
        (title, subtitle)
    }

    /// The zoom over the whole map area, as the subtitle notes it (` · zoom ×2.0`, or nothing).
    pub fn zoom_note(&self, ds: &Dataset) -> String {
        let whole = Viewport::fit(ds.map, self.viewport.cols, self.viewport.rows, 1.0).km_per_col;
        zoom_note(whole / self.viewport.km_per_col)
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

/// Design sizes of the header, in pixels at [`DESIGN_WIDTH`].
pub const TITLE_SIZE: f64 = 26.0;
/// Font size of the subtitle.
pub const SUBTITLE_SIZE: f64 = 18.0;
/// Line height of a wrapped title, and of a wrapped subtitle.
pub const TITLE_LINE: f64 = 32.0;
/// Line height of a wrapped subtitle.
pub const SUBTITLE_LINE: f64 = 24.0;
const TITLE_BASELINE: f64 = 44.0;
const SUBTITLE_GAP: f64 = 30.0;

fn zoom_note(zoom: f64) -> String {
    if (zoom - 1.0).abs() > 1e-6 {
        format!(" · zoom ×{zoom:.1}")
    } else {
        String::new()
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
    fn a_long_title_wraps_and_pushes_the_map_down() {
        let ds = crate::loaded::builtin().unwrap().dataset;
        let wide = Layout::new(&ds, 1600, None);
        assert_eq!(wide.title_lines, 1);
        assert_eq!(
            wide.map.y, 96.0,
            "one line each: the header as it always was"
        );
        let narrow = Layout::new(&ds, 400, None);
        assert!(narrow.title_lines >= 2, "{} lines", narrow.title_lines);
        let (title, subtitle) = narrow.header_baselines();
        let last_title = title + (narrow.title_lines - 1) as f64 * TITLE_LINE * narrow.scale;
        assert!(subtitle > last_title && narrow.map.y > subtitle);
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
