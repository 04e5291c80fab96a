//! Where things go in the picture, as a function of its size: the title and subtitle
//! (wrapped), the map frame filling the width left of the legend, the legend beside it, the
//! footer's lines under both, sizes of text and markers, and the viewport that turns lon/lat
//! into pixels. Pictures are landscape (16:9 at 1200 px and wider, 3:2 below, or the size
//! asked for), so a picture needs no cropping to be published.

use crate::dataset::Dataset;
use crate::export::PictureSize;
use crate::export::font::wrap;
use crate::view::MapView;
use crate::view::Viewport;

/// The size the design sizes below are drawn at; other sizes scale them.
const DESIGN: (f64, f64) = (1600.0, 900.0);
/// The smallest scale: text stays legible in small pictures.
const MIN_SCALE: f64 = 0.65;
/// Lines the footer may take (sources, then data and credits).
pub(crate) const FOOTER_LINES: usize = 4;
/// Font size of the footer.
pub(crate) const FOOTER_SIZE: f64 = 12.5;

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
pub(crate) const WIDEST_DAY_SUBTITLE: &str =
    "Who held each place at the end of Wednesday 30 September 2024";

/// The picture's geometry: every part has its place, whatever the day shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// Picture width in pixels.
    pub width: u32,
    /// Picture height in pixels.
    pub height: u32,
    /// Lines the title wraps to.
    pub title_lines: usize,
    /// Multiplies every design size (text, markers, lines); at least 0.65 so text stays legible.
    pub scale: f64,
    /// Outer margin.
    pub margin: f64,
    /// The map, in pixels; its corners are whole pixels.
    pub map: Frame,
    /// The legend's column beside the map: its content stops at its bottom edge.
    pub legend: Frame,
    /// The footer's box under the map and the legend, [`FOOTER_LINES`] lines high.
    pub footer: Frame,
    /// The map's viewport, one cell per pixel.
    pub viewport: Viewport,
    /// Side of a territory cell in pixels.
    pub cell: u32,
    /// Shade the approximated territory (and explain it in the legend).
    pub territory: bool,
}

impl Layout {
    /// The layout of a picture `width` pixels wide ([`crate::export::default_height`] high)
    /// showing `view` (the whole area if `None`), with room above the map for a day's
    /// subtitle whatever the day.
    pub fn new(ds: &Dataset, width: u32, view: Option<MapView>) -> Layout {
        let size = PictureSize {
            width,
            height: crate::export::default_height(width),
        };
        Layout::sized(ds, size, view, WIDEST_DAY_SUBTITLE)
    }

    /// [`Layout::new`] for a picture whose subtitle (without the zoom note) is `subtitle`.
    pub fn with_subtitle(
        ds: &Dataset,
        width: u32,
        view: Option<MapView>,
        subtitle: &str,
    ) -> Layout {
        let size = PictureSize {
            width,
            height: crate::export::default_height(width),
        };
        Layout::sized(ds, size, view, subtitle)
    }

    /// The layout of a picture of `size` whose subtitle (without the zoom note) is
    /// `subtitle`: the title and the subtitle wrap to the picture's width, the map starts
    /// below them and fills the width left of the legend, the footer takes the bottom.
    pub(crate) fn sized(
        ds: &Dataset,
        size: PictureSize,
        view: Option<MapView>,
        subtitle: &str,
    ) -> Layout {
        let (w, h) = (f64::from(size.width), f64::from(size.height));
        let scale = (w / DESIGN.0).min(h / DESIGN.1).max(MIN_SCALE);
        let margin = (24.0 * scale).round();
        let text_w = w - 2.0 * margin;
        let title_lines = wrap(&ds.name, TITLE_SIZE * scale, true, text_w)
            .len()
            .max(1);
        let zoom = view.map_or(1.0, |v| crate::view::clamp_zoom(v.zoom));
        let subtitle = format!("{subtitle}{}", zoom_note(zoom));
        let subtitle_lines = wrap(&subtitle, SUBTITLE_SIZE * scale, false, text_w)
            .len()
            .max(1);
        let last_baseline = (TITLE_BASELINE + (title_lines - 1) as f64 * TITLE_LINE)
            + SUBTITLE_GAP
            + (subtitle_lines - 1) as f64 * SUBTITLE_LINE;
        let header = ((last_baseline + 22.0) * scale).round();
        let gap = (24.0 * scale).round();
        let footer_h = (FOOTER_LINES as f64 * FOOTER_SIZE * 1.3 * scale).ceil();
        let legend_w = (0.27 * w).max(250.0 * scale).min(0.45 * w).round();
        let map_w = (w - 2.0 * margin - legend_w - gap).max(1.0);
        let map_h = (h - header - gap - footer_h - margin).round().max(1.0);
        let map = Frame {
            x: margin,
            y: header,
            w: map_w,
            h: map_h,
        };
        let legend = Frame {
            x: margin + map_w + gap,
            y: header,
            w: legend_w,
            h: map_h,
        };
        let footer = Frame {
            x: margin,
            y: header + map_h + gap,
            w: text_w,
            h: footer_h,
        };
        // Both sides are at most MAX_PICTURE_WIDTH-ish and at least 1: they fit u16.
        let cols = map_w.clamp(1.0, f64::from(u16::MAX)) as u16;
        let rows = map_h.clamp(1.0, f64::from(u16::MAX)) as u16;
        let mut viewport = Viewport::fit(ds.map, cols, rows, 1.0);
        if let Some(v) = view {
            // Viewport::zoom stops at half a km per cell, which suits terminal cells, not
            // pixels: scale directly, with the terminal's own zoom limits.
            viewport.km_per_col /= crate::view::clamp_zoom(v.zoom);
            if let Some(c) = v.center.filter(|c| c.0.is_finite() && c.1.is_finite()) {
                viewport.center = c;
            }
        }
        Layout {
            width: size.width,
            height: size.height,
            title_lines,
            scale,
            margin,
            map,
            legend,
            footer,
            viewport,
            territory: view.is_none_or(|v| v.territory),
            cell: (2.0 * scale).round().max(2.0) as u32,
        }
    }

    /// Baseline of the title's first line and of the subtitle's first line, in pixels.
    pub(crate) fn header_baselines(&self) -> (f64, f64) {
        let title = TITLE_BASELINE * self.scale;
        let subtitle = (TITLE_BASELINE + (self.title_lines - 1) as f64 * TITLE_LINE + SUBTITLE_GAP)
            * self.scale;
        (title, subtitle)
    }

    /// The zoom over the whole map area, as the subtitle notes it (` · zoom ×2.0`, or nothing).
    pub(crate) fn zoom_note(&self, ds: &Dataset) -> String {
        let whole = Viewport::fit(ds.map, self.viewport.cols, self.viewport.rows, 1.0).km_per_col;
        zoom_note(whole / self.viewport.km_per_col)
    }

    /// A design size (in pixels at 1600 px wide) scaled to this picture.
    pub(crate) fn px(&self, design: f64) -> f64 {
        design * self.scale
    }

    /// The picture position of a lon/lat (it may lie outside the map frame).
    pub fn to_pixel(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (c, r) = self.viewport.to_grid(lon, lat);
        (self.map.x + c, self.map.y + r)
    }

    /// True if a picture position is inside the map frame.
    pub(crate) fn in_map(&self, (x, y): (f64, f64)) -> bool {
        x >= self.map.x
            && y >= self.map.y
            && x <= self.map.x + self.map.w
            && y <= self.map.y + self.map.h
    }
}

/// Design sizes of the header, in pixels at [`DESIGN_WIDTH`].
pub(crate) const TITLE_SIZE: f64 = 26.0;
/// Font size of the subtitle.
pub(crate) const SUBTITLE_SIZE: f64 = 18.0;
/// Line height of a wrapped title, and of a wrapped subtitle.
pub(crate) const TITLE_LINE: f64 = 32.0;
/// Line height of a wrapped subtitle.
pub(crate) const SUBTITLE_LINE: f64 = 24.0;
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
    fn the_map_fills_the_width_beside_the_legend() {
        let ds = crate::loaded::builtin().unwrap().dataset;
        for (width, height) in [(1600, 900), (1200, 675), (800, 534), (3508, 2480)] {
            let size = PictureSize { width, height };
            let l = Layout::sized(&ds, size, None, WIDEST_DAY_SUBTITLE);
            assert!(l.map.w / f64::from(width) >= 0.65, "{width}: {:?}", l.map);
            assert!(l.legend.x > l.map.x + l.map.w);
            assert!(l.legend.x + l.legend.w <= f64::from(width) - l.margin + 1.0);
            assert!(l.footer.y + l.footer.h <= f64::from(height) - l.margin + 1.0);
            // The whole map area is in the frame, centred.
            let (x0, y0) = l.to_pixel(ds.map.min_lon, ds.map.max_lat);
            let (x1, y1) = l.to_pixel(ds.map.max_lon, ds.map.min_lat);
            assert!(l.in_map((x0, y0)) && l.in_map((x1, y1)), "{width}");
            assert!(((x0 + x1) / 2.0 - (l.map.x + l.map.w / 2.0)).abs() < 2.0);
            assert!(
                (y0 - l.map.y).abs() < 1.0 || (x0 - l.map.x).abs() < 1.0,
                "{width}: the area touches two sides of the frame"
            );
            let _ = y1;
        }
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
