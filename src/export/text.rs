//! The text export: the terminal screen for one day, drawn by the terminal's own renderer on a
//! `TestBackend` and written out symbol by symbol (no escape codes, no key hints in the footer),
//! then the state table.
//! One renderer, not two: what is pasted into a chat is what the screen shows.

use std::sync::Arc;

use chrono::NaiveDate;
use ratatui::buffer::{Buffer, CellWidth};

use crate::dataset::text::forbidden;
use crate::loaded::Loaded;
use crate::report;
use crate::screen::app::App;
use crate::view::MapView;

/// The App the text export draws: the map on `date`, the help closed, the default selection,
/// monochrome (no colour would survive as text anyway). It shares the dataset.
pub(crate) fn app(
    loaded: &Arc<Loaded>,
    date: NaiveDate,
    size: (u16, u16),
    view: Option<MapView>,
) -> App {
    let mut app = App::new(Arc::clone(loaded), size, true);
    app.cursor = loaded.timeline.at(date);
    if let Some(v) = view {
        app.zoom = crate::view::clamp_zoom(v.zoom);
        app.center = v.center;
        app.territory = v.territory;
    }
    app
}

/// The screen as lines of text, trailing spaces trimmed. The cell after a wide character is
/// skipped, as a terminal shows it; control and bidi characters never get through.
pub(crate) fn screen(app: &App) -> Vec<String> {
    buffer_lines(&crate::screen::render::draw(app))
}

/// The lines of a buffer, as a terminal shows them.
pub(crate) fn buffer_lines(buffer: &Buffer) -> Vec<String> {
    let width = usize::from(buffer.area.width).max(1);
    buffer
        .content
        .chunks(width)
        .map(|cells| {
            let mut line = String::new();
            let mut skip: u16 = 0;
            for cell in cells {
                if skip == 0 {
                    line.extend(
                        cell.symbol()
                            .chars()
                            .filter(|c| !c.is_control() && forbidden(*c).is_none()),
                    );
                }
                skip = skip.max(cell.cell_width()).saturating_sub(1);
            }
            line.trim_end().to_string()
        })
        .collect()
}

/// The whole text export: the screen, a blank line, the state table.
pub(crate) fn document(
    loaded: &Arc<Loaded>,
    date: NaiveDate,
    size: (u16, u16),
    view: Option<MapView>,
) -> String {
    let app = app(loaded, date, size, view);
    let mut lines = screen(&app);
    // The footer's key hints are for the interactive map: a pasted screen takes no keys.
    let footer = crate::screen::layout::Areas::of(size).footer;
    if footer.height > 0
        && let Some(line) = lines.get_mut(usize::from(footer.y))
    {
        line.clear();
    }
    let mut out = lines.join("\n");
    out.push_str("\n\n");
    out.push_str(&report::state_table(loaded, date));
    out
}
