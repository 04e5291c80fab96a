//! Places on the picture: markers in rank order (the most important on top), status marks,
//! labels placed by [`view::place_labels`] with widths measured from the font, and country
//! names where they fit without crowding a place.

use std::fmt::Write as _;

use super::layout::Layout;
use super::map::{CHANGED_HALO, unproject};
use super::marker::{self, MARK_COLOR, Marker};
use super::xml::{esc, num};
use crate::dataset::{Loaded, PlaceId, Rgb};
use crate::export::font::text_width;
use crate::geo::Basemap;
use crate::timeline::{Cursor, Status};
use crate::view::{self, LabelRequest};

const COUNTRY_NAME: &str = "#9b968c";

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

pub fn draw(out: &mut String, loaded: &Loaded, cursor: &Cursor, l: &Layout, basemap: &Basemap) {
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
