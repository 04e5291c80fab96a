//! Drawing the whole screen from an [`App`]; see [`super::layout`] for the layout sketch.
//! One function per panel, each in its own file; rendering only reads the app.
//!
//! The panels that scroll (place, day, help) build plain lists of lines; `scroll` wraps
//! them, draws the visible part and marks what is above and below, and [`extent`] tells
//! `update` how far each can scroll.

mod chrome;
mod day;
mod legend;
mod map;
mod place;
mod problems;
mod scroll;
mod timeline;

pub use map::{keep_territory, territory_missing};
use ratatui::Frame;

pub use map::{Placed, label_width, placed, viewport_area};
pub use scroll::{wrap, wrapped_len};

use super::app::{App, Overlay};
use super::layout::{Areas, inner};
use super::theme::Theme;

/// The panels that scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// The selected place.
    Place,
    /// The shown day's events.
    Day,
    /// The help overlay.
    Help,
}

/// The theme the app is drawn with.
pub fn theme(app: &App) -> Theme<'_> {
    Theme::new(&app.palette)
}

/// How many lines a panel holds once wrapped, and how many it shows at a time, at the
/// app's terminal size.
pub fn extent(app: &App, panel: Panel) -> (usize, usize) {
    let theme = theme(app);
    let areas = Areas::of(app.size);
    if !areas.fits {
        return (0, 0);
    }
    match panel {
        Panel::Place => {
            let r = inner(areas.place);
            let lines = place::place_lines(app, theme, r.width);
            (wrapped_len(&lines, r.width), usize::from(r.height))
        }
        Panel::Day => {
            let r = inner(areas.day);
            let lines = day::day_lines(app, theme);
            (wrapped_len(&lines, r.width), usize::from(r.height))
        }
        Panel::Help => chrome::help_extent(app, theme, areas.screen),
    }
}

/// The screen of `app` at its size, drawn in memory (no terminal): what the `txt` export
/// writes and what tests read.
pub fn draw(app: &App) -> ratatui::buffer::Buffer {
    let backend = ratatui::backend::TestBackend::new(app.size.0, app.size.1);
    // TestBackend's error type is Infallible: drawing into memory cannot fail.
    let Ok(mut terminal) = ratatui::Terminal::new(backend);
    let Ok(_) = terminal.draw(|f| render(f, app));
    terminal.backend().buffer().clone()
}

/// Draw everything, with `status` in the footer in place of the key hints: what the loop
/// shows while it works outside the screen (an animation being written).
pub fn render_busy(frame: &mut Frame, app: &App, status: &str) {
    render(frame, app);
    let areas = Areas::of((frame.area().width, frame.area().height));
    if areas.fits {
        let line = ratatui::text::Line::styled(format!(" {status}"), theme(app).warn());
        frame.render_widget(ratatui::widgets::Clear, areas.footer);
        frame.render_widget(ratatui::widgets::Paragraph::new(line), areas.footer);
    }
}

/// Draw everything.
pub fn render(frame: &mut Frame, app: &App) {
    let theme = theme(app);
    let areas = Areas::of((frame.area().width, frame.area().height));
    if !areas.fits {
        chrome::render_too_small(frame, frame.area());
        return;
    }
    chrome::render_title(frame, app, areas.title, theme);
    map::render_map(frame, app, areas.map, theme);
    place::render_place(frame, app, areas.place, theme);
    day::render_day(frame, app, areas.day, theme);
    timeline::render_timeline(frame, app, areas.timeline, theme);
    chrome::render_footer(frame, app, areas.footer, theme);
    problems::render_problems(frame, app, areas.map, theme);
    if app.overlay == Overlay::Help {
        chrome::render_help(frame, app, areas.screen, theme);
    }
}
