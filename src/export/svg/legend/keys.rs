//! The legend's keys for what a comparison or an animation frame adds to the map: the rings
//! around the places that changed, and the hatching over the areas whose holder changed.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::Column;
use crate::dataset::{PlaceId, Rgb};
use crate::export::svg::story::{self, Ring, Story};
use crate::export::svg::xml::num;

/// The grey of the sample ring and hatching.
const SAMPLE: Rgb = Rgb(0x44, 0x44, 0x44);

/// What the solid and the dashed rings mean, for the days they stand for.
pub(super) fn rings(
    col: &mut Column<'_>,
    story: &Story,
    date: NaiveDate,
    icon_x: f64,
    indent: f64,
    size: f64,
    r: f64,
) {
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
            format!("ringed: changed hands {when}, in the new holder's colour"),
        ),
        (
            false,
            format!(
                "dashed ring: newly contested, claimed or disputed {when} (or no longer so), in the colour of the party concerned"
            ),
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

/// What the hatching means, comparing with `from`.
pub(super) fn hatching(col: &mut Column<'_>, from: NaiveDate, icon_x: f64, indent: f64, size: f64) {
    let l = col.l;
    let text = format!(
        "hatched: the land reads differently since {}, in the colour it reads as now (grey: in no one's alone)",
        from.format("%-d %B")
    );
    let baseline = col.para(&text, indent, size, "#333333");
    let cy = baseline - size * 0.35;
    let id = "hatch-legend";
    col.out.push_str("<defs>");
    story::hatch_pattern(col.out, l, id, SAMPLE);
    col.out.push_str("</defs>");
    let (w, h) = (l.px(30.0), l.px(24.0));
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
