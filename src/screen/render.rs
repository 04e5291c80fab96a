//! Drawing the whole screen from an [`App`]; see [`super::layout`] for the layout sketch.
//! One function per panel, each in its own file; rendering only reads the app.
//!
//! Drawing takes the [`App`] and what [`Derived`] computed from it, both read-only.
//!
//! The panels that scroll (place, day, help) build plain lists of lines; `scroll` wraps
//! them, draws the visible part and marks what is above and below, and [`extents`] measures
//! how far each can scroll (for `Derived::extents`, which the loop hands to `update`).

mod chrome;
mod day;
mod legend;
mod map;
mod place;
mod problems;
mod scroll;
mod timeline;

use ratatui::Frame;

pub(crate) use map::Placed;

pub use map::label_width;

pub use map::placed;

pub(crate) use scroll::wrapped_len;

use super::app::{App, Extents, Overlay};
use super::derived::{Derived, Panels};
use super::layout::{Areas, inner};
use super::theme::Theme;
use crate::view::compare::Comparison;
use crate::view::territory::Territory;

/// The theme the app is drawn with.
pub fn theme(app: &App) -> Theme<'_> {
    Theme::new(&app.palette)
}

/// The lines of the place and day panels at the app's terminal size: the day panel shows the
/// `comparison` if there is one, and its title in full if the panel is wider than
/// `day_title_max` ([`crate::view::panel::day_title_width_max`]); `territory` (the shown
/// day's, if kept) says which places are isolated reports.
pub(crate) fn panels(
    app: &App,
    comparison: Option<&Comparison>,
    territory: Option<&Territory>,
    day_title_max: usize,
) -> Panels {
    let theme = theme(app);
    let areas = Areas::of(app.size);
    if !areas.fits {
        return Panels::default();
    }
    let place = place::place_lines(app, territory, theme, inner(areas.place).width);
    let long = day_title_max + 2 <= usize::from(areas.day.width);
    let (day_title, words) = day::content(app, comparison, long);
    let day = words.iter().map(|l| theme.line(l)).collect();
    Panels {
        place,
        day_title,
        day,
    }
}

/// How many lines each panel holds once wrapped, and how many it shows at a time, at the
/// app's terminal size.
pub(crate) fn extents(app: &App, panels: &Panels) -> Extents {
    let theme = theme(app);
    let areas = Areas::of(app.size);
    if !areas.fits {
        return Extents::default();
    }
    let measure = |lines: &[ratatui::text::Line], area| {
        let r = inner(area);
        (wrapped_len(lines, r.width), usize::from(r.height))
    };
    let place = measure(&panels.place, areas.place);
    let day = measure(&panels.day, areas.day);
    let help = if app.overlay == Overlay::Help {
        chrome::help_extent(app, theme, areas.screen)
    } else {
        (0, 0)
    };
    Extents { place, day, help }
}

/// The screen of `app` at its size, drawn in memory (no terminal) with everything derived
/// afresh: what the `txt` export writes and what tests read.
pub fn draw(app: &App) -> ratatui::buffer::Buffer {
    draw_with(app, &Derived::of(app))
}

/// The screen of `app` at its size, drawn in memory from what `derived` keeps (prepared
/// for `app`).
pub fn draw_with(app: &App, derived: &Derived) -> ratatui::buffer::Buffer {
    let backend = ratatui::backend::TestBackend::new(app.size.0, app.size.1);
    // TestBackend's error type is Infallible: drawing into memory cannot fail.
    let Ok(mut terminal) = ratatui::Terminal::new(backend);
    let Ok(_) = terminal.draw(|f| render(f, app, derived));
    terminal.backend().buffer().clone()
}

/// Draw everything, with `status` in the footer in place of the key hints: what the loop
/// shows while it works outside the screen (an animation being written).
pub(crate) fn render_busy(frame: &mut Frame, app: &App, derived: &Derived, status: &str) {
    render(frame, app, derived);
    let areas = Areas::of((frame.area().width, frame.area().height));
    if areas.fits {
        let line = ratatui::text::Line::styled(format!(" {status}"), theme(app).warn());
        frame.render_widget(ratatui::widgets::Clear, areas.footer);
        frame.render_widget(ratatui::widgets::Paragraph::new(line), areas.footer);
    }
}

/// Draw everything: `derived` is what [`Derived::prepare`] made of `app`.
pub fn render(frame: &mut Frame, app: &App, derived: &Derived) {
    let theme = theme(app);
    let areas = Areas::of((frame.area().width, frame.area().height));
    if !areas.fits {
        chrome::render_too_small(frame, frame.area());
        return;
    }
    chrome::render_title(frame, app, areas.title, theme);
    map::render_map(frame, app, derived, areas.map, theme);
    place::render_place(frame, app, derived.panels(), areas.place, theme);
    day::render_day(frame, app, derived.panels(), areas.day, theme);
    timeline::render_timeline(frame, app, areas.timeline, theme);
    chrome::render_footer(frame, app, areas.footer, theme);
    problems::render_problems(frame, app, areas.map, theme);
    if app.overlay == Overlay::Help {
        chrome::render_help(frame, app, areas.screen, theme);
    }
}
