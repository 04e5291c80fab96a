//! The map frame: sea, land, lakes, the theatre, territory shading, divisions, rivers,
//! coasts, borders, the theatre's outline, then the places ([`super::places`]) and a scale
//! bar. Same layers in the same order as the terminal map, in pixels.

use std::fmt::Write as _;

use super::layout::Layout;
use super::story::Ring;
use super::xml::num;
use crate::dataset::Dataset;
use crate::dataset::Rgb;
use crate::geo::{Basemap, GridSpec, Line, MapArea, Region};
use crate::loaded::Loaded;
use crate::timeline::Cursor;
use crate::view;

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
pub const CHANGED_HALO: &str = "#ffe14d";
/// How much of a faction's colour shows in its shaded territory (the rest is white).
pub const TINT: f64 = 0.34;

/// A faction colour mixed with white: the territory shade.
pub fn tint(c: Rgb) -> Rgb {
    let mix = |v: u8| (f64::from(v) * TINT + 255.0 * (1.0 - TINT)).round() as u8;
    Rgb(mix(c.0), mix(c.1), mix(c.2))
}
/// Append the map group, clipped to the map frame, with `rings` around the places that
/// changed and, comparing with `before`, the areas whose approximated holder changed hatched.
pub fn draw(
    out: &mut String,
    loaded: &Loaded,
    cursor: &Cursor,
    l: &Layout,
    rings: &[Ring],
    before: Option<&Cursor>,
) {
    let m = l.map;
    let _ = write!(
        out,
        r#"<defs><clipPath id="map-frame"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath></defs>"#,
        num(m.x),
        num(m.y),
        num(m.w),
        num(m.h)
    );
    out.push_str(r#"<g clip-path="url(#map-frame)">"#);
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{SEA}"/>"#,
        num(m.x),
        num(m.y),
        num(m.w),
        num(m.h)
    );
    // One pixel per viewport cell.
    let basemap = crate::view::basemap(&l.viewport, 1.0);
    let theatre: Vec<Region> = basemap.theatre(&loaded.dataset.theatre).cloned().collect();
    let line = |w: f64| num(l.px(w).max(0.5));
    let _ = write!(
        out,
        r#"<path fill="{LAND}" fill-rule="evenodd" d="{}"/>"#,
        regions_path(l, &basemap.land)
    );
    let _ = write!(
        out,
        r#"<path fill="{SEA}" fill-rule="evenodd" d="{}"/>"#,
        regions_path(l, &basemap.lakes)
    );
    let _ = write!(
        out,
        r#"<path fill="{THEATRE}" fill-rule="evenodd" d="{}"/>"#,
        regions_path(l, &theatre)
    );
    if l.territory {
        territory(out, loaded, cursor, l, &basemap);
        if let Some(before) = before {
            super::story::hatch(out, loaded, before, cursor, l, &basemap);
        }
    }
    let _ = write!(
        out,
        r#"<path fill="none" stroke="{ADMIN}" stroke-width="{}" stroke-dasharray="{} {}" d="{}"/>"#,
        line(0.9),
        line(4.0),
        line(3.0),
        lines_path(l, basemap.theatre_division_lines(&loaded.dataset.theatre))
    );
    let _ = write!(
        out,
        r#"<path fill="none" stroke="{RIVER}" stroke-width="{}" stroke-linejoin="round" stroke-linecap="round" d="{}"/>"#,
        line(1.6),
        lines_path(l, &basemap.rivers)
    );
    let _ = write!(
        out,
        r#"<path fill="none" stroke="{COAST}" stroke-width="{}" stroke-linejoin="round" stroke-linecap="round" d="{}{}"/>"#,
        line(1.0),
        lines_path(l, &basemap.coast),
        lines_path(l, &basemap.lake_shores)
    );
    let _ = write!(
        out,
        r#"<path fill="none" stroke="{BORDER}" stroke-width="{}" stroke-linejoin="round" stroke-linecap="round" d="{}"/>"#,
        line(1.2),
        lines_path(l, &basemap.borders)
    );
    let _ = write!(
        out,
        r#"<path fill="none" stroke="{BORDER}" stroke-width="{}" stroke-linejoin="round" d="{}"/>"#,
        line(2.2),
        regions_path(l, &theatre)
    );
    super::places::draw(out, loaded, cursor, l, &basemap, rings);
    scale_bar(out, l);
    out.push_str("</g>");
    // The frame's edge, drawn unclipped over everything.
    let _ = write!(
        out,
        r##"<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#8c8c8c" stroke-width="{}"/>"##,
        num(m.x),
        num(m.y),
        num(m.w),
        num(m.h),
        line(1.0)
    );
}

/// Path data for the rings of some regions, in picture pixels.
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

/// The outline the territory is shaded inside: the dataset's theatre.
pub fn territory_mask(ds: &Dataset, basemap: &Basemap) -> Region {
    basemap.theatre_mask(&ds.theatre)
}

/// The grid of territory cells over the map frame: `cell` pixels square, from the frame's
/// top-left corner (it may overhang the frame by part of a cell).
pub fn territory_spec(l: &Layout) -> GridSpec {
    let cell = f64::from(l.cell);
    let cols = (l.map.w / cell).ceil() as usize;
    let rows = (l.map.h / cell).ceil() as usize;
    let vp = &l.viewport;
    let ([x0, _], [_, y1]) = vp.bounds();
    let (min_lon, max_lat) = vp.projection.unproject(x0, y1);
    let (max_lon, min_lat) = vp.projection.unproject(
        x0 + cols as f64 * cell * vp.km_per_col,
        y1 - rows as f64 * cell * vp.km_per_row(),
    );
    GridSpec {
        area: MapArea {
            min_lon,
            max_lon,
            min_lat,
            max_lat,
        },
        cols,
        rows,
    }
}

/// Path data of the cells `key` gives a key (by cell index, row by row), as horizontal runs of
/// equal keys: one path per key, in the order the keys first appear.
pub fn cell_runs<K: Copy + PartialEq>(
    l: &Layout,
    spec: GridSpec,
    key: impl Fn(usize) -> Option<K>,
) -> Vec<(K, String)> {
    let cell = f64::from(l.cell);
    let mut paths: Vec<(K, String)> = Vec::new();
    for row in 0..spec.rows {
        let mut col = 0;
        while col < spec.cols {
            let Some(k) = key(row * spec.cols + col) else {
                col += 1;
                continue;
            };
            let start = col;
            while col < spec.cols && key(row * spec.cols + col) == Some(k) {
                col += 1;
            }
            let d = match paths.iter_mut().find(|(pk, _)| *pk == k) {
                Some((_, d)) => d,
                None => {
                    paths.push((k, String::new()));
                    &mut paths.last_mut().expect("just pushed").1
                }
            };
            let _ = write!(
                d,
                "M{},{}h{}v{}h-{}z",
                num(l.map.x + start as f64 * cell),
                num(l.map.y + row as f64 * cell),
                num((col - start) as f64 * cell),
                num(cell),
                num((col - start) as f64 * cell)
            );
        }
    }
    paths
}

/// Territory: each cell takes its holder by [`view::territory_holders`]; cells of one
/// faction merge into horizontal runs, one path per faction, drawn in its tint with crisp
/// edges (no seams between rows).
fn territory(out: &mut String, loaded: &Loaded, cursor: &Cursor, l: &Layout, basemap: &Basemap) {
    let ds = &loaded.dataset;
    let mask = territory_mask(ds, basemap);
    let spec = territory_spec(l);
    let holders = view::territory_holders(ds, cursor, spec, &mask);
    out.push_str(r#"<g shape-rendering="crispEdges">"#);
    for (f, d) in cell_runs(l, spec, |i| holders[i]) {
        let _ = write!(
            out,
            r#"<path fill="{}" d="{d}"/>"#,
            tint(ds.faction(f).color).hex()
        );
    }
    out.push_str("</g>");
}

/// A scale bar in the map's bottom-left corner: a round number of km about 140 px long.
fn scale_bar(out: &mut String, l: &Layout) {
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
    let x = l.map.x + l.px(16.0);
    let y = l.map.y + l.map.h - l.px(18.0);
    let tick = l.px(5.0);
    let _ = write!(
        out,
        r##"<path d="M{},{}v{}h{}v-{}" fill="none" stroke="#222222" stroke-width="{}" stroke-linecap="square"/>"##,
        num(x),
        num(y - tick),
        num(tick),
        num(len),
        num(tick),
        num(l.px(1.6))
    );
    let _ = write!(
        out,
        r##"<text x="{}" y="{}" font-size="{}" fill="#222222" stroke="#ffffff" stroke-width="{}" paint-order="stroke">{} km</text>"##,
        num(x + len + l.px(6.0)),
        num(y + l.px(4.0)),
        num(l.px(13.0)),
        num(l.px(3.0)),
        km
    );
}
