//! The key tables: what every key does, in each mode (the map, the help, the search prompt).
//! The help overlay and the footer are generated from them, so they cannot drift from the
//! real bindings.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{Action, Scroll};

/// Which table applies: an overlay takes the keys while it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The map and its panels.
    Map,
    /// The help overlay.
    Help,
    /// The search prompt: keys not in its table are typed into it.
    Search,
}

/// One key and the action it triggers.
#[derive(Debug, Clone)]
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

const fn ch(c: char, action: Action, label: &'static str, help: &'static str) -> Binding {
    key(KeyCode::Char(c), action, label, help)
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

const NEXT_PLACE: &str = "next place (north to south)";
const PERIOD: &str = "back / on a week, month or year (as the timeline)";
const PLACE_PAGE: &str = "scroll the place panel (its quotes)";
const DAY_PAGE: &str = "scroll the day panel (that day's events)";

/// The map's bindings, in the order the help lists them.
pub(crate) const MAP: &[Binding] = &[
    key(KeyCode::Left, Action::StepDay(-1), "←", "previous day"),
    ch('h', Action::StepDay(-1), "h", "previous day"),
    key(KeyCode::Right, Action::StepDay(1), "→", "next day"),
    ch('l', Action::StepDay(1), "l", "next day"),
    ch('H', Action::StepPeriod(-1), "H", PERIOD),
    ch('L', Action::StepPeriod(1), "L", PERIOD),
    ch('[', Action::EventDay(-1), "[", "previous day with events"),
    ch(']', Action::EventDay(1), "]", "next day with events"),
    key(KeyCode::Home, Action::FirstDay, "Home", "first day"),
    ch('g', Action::FirstDay, "g", "first day"),
    key(KeyCode::End, Action::LastDay, "End", "last day"),
    ch('G', Action::LastDay, "G", "last day"),
    ch(' ', Action::TogglePlay, "Space", "play / pause the days"),
    ch('>', Action::Speed(1), ">", "play faster"),
    ch('<', Action::Speed(-1), "<", "play slower"),
    ch(
        'u',
        Action::TimelineUnit,
        "u",
        "timeline in days, weeks, months or years",
    ),
    key(KeyCode::Down, Action::Select(1), "↓", NEXT_PLACE),
    ch('j', Action::Select(1), "j", NEXT_PLACE),
    key(KeyCode::Tab, Action::Select(1), "Tab", NEXT_PLACE),
    key(KeyCode::Up, Action::Select(-1), "↑", "previous place"),
    ch('k', Action::Select(-1), "k", "previous place"),
    key(
        KeyCode::BackTab,
        Action::Select(-1),
        "Shift-Tab",
        "previous place",
    ),
    ch(
        '/',
        Action::StartSearch,
        "/",
        "search a place by any spelling",
    ),
    key(
        KeyCode::PageDown,
        Action::ScrollPlace(Scroll::Pages(1)),
        "PgDn",
        PLACE_PAGE,
    ),
    key(
        KeyCode::PageUp,
        Action::ScrollPlace(Scroll::Pages(-1)),
        "PgUp",
        PLACE_PAGE,
    ),
    ch('}', Action::ScrollDay(Scroll::Pages(1)), "}", DAY_PAGE),
    ch('{', Action::ScrollDay(Scroll::Pages(-1)), "{", DAY_PAGE),
    ch('+', Action::Zoom(1), "+", "zoom in"),
    ch('=', Action::Zoom(1), "=", "zoom in"),
    ch('-', Action::Zoom(-1), "-", "zoom out"),
    ch('w', Action::Pan(0, 1), "w", "pan north"),
    ch('a', Action::Pan(-1, 0), "a", "pan west"),
    ch('s', Action::Pan(0, -1), "s", "pan south"),
    ch('d', Action::Pan(1, 0), "d", "pan east"),
    ch(
        'c',
        Action::CenterOnSelected,
        "c",
        "centre the map on the selected place",
    ),
    ch('0', Action::ResetView, "0", "reset zoom and pan"),
    ch(
        't',
        Action::ToggleTerritory,
        "t",
        "territory shading on / off",
    ),
    ch(
        'm',
        Action::ToggleMouse,
        "m",
        "mouse on / off (off lets you select text)",
    ),
    ch(
        'e',
        Action::Export(false),
        "e",
        "export the shown day to a file",
    ),
    ch(
        'E',
        Action::Export(true),
        "E",
        "export, overwriting an existing file",
    ),
    ch(
        'x',
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
    ch('?', Action::ToggleHelp, "?", "this help"),
    key(KeyCode::Esc, Action::Cancel, "Esc", "close help or search"),
    ch('q', Action::Quit, "q", "quit"),
    ctrl('c', Action::Quit, "Ctrl-C", "quit"),
];

const HELP_LINE: &str = "scroll the help a line";
const HELP_PAGE: &str = "scroll the help a page";
const HELP_CLOSE: &str = "close the help";

/// The help overlay's bindings: it takes every key while shown.
pub(crate) const HELP: &[Binding] = &[
    key(
        KeyCode::Down,
        Action::ScrollHelp(Scroll::Lines(1)),
        "↓",
        HELP_LINE,
    ),
    ch('j', Action::ScrollHelp(Scroll::Lines(1)), "j", HELP_LINE),
    key(
        KeyCode::Up,
        Action::ScrollHelp(Scroll::Lines(-1)),
        "↑",
        HELP_LINE,
    ),
    ch('k', Action::ScrollHelp(Scroll::Lines(-1)), "k", HELP_LINE),
    key(
        KeyCode::PageDown,
        Action::ScrollHelp(Scroll::Pages(1)),
        "PgDn",
        HELP_PAGE,
    ),
    ch(
        ' ',
        Action::ScrollHelp(Scroll::Pages(1)),
        "Space",
        HELP_PAGE,
    ),
    key(
        KeyCode::PageUp,
        Action::ScrollHelp(Scroll::Pages(-1)),
        "PgUp",
        HELP_PAGE,
    ),
    key(
        KeyCode::Home,
        Action::ScrollHelp(Scroll::Top),
        "Home",
        "top of the help",
    ),
    ch('g', Action::ScrollHelp(Scroll::Top), "g", "top of the help"),
    key(
        KeyCode::End,
        Action::ScrollHelp(Scroll::Bottom),
        "End",
        "end of the help",
    ),
    ch(
        'G',
        Action::ScrollHelp(Scroll::Bottom),
        "G",
        "end of the help",
    ),
    key(KeyCode::Esc, Action::Cancel, "Esc", HELP_CLOSE),
    ch('?', Action::Cancel, "?", HELP_CLOSE),
    ch('q', Action::Cancel, "q", HELP_CLOSE),
    ctrl('c', Action::Quit, "Ctrl-C", "quit"),
];

/// The search prompt's bindings; any other character is typed into the prompt.
pub(crate) const SEARCH: &[Binding] = &[
    key(
        KeyCode::Enter,
        Action::SearchSubmit,
        "Enter",
        "select the best match",
    ),
    key(
        KeyCode::Backspace,
        Action::SearchBackspace,
        "Backspace",
        "delete a character",
    ),
    key(KeyCode::Esc, Action::Cancel, "Esc", "cancel the search"),
    ctrl('c', Action::Quit, "Ctrl-C", "quit"),
];

/// The table of a mode.
pub fn table(mode: Mode) -> &'static [Binding] {
    match mode {
        Mode::Map => MAP,
        Mode::Help => HELP,
        Mode::Search => SEARCH,
    }
}

/// The action bound to a key press in a mode, if any. In the search prompt a plain character
/// that is not bound is typed.
pub(crate) fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
    // Shift is carried by the character (`G`), and crossterm reports Shift with BackTab.
    let shift_in_code = matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab);
    let mods = if shift_in_code {
        key.modifiers - KeyModifiers::SHIFT
    } else {
        key.modifiers
    };
    let bound = table(mode)
        .iter()
        .find(|b| b.code == key.code && b.mods == mods)
        .map(|b| b.action.clone());
    match (bound, mode, key.code) {
        (Some(a), ..) => Some(a),
        (None, Mode::Search, KeyCode::Char(c)) if mods.is_empty() => Some(Action::SearchInput(c)),
        _ => None,
    }
}

/// A mode's help lines: (keys, what they do), one line per distinct help text.
pub fn help_lines(mode: Mode) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for b in table(mode) {
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

/// A short hint in the footer: keys (labels of bindings of the mode), a word, and how much it
/// matters (0 first: kept longest when the footer is narrow).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    /// Binding labels, shown run together (`←→`).
    pub keys: &'static [&'static str],
    /// What they do, in a word or two.
    pub what: &'static str,
    /// Lower is kept longer.
    pub priority: u8,
}

const fn hint(keys: &'static [&'static str], what: &'static str, priority: u8) -> Hint {
    Hint {
        keys,
        what,
        priority,
    }
}

/// The footer's hints on the map, in display order.
pub(crate) const MAP_HINTS: &[Hint] = &[
    hint(&["←", "→"], "day", 2),
    hint(&["[", "]"], "event day", 6),
    hint(&["Space"], "play", 5),
    hint(&["↑", "↓"], "place", 3),
    hint(&["/"], "search", 4),
    hint(&["PgDn"], "quotes", 7),
    hint(&["+", "-"], "zoom", 8),
    hint(&["t"], "areas", 10),
    hint(&["e"], "export", 9),
    hint(&["?"], "help", 0),
    hint(&["q"], "quit", 1),
];

/// The footer's hints while the help is shown.
pub(crate) const HELP_HINTS: &[Hint] = &[
    hint(&["↑", "↓"], "scroll", 1),
    hint(&["PgUp", "PgDn"], "page", 2),
    hint(&["Esc"], "close help", 0),
];

/// The footer's hints of a mode (the search prompt shows its own line).
pub fn hints(mode: Mode) -> &'static [Hint] {
    match mode {
        Mode::Map => MAP_HINTS,
        Mode::Help => HELP_HINTS,
        Mode::Search => &[],
    }
}

/// The text of one hint as the footer shows it: `←→ day`.
pub fn hint_text(h: &Hint) -> (String, &'static str) {
    // Single characters run together (`←→`); names are kept apart (`PgUp/PgDn`).
    let sep = if h.keys.iter().all(|k| k.chars().count() == 1) {
        ""
    } else {
        "/"
    };
    (h.keys.join(sep), h.what)
}

/// Width of a hint in the footer, with the two spaces that follow it.
fn hint_width(h: &Hint) -> usize {
    let (keys, what) = hint_text(h);
    unicode_width::UnicodeWidthStr::width(keys.as_str()) + 1 + what.chars().count() + 2
}

/// The hints that fit in `width` columns (after a leading space): the least important are
/// dropped first, whole, and the rest keep their order.
pub fn fit_hints(hints: &[Hint], width: usize) -> Vec<Hint> {
    let mut kept: Vec<Hint> = hints.to_vec();
    let total = |k: &[Hint]| 1 + k.iter().map(hint_width).sum::<usize>();
    while total(&kept) > width + 2 && !kept.is_empty() {
        // The trailing two spaces of the last hint may fall off the edge.
        let worst = kept
            .iter()
            .enumerate()
            .max_by_key(|(i, h)| (h.priority, *i))
            .map(|(i, _)| i);
        if let Some(i) = worst {
            kept.remove(i);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in [Mode::Map, Mode::Help, Mode::Search] {
            let t = table(mode);
            for (i, a) in t.iter().enumerate() {
                for b in &t[..i] {
                    assert!(
                        !(a.code == b.code && a.mods == b.mods),
                        "{mode:?}: {} bound twice",
                        a.label
                    );
                }
            }
        }
    }

    #[test]
    fn help_lists_every_binding() {
        for mode in [Mode::Map, Mode::Help, Mode::Search] {
            let lines = help_lines(mode);
            for b in table(mode) {
                assert!(
                    lines
                        .iter()
                        .any(|(keys, h)| *h == b.help && keys.contains(b.label)),
                    "{mode:?}: {}",
                    b.label
                );
            }
        }
    }

    #[test]
    fn every_hint_names_bound_keys() {
        for mode in [Mode::Map, Mode::Help] {
            for h in hints(mode) {
                for k in h.keys {
                    assert!(
                        table(mode).iter().any(|b| b.label == *k),
                        "{mode:?}: hint key {k} is not bound"
                    );
                }
            }
        }
    }

    #[test]
    fn shift_is_carried_by_the_character() {
        let k = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Mode::Map, k), Some(Action::LastDay));
        let c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(Mode::Map, c), Some(Action::Quit));
        let back = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(action_for(Mode::Map, back), Some(Action::Select(-1)));
    }

    #[test]
    fn the_search_prompt_types_what_the_map_would_act_on() {
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::Search, q), Some(Action::SearchInput('q')));
        assert_eq!(action_for(Mode::Map, q), Some(Action::Quit));
        assert_eq!(action_for(Mode::Help, q), Some(Action::Cancel));
        let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(
            action_for(Mode::Help, j),
            Some(Action::ScrollHelp(Scroll::Lines(1)))
        );
    }

    #[test]
    fn narrow_footers_drop_the_least_important_hints_first() {
        let all = fit_hints(MAP_HINTS, 500);
        assert_eq!(all.len(), MAP_HINTS.len());
        let mut previous = all.len();
        for width in (0..200).rev() {
            let kept = fit_hints(MAP_HINTS, width);
            assert!(kept.len() <= previous, "{width}");
            previous = kept.len();
            let order: Vec<usize> = kept
                .iter()
                .map(|h| MAP_HINTS.iter().position(|m| m == h).unwrap())
                .collect();
            assert!(order.windows(2).all(|w| w[0] < w[1]), "order kept");
            if width >= 16 {
                let words: Vec<&str> = kept.iter().map(|h| h.what).collect();
                assert!(
                    words.contains(&"help") && words.contains(&"quit"),
                    "{width}: {words:?}"
                );
            }
        }
    }
}
