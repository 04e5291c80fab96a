//! The one key table: what every key does. The help overlay and the footer are generated
//! from it, so they cannot drift from the real bindings.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::Action;

/// One key and the action it triggers.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The key.
    pub code: KeyCode,
    /// Modifiers that must be held (Shift is implied by upper-case characters).
    pub mods: KeyModifiers,
    /// What it does.
    pub action: Action,
    /// How the help names the key.
    pub label: &'static str,
    /// What the help says it does; bindings with the same text are listed together.
    pub help: &'static str,
}

const fn key(code: KeyCode, action: Action, label: &'static str, help: &'static str) -> Binding {
    Binding {
        code,
        mods: KeyModifiers::NONE,
        action,
        label,
        help,
    }
}

const fn ctrl(c: char, action: Action, label: &'static str, help: &'static str) -> Binding {
    Binding {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
        action,
        label,
        help,
    }
}

/// Every binding, in the order the help lists them.
pub const BINDINGS: &[Binding] = &[
    key(KeyCode::Left, Action::StepDay(-1), "←", "previous day"),
    key(KeyCode::Char('h'), Action::StepDay(-1), "h", "previous day"),
    key(KeyCode::Right, Action::StepDay(1), "→", "next day"),
    key(KeyCode::Char('l'), Action::StepDay(1), "l", "next day"),
    key(
        KeyCode::Char('['),
        Action::EventDay(-1),
        "[",
        "previous day with events",
    ),
    key(
        KeyCode::Char(']'),
        Action::EventDay(1),
        "]",
        "next day with events",
    ),
    key(KeyCode::Home, Action::FirstDay, "Home", "first day"),
    key(KeyCode::Char('g'), Action::FirstDay, "g", "first day"),
    key(KeyCode::End, Action::LastDay, "End", "last day"),
    key(KeyCode::Char('G'), Action::LastDay, "G", "last day"),
    key(
        KeyCode::Char(' '),
        Action::TogglePlay,
        "Space",
        "play / pause the days",
    ),
    key(KeyCode::Char('>'), Action::Speed(1), ">", "play faster"),
    key(KeyCode::Char('<'), Action::Speed(-1), "<", "play slower"),
    key(
        KeyCode::Down,
        Action::Select(1),
        "↓",
        "next place (north to south)",
    ),
    key(
        KeyCode::Char('j'),
        Action::Select(1),
        "j",
        "next place (north to south)",
    ),
    key(
        KeyCode::Tab,
        Action::Select(1),
        "Tab",
        "next place (north to south)",
    ),
    key(KeyCode::Up, Action::Select(-1), "↑", "previous place"),
    key(
        KeyCode::Char('k'),
        Action::Select(-1),
        "k",
        "previous place",
    ),
    key(
        KeyCode::BackTab,
        Action::Select(-1),
        "Shift-Tab",
        "previous place",
    ),
    key(
        KeyCode::Char('/'),
        Action::StartSearch,
        "/",
        "search a place by any spelling",
    ),
    key(
        KeyCode::PageDown,
        Action::ScrollQuotes(5),
        "PgDn",
        "scroll the quotes",
    ),
    key(
        KeyCode::PageUp,
        Action::ScrollQuotes(-5),
        "PgUp",
        "scroll the quotes",
    ),
    key(KeyCode::Char('+'), Action::Zoom(1), "+", "zoom in"),
    key(KeyCode::Char('='), Action::Zoom(1), "=", "zoom in"),
    key(KeyCode::Char('-'), Action::Zoom(-1), "-", "zoom out"),
    key(KeyCode::Char('w'), Action::Pan(0, 1), "w", "pan north"),
    key(KeyCode::Char('a'), Action::Pan(-1, 0), "a", "pan west"),
    key(KeyCode::Char('s'), Action::Pan(0, -1), "s", "pan south"),
    key(KeyCode::Char('d'), Action::Pan(1, 0), "d", "pan east"),
    key(
        KeyCode::Char('c'),
        Action::CenterOnSelected,
        "c",
        "centre the map on the selected place",
    ),
    key(
        KeyCode::Char('0'),
        Action::ResetView,
        "0",
        "reset zoom and pan",
    ),
    key(
        KeyCode::Char('t'),
        Action::ToggleTerritory,
        "t",
        "territory shading on / off",
    ),
    key(
        KeyCode::Char('m'),
        Action::ToggleMouse,
        "m",
        "mouse on / off (off lets you select text)",
    ),
    key(
        KeyCode::Char('e'),
        Action::Export(false),
        "e",
        "export the shown day to a file",
    ),
    key(
        KeyCode::Char('E'),
        Action::Export(true),
        "E",
        "export, overwriting an existing file",
    ),
    key(
        KeyCode::Char('x'),
        Action::NextExportFormat,
        "x",
        "choose the export format (png, svg, gif, geojson, …)",
    ),
    key(
        KeyCode::Char('v'),
        Action::MarkDay,
        "v",
        "mark the day; step on to see what changed (v stops)",
    ),
    key(KeyCode::Char('?'), Action::ToggleHelp, "?", "this help"),
    key(KeyCode::Esc, Action::Cancel, "Esc", "close help or search"),
    key(KeyCode::Char('q'), Action::Quit, "q", "quit"),
    ctrl('c', Action::Quit, "Ctrl-C", "quit"),
];

/// The action bound to a key press, if any.
pub fn action_for(key: KeyEvent) -> Option<Action> {
    let mods = key.modifiers - KeyModifiers::SHIFT; // Shift is carried by the character
    BINDINGS
        .iter()
        .find(|b| b.code == key.code && b.mods == mods)
        .map(|b| b.action)
}

/// The help's lines: (keys, what they do), one line per distinct help text.
pub fn help_lines() -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for b in BINDINGS {
        match out.iter_mut().find(|(_, h)| *h == b.help) {
            Some((keys, _)) => {
                keys.push_str("  ");
                keys.push_str(b.label);
            }
            None => out.push((b.label.to_string(), b.help)),
        }
    }
    out
}

/// The footer's short hints: the first key of the most used actions.
pub fn footer_hints() -> Vec<(&'static str, &'static str)> {
    const SHOWN: &[(&str, &str)] = &[
        ("previous day", "day"),
        ("previous day with events", "event day"),
        ("play / pause the days", "play"),
        ("next place (north to south)", "place"),
        ("search a place by any spelling", "search"),
        ("zoom in", "zoom"),
        ("territory shading on / off", "areas"),
        ("export the shown day to a file", "export"),
        ("this help", "help"),
        ("quit", "quit"),
    ];
    SHOWN
        .iter()
        .filter_map(|(help, short)| {
            let keys: Vec<&str> = BINDINGS
                .iter()
                .filter(|b| b.help == *help)
                .map(|b| b.label)
                .collect();
            let label = match *help {
                "previous day" => "←→",
                "previous day with events" => "[]",
                "next place (north to south)" => "↑↓",
                "zoom in" => "+-",
                _ => keys.first()?,
            };
            Some((label, *short))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[..i] {
                assert!(
                    !(a.code == b.code && a.mods == b.mods),
                    "{} bound twice",
                    a.label
                );
            }
        }
    }

    #[test]
    fn help_lists_every_binding() {
        let lines = help_lines();
        for b in BINDINGS {
            assert!(
                lines
                    .iter()
                    .any(|(keys, h)| *h == b.help && keys.contains(b.label)),
                "{}",
                b.label
            );
        }
    }

    #[test]
    fn shift_is_carried_by_the_character() {
        let k = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(k), Some(Action::LastDay));
        let c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(c), Some(Action::Quit));
    }
}
