//! The map panel: basemap lines on a canvas, the day's territory rasterised to cell
//! backgrounds (held land in its holder's tint, claimed, contested, disputed and unsettled land
//! in stripes, land with no reports in sparse grey dots), then
//! places (glyph + status mark) and labels that give way to each other by rank.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::widgets::canvas::{Canvas, Line as CanvasLine, Painter, Shape};
use ratatui::widgets::{Block, Borders};

use crate::dataset::PlaceId;
use crate::geo::{Basemap, Line as GeoLine};
use crate::screen::app::App;
use crate::screen::derived::Derived;
use crate::screen::layout::inner;
use crate::screen::palette::LabelRole;
use crate::screen::theme::Theme;

use super::legend;
use crate::view::territory::{Fill, Firmness, Part};
use crate::view::{self, LabelRequest, Viewport};

/// A polyline in projected km, drawn segment by segment.
struct Polyline<'a> {
    points: &'a [(f64, f64)],
    color: Color,
}

impl Shape for Polyline<'_> {
    fn draw(&self, painter: &mut Painter) {
        for w in self.points.windows(2) {
            CanvasLine::new(w[0].0, w[0].1, w[1].0, w[1].1, self.color).draw(painter);
        }
    }
}

/// Project a ring, keeping only runs that come near the view (cheap culling).
fn project_ring(vp: &Viewport, ring: &[[f64; 2]], out: &mut Vec<Vec<(f64, f64)>>) {
    let ([x0, x1], [y0, y1]) = vp.bounds();
    let (mx, my) = ((x1 - x0) * 0.1, (y1 - y0) * 0.1);
    let near = |(x, y): (f64, f64)| x >= x0 - mx && x <= x1 + mx && y >= y0 - my && y <= y1 + my;
    let mut run: Vec<(f64, f64)> = Vec::new();
    let mut prev: Option<(f64, f64)> = None;
    for p in ring {
        let q = vp.projection.project(p[0], p[1]);
        if near(q) || prev.is_some_and(near) {
            if run.is_empty()
                && let Some(pp) = prev
            {
                run.push(pp);
            }
            run.push(q);
        } else if !run.is_empty() {
            out.push(std::mem::take(&mut run));
        }
        prev = Some(q);
    }
    if run.len() > 1 {
        out.push(run);
    }
}

/// Project basemap lines, keeping the runs near the view.
fn project_lines<'l>(
    vp: &Viewport,
    lines: impl IntoIterator<Item = &'l GeoLine>,
) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    for l in lines {
        project_ring(vp, &l.points, &mut out);
    }
    out
}

/// Draw the map panel.
pub(crate) fn render_map(
    frame: &mut Frame,
    app: &App,
    derived: &Derived,
    area: Rect,
    theme: Theme,
) {
    let inside = inner(area);
    let vp = app.viewport(inside.width.max(1), inside.height.max(1));
    let computing = derived.computing();
    let title = legend::map_title(app, vp.zoom_level(), theme, computing);
    let legend = legend::border_legend(app, theme, area.width);
    frame.render_widget(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.frame())
            .title(title)
            .title_bottom(legend),
        area,
    );
    if inside.width < 2 || inside.height < 2 {
        return;
    }
    // Braille: two dots per column resolve the lines.
    let basemap = view::basemap(&vp, 2.0);
    let ([x0, x1], [y0, y1]) = vp.bounds();
    let admin = project_lines(
        &vp,
        basemap.theatre_division_lines(&app.loaded.dataset.theatre),
    );
    let land = project_lines(&vp, &basemap.coast);
    let countries = project_lines(&vp, &basemap.borders);
    let mut rivers = project_lines(&vp, &basemap.rivers);
    rivers.extend(project_lines(&vp, &basemap.lake_shores));
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([x0, x1])
        .y_bounds([y0, y1])
        .paint(|ctx| {
            for l in &admin {
                ctx.draw(&Polyline {
                    points: l,
                    color: theme.admin_line(),
                });
            }
            ctx.layer();
            for l in &rivers {
                ctx.draw(&Polyline {
                    points: l,
                    color: theme.river_line(),
                });
            }
            for l in &land {
                ctx.draw(&Polyline {
                    points: l,
                    color: theme.coast_line(),
                });
            }
            for l in &countries {
                ctx.draw(&Polyline {
                    points: l,
                    color: theme.border_line(),
                });
            }
        });
    frame.render_widget(canvas, inside);
    let buf = frame.buffer_mut();
    shade_territory(buf, app, derived, &vp, inside, theme);
    draw_places(buf, app, derived, &vp, inside, theme);
    draw_country_names(buf, &vp, inside, &basemap, theme);
}

/// The background of a cell of a part: its holder's tint, or stripes (two cells of six along
/// a diagonal) in the colour of who contests or claims it, the rivals, or grey: claimed,
/// disputed and unsettled land is never drawn in the holder's colour alone.
fn part_bg(app: &App, part: &Part, col: u16, row: u16, theme: Theme) -> Option<Color> {
    let ds = &app.loaded.dataset;
    let holder = part
        .shade
        .holder
        .and_then(|f| theme.tint(ds.faction(f).color));
    let other = part
        .others
        .iter()
        .next()
        .and_then(|f| theme.tint(ds.faction(f).color));
    let band = (usize::from(col) + 2 * usize::from(row)) % 6;
    let stripe = band < 2;
    match part.shade.firmness {
        Firmness::Held => holder,
        Firmness::Contested if stripe => other.or(holder),
        Firmness::Contested => holder,
        Firmness::Claimed => other.filter(|_| stripe),
        Firmness::Disputed if stripe => holder,
        Firmness::Disputed => other.filter(|_| (3..5).contains(&band)),
        Firmness::Unsettled => theme.unsettled().filter(|_| stripe),
    }
}

/// The day's territory as cell backgrounds: the grid `derived` made for this viewport, or,
/// should the frame's size differ from the app's, the kept territory rasterised for it.
fn shade_territory(
    buf: &mut Buffer,
    app: &App,
    derived: &Derived,
    vp: &Viewport,
    inside: Rect,
    theme: Theme,
) {
    let made;
    let (territory, cells) = match derived.grid(vp) {
        Some(g) => (&g.territory, &g.cells),
        // Still being computed: no shading until it is (the title says so).
        None => match derived.territory() {
            Some(t) => {
                made = t.raster(vp);
                (t, &made)
            }
            None => return,
        },
    };
    let cols = usize::from(vp.cols);
    for row in 0..inside.height.min(vp.rows) {
        for col in 0..inside.width.min(vp.cols) {
            let bg = match cells[usize::from(row) * cols + usize::from(col)] {
                Some(Fill::Part(i)) => part_bg(app, &territory.parts[i], col, row, theme),
                // Sparse grey dots: land with no report near enough.
                Some(Fill::NoReports) if col % 4 == 0 && row % 2 == 0 => theme.no_reports(),
                _ => None,
            };
            if let (Some(bg), Some(cell)) = (bg, buf.cell_mut((inside.x + col, inside.y + row))) {
                cell.set_bg(bg);
            }
        }
    }
}

fn draw_country_names(
    buf: &mut Buffer,
    vp: &Viewport,
    inside: Rect,
    basemap: &Basemap,
    theme: Theme,
) {
    for c in &basemap.countries {
        let name = c.name.to_uppercase();
        let n = label_width(&name) as u16;
        // Drawn last, and only over empty cells or basemap dots: places keep their labels;
        // and a blank cell (or the map's edge) either side, so it never runs into a label.
        let blank = |buf: &Buffer, x: u16, row: u16| {
            buf.cell((x, inside.y + row)).is_some_and(|c| {
                c.symbol()
                    .chars()
                    .all(|ch| ch == ' ' || ('\u{2800}'..='\u{28ff}').contains(&ch))
            })
        };
        let free = |buf: &Buffer, (col, row): (u16, u16)| {
            let start = inside.x + col;
            let edge = |x: u16| x < inside.x || x >= inside.x + inside.width;
            (start..start + n).all(|x| blank(buf, x, row))
                && [start.wrapping_sub(1), start + n]
                    .into_iter()
                    .all(|x| edge(x) || blank(buf, x, row))
        };
        let spots = view::name_spots(c, vp, f64::from(n), 1.0, 1.0);
        // Spots are whole cells on a grid of cells: the casts are exact.
        let cells = spots.iter().map(|s| (s.x as u16, s.y as u16));
        if let Some((col, row)) = cells.into_iter().find(|&spot| free(buf, spot)) {
            let at = (inside.x + col, inside.y + row);
            draw_label(
                buf,
                at,
                &name,
                theme.country_label(),
                LabelRole::Country,
                theme,
            );
        }
    }
}

/// A place drawn on the map: where its marker and its label (if it got room) go, in cells
/// of the map's drawing area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    /// The place.
    pub place: PlaceId,
    /// Its marker's cell (the marker takes this cell and the next).
    pub marker: (u16, u16),
    /// Its label's first cell, if the label is shown.
    pub label: Option<(u16, u16)>,
    /// Its label is underlined: changed on the shown day, or between the days compared.
    pub changed: bool,
}

/// Which places get a marker and a label on the shown day, for a viewport: the most
/// important place keeps a crowded cell, and labels give way to each other by rank.
pub fn placed(app: &App, derived: &Derived, vp: &Viewport) -> Vec<Placed> {
    let ds = &app.loaded.dataset;
    let changed = changed_today(app, derived);
    let mut shown: Vec<(PlaceId, u16, u16, u64)> = Vec::new();
    for i in 0..ds.places.len() as u32 {
        let p = PlaceId(i);
        if app.cursor.state(p).is_none() {
            continue;
        }
        let place = ds.place(p);
        if let Some((c, r)) = vp.to_cell(place.lon, place.lat)
            && c + 1 < vp.cols
        {
            let rank = view::rank(
                place.kind,
                place.population,
                changed[p.index()],
                app.selected == Some(p),
            );
            shown.push((p, c, r, rank));
        }
    }
    // Crowded cells: the most important place keeps the marker (two cells wide).
    shown.sort_by_key(|s| std::cmp::Reverse(s.3));
    let cols = usize::from(vp.cols);
    let mut used = vec![false; cols * usize::from(vp.rows)];
    shown.retain(|&(_, c, r, _)| {
        let at = usize::from(r) * cols + usize::from(c);
        let clash = used[at] || used[at + 1] || (c > 0 && used[at - 1]);
        if !clash {
            used[at] = true;
        }
        !clash
    });
    let widths = derived.name_widths(app);
    let requests: Vec<LabelRequest> = shown
        .iter()
        .map(|&(p, c, r, rank)| LabelRequest {
            x: f64::from(c),
            y: f64::from(r),
            marker_w: 2.0,
            width: widths
                .and_then(|w| w.get(p.index()).copied())
                .unwrap_or_else(|| label_width(&ds.place(p).name)) as f64,
            height: 1.0,
            rank,
        })
        .collect();
    let spots = view::place_labels(&requests, f64::from(vp.cols), f64::from(vp.rows), 1.0);
    shown
        .iter()
        .zip(spots)
        .map(|(&(place, c, r, _), spot)| Placed {
            place,
            marker: (c, r),
            // Spots are whole cells on a grid of cells: the casts are exact.
            label: spot.map(|(x, y)| (x as u16, y as u16)),
            changed: changed[place.index()],
        })
        .collect()
}

/// The columns a label takes.
pub fn label_width(name: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(name)
}

/// The places underlined: changed by a report dated to the shown day, or, comparing two
/// days, changed between them.
fn changed_today(app: &App, derived: &Derived) -> Vec<bool> {
    let mut changed = vec![false; app.loaded.dataset.places.len()];
    let places = match derived.comparison() {
        Some(c) => c
            .lines
            .iter()
            .filter(|l| l.change.is_change())
            .map(|l| l.place)
            .collect(),
        None => app.loaded.timeline.changed_on(app.date()),
    };
    for p in places {
        changed[p.index()] = true;
    }
    changed
}

/// Write a label: its cells are the label's (the basemap line under it is overwritten), and
/// over shading its colour is the palette's legible colour for that tint.
fn draw_label(
    buf: &mut Buffer,
    (x, y): (u16, u16),
    text: &str,
    style: Style,
    role: LabelRole,
    theme: Theme,
) {
    let end = buf.set_stringn(x, y, text, usize::MAX, style).0;
    for cx in x..end {
        if let Some(cell) = buf.cell_mut((cx, y)) {
            // A dot of "no reports" gives way: no label colour reads on it in every palette.
            if Some(cell.bg) == theme.no_reports() {
                cell.set_bg(Color::Reset);
            }
            // Without this the label would keep the colour of the line drawn beneath it.
            let fg = theme
                .label(role, cell.bg)
                .or(style.fg)
                .unwrap_or(Color::Reset);
            cell.set_fg(fg);
        }
    }
}

fn draw_places(
    buf: &mut Buffer,
    app: &App,
    derived: &Derived,
    vp: &Viewport,
    inside: Rect,
    theme: Theme,
) {
    let ds = &app.loaded.dataset;
    let made;
    let placed = match derived.placed(vp) {
        Some(p) => p,
        // A frame of another size than the app's (before its resize arrives).
        None => {
            made = placed(app, derived, vp);
            &made
        }
    };
    for &Placed {
        place: p,
        marker: (c, r),
        label,
        changed,
    } in placed
    {
        let Some(state) = app.cursor.state(p) else {
            continue;
        };
        let mut style = state
            .holder
            .map_or(theme.dim(), |h| theme.faction(ds.faction(h).color));
        if app.selected == Some(p) {
            style = style.patch(theme.selected());
        }
        let marker = format!("{}{}", view::glyph(ds, state), view::mark(state));
        let end = buf
            .set_stringn(inside.x + c, inside.y + r, marker, 2, style)
            .0;
        for x in inside.x + c..end {
            if let Some(cell) = buf.cell_mut((x, inside.y + r)) {
                if Some(cell.bg) == theme.no_reports() {
                    cell.set_bg(Color::Reset);
                }
                let fg = theme.palette().marker_on(cell.fg, cell.bg);
                cell.set_fg(fg);
            }
        }
        if let Some((lx, ly)) = label {
            let (mut label_style, role) = if changed {
                (theme.changed(), LabelRole::Changed)
            } else {
                (Style::default(), LabelRole::Place)
            };
            if app.selected == Some(p) {
                label_style = label_style.patch(theme.selected());
            }
            let at = (inside.x + lx, inside.y + ly);
            draw_label(buf, at, &ds.place(p).name, label_style, role, theme);
        }
    }
}
