//! The real `App` on the built-in dataset, driven by keys through the same table and effects
//! as the running map, and its screen read as text. Shared by the TestBackend tests that
//! include it with `#[path]`.

#![allow(dead_code)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use frontline::screen::app::App;
use ratatui::buffer::Buffer;

/// The map on the built-in dataset at `size`, in colour.
pub fn app(size: (u16, u16)) -> App {
    App::new(frontline::loaded::builtin().unwrap(), size, false)
}

/// Press a key the way the map does; fails if the key is unbound in the current mode.
pub fn press(app: &mut App, code: KeyCode) {
    let action =
        frontline::tui::action_for(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)), app);
    frontline::tui::handle(app, action.unwrap_or_else(|| panic!("{code:?} is bound")));
}

/// Every row of a buffer, trailing spaces trimmed, each ended by a newline.
pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let line: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
