//! The map as an SVG picture: title, map, legend and footer, drawn from the same projection,
//! palette, glyphs, label placement and territory approximation as the terminal map.
//!
//! ```text
//! ┌──────────────────────────────────────────────────────────────┐
//! │ Dataset name (bold)                                          │
//! │ Who held each place at the end of Saturday 7 December 2024   │
//! │ ┌ map ───────────────────────────────────┐ Who holds each place│
//! │ │ sea, land, theatre, shaded territory,  │ ▲ HTS — …           │
//! │ │ divisions, rivers, borders, lakes,     │ How firmly          │
//! │ │ markers with status marks, labels      │ × contested …       │
//! │ │ scale bar in the clearest corner       │ Shaded areas …      │
//! │ └────────────────────────────────────────┘ Changes on 7 Dec…   │
//! │ Sources: Reuters, 7 Dec 2024 [004]; …; data, credits         │
//! └──────────────────────────────────────────────────────────────┘
//! ```
//! The picture is landscape, its size fixed by [`Layout`]: the legend stops at the map's
//! bottom edge (what does not fit is counted, "and 3 more"), the footer has its lines. The
//! file is written by hand with every piece of dataset text escaped ([`xml::esc`]); nothing
//! from the dataset reaches an `href`. The drawers share one [`Painter`].

mod layout;
mod legend;
mod map;
mod marker;
mod places;
mod story;
pub mod xml;

use std::fmt::Write as _;

use chrono::NaiveDate;

pub use layout::Layout;

pub(crate) use layout::WIDEST_DAY_SUBTITLE;
pub use map::LAND;
pub use map::SEA;
pub use map::THEATRE;
pub(crate) use map::stripe_colour;
pub use map::tint;
pub(crate) use story::FrameInfo;
pub use story::Story;

use crate::dataset::Dataset;
use crate::export::font::{self, FAMILY};
use crate::loaded::Loaded;
use crate::timeline::Cursor;
use crate::view::compare::Comparison;

/// What every drawer of the picture shares: the document being written, the day's dataset
/// and state, the layout, what the picture tells besides the day, and the rings it draws.
struct Painter<'a> {
    /// The SVG body written so far.
    out: String,
    /// The dataset and its timeline.
    loaded: &'a Loaded,
    /// Every place's state at the end of the day shown.
    cursor: Cursor,
    /// Where everything goes.
    l: &'a Layout,
    /// Comparison or animation frame.
    story: &'a Story,
    /// The comparison with the story's earlier day, made once for the rings and the legend.
    comparison: Option<Comparison>,
    /// Rings around the places that changed.
    rings: Vec<story::Ring>,
}

impl Painter<'_> {
    /// The dataset.
    fn ds(&self) -> &Dataset {
        &self.loaded.dataset
    }
}

/// An SVG document and its height in pixels (its width is the layout's).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Picture {
    /// The document.
    pub svg: String,
    /// Its height.
    pub height: u32,
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
pub(crate) fn picture(loaded: &Loaded, date: NaiveDate, l: &Layout, story: &Story) -> Picture {
    let cursor = loaded.timeline.at(date);
    let comparison = story
        .compare
        .map(|from| Comparison::between(loaded, from, date));
    let rings = story::rings(loaded, &cursor, story, comparison.as_ref());
    let mut p = Painter {
        out: String::with_capacity(256 * 1024),
        loaded,
        cursor,
        l,
        story,
        comparison,
        rings,
    };
    header(&mut p, date);
    map::draw(&mut p);
    if let Some(frame) = &story.frame {
        story::caption(&mut p, date, frame);
    }
    legend::draw(&mut p);
    legend::draw_footer(&mut p);
    let body = p.out;
    let (w, height) = (l.width, l.height);
    let mut out = String::with_capacity(body.len() + 512);
    let _ = write!(
        out,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}" height="{height}" viewBox="0 0 {w} {height}" font-family="'{FAMILY}', Verdana, sans-serif">
<title>{}</title>
<rect width="{w}" height="{height}" fill="#ffffff"/>
"##,
        xml::esc(&format!("{} — {date}", loaded.dataset.name)),
    );
    out.push_str(&body);
    out.push_str("\n</svg>\n");
    Picture { svg: out, height }
}

/// Title and subtitle, wrapped to the width; the layout left room for them.
fn header(p: &mut Painter<'_>, date: NaiveDate) {
    let l = p.l;
    let text_w = f64::from(l.width) - 2.0 * l.margin;
    let (title_y, subtitle_y) = l.header_baselines();
    let title_size = l.px(layout::TITLE_SIZE);
    for (i, line) in font::wrap(&p.ds().name, title_size, true, text_w)
        .iter()
        .take(l.title_lines)
        .enumerate()
    {
        let _ = write!(
            p.out,
            r##"<text x="{}" y="{}" font-size="{}" font-weight="bold" fill="#111111">{}</text>"##,
            xml::num(l.margin),
            xml::num(title_y + i as f64 * l.px(layout::TITLE_LINE)),
            xml::num(title_size),
            xml::esc(line)
        );
    }
    let subtitle_text = format!("{}{}", subtitle(date, p.story), l.zoom_note(p.ds()));
    let subtitle_size = l.px(layout::SUBTITLE_SIZE);
    for (i, line) in font::wrap(&subtitle_text, subtitle_size, false, text_w)
        .iter()
        .enumerate()
    {
        let _ = write!(
            p.out,
            r##"<text x="{}" y="{}" font-size="{}" fill="#333333">{}</text>"##,
            xml::num(l.margin),
            xml::num(subtitle_y + i as f64 * l.px(layout::SUBTITLE_LINE)),
            xml::num(subtitle_size),
            xml::esc(line)
        );
    }
}
