//! The map frame: sea, land, Syria, territory shading, governorates, rivers, borders, country
//! names, place markers and their labels, and a scale bar. Same layers, same order and same
//! label placement ([`view::place_labels`]) as the terminal map, in pixels.

use std::fmt::Write as _;

use super::layout::Layout;
use super::marker::{self, MARK_COLOR, Marker};
use super::xml::{esc, num};
use crate::dataset::{Loaded, PlaceId, Rgb};
use crate::export::font::text_width;
use crate::geo::{Basemap, GridSpec, MapArea, Region, TerritoryGrid};
use crate::timeline::{Cursor, Status};
use crate::view::{self, LabelRequest, TERRITORY_LIMIT_KM};

const SEA: &str = "#c9dded";
const LAND: &str = "#efece4";
const SYRIA: &str = "#fbfaf6";
const COAST: &str = "#7ea6c8";
const RIVER: &str = "#5b9bd5";
const BORDER: &str = "#4d4d4d";
const ADMIN: &str = "#a8a39a";
const COUNTRY_NAME: &str = "#9b968c";
/// Halo behind the label of a place that changed that day: a highlighter stroke.
pub const CHANGED_HALO: &str = "#ffe14d";
/// How much of a faction's colour shows in its shaded territory (the rest is white).
pub const TINT: f64 = 0.34;

/// A faction colour mixed with white: the territory shade.
pub fn tint(c: Rgb) -> Rgb {
    let mix = |v: u8| (f64::from(v) * TINT + 255.0 * (1.0 - TINT)).round() as u8;
    Rgb(mix(c.0), mix(c.1), mix(c.2))
}

/// A place as the map draws it.
pub struct Shown {
    /// The place.
    pub id: PlaceId,
    /// Picture position.
    pub x: f64,
    /// Picture position.
    pub y: f64,
    /// Label importance.
    pub rank: u64,
}

/// Append the map group, clipped to the map frame.
pub fn draw(out: &mut String, loaded: &Loaded, cursor: &Cursor, l: &Layout) {
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
    let basemap = Basemap::builtin();
    let line = |w: f64| num(l.px(w).max(0.5));
    let _ = write!(
        out,
        r#"<path fill="{LAND}" stroke="{COAST}" stroke-width="{}" d="{}"/>"#,
        line(1.0),
        regions_path(l, &basemap.land)
    );
    if let Some(syria) = basemap.country("Syria") {
        let _ = write!(
            out,
            r#"<path fill="{SYRIA}" fill-rule="evenodd" d="{}"/>"#,
            regions_path(l, std::slice::from_ref(syria))
        );
    }
    territory(out, loaded, cursor, l);
    let _ = write!(
        out,
        r#"<path fill="none" stroke="{ADMIN}" stroke-width="{}" stroke-dasharray="{} {}" d="{}"/>"#,
        line(0.9),
        line(4.0),
        line(3.0),
        regions_path(l, &basemap.governorates)
    );
    let mut rivers = String::new();
    for r in &basemap.rivers {
        ring_path(l, &r.points, false, &mut rivers);
    }
    let _ = write!(
        out,
        r#"<path fill="none" stroke="{RIVER}" stroke-width="{}" stroke-linejoin="round" stroke-linecap="round" d="{rivers}"/>"#,
        line(1.6)
    );
    let _ = write!(
        out,
        r#"<path fill="none" stroke="{BORDER}" stroke-width="{}" stroke-linejoin="round" d="{}"/>"#,
        line(1.2),
        regions_path(l, &basemap.countries)
    );
    if let Some(syria) = basemap.country("Syria") {
        let _ = write!(
            out,
            r#"<path fill="none" stroke="{BORDER}" stroke-width="{}" stroke-linejoin="round" d="{}"/>"#,
            line(2.2),
            regions_path(l, std::slice::from_ref(syria))
        );
    }
    places(out, loaded, cursor, l, basemap);
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

/// Append one ring or line, dropping vertices within half a pixel of the last one kept
/// (the 1:10m basemap has far more detail than a picture shows).
fn ring_path(l: &Layout, points: &[[f64; 2]], close: bool, d: &mut String) {
    let mut last: Option<(f64, f64)> = None;
    let mut n = 0;
    for (i, p) in points.iter().enumerate() {
        let q = l.to_pixel(p[0], p[1]);
        let keep = i + 1 == points.len()
            || last.is_none_or(|(x, y)| (q.0 - x).abs() + (q.1 - y).abs() >= 0.7);
        if !keep {
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

/// Territory: each cell inside Syria takes the holder of the nearest place within
/// [`TERRITORY_LIMIT_KM`]; cells of one faction merge into horizontal runs, one path per
/// faction, drawn in its tint with crisp edges (no seams between rows).
fn territory(out: &mut String, loaded: &Loaded, cursor: &Cursor, l: &Layout) {
    let Some(syria) = Basemap::builtin().country("Syria") else {
        return;
    };
    let ds = &loaded.dataset;
    let cell = f64::from(l.cell);
    let cols = (l.map.w / cell).ceil() as usize;
    let rows = (l.map.h / cell).ceil() as usize;
    // The grid starts at the map's top-left corner and may overhang it by part of a cell.
    let vp = &l.viewport;
    let ([x0, _], [_, y1]) = vp.bounds();
    let (min_lon, max_lat) = vp.projection.unproject(x0, y1);
    let (max_lon, min_lat) = vp.projection.unproject(
        x0 + cols as f64 * cell * vp.km_per_col,
        y1 - rows as f64 * cell * vp.km_per_row(),
    );
    let spec = GridSpec {
        area: MapArea {
            min_lon,
            max_lon,
            min_lat,
            max_lat,
        },
        cols,
        rows,
    };
    let points: Vec<(f64, f64, PlaceId)> = (0..ds.places.len() as u32)
        .map(PlaceId)
        .filter(|p| cursor.state(*p).is_some_and(|s| s.holder.is_some()))
        .map(|p| (ds.place(p).lon, ds.place(p).lat, p))
        .collect();
    let grid = TerritoryGrid::compute(spec, &points, TERRITORY_LIMIT_KM, syria);
    let holder = |col: usize, row: usize| {
        grid.get(col, row)
            .and_then(|p| cursor.state(*p))
            .and_then(|s| s.holder)
    };
    let mut paths: Vec<String> = vec![String::new(); ds.factions.len()];
    for row in 0..rows {
        let mut col = 0;
        while col < cols {
            let Some(f) = holder(col, row) else {
                col += 1;
                continue;
            };
            let start = col;
            while col < cols && holder(col, row) == Some(f) {
                col += 1;
            }
            if let Some(d) = paths.get_mut(f.index()) {
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
    }
    out.push_str(r#"<g shape-rendering="crispEdges">"#);
    for (f, d) in paths.iter().enumerate() {
        if !d.is_empty() {
            let _ = write!(
                out,
                r#"<path fill="{}" d="{d}"/>"#,
                tint(ds.factions[f].color).hex()
            );
        }
    }
    out.push_str("</g>");
}

/// Font size of a place's label, by its rank's kind.
fn label_size(l: &Layout, kind: crate::dataset::PlaceKind) -> f64 {
    use crate::dataset::PlaceKind::*;
    l.px(match kind {
        Capital => 17.0,
        City => 15.0,
        _ => 13.0,
    })
}

/// Marker "radius" in pixels.
pub fn marker_radius(l: &Layout) -> f64 {
    l.px(8.0)
}

/// The places on the map, least important first (so the most important are drawn on top).
pub fn shown(loaded: &Loaded, cursor: &Cursor, l: &Layout) -> Vec<Shown> {
    let ds = &loaded.dataset;
    let changed = loaded.timeline.changed_on(cursor.date);
    let mut shown: Vec<Shown> = (0..ds.places.len() as u32)
        .map(PlaceId)
        .filter(|p| cursor.state(*p).is_some())
        .filter_map(|p| {
            let place = ds.place(p);
            let (x, y) = l.to_pixel(place.lon, place.lat);
            let rank = view::rank(place.kind, place.population, changed.contains(&p), false);
            l.in_map((x, y)).then_some(Shown { id: p, x, y, rank })
        })
        .collect();
    shown.sort_by_key(|s| s.rank);
    shown
}

fn places(out: &mut String, loaded: &Loaded, cursor: &Cursor, l: &Layout, basemap: &Basemap) {
    let ds = &loaded.dataset;
    let changed = loaded.timeline.changed_on(cursor.date);
    let shown = shown(loaded, cursor, l);
    let r = marker_radius(l);
    let pad = l.px(3.0);
    let mark_size = l.px(15.0);
    let mut requests: Vec<LabelRequest> = Vec::new();
    for s in &shown {
        let Some(state) = cursor.state(s.id) else {
            continue;
        };
        let place = ds.place(s.id);
        let bold = changed.contains(&s.id);
        let size = label_size(l, place.kind);
        let height = size * 1.3;
        let mark = view::status_mark(state.status);
        let mark_w = if state.status == Status::Held {
            0.0
        } else {
            text_width(&mark.to_string(), mark_size, true) + pad
        };
        requests.push(LabelRequest {
            x: s.x - r - pad - l.map.x,
            y: s.y - height / 2.0 - l.map.y,
            marker_w: 2.0 * (r + pad) + mark_w,
            width: text_width(&place.name, size, bold) + 2.0 * pad,
            height,
            rank: s.rank,
        });
    }
    let countries = country_names(l, basemap, &requests);
    let n_places = requests.len();
    requests.extend(countries.iter().map(|c| c.1));
    let spots = view::place_labels(&requests, l.map.w, l.map.h);
    // Country names first, under everything; only where they fit centred on their point.
    for ((name, req), spot) in countries.iter().zip(&spots[n_places..]) {
        if *spot == Some((req.x, req.y)) {
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" font-size="{}" font-style="italic" letter-spacing="{}" fill="{COUNTRY_NAME}">{}</text>"#,
                num(l.map.x + req.x),
                num(l.map.y + req.y + req.height * 0.78),
                num(req.height / 1.3),
                num(l.px(2.0)),
                esc(name)
            );
        }
    }
    let line = l.px(1.1).max(0.6);
    for s in &shown {
        let Some(state) = cursor.state(s.id) else {
            continue;
        };
        let (m, color) = match state.holder {
            Some(h) => (Marker::for_glyph(ds.faction(h).glyph), ds.faction(h).color),
            None => (Marker::Dot, Rgb(0, 0, 0)),
        };
        marker::draw(out, m, s.x, s.y, r, color, line);
        if state.status != Status::Held {
            let _ = write!(
                out,
                r##"<text x="{}" y="{}" font-size="{}" font-weight="bold" fill="{MARK_COLOR}" stroke="#ffffff" stroke-width="{}" paint-order="stroke" stroke-linejoin="round">{}</text>"##,
                num(s.x + r + pad),
                num(s.y + mark_size * 0.36),
                num(mark_size),
                num(l.px(3.0)),
                esc(&view::status_mark(state.status).to_string())
            );
        }
    }
    for ((s, req), spot) in shown.iter().zip(&requests).zip(&spots) {
        let Some((x, y)) = *spot else { continue };
        let place = ds.place(s.id);
        let bold = changed.contains(&s.id);
        let size = req.height / 1.3;
        let (halo, halo_w) = if bold {
            (CHANGED_HALO, l.px(6.0))
        } else {
            ("#ffffff", l.px(3.5))
        };
        let fill = if cursor.state(s.id).is_some_and(|st| st.holder.is_none()) {
            marker::NO_HOLDER
        } else {
            "#111111"
        };
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="{}"{} fill="{fill}" stroke="{halo}" stroke-width="{}" stroke-linejoin="round" paint-order="stroke">{}</text>"#,
            num(l.map.x + x + l.px(3.0)),
            num(l.map.y + y + req.height * 0.76),
            num(size),
            if bold { r#" font-weight="bold""# } else { "" },
            num(halo_w),
            esc(&place.name)
        );
    }
}

/// Country names to try: uppercase, at the point of the country's visible part nearest its
/// middle where the whole name fits inside the country and the map frame.
/// Spots next to a place (where its label is likely to go) are avoided.
fn country_names(
    l: &Layout,
    basemap: &Basemap,
    places: &[LabelRequest],
) -> Vec<(String, LabelRequest)> {
    let vp = &l.viewport;
    let ([x0, x1], [y0, y1]) = vp.bounds();
    let (min_lon, min_lat) = vp.projection.unproject(x0, y0);
    let (max_lon, max_lat) = vp.projection.unproject(x1, y1);
    let size = l.px(16.0);
    let height = size * 1.3;
    const STEPS: usize = 16;
    basemap
        .countries
        .iter()
        .filter_map(|c| {
            let b = c.bbox()?;
            let (lo0, lo1) = (b.min_lon.max(min_lon), b.max_lon.min(max_lon));
            let (la0, la1) = (b.min_lat.max(min_lat), b.max_lat.min(max_lat));
            if lo0 >= lo1 || la0 >= la1 {
                return None;
            }
            let name = c.name.to_uppercase();
            let width = text_width(&name, size, false) + l.px(2.0) * name.chars().count() as f64;
            let middle = l.to_pixel((lo0 + lo1) / 2.0, (la0 + la1) / 2.0);
            let fits = |(px, py): (f64, f64)| {
                let (left, top) = (px - width / 2.0, py - height / 2.0);
                let inside_frame = left >= l.map.x
                    && top >= l.map.y
                    && left + width <= l.map.x + l.map.w
                    && top + height <= l.map.y + l.map.h;
                let clear = places.iter().all(|p| {
                    let (px, py) = (l.map.x + p.x, l.map.y + p.y);
                    let reach = p.marker_w + p.width;
                    left > px + reach
                        || left + width < px - p.width
                        || top > py + p.height
                        || top + height < py
                });
                inside_frame
                    && clear
                    && [0.0, 0.5, 1.0].iter().all(|fx| {
                        [0.0, 0.5, 1.0].iter().all(|fy| {
                            let (lon, lat) = unproject(l, left + fx * width, top + fy * height);
                            c.contains(lon, lat)
                        })
                    })
            };
            let spot = (0..=STEPS)
                .flat_map(|i| (0..=STEPS).map(move |j| (i, j)))
                .map(|(i, j)| {
                    let t = |a: f64, b: f64, k: usize| a + (b - a) * k as f64 / STEPS as f64;
                    l.to_pixel(t(lo0, lo1, i), t(la0, la1, j))
                })
                .filter(|&p| fits(p))
                .min_by(|a, b| {
                    let d = |p: &(f64, f64)| (p.0 - middle.0).powi(2) + (p.1 - middle.1).powi(2);
                    d(a).total_cmp(&d(b))
                })?;
            Some((
                name,
                LabelRequest {
                    x: spot.0 - l.map.x - width / 2.0,
                    y: spot.1 - l.map.y - height / 2.0,
                    marker_w: 0.0,
                    width,
                    height,
                    rank: 0,
                },
            ))
        })
        .collect()
}

/// The lon/lat of a picture position (the inverse of [`Layout::to_pixel`]).
fn unproject(l: &Layout, x: f64, y: f64) -> (f64, f64) {
    let vp = &l.viewport;
    let ([x0, _], [_, y1]) = vp.bounds();
    vp.projection.unproject(
        x0 + (x - l.map.x) * vp.km_per_col,
        y1 - (y - l.map.y) * vp.km_per_row(),
    )
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
