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
mod story;
pub mod xml;

use std::fmt::Write as _;

use chrono::NaiveDate;

pub use layout::{Frame, Layout};
pub use map::{LAND, SEA, THEATRE, stripe_colour, tint};
pub use story::{FrameInfo, Story};

use crate::export::font::{self, FAMILY};
use crate::loaded::Loaded;

/// An SVG document and its height in pixels (its width is the layout's).
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// The document.
    pub svg: String,
    /// Its height.
    pub height: u32,
}

/// The whole SVG document for one day.
pub fn document(loaded: &Loaded, date: NaiveDate, l: &Layout) -> String {
    picture(loaded, date, l, &Story::default()).svg
}

/// The subtitle of a picture, without the zoom note: `Who held each place at the end of
/// Saturday 7 December 2024`, and for a comparison `…, and what changed since Wednesday
/// 4 December`.
pub fn subtitle(date: NaiveDate, story: &Story) -> String {
    let mut s = format!(
        "Who held each place at the end of {}",
        date.format("%A %-d %B %Y")
    );
    if let Some(from) = story.compare {
        let _ = write!(s, ", and what changed since {}", from.format("%A %-d %B"));
    }
    s
}

/// The picture of one day with what `story` adds: rings, hatching, a caption.
pub fn picture(loaded: &Loaded, date: NaiveDate, l: &Layout, story: &Story) -> Picture {
    let cursor = loaded.timeline.at(date);
    let ds = &loaded.dataset;
    let mut body = String::with_capacity(256 * 1024);
    // Title and subtitle, wrapped to the width; the layout left room for them.
    let text_w = f64::from(l.width) - 2.0 * l.margin;
    let (title_y, subtitle_y) = l.header_baselines();
    let title_size = l.px(layout::TITLE_SIZE);
    for (i, line) in font::wrap(&ds.name, title_size, true, text_w)
        .iter()
        .take(l.title_lines)
        .enumerate()
    {
        let _ = write!(
            body,
            r##"<text x="{}" y="{}" font-size="{}" font-weight="bold" fill="#111111">{}</text>"##,
            xml::num(l.margin),
            xml::num(title_y + i as f64 * l.px(layout::TITLE_LINE)),
            xml::num(title_size),
            xml::esc(line)
        );
    }
    let subtitle_text = format!("{}{}", subtitle(date, story), l.zoom_note(ds));
    let subtitle_size = l.px(layout::SUBTITLE_SIZE);
    for (i, line) in font::wrap(&subtitle_text, subtitle_size, false, text_w)
        .iter()
        .enumerate()
    {
        let _ = write!(
            body,
            r##"<text x="{}" y="{}" font-size="{}" fill="#333333">{}</text>"##,
            xml::num(l.margin),
            xml::num(subtitle_y + i as f64 * l.px(layout::SUBTITLE_LINE)),
            xml::num(subtitle_size),
            xml::esc(line)
        );
    }
    let rings = story::rings(loaded, &cursor, story);
    let before = story.compare.map(|d| loaded.timeline.at(d));
    map::draw(&mut body, loaded, &cursor, l, &rings, before.as_ref());
    if let Some(frame) = &story.frame {
        story::caption(&mut body, l, date, frame);
    }
    // Frames always explain rings, so the legend does not move between frames with and without.
    let ringed = !rings.is_empty() || story.frame.is_some();
    let legend_bottom = legend::draw(&mut body, loaded, &cursor, l, story, ringed);
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
    Picture { svg: out, height }
}
