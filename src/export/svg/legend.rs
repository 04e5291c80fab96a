//! The legend (factions, statuses, the shading caveat, the day's changes) and the footer
//! (sources behind the day's state, credits). Text wraps to measured widths.

use std::fmt::Write as _;

mod days;
mod keys;

use super::layout::{Frame, Layout};
use super::map::{CHANGED_HALO, tint};
use super::marker::{self, MARK_COLOR, Marker, Shape};
use super::places::marker_radius;
use super::story::Story;
use super::xml::{esc, num};
use crate::dataset::{PlaceId, Rgb};
use crate::export::font::wrap;
use crate::geo::{Basemap, World};
use crate::loaded::Loaded;
use crate::timeline::{Cursor, PlaceState, Status};
use crate::view::{AREA_NOTE, BORDERS_NOTE, NO_REPORTS_NOTE, STATUS_LEGEND, STRIPES_NOTE, words};

/// The grey of the sample markers in the status legend.
const NEUTRAL: Rgb = Rgb(0xb4, 0xb4, 0xb4);

/// Most sources named in the footer before "and N more".
const MAX_SOURCES: usize = 24;

/// Most changes listed before "and N more".
const MAX_CHANGES: usize = 14;

/// Text flowing down a column.
struct Column<'a> {
    out: &'a mut String,
    l: &'a Layout,
    x: f64,
    w: f64,
    y: f64,
}

impl Column<'_> {
    fn heading(&mut self, text: &str) {
        self.y += self.l.px(10.0);
        let size = self.l.px(15.0);
        self.y += size;
        let _ = write!(
            self.out,
            r##"<text x="{}" y="{}" font-size="{}" font-weight="bold" fill="#111111">{}</text>"##,
            num(self.x),
            num(self.y),
            num(size),
            esc(text)
        );
        self.y += self.l.px(8.0);
    }

    /// A paragraph starting `indent` px in, wrapped; returns the baseline of its first line.
    fn para(&mut self, text: &str, indent: f64, size: f64, color: &str) -> f64 {
        let line_h = size * 1.3;
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
}

/// Append the legend; returns its bottom edge. `ringed`: the map rings some places.
pub fn draw(
    out: &mut String,
    loaded: &Loaded,
    cursor: &Cursor,
    l: &Layout,
    story: &Story,
    ringed: bool,
) -> f64 {
    let ds = &loaded.dataset;
    let Frame { x, y, w, .. } = l.legend;
    let mut col = Column { out, l, x, w, y };
    let r = marker_radius(l);
    let size = l.px(14.0);
    let indent = l.px(40.0);
    let icon_x = x + l.px(16.0);
    col.y -= l.px(10.0);
    col.heading("Who holds each place");
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
            format!(" ({})", doubt.join(", "))
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
        col.y = col.y.max(top + 2.0 * r + l.px(6.0));
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
    col.heading("How firmly");
    for (mark, text) in STATUS_LEGEND {
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
                num(cy + l.px(15.0) * 0.36),
                num(l.px(15.0)),
                esc(&mark.to_string())
            );
        }
    }
    let baseline = col.para(
        "label highlighted: its state changed by a report dated to this day",
        indent,
        size,
        "#111111",
    );
    let _ = write!(
        col.out,
        r##"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{CHANGED_HALO}"/>"##,
        num(icon_x - l.px(11.0)),
        num(baseline - size * 0.9),
        num(l.px(22.0)),
        num(size * 1.15),
        num(l.px(3.0))
    );
    if ringed {
        keys::rings(&mut col, story, cursor.date, icon_x, indent, size, r);
    }
    if l.territory {
        col.heading("Shaded areas");
        let baseline = col.para(AREA_NOTE, indent, size, "#333333");
        if let Some(f) = ds.factions.first() {
            swatch(col.out, l, icon_x, baseline - size * 0.35, tint(f.color));
        }
        let baseline = col.para(STRIPES_NOTE, indent, size, "#333333");
        col.out.push_str("<defs>");
        super::story::hatch_pattern(
            col.out,
            l,
            "stripes-legend",
            crate::view::territory::NEUTRAL,
        );
        col.out.push_str("</defs>");
        pattern_swatch(col.out, l, icon_x, baseline - size * 0.35, "stripes-legend");
        let baseline = col.para(NO_REPORTS_NOTE, indent, size, "#333333");
        pattern_swatch(col.out, l, icon_x, baseline - size * 0.35, "no-reports");
        if let Some(from) = story.compare {
            keys::hatching(&mut col, from, icon_x, indent, size);
        }
    }
    let areas: Vec<String> = (0..ds.places.len() as u32)
        .map(crate::dataset::PlaceId)
        .filter(|p| cursor.state(*p).is_some())
        .filter_map(|p| {
            Some(format!(
                "{}: {}",
                ds.place(p).name,
                ds.place(p).area_basis()?
            ))
        })
        .collect();
    if !areas.is_empty() {
        col.heading("Named areas");
        col.para(
            "The reports give them no bounds: each is drawn as the dataset reads them (its note says why), not as the reports' words.",
            0.0,
            size,
            "#333333",
        );
        for a in &areas {
            col.para(a, indent, size, "#333333");
        }
    }
    if basemap_shown(ds) {
        col.heading("Borders");
        col.para(BORDERS_NOTE, 0.0, size, "#333333");
    }
    match story.compare {
        Some(from) => days::comparison(&mut col, loaded, cursor, from, size),
        None => days::day_news(&mut col, loaded, cursor, size),
    }
    days::doubts(&mut col, loaded, cursor, size);
    col.y
}

/// A swatch filled with one of the map's patterns (defined by the map before the legend).
fn pattern_swatch(out: &mut String, l: &Layout, cx: f64, cy: f64, id: &str) {
    let (w, h) = (l.px(30.0), l.px(24.0));
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
    let (w, h) = (l.px(30.0), l.px(24.0));
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

/// The footer's lines: the reports behind the day's state, then credits.
pub fn footer_text(loaded: &Loaded, cursor: &Cursor) -> Vec<String> {
    let ds = &loaded.dataset;
    let mut sources: Vec<usize> = Vec::new();
    for (i, state) in cursor.states.iter().enumerate() {
        let Some(state) = state else { continue };
        let p = PlaceId(i as u32);
        // The same reports as the state's count: its events, and the starting holder's quote.
        let behind = loaded.timeline.state_sources(ds, p, state);
        sources.extend(behind.iter().map(|s| s.index()));
    }
    sources.sort_unstable();
    sources.dedup();
    let mut list: Vec<String> = sources
        .iter()
        .take(MAX_SOURCES)
        .map(|&i| words::source_citation(&ds.sources[i]))
        .collect();
    if sources.len() > MAX_SOURCES {
        list.push(format!(
            "and {} more (the Markdown export, `--format md`, lists every source)",
            sources.len() - MAX_SOURCES
        ));
    }
    let sources_line = if list.is_empty() {
        "Sources: no report bears on this day's state.".to_string()
    } else {
        format!(
            "Sources behind this day's state (every change is backed by verbatim quotes from them): {}.",
            list.join("; ")
        )
    };
    let basemap_credit = if basemap_shown(ds) {
        format!(" {}.", Basemap::CREDIT)
    } else {
        String::new()
    };
    vec![
        sources_line,
        format!(
            "Data: {} ({}).{basemap_credit} {} Text set in DejaVu Sans. Made with frontline.",
            ds.name,
            crate::export::dataset_file_name(ds),
            words::coordinate_credits(ds)
        ),
    ]
}

/// Whether the basemap draws anything on the dataset's map: a picture of open sea neither
/// explains nor credits it. (The coarsest detail is enough to tell.)
fn basemap_shown(ds: &crate::dataset::Dataset) -> bool {
    World::builtin().is_some_and(|w| w.view(&ds.map, f64::INFINITY).covers(&ds.map))
}

/// Append the footer at `top`; returns its bottom edge.
pub fn draw_footer(
    out: &mut String,
    loaded: &Loaded,
    cursor: &Cursor,
    l: &Layout,
    top: f64,
) -> f64 {
    let mut col = Column {
        out,
        l,
        x: l.margin,
        w: f64::from(l.width) - 2.0 * l.margin,
        y: top,
    };
    let size = l.px(12.5);
    for (i, text) in footer_text(loaded, cursor).iter().enumerate() {
        if i > 0 {
            col.y += l.px(4.0);
        }
        col.para(text, 0.0, size, "#444444");
    }
    col.y
}
