//! The legend's keys for the shading (tint, stripes, dots, named areas' outlines) and for what
//! a comparison or an animation frame adds to the map: the rings around the places that
//! changed, and the hatching over the areas whose holder changed.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::{Column, Key, pattern_swatch, swatch};
use crate::dataset::{Dataset, PlaceId, Rgb};
use crate::export::svg::map::tint;
use crate::export::svg::story::{self, Ring, Story};
use crate::export::svg::xml::num;

/// The grey of the sample ring and hatching.
const SAMPLE: Rgb = Rgb(0x44, 0x44, 0x44);

/// What the solid and the dashed rings mean, for the days they stand for.
pub(super) fn rings(col: &mut Column<'_>, story: &Story, date: NaiveDate, key: Key) {
    let Key {
        icon_x,
        indent,
        size,
        r,
    } = key;
    let when = match (story.compare, story.frame) {
        (Some(from), _) => format!("since {}", from.format("%-d %B")),
        (None, Some(f)) if f.first < date => format!(
            "from {} to {}",
            f.first.format("%-d %B"),
            date.format("%-d %B")
        ),
        _ => "on this day".to_string(),
    };
    for (solid, text) in [
        (
            true,
            format!("ringed: changed hands {when} (new holder's colour)"),
        ),
        (
            false,
            format!("dashed ring: status changed {when} (colour of the party concerned)"),
        ),
    ] {
        let baseline = col.para(&text, indent, size, "#111111");
        let ring = Ring {
            place: PlaceId(0),
            color: SAMPLE,
            solid,
        };
        story::draw_ring(
            col.out,
            col.l,
            &ring,
            icon_x,
            baseline - size * 0.35,
            r * 0.55,
        );
    }
}

/// What the shading means: the holder's tint, stripes, dots, the named areas' outlines; and,
/// comparing with `compare`, the hatching.
pub(super) fn shading(col: &mut Column<'_>, ds: &Dataset, compare: Option<NaiveDate>, key: Key) {
    let Key {
        icon_x,
        indent,
        size,
        ..
    } = key;
    let l = col.l;
    col.heading("Shaded land");
    let ink = "#333333";
    let baseline = col.para(
        "the holder's colour, approximated from the reported places: not a front line",
        indent,
        size,
        ink,
    );
    if let Some(f) = ds.factions.first() {
        swatch(col.out, l, icon_x, baseline - size * 0.35, tint(f.color));
    }
    let baseline = col.para(
        "striped: claimed, contested or disputed (each side's colour), unsettled (grey)",
        indent,
        size,
        ink,
    );
    col.out.push_str("<defs>");
    story::hatch_pattern(
        col.out,
        l,
        "stripes-legend",
        crate::view::territory::NEUTRAL,
    );
    col.out.push_str("</defs>");
    pattern_swatch(col.out, l, icon_x, baseline - size * 0.35, "stripes-legend");
    let baseline = col.para(
        "dotted: no reports, no place near enough to say",
        indent,
        size,
        ink,
    );
    pattern_swatch(col.out, l, icon_x, baseline - size * 0.35, "no-reports");
    if ds.places.iter().any(crate::dataset::Place::is_area) {
        let baseline = col.para(
            "dashed outline: a named area, as the dataset reads its reports",
            indent,
            size,
            ink,
        );
        let (w, h) = (l.px(30.0), l.px(22.0));
        let cy = baseline - size * 0.35;
        let _ = write!(
            col.out,
            r##"<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#555555" stroke-width="{}" stroke-dasharray="{} {}"/>"##,
            num(icon_x - w / 2.0),
            num(cy - h / 2.0),
            num(w),
            num(h),
            num(l.px(1.3)),
            num(l.px(5.0)),
            num(l.px(3.0))
        );
    }
    if let Some(from) = compare {
        hatching(col, from, icon_x, indent, size);
    }
}

/// What the hatching means, comparing with `from`.
fn hatching(col: &mut Column<'_>, from: NaiveDate, icon_x: f64, indent: f64, size: f64) {
    let l = col.l;
    let text = format!(
        "hatched: reads differently since {}, in its colour now (grey: no one's alone)",
        from.format("%-d %B")
    );
    let baseline = col.para(&text, indent, size, "#333333");
    let cy = baseline - size * 0.35;
    let id = "hatch-legend";
    col.out.push_str("<defs>");
    story::hatch_pattern(col.out, l, id, SAMPLE);
    col.out.push_str("</defs>");
    let (w, h) = (l.px(30.0), l.px(22.0));
    let _ = write!(
        col.out,
        r##"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="url(#{id})" stroke="#c8c3b8" stroke-width="{}"/>"##,
        num(icon_x - w / 2.0),
        num(cy - h / 2.0),
        num(w),
        num(h),
        num(l.px(3.0)),
        num(l.px(0.8))
    );
}
