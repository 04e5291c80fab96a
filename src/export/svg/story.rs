//! What a picture adds to the map of its day to tell how it came about: rings around the
//! places that changed (an animation frame's days, or since the day compared with), hatching
//! over the land that reads in another colour (a comparison), and a large date caption
//! (an animation frame).

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::Painter;
use super::layout::Layout;
use super::xml::{esc, num};
use crate::dataset::{FactionId, PlaceId, Rgb};
use crate::loaded::Loaded;
use crate::timeline::Cursor;
use crate::view::compare::{Change, Comparison, classify};
use crate::view::territory::Territory;
use crate::view::words;

/// What a picture tells besides its day's state.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Story {
    /// Compare with this earlier day: ring the places whose state changed since, hatch the
    /// land that reads in another colour, and list the changes in the legend.
    pub compare: Option<NaiveDate>,
    /// The picture is a frame of an animation.
    pub frame: Option<FrameInfo>,
}

/// Where a frame sits in its animation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameInfo {
    /// The first of the days the frame stands for (the frame shows the end of the last):
    /// the changes dated to these days are ringed.
    pub first: NaiveDate,
    /// The frame's number, from 1.
    pub number: usize,
    /// How many frames the animation has.
    pub count: usize,
}

/// A ring around a place that changed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Ring {
    /// The place.
    pub place: PlaceId,
    /// The colour of the faction the change is about (the new holder; who contests).
    pub color: Rgb,
    /// Solid for a change of holder, dashed for a change of status.
    pub solid: bool,
}

/// Grey for a change about nobody (a place that left the conflict).
const NOBODY: Rgb = Rgb(0x6e, 0x6e, 0x6e);

fn color_of(loaded: &Loaded, f: Option<FactionId>) -> Rgb {
    f.map_or(NOBODY, |f| loaded.dataset.faction(f).color)
}

/// A change's ring, if it is one the map shows.
fn ring(loaded: &Loaded, place: PlaceId, change: Change, after: &Cursor) -> Option<Ring> {
    if !change.is_change() {
        return None;
    }
    Some(Ring {
        place,
        color: color_of(loaded, change.faction(after.state(place))),
        solid: matches!(change, Change::Gained { .. } | Change::Appeared),
    })
}

/// The rings of a picture of `cursor`'s day: the changes of `comparison` (the story's, with
/// its earlier day) or of the frame's days.
pub(crate) fn rings(
    loaded: &Loaded,
    cursor: &Cursor,
    story: &Story,
    comparison: Option<&Comparison>,
) -> Vec<Ring> {
    let tl = &loaded.timeline;
    if let Some(c) = comparison {
        return c
            .lines
            .iter()
            .filter_map(|l| ring(loaded, l.place, l.change, cursor))
            .collect();
    }
    let Some(frame) = story.frame else {
        return Vec::new();
    };
    // Only the changes the timeline dates to the frame's days: a change that undated reports
    // settle is not a change *of* those days.
    let mut places: Vec<PlaceId> = Vec::new();
    let mut day = frame.first;
    while day <= cursor.date {
        places.extend(tl.changed_on(day));
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    places.sort_unstable();
    places.dedup();
    let before = frame.first.pred_opt();
    places
        .into_iter()
        .filter_map(|p| {
            let was = before.and_then(|d| tl.state_of(p, d));
            let change = classify(was.as_ref(), cursor.state(p));
            ring(loaded, p, change, cursor)
        })
        .collect()
}

/// The ring's radius around a marker of radius `r`.
pub(crate) fn ring_radius(r: f64) -> f64 {
    r * 1.95
}

/// Append one ring centred on `(x, y)` around a marker of radius `r`: the colour on a white
/// halo, so it shows on any shade.
pub(crate) fn draw_ring(out: &mut String, l: &Layout, ring: &Ring, x: f64, y: f64, r: f64) {
    let radius = ring_radius(r);
    let w = l.px(3.2);
    let dash = if ring.solid {
        String::new()
    } else {
        format!(
            r#" stroke-dasharray="{} {}""#,
            num(l.px(6.0)),
            num(l.px(4.0))
        )
    };
    let _ = write!(
        out,
        r##"<circle cx="{x}" cy="{y}" r="{radius}" fill="none" stroke="#ffffff" stroke-width="{halo}"/><circle cx="{x}" cy="{y}" r="{radius}" fill="none" stroke="{color}" stroke-width="{w}"{dash}/>"##,
        x = num(x),
        y = num(y),
        radius = num(radius),
        halo = num(w + l.px(2.4)),
        color = ring.color.hex(),
        w = num(w),
    );
}

/// The id of the hatching pattern of a faction's colour.
fn pattern_id(f: Option<FactionId>) -> String {
    f.map_or_else(|| "hatch-none".to_string(), |f| format!("hatch-{}", f.0))
}

/// The `<pattern>` of a hatching in `color`: diagonal stripes.
pub(crate) fn hatch_pattern(out: &mut String, l: &Layout, id: &str, color: Rgb) {
    let step = l.px(9.0).max(5.0);
    let _ = write!(
        out,
        r#"<pattern id="{id}" patternUnits="userSpaceOnUse" width="{s}" height="{s}" patternTransform="rotate(45)"><rect width="{w}" height="{s}" fill="{}" fill-opacity="0.75"/></pattern>"#,
        color.hex(),
        s = num(step),
        w = num((step * 0.32).max(1.5)),
    );
}

/// Hatch the land that reads differently on `after` than on `before`
/// ([`Territory::changed_since`], the same polygons the map shades), in the colour it reads
/// as now (grey where it is no longer in one faction's colour).
pub(super) fn hatch(p: &mut Painter<'_>, before: &Territory, after: &Territory) {
    let (loaded, l) = (p.loaded, p.l);
    let out = &mut p.out;
    let changed = after.changed_since(before);
    let paths: Vec<(Option<FactionId>, String)> = changed
        .iter()
        .map(|(f, m)| (*f, super::map::shape_path(l, m)))
        .filter(|(_, d)| !d.is_empty())
        .collect();
    if paths.is_empty() {
        return;
    }
    out.push_str("<defs>");
    for (f, _) in &paths {
        hatch_pattern(out, l, &pattern_id(*f), color_of(loaded, *f));
    }
    out.push_str("</defs>");
    for (f, d) in &paths {
        let _ = write!(
            out,
            r#"<path fill="url(#{})" fill-rule="evenodd" d="{d}"/>"#,
            pattern_id(*f)
        );
    }
}

/// An animation frame's date in large type in the map's top-right corner, on a white box, with
/// the frame's place in the animation under it.
pub(super) fn caption(p: &mut Painter<'_>, date: NaiveDate, frame: &FrameInfo) {
    let l = p.l;
    let out = &mut p.out;
    let big = l.px(34.0).max(20.0);
    let small = l.px(15.0).max(10.0);
    let title = date.format("%a %-d %b %Y").to_string();
    let sub = if frame.first < date {
        format!(
            "{} of {} · ringed: changes {}–{}",
            frame.number,
            frame.count,
            words::short_day(frame.first),
            words::short_day(date)
        )
    } else {
        format!(
            "{} of {} · ringed: changes on this day",
            frame.number, frame.count
        )
    };
    let font = crate::export::font::text_width;
    let w = font(&title, big, true).max(font(&sub, small, false)) + l.px(24.0);
    let h = big + small + l.px(22.0);
    let x = l.map.x + l.map.w - w - l.px(10.0);
    let y = l.map.y + l.px(10.0);
    let _ = write!(
        out,
        r##"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="#ffffff" fill-opacity="0.92" stroke="#8c8c8c" stroke-width="{}"/>"##,
        num(x),
        num(y),
        num(w),
        num(h),
        num(l.px(6.0)),
        num(l.px(1.0))
    );
    let _ = write!(
        out,
        r##"<text x="{}" y="{}" font-size="{}" font-weight="bold" fill="#111111">{}</text>"##,
        num(x + l.px(12.0)),
        num(y + l.px(8.0) + big * 0.9),
        num(big),
        esc(&title)
    );
    let _ = write!(
        out,
        r##"<text x="{}" y="{}" font-size="{}" fill="#333333">{}</text>"##,
        num(x + l.px(12.0)),
        num(y + l.px(12.0) + big + small * 0.85),
        num(small),
        esc(&sub)
    );
}
