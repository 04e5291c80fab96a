//! The map frame: sea, land, lakes, the theatre, territory shading, divisions, rivers,
//! coasts, borders, the theatre's outline, then the places ([`super::places`]) and a scale
//! bar. Same layers in the same order as the terminal map, in pixels.

use std::fmt::Write as _;

use super::Painter;
use super::layout::{Frame, Layout};
use super::xml::num;
use crate::dataset::Rgb;
use crate::geo::{Line, Region};

/// Sea and lakes.
pub const SEA: &str = "#c9dded";
/// Land outside the theatre.
pub const LAND: &str = "#efece4";
/// The countries of the dataset's theatre, lighter than the land around them.
pub const THEATRE: &str = "#fbfaf6";
const COAST: &str = "#7ea6c8";
const RIVER: &str = "#5b9bd5";
const BORDER: &str = "#4d4d4d";
const ADMIN: &str = "#a8a39a";
/// Halo behind the label of a place that changed that day: a highlighter stroke.
pub(crate) const CHANGED_HALO: &str = "#ffe14d";
/// How much of a faction's colour shows in its shaded territory (the rest is white).
pub(crate) const TINT: f64 = 0.34;

/// A faction colour mixed with white: the territory shade.
pub fn tint(c: Rgb) -> Rgb {
    let mix = |v: u8| (f64::from(v) * TINT + 255.0 * (1.0 - TINT)).round() as u8;
    Rgb(mix(c.0), mix(c.1), mix(c.2))
}
/// Append the map group, clipped to the map frame, with the painter's rings around the places
/// that changed and, comparing with an earlier day, the land that reads differently hatched.
pub(super) fn draw(p: &mut Painter<'_>) {
    let l = p.l;
    let m = l.map;
    let _ = write!(
        p.out,
        r#"<defs><clipPath id="map-frame"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath></defs>"#,
        num(m.x),
        num(m.y),
        num(m.w),
        num(m.h)
    );
    p.out.push_str(r#"<g clip-path="url(#map-frame)">"#);
    let _ = write!(
        p.out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{SEA}"/>"#,
        num(m.x),
        num(m.y),
        num(m.w),
        num(m.h)
    );
    // One pixel per viewport cell.
    let basemap = crate::view::basemap(&l.viewport, 1.0);
    let theatre: Vec<Region> = basemap.theatre(&p.ds().theatre).cloned().collect();
    let line = |w: f64| num(l.px(w).max(0.5));
    let _ = write!(
        p.out,
        r#"<path fill="{LAND}" fill-rule="evenodd" d="{}"/>"#,
        regions_path(l, &basemap.land)
    );
    let _ = write!(
        p.out,
        r#"<path fill="{SEA}" fill-rule="evenodd" d="{}"/>"#,
        regions_path(l, &basemap.lakes)
    );
    let _ = write!(
        p.out,
        r#"<path fill="{THEATRE}" fill-rule="evenodd" d="{}"/>"#,
        regions_path(l, &theatre)
    );
    if l.territory {
        let after = territory(p);
        if let Some(from) = p.story.compare {
            let before = p.loaded.timeline.at(from);
            let before = crate::view::territory::territory(p.loaded, &before);
            super::story::hatch(p, &before, &after);
        }
    }
    let _ = write!(
        p.out,
        r#"<path fill="none" stroke="{ADMIN}" stroke-width="{}" stroke-dasharray="{} {}" d="{}"/>"#,
        line(0.9),
        line(4.0),
        line(3.0),
        lines_path(l, basemap.theatre_division_lines(&p.loaded.dataset.theatre))
    );
    let _ = write!(
        p.out,
        r#"<path fill="none" stroke="{RIVER}" stroke-width="{}" stroke-linejoin="round" stroke-linecap="round" d="{}"/>"#,
        line(1.6),
        lines_path(l, &basemap.rivers)
    );
    let _ = write!(
        p.out,
        r#"<path fill="none" stroke="{COAST}" stroke-width="{}" stroke-linejoin="round" stroke-linecap="round" d="{}{}"/>"#,
        line(1.0),
        lines_path(l, &basemap.coast),
        lines_path(l, &basemap.lake_shores)
    );
    let _ = write!(
        p.out,
        r#"<path fill="none" stroke="{BORDER}" stroke-width="{}" stroke-linejoin="round" stroke-linecap="round" d="{}"/>"#,
        line(1.2),
        lines_path(l, &basemap.borders)
    );
    let _ = write!(
        p.out,
        r#"<path fill="none" stroke="{BORDER}" stroke-width="{}" stroke-linejoin="round" d="{}"/>"#,
        line(2.2),
        regions_path(l, &theatre)
    );
    let taken = super::places::draw(p, &basemap);
    let lines: Vec<&Line> = basemap
        .borders
        .iter()
        .chain(&basemap.coast)
        .chain(&basemap.rivers)
        .collect();
    scale_bar(p, &taken, &lines);
    p.out.push_str("</g>");
    // The frame's edge, drawn unclipped over everything.
    let _ = write!(
        p.out,
        r##"<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#8c8c8c" stroke-width="{}"/>"##,
        num(m.x),
        num(m.y),
        num(m.w),
        num(m.h),
        line(1.0)
    );
}

/// Path data for the rings of some regions, in picture pixels.
/// Path data of a multipolygon in `[lon, lat]`.
pub(crate) fn shape_path(l: &Layout, shape: &geo::MultiPolygon<f64>) -> String {
    regions_path(l, &[crate::geo::region_of("shape", shape)])
}

fn regions_path(l: &Layout, regions: &[Region]) -> String {
    let mut d = String::new();
    for r in regions {
        for p in r.polygons() {
            for ring in p.rings() {
                ring_path(l, ring, true, &mut d);
            }
        }
    }
    d
}

/// Path data for lines, in picture pixels.
fn lines_path<'a>(l: &Layout, lines: impl IntoIterator<Item = &'a Line>) -> String {
    let mut d = String::new();
    for line in lines {
        ring_path(l, &line.points, false, &mut d);
    }
    d
}

/// Append one ring or line, dropping vertices within half a pixel of the last one kept
/// (the 1:10m basemap has far more detail than a picture shows) and runs of vertices beyond
/// one side of the map frame: the straight line that replaces such a run stays beyond that
/// side, so the part inside the frame is drawn exactly as before.
fn ring_path(l: &Layout, points: &[[f64; 2]], close: bool, d: &mut String) {
    let pad = l.px(8.0);
    let (x0, y0) = (l.map.x - pad, l.map.y - pad);
    let (x1, y1) = (l.map.x + l.map.w + pad, l.map.y + l.map.h + pad);
    // One bit per side of the frame the point lies beyond.
    let side = |(x, y): (f64, f64)| {
        [x < x0, x > x1, y < y0, y > y1]
            .iter()
            .enumerate()
            .fold(0u8, |bits, (i, &out)| bits | (u8::from(out) << i))
    };
    let px: Vec<(f64, f64)> = points.iter().map(|p| l.to_pixel(p[0], p[1])).collect();
    let mut last: Option<(f64, f64)> = None;
    let mut n = 0;
    for (i, &q) in px.iter().enumerate() {
        let end = i + 1 == px.len();
        let beyond = last.is_some_and(|prev| !end && side(prev) & side(q) & side(px[i + 1]) != 0);
        let near = last.is_some_and(|(x, y)| (q.0 - x).abs() + (q.1 - y).abs() < 0.7);
        if !end && (beyond || near) {
            continue;
        }
        let _ = write!(
            d,
            "{}{},{}",
            if n == 0 { 'M' } else { 'L' },
            num(q.0),
            num(q.1)
        );
        last = Some(q);
        n += 1;
    }
    if close && n > 0 {
        d.push('Z');
    }
}

/// A faction colour mixed with white for stripes: stronger than the tint, so thin stripes read.
pub(crate) fn stripe_colour(c: Rgb) -> Rgb {
    let mix = |v: u8| (f64::from(v) * 0.7 + 255.0 * 0.3).round() as u8;
    Rgb(mix(c.0), mix(c.1), mix(c.2))
}

/// The day's territory ([`crate::view::territory::territory`]): held land in its holder's
/// tint; contested land in the holder's tint with stripes of who contests it; claimed land in
/// stripes of the claimant only, disputed land in stripes of both accounts, unsettled land in
/// grey stripes (never the holder's colour alone); land with no reports in grey dots. The
/// dataset's areas are outlined, dashed.
fn territory(p: &mut Painter<'_>) -> crate::view::territory::Territory {
    use crate::view::territory::{Firmness, Origin};
    let (loaded, l) = (p.loaded, p.l);
    let ds = &loaded.dataset;
    let t = crate::view::territory::territory(loaded, &p.cursor);
    let out = &mut p.out;
    let w = l.px(9.0);
    let mut defs = String::new();
    let mut patterns: Vec<String> = Vec::new();
    let mut stripes = |c: Rgb, phase: u8| {
        let id = format!("stripe-{}-{phase}", &c.hex()[1..]);
        if !patterns.contains(&id) {
            let _ = write!(
                defs,
                r#"<pattern id="{id}" patternUnits="userSpaceOnUse" width="{}" height="{}" patternTransform="rotate(45)"><rect x="{}" width="{}" height="{}" fill="{}"/></pattern>"#,
                num(w),
                num(w),
                num(if phase == 0 { 0.0 } else { w / 2.0 }),
                num(w / 3.0),
                num(w),
                stripe_colour(c).hex()
            );
            patterns.push(id.clone());
        }
        format!("url(#{id})")
    };
    let colour = |f: Option<crate::dataset::FactionId>| f.map(|f| ds.faction(f).color);
    let mut fills: Vec<(String, Vec<String>, bool)> = Vec::new();
    for part in &t.parts {
        let d = regions_path(l, std::slice::from_ref(&part.region));
        if d.is_empty() {
            continue;
        }
        let holder = colour(part.shade.holder);
        let other = colour(part.others.iter().next());
        let neutral = crate::view::territory::NEUTRAL;
        let layers: Vec<String> = match part.shade.firmness {
            Firmness::Held => holder.map(|c| tint(c).hex()).into_iter().collect(),
            Firmness::Contested => holder
                .map(|c| tint(c).hex())
                .into_iter()
                .chain(other.map(|c| stripes(c, 0)))
                .collect(),
            Firmness::Claimed => other.map(|c| stripes(c, 0)).into_iter().collect(),
            Firmness::Disputed => holder
                .map(|c| stripes(c, 0))
                .into_iter()
                .chain(other.map(|c| stripes(c, 1)))
                .collect(),
            Firmness::Unsettled => vec![stripes(neutral, 0)],
        };
        fills.push((d, layers, matches!(part.origin, Origin::Area(_))));
    }
    let dots = {
        let _ = write!(
            defs,
            r#"<pattern id="no-reports" patternUnits="userSpaceOnUse" width="{}" height="{}"><circle cx="{}" cy="{}" r="{}" fill="{}"/></pattern>"#,
            num(w),
            num(w),
            num(w / 2.0),
            num(w / 2.0),
            num(l.px(1.1)),
            crate::view::territory::NEUTRAL.hex()
        );
        "url(#no-reports)"
    };
    let _ = write!(out, "<defs>{defs}</defs>");
    out.push_str(r#"<g class="territory">"#);
    let nr = regions_path(l, std::slice::from_ref(&t.no_reports_region()));
    if !nr.is_empty() {
        let _ = write!(out, r#"<path fill="{dots}" fill-rule="evenodd" d="{nr}"/>"#);
    }
    for (d, layers, _) in &fills {
        for fill in layers {
            let _ = write!(out, r#"<path fill="{fill}" fill-rule="evenodd" d="{d}"/>"#);
        }
    }
    for (d, _, area) in &fills {
        if *area {
            let _ = write!(
                out,
                r##"<path fill="none" stroke="#555555" stroke-width="{}" stroke-dasharray="{} {}" d="{d}"/>"##,
                num(l.px(1.3)),
                num(l.px(6.0)),
                num(l.px(4.0))
            );
        }
    }
    out.push_str("</g>");
    t
}

/// Whether `a` and `b` overlap.
fn overlaps(a: &Frame, b: &Frame) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/// A scale bar (a round number of km about 140 px long) on a white halo, in the corner of the
/// map where it covers the fewest markers and labels (`taken`), then the least of the
/// borders, coasts and rivers (`lines`); an animation frame's top-right corner holds its date.
fn scale_bar(p: &mut Painter<'_>, taken: &[Frame], lines: &[&Line]) {
    let l = p.l;
    let km_per_px = l.viewport.km_per_col;
    let target = l.px(140.0) * km_per_px;
    let nice = [
        1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0,
    ];
    let km = nice
        .iter()
        .rev()
        .copied()
        .find(|k| *k <= target)
        .unwrap_or(1.0);
    let len = km / km_per_px;
    let size = l.px(13.0);
    let label = format!("{km} km");
    let pad = l.px(6.0);
    let box_w = len + l.px(6.0) + crate::export::font::text_width(&label, size, false) + 2.0 * pad;
    let box_h = l.px(24.0);
    let inset = l.px(10.0);
    let m = l.map;
    let (left, right) = (m.x + inset, m.x + m.w - inset - box_w);
    let (top, bottom) = (m.y + inset, m.y + m.h - inset - box_h);
    let mut corners = vec![(left, bottom), (right, bottom), (left, top)];
    if p.story.frame.is_none() {
        corners.push((right, top));
    }
    let score = |&(x, y): &(f64, f64)| {
        let b = Frame {
            x,
            y,
            w: box_w,
            h: box_h,
        };
        let covered = taken.iter().filter(|t| overlaps(&b, t)).count();
        let inside = |q: [f64; 2]| {
            let (px, py) = l.to_pixel(q[0], q[1]);
            px >= b.x && px <= b.x + b.w && py >= b.y && py <= b.y + b.h
        };
        let crossing: usize = lines
            .iter()
            .map(|line| line.points.iter().filter(|q| inside(**q)).count())
            .sum();
        (covered, crossing)
    };
    let Some(&(x, y)) = corners.iter().min_by_key(|c| score(c)) else {
        return;
    };
    let bar_x = x + pad;
    let bar_y = y + box_h - l.px(7.0);
    let tick = l.px(5.0);
    // The bar and its label on a white halo, so they read over any line or shade.
    for (stroke, width) in [("#ffffff", l.px(5.0)), ("#222222", l.px(1.6))] {
        let _ = write!(
            p.out,
            r#"<path d="M{},{}v{}h{}v-{}" fill="none" stroke="{stroke}" stroke-width="{}" stroke-linecap="square" stroke-linejoin="round"/>"#,
            num(bar_x),
            num(bar_y - tick),
            num(tick),
            num(len),
            num(tick),
            num(width)
        );
    }
    let _ = write!(
        p.out,
        r##"<text x="{}" y="{}" font-size="{}" fill="#222222" stroke="#ffffff" stroke-width="{}" stroke-linejoin="round" paint-order="stroke">{label}</text>"##,
        num(bar_x + len + l.px(6.0)),
        num(bar_y + l.px(1.0)),
        num(size),
        num(l.px(3.5)),
    );
}
