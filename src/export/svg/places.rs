//! Places on the picture: markers in rank order (the most important on top), status marks,
//! labels placed by [`view::place_labels`] with widths measured from the font, and country
//! names where they fit without crowding a place.

use std::fmt::Write as _;

use super::Painter;
use super::layout::{Frame, Layout};
use super::map::CHANGED_HALO;
use super::marker::{self, MARK_COLOR, Marker};
use super::xml::{esc, num};
use crate::dataset::{PlaceId, Rgb};
use crate::export::font::text_width;
use crate::geo::Basemap;
use crate::loaded::Loaded;
use crate::timeline::Cursor;
use crate::view::{self, LabelRequest};

const COUNTRY_NAME: &str = "#9b968c";

/// A place as the map draws it.
pub(crate) struct Shown {
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
pub(crate) fn marker_radius(l: &Layout) -> f64 {
    l.px(8.0)
}

/// The places on the map, least important first (so the most important are drawn on top).
pub(crate) fn shown(loaded: &Loaded, cursor: &Cursor, l: &Layout) -> Vec<Shown> {
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

/// Append the places: the painter's rings around the places that changed, markers, status
/// marks, labels and country names. Returns the boxes they take, in picture pixels.
#[expect(
    clippy::too_many_lines,
    reason = "markers, then labels, in one pass over the shown places"
)]
pub(super) fn draw(p: &mut Painter<'_>, basemap: &Basemap) -> Vec<Frame> {
    let (loaded, l) = (p.loaded, p.l);
    let cursor = &p.cursor;
    let rings = &p.rings;
    let out = &mut p.out;
    let ds = &loaded.dataset;
    let changed = loaded.timeline.changed_on(cursor.date);
    let shown = shown(loaded, cursor, l);
    let r = marker_radius(l);
    let pad = l.px(3.0);
    let mark_size = l.px(15.0);
    let mut ringed = vec![false; ds.places.len()];
    for ring in rings {
        if let Some(x) = ringed.get_mut(ring.place.index()) {
            *x = true;
        }
    }
    let mut requests: Vec<LabelRequest> = Vec::new();
    for s in &shown {
        let Some(state) = cursor.state(s.id) else {
            continue;
        };
        let place = ds.place(s.id);
        let bold = changed.contains(&s.id);
        let size = label_size(l, place.kind);
        let height = size * 1.3;
        let mark = view::mark(state);
        let mark_w = if mark == ' ' {
            0.0
        } else {
            text_width(&mark.to_string(), mark_size, true) + pad
        };
        // A ringed place's label starts outside its ring.
        let reach = if ringed[s.id.index()] {
            super::story::ring_radius(r) + l.px(2.0)
        } else {
            r
        };
        requests.push(LabelRequest {
            x: s.x - reach - pad - l.map.x,
            y: s.y - height / 2.0 - l.map.y,
            marker_w: 2.0 * (reach + pad) + mark_w,
            width: text_width(&place.name, size, bold) + 2.0 * pad,
            height,
            rank: s.rank,
        });
    }
    let countries = country_names(l, basemap, &requests);
    let n_places = requests.len();
    requests.extend(countries.iter().map(|c| c.1));
    // A label's halo keeps it apart from its neighbours; this much more clears it.
    let spots = view::place_labels(&requests, l.map.w, l.map.h, l.px(4.0));
    let mut taken: Vec<Frame> = requests[..n_places]
        .iter()
        .map(|r| Frame {
            x: l.map.x + r.x,
            y: l.map.y + r.y,
            w: r.marker_w,
            h: r.height,
        })
        .collect();
    for (req, spot) in requests.iter().zip(&spots) {
        if let Some((x, y)) = spot {
            taken.push(Frame {
                x: l.map.x + x,
                y: l.map.y + y,
                w: req.width,
                h: req.height,
            });
        }
    }
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
    // Rings under the markers and their status marks, which sit inside them.
    let mut at: Vec<Option<(f64, f64)>> = vec![None; ds.places.len()];
    for s in &shown {
        at[s.id.index()] = Some((s.x, s.y));
    }
    for ring in rings {
        if let Some(Some((x, y))) = at.get(ring.place.index()) {
            super::story::draw_ring(out, l, ring, *x, *y, r);
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
        let mark = view::mark(state);
        if mark != ' ' {
            let _ = write!(
                out,
                r##"<text x="{}" y="{}" font-size="{}" font-weight="bold" fill="{MARK_COLOR}" stroke="#ffffff" stroke-width="{}" paint-order="stroke" stroke-linejoin="round">{}</text>"##,
                num(s.x + r + pad),
                num(s.y + mark_size * 0.36),
                num(mark_size),
                num(l.px(3.0)),
                esc(&mark.to_string())
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
    taken
}

/// Country names to try: uppercase, where [`view::name_spots`] finds the whole name inside
/// the country, nearest the middle of its visible part, and clear of every place's marker and
/// the spots next to it where its label is likely to go.
fn country_names(
    l: &Layout,
    basemap: &Basemap,
    places: &[LabelRequest],
) -> Vec<(String, LabelRequest)> {
    let size = l.px(16.0);
    let height = size * 1.3;
    basemap
        .countries
        .iter()
        .filter_map(|c| {
            let name = c.name.to_uppercase();
            let width = text_width(&name, size, false) + l.px(2.0) * name.chars().count() as f64;
            let clear = |x: f64, y: f64| {
                places.iter().all(|p| {
                    let reach = p.marker_w + p.width;
                    x > p.x + reach
                        || x + width < p.x - p.width
                        || y > p.y + p.height
                        || y + height < p.y
                })
            };
            let spot = view::name_spots(c, &l.viewport, width, height, 0.0)
                .into_iter()
                .find(|s| s.inside && clear(s.x, s.y))?;
            Some((
                name,
                LabelRequest {
                    x: spot.x,
                    y: spot.y,
                    marker_w: 0.0,
                    width,
                    height,
                    rank: 0,
                },
            ))
        })
        .collect()
}
