//! The map as an SVG picture: title, map, legend and footer, drawn from the same projection,
//! palette, glyphs, label placement and territory approximation as the terminal map.
//!
//! ```text
//! ┌──────────────────────────────────────────────────────────────┐
//! │ Dataset name (bold)                                          │
//! │ Control at the end of Saturday 7 December 2024               │
//! │ ┌ map ─────────────────────────────────┐  Who holds each place│
//! │ │ sea, land, theatre, shaded territory,│  ▲ HTS — …           │
//! │ │ divisions, rivers, borders, lakes,   │  How firmly          │
//! │ │ markers with status marks, labels    │  × contested …       │
//! │ │ 100 km ├──┤                          │  Shaded areas …      │
//! │ └──────────────────────────────────────┘  Changes on 7 Dec…   │
//! │ Sources behind this day's state: …; credits                  │
//! └──────────────────────────────────────────────────────────────┘
//! ```
//! Under 1100 px wide the legend goes under the map. The file is written by hand with every
//! piece of dataset text escaped ([`xml::esc`]); nothing from the dataset reaches an `href`.

mod layout;
mod legend;
mod map;
mod marker;
mod places;
pub mod xml;

use std::fmt::Write as _;

use chrono::NaiveDate;

pub use layout::{Frame, Layout};
pub use map::{LAND, SEA, THEATRE, tint};

use crate::export::font::{self, FAMILY};
use crate::loaded::Loaded;

/// The whole SVG document for one day.
pub fn document(loaded: &Loaded, date: NaiveDate, l: &Layout) -> String {
    let cursor = loaded.timeline.at(date);
    let ds = &loaded.dataset;
    let mut body = String::with_capacity(256 * 1024);
    // Title and subtitle.
    let title_size = l.px(26.0);
    let title = font::wrap(
        &ds.name,
        title_size,
        true,
        f64::from(l.width) - 2.0 * l.margin,
    );
    let title = title.first().cloned().unwrap_or_default();
    let _ = write!(
        body,
        r##"<text x="{}" y="{}" font-size="{}" font-weight="bold" fill="#111111">{}</text>"##,
        xml::num(l.margin),
        xml::num(l.px(44.0)),
        xml::num(title_size),
        xml::esc(&title)
    );
    let zoom = l.viewport.km_per_col;
    let whole =
        crate::view::Viewport::fit(ds.map, l.viewport.cols, l.viewport.rows, 1.0).km_per_col;
    let zoom_note = if (whole / zoom - 1.0).abs() > 1e-6 {
        format!(" · zoom ×{:.1}", whole / zoom)
    } else {
        String::new()
    };
    let _ = write!(
        body,
        r##"<text x="{}" y="{}" font-size="{}" fill="#333333">Who held each place at the end of {}{}</text>"##,
        xml::num(l.margin),
        xml::num(l.px(74.0)),
        xml::num(l.px(18.0)),
        date.format("%A %-d %B %Y"),
        xml::esc(&zoom_note)
    );
    map::draw(&mut body, loaded, &cursor, l);
    let legend_bottom = legend::draw(&mut body, loaded, &cursor, l);
    let above_footer = (l.map.y + l.map.h).max(legend_bottom) + l.px(12.0);
    let bottom = legend::draw_footer(&mut body, loaded, &cursor, l, above_footer);
    let height = (bottom + l.margin).ceil() as u32;
    let mut out = String::with_capacity(body.len() + 512);
    let _ = write!(
        out,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}" height="{height}" viewBox="0 0 {w} {height}" font-family="'{FAMILY}', Verdana, sans-serif">
<title>{}</title>
<rect width="{w}" height="{height}" fill="#ffffff"/>
"##,
        xml::esc(&format!("{} — {date}", ds.name)),
        w = l.width,
    );
    out.push_str(&body);
    out.push_str("\n</svg>\n");
    out
}
