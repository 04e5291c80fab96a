//! The legend beside the map (factions, statuses, what the shading and the rings mean, then
//! the day's changes, the places not settled, where reports disagree and the named areas, as
//! many as fit) and the footer (the sources behind the day's state, then data and credits).
//! Text wraps to measured widths; what does not fit is counted, never cut mid-line.

use std::fmt::Write as _;

mod days;
mod keys;

use super::Painter;
use super::layout::{FOOTER_LINES, FOOTER_SIZE, Frame, Layout};
use super::map::{CHANGED_HALO, tint};
use super::marker::{self, MARK_COLOR, Marker, Shape};
use super::places::marker_radius;
use super::xml::{esc, num};
use crate::dataset::{PlaceId, Rgb};
use crate::export::font::wrap;
use crate::geo::{Basemap, World};
use crate::loaded::Loaded;
use crate::timeline::{Cursor, PlaceState, Status};
use crate::view::words;

/// The grey of the sample markers in the status legend.
const NEUTRAL: Rgb = Rgb(0xb4, 0xb4, 0xb4);

/// Line height, in font sizes.
const LINE: f64 = 1.24;

/// Most changes listed before "and N more".
const MAX_CHANGES: usize = 14;

/// Text flowing down a column, stopping at its bottom edge.
struct Column<'a> {
    out: &'a mut String,
    l: &'a Layout,
    x: f64,
    w: f64,
    y: f64,
    /// Lists stop here (one line above the legend's bottom: room for "and N more").
    bottom: f64,
    /// List items left out for want of room.
    dropped: usize,
}

/// Where a key's sample and its words go: the sample's centre `icon_x`, the words' indent,
/// their size, and a marker's radius.
#[derive(Clone, Copy)]
struct Key {
    icon_x: f64,
    indent: f64,
    size: f64,
    r: f64,
}

impl Column<'_> {
    /// The height a paragraph takes.
    fn height(&self, text: &str, indent: f64, size: f64) -> f64 {
        wrap(text, size, false, self.w - indent).len() as f64 * size * LINE
    }

    fn heading(&mut self, text: &str) {
        self.y += self.l.px(6.0);
        let size = self.l.px(14.5);
        self.y += size;
        let _ = write!(
            self.out,
            r##"<text x="{}" y="{}" font-size="{}" font-weight="bold" fill="#111111">{}</text>"##,
            num(self.x),
            num(self.y),
            num(size),
            esc(text)
        );
        self.y += self.l.px(6.0);
    }

    /// A list's heading, if it and one line of `size` text fit; else nothing more is drawn.
    fn section(&mut self, text: &str, size: f64) -> bool {
        let need = self.l.px(26.5) + size * LINE;
        if self.dropped > 0 || self.y + need > self.bottom {
            return false;
        }
        self.heading(text);
        true
    }

    /// A paragraph starting `indent` px in, wrapped; returns the baseline of its first line.
    fn para(&mut self, text: &str, indent: f64, size: f64, color: &str) -> f64 {
        let line_h = size * LINE;
        let mut first = None;
        for line in wrap(text, size, false, self.w - indent) {
            self.y += line_h;
            let baseline = self.y - line_h * 0.25;
            first.get_or_insert(baseline);
            let _ = write!(
                self.out,
                r#"<text x="{}" y="{}" font-size="{}" fill="{color}">{}</text>"#,
                num(self.x + indent),
                num(baseline),
                num(size),
                esc(&line)
            );
        }
        first.unwrap_or(self.y)
    }

    /// A list item: drawn if it fits (and nothing before it was left out), else counted.
    fn item(&mut self, text: &str, indent: f64, size: f64, color: &str) -> bool {
        if self.dropped > 0 || self.y + self.height(text, indent, size) > self.bottom {
            self.dropped += 1;
            return false;
        }
        self.para(text, indent, size, color);
        true
    }
}

/// Append the legend in its column beside the map. Its keys always show whole: where they
/// would take more than nine tenths of the column (a small picture), the legend's type is
/// made smaller to fit, down to 0.6 of its size; the lists under them (the day's changes,
/// where the reports disagree, the places not settled, the named areas) take what is left,
/// and what does not fit is counted.
pub(super) fn draw(p: &mut Painter<'_>) {
    let l = *p.l;
    let avail = l.legend.h * 0.9;
    let mut scratch = String::new();
    let used = keys(p, &mut scratch, &l) - l.legend.y;
    let k = if used > avail {
        (avail / used).max(0.6)
    } else {
        1.0
    };
    let small = Layout {
        scale: l.scale * k,
        ..l
    };
    let mut out = std::mem::take(&mut p.out);
    let y = keys(p, &mut out, &small);
    news(p, &mut out, &small, y);
    p.out = out;
}

/// The keys (factions, statuses, rings, shading) written to `out` with the sizes of `l`;
/// returns where they end.
fn keys(p: &Painter<'_>, out: &mut String, l: &Layout) -> f64 {
    let (loaded, story) = (p.loaded, p.story);
    // Frames always explain rings, so the legend does not move between frames with and without.
    let ringed = !p.rings.is_empty() || story.frame.is_some();
    let cursor = &p.cursor;
    let ds = &loaded.dataset;
    let Frame { x, y, w, h } = l.legend;
    let size = l.px(13.0);
    let mut col = Column {
        out,
        l,
        x,
        w,
        y,
        bottom: y + h - size * 1.3,
        dropped: 0,
    };
    let r = marker_radius(l) * 0.9;
    let indent = l.px(40.0);
    let icon_x = x + l.px(16.0);
    col.y -= l.px(8.0);
    col.heading("Who holds each place");
    let key = Key {
        icon_x,
        indent,
        size,
        r,
    };
    factions(&mut col, loaded, cursor, key);
    col.heading("How firmly");
    // The statuses as the picture's legend words them: short enough for one line each.
    for words in crate::view::STATUS_WORDS {
        let (mark, text) = (words.mark, words.line);
        let baseline = col.para(text, indent, size, "#111111");
        // A neutral marker with the mark beside it, as on the map.
        let cx = icon_x - l.px(6.0);
        let cy = baseline - size * 0.35;
        marker::draw(
            col.out,
            Marker::Filled(Shape::Circle),
            cx,
            cy,
            r * 0.8,
            NEUTRAL,
            l.px(1.1),
        );
        if mark != ' ' {
            let _ = write!(
                col.out,
                r#"<text x="{}" y="{}" font-size="{}" font-weight="bold" fill="{MARK_COLOR}">{}</text>"#,
                num(cx + r * 0.8 + l.px(3.0)),
                num(cy + l.px(14.0) * 0.36),
                num(l.px(14.0)),
                esc(&mark.to_string())
            );
        }
    }
    let baseline = col.para(
        "highlighted: changed by a report of this day",
        indent,
        size,
        "#111111",
    );
    let _ = write!(
        col.out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{CHANGED_HALO}"/>"#,
        num(icon_x - l.px(11.0)),
        num(baseline - size * 0.9),
        num(l.px(22.0)),
        num(size * 1.15),
        num(l.px(3.0))
    );
    if ringed {
        keys::rings(&mut col, story, cursor.date, key);
    }
    if l.territory {
        keys::shading(&mut col, ds, story.compare, key);
    }
    col.y
}

/// The lists under the keys, from `y`: the day's changes (or a comparison's), where the
/// reports disagree, the places not settled, what the day's reports say undated, the named
/// areas; as many as fit, the rest counted.
fn news(p: &Painter<'_>, out: &mut String, l: &Layout, y: f64) {
    let (loaded, story, cursor) = (p.loaded, p.story, &p.cursor);
    let Frame { x, w, h, .. } = l.legend;
    let size = l.px(13.0);
    let mut col = Column {
        out,
        l,
        x,
        w,
        y,
        bottom: l.legend.y + h - size * 1.3,
        dropped: 0,
    };
    match &p.comparison {
        Some(c) => days::comparison(&mut col, loaded, c, size),
        None => days::day_changes(&mut col, loaded, cursor, size),
    }
    days::disagreements(&mut col, loaded, cursor, size);
    days::unsettled(&mut col, loaded, cursor, size);
    if story.compare.is_none() {
        days::day_also(&mut col, loaded, cursor, size);
    }
    named_areas(&mut col, loaded, cursor, size);
    if col.dropped > 0 {
        col.y = col.y.max(col.bottom - size * 0.3);
        let text = format!(
            "and {} more: the Markdown export (--format md) lists everything",
            col.dropped
        );
        col.bottom = f64::INFINITY;
        col.para(&text, 0.0, l.px(12.0), "#555555");
    }
}

/// Each faction's swatch and marker, with how many places it holds and how firmly.
fn factions(col: &mut Column<'_>, loaded: &Loaded, cursor: &Cursor, key: Key) {
    let Key {
        icon_x,
        indent,
        size,
        r,
    } = key;
    let ds = &loaded.dataset;
    let l = col.l;
    for f in &ds.factions {
        // Places, not areas: an area is counted by the land it shades, not as a town.
        let mine: Vec<&PlaceState> = cursor
            .states
            .iter()
            .enumerate()
            .filter(|(i, _)| ds.places.get(*i).is_some_and(|p| !p.is_area()))
            .filter_map(|(_, s)| s.as_ref())
            .filter(|s| s.holder.is_some_and(|h| std::ptr::eq(ds.faction(h), f)))
            .collect();
        let held = mine.len();
        // Places it holds that others contest or claim are counted apart, not as firmly its.
        let doubt: Vec<String> = [
            (Status::Contested, "contested"),
            (Status::Claimed, "claimed by others"),
            (Status::Disputed, "disputed"),
        ]
        .iter()
        .filter_map(|(status, word)| {
            let n = mine.iter().filter(|s| s.status == *status).count();
            (n > 0).then(|| format!("{n} {word}"))
        })
        .collect();
        let doubt = if doubt.is_empty() {
            String::new()
        } else {
            format!(", {}", doubt.join(", "))
        };
        let text = format!(
            "{} — {} · {held} place{}{doubt}",
            f.label,
            f.name,
            if held == 1 { "" } else { "s" }
        );
        let top = col.y;
        // Factions holding nothing that day stay listed (the colours keep their meaning
        // from day to day) but step back.
        let ink = if held == 0 { "#8c8c8c" } else { "#111111" };
        let baseline = col.para(&text, indent, size, ink);
        let cy = baseline - size * 0.35;
        swatch(col.out, l, icon_x, cy, tint(f.color));
        marker::draw(
            col.out,
            Marker::for_glyph(f.glyph),
            icon_x,
            cy,
            r,
            f.color,
            l.px(1.1),
        );
        col.y = col.y.max(top + 2.0 * r + l.px(4.0));
    }
    // No holder: outside the conflict only outside the theatre; inside it, no report says.
    let unheld = |outside: bool| {
        cursor.states.iter().enumerate().any(|(i, s)| {
            s.is_some_and(|s| s.holder.is_none())
                && ds
                    .places
                    .get(i)
                    .is_some_and(|p| p.outside_theatre == outside)
        })
    };
    for (outside, text) in [
        (true, "outside the conflict (for orientation)"),
        (false, "no holder reported"),
    ] {
        if !unheld(outside) {
            continue;
        }
        let baseline = col.para(text, indent, size, "#111111");
        marker::draw(
            col.out,
            Marker::Dot,
            icon_x,
            baseline - size * 0.35,
            r,
            Rgb(0, 0, 0),
            l.px(1.1),
        );
    }
}

/// The named areas with how each is drawn, as many as fit.
fn named_areas(col: &mut Column<'_>, loaded: &Loaded, cursor: &Cursor, size: f64) {
    let ds = &loaded.dataset;
    let areas: Vec<String> = (0..ds.places.len() as u32)
        .map(PlaceId)
        .filter(|p| cursor.state(*p).is_some())
        .filter_map(|p| {
            Some(format!(
                "{}: {}",
                ds.place(p).name,
                ds.place(p).area_basis()?
            ))
        })
        .collect();
    if areas.is_empty() {
        return;
    }
    if !col.section("Named areas, as the dataset draws them", size) {
        col.dropped += areas.len();
        return;
    }
    for a in &areas {
        col.item(a, col.l.px(12.0), size, "#333333");
    }
}

/// A swatch filled with one of the map's patterns (defined by the map before the legend).
fn pattern_swatch(out: &mut String, l: &Layout, cx: f64, cy: f64, id: &str) {
    let (w, h) = (l.px(30.0), l.px(22.0));
    let _ = write!(
        out,
        r##"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="url(#{id})" stroke="#c8c3b8" stroke-width="{}"/>"##,
        num(cx - w / 2.0),
        num(cy - h / 2.0),
        num(w),
        num(h),
        num(l.px(3.0)),
        num(l.px(0.8))
    );
}

fn swatch(out: &mut String, l: &Layout, cx: f64, cy: f64, color: Rgb) {
    let (w, h) = (l.px(30.0), l.px(22.0));
    let _ = write!(
        out,
        r##"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}" stroke="#c8c3b8" stroke-width="{}"/>"##,
        num(cx - w / 2.0),
        num(cy - h / 2.0),
        num(w),
        num(h),
        num(l.px(3.0)),
        color.hex(),
        num(l.px(0.8))
    );
}

/// The sources behind the day's state: its events, and the starting holders' quotes.
fn sources_behind(loaded: &Loaded, cursor: &Cursor) -> Vec<usize> {
    let ds = &loaded.dataset;
    let mut sources: Vec<usize> = Vec::new();
    for (i, state) in cursor.states.iter().enumerate() {
        let Some(state) = state else { continue };
        // The same reports as the state's count: its events, and the starting holder's quote.
        let behind = loaded.timeline.state_sources(ds, PlaceId(i as u32), state);
        sources.extend(behind.iter().map(|s| s.index()));
    }
    sources.sort_unstable();
    sources.dedup();
    sources
}

/// The footer's lines: the reports behind the day's state (by outlet, day and headline, as
/// many as fit `width` px in two lines of `size`), then data and credits.
pub(crate) fn footer_text(loaded: &Loaded, cursor: &Cursor, size: f64, width: f64) -> Vec<String> {
    let ds = &loaded.dataset;
    let sources = sources_behind(loaded, cursor);
    let cited: Vec<String> = sources
        .iter()
        .map(|&i| words::source_citation(&ds.sources[i]))
        .collect();
    let lead = "Sources (frontline sources ID prints one): ";
    let fits = |text: &str| wrap(text, size, false, width).len() <= 2;
    let mut sources_line = if cited.is_empty() {
        "Sources: no report bears on this day's state.".to_string()
    } else {
        format!("{lead}{}.", cited.join("; "))
    };
    let mut n = cited.len();
    while !fits(&sources_line) && n > 1 {
        n -= 1;
        sources_line = format!(
            "{lead}{}; and {} more (frontline sources lists them).",
            cited[..n].join("; "),
            cited.len() - n
        );
    }
    let lines_left = FOOTER_LINES.saturating_sub(wrap(&sources_line, size, false, width).len());
    // The credits in their order, the licences first to stay: what does not fit is left out.
    let mut parts: Vec<(u8, String)> = vec![
        (
            0,
            format!(
                "Data: {} ({}).",
                ds.name,
                crate::export::dataset_file_name(ds)
            ),
        ),
        (
            3,
            "Shading approximated from the reported places.".to_string(),
        ),
        (0, words::coordinate_credits(ds)),
    ];
    if basemap_shown(ds) {
        parts.push((1, format!("{}.", Basemap::CREDIT)));
        parts.push((
            2,
            "Borders are its de facto lines, not a statement on any claim.".to_string(),
        ));
    }
    parts.push((
        4,
        "Text set in DejaVu Sans. Made with frontline.".to_string(),
    ));
    let join = |parts: &[(u8, String)]| {
        parts
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    for drop in (0..=4).rev() {
        if wrap(&join(&parts), size, false, width).len() <= lines_left {
            break;
        }
        parts.retain(|(priority, _)| *priority < drop || drop == 0);
    }
    vec![sources_line, join(&parts)]
}

/// Whether the basemap draws anything on the dataset's map: a picture of open sea neither
/// explains nor credits it. (The coarsest detail is enough to tell.)
fn basemap_shown(ds: &crate::dataset::Dataset) -> bool {
    World::builtin().is_some_and(|w| w.view(&ds.map, f64::INFINITY).covers(&ds.map))
}

/// Append the footer in its box, [`FOOTER_LINES`] lines at most.
pub(super) fn draw_footer(p: &mut Painter<'_>) {
    let l = p.l;
    let f = l.footer;
    let size = l.px(FOOTER_SIZE);
    let lines = footer_text(p.loaded, &p.cursor, size, f.w);
    let mut col = Column {
        out: &mut p.out,
        l,
        x: f.x,
        w: f.w,
        y: f.y,
        bottom: f.y + f.h,
        dropped: 0,
    };
    let mut left = FOOTER_LINES;
    for text in &lines {
        let wrapped = wrap(text, size, false, f.w);
        let shown: Vec<String> = wrapped.into_iter().take(left).collect();
        left -= shown.len();
        col.para(&shown.join(" "), 0.0, size, "#444444");
        if left == 0 {
            break;
        }
    }
}
