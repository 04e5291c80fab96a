//! Drawing the whole screen from an [`App`]; see [`super::layout`] for the layout sketch.
//! One function per panel, each in its own file; rendering only reads the app.

mod chrome;
mod day;
mod map;
mod place;
mod timeline;

use ratatui::Frame;

pub use map::{territory, viewport_area};

use super::app::{App, Overlay};
use super::layout::Areas;
use super::theme::Theme;

/// Draw everything.
pub fn render(frame: &mut Frame, app: &App) {
    let theme = if app.no_color {
        Theme { color: false }
    } else {
        Theme { color: true }
    };
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
    if app.overlay == Overlay::Help {
        chrome::render_help(frame, app, areas.screen, theme);
    }
}
