//! What the terminal can do, from `TERM`, `COLORTERM`, `NO_COLOR` and `--color`: how many
//! colours, whether to capture the mouse, and whether the map can run at all. Nothing in
//! ratatui or crossterm reads these (see PITFALLS.md), so frontline does.
//!
//! | `TERM` | colours | mouse |
//! |---|---|---|
//! | `dumb` | no map: a plain message (it cannot move the cursor) | |
//! | `vt100`, `vt102`, `vt220`, `vt52` | none | off |
//! | `linux` (the Linux console) | 16 | off |
//! | `*-256color` | 256, or 24-bit if `COLORTERM` says so | on |
//! | `*-direct`, `*truecolor*`, `*24bit*`, or `COLORTERM=truecolor`/`24bit` | 24-bit | on |
//! | anything else (`xterm`, `screen`, unset) | 16, or 24-bit if `COLORTERM` says so | on |
//!
//! `NO_COLOR` (set and not empty) and `--color never` turn colour off; `--color always` turns
//! it on (16 colours where the terminal class has none) even under `NO_COLOR`.

/// The `--color` flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// From the terminal and `NO_COLOR`.
    #[default]
    Auto,
    /// Colour even under `NO_COLOR` or on a monochrome terminal class.
    Always,
    /// No colour.
    Never,
}

pub use crate::screen::palette::ColorDepth;

/// What the map may use on this terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    /// The terminal can draw the map at all (`TERM=dumb` cannot: no cursor movement).
    pub interactive: bool,
    /// How many colours to use.
    pub colors: ColorDepth,
    /// Capture the mouse at start (`m` toggles it).
    pub mouse: bool,
}

/// The capabilities for an environment (`var` reads a variable) and a `--color` choice.
pub fn detect(choice: ColorChoice, var: &dyn Fn(&str) -> Option<String>) -> Caps {
    let term = var("TERM").unwrap_or_default().to_ascii_lowercase();
    let colorterm = var("COLORTERM").unwrap_or_default().to_ascii_lowercase();
    let no_color = var("NO_COLOR").is_some_and(|v| !v.is_empty());
    let monochrome = ["vt100", "vt102", "vt220", "vt52"]
        .iter()
        .any(|t| term == *t || term.starts_with(&format!("{t}-")));
    let console = term == "linux" || term.starts_with("linux-");
    let direct = term.ends_with("-direct") || term.contains("truecolor") || term.contains("24bit");
    let says_truecolor = colorterm == "truecolor" || colorterm == "24bit";
    let class = if monochrome {
        ColorDepth::None
    } else if console {
        ColorDepth::Ansi16
    } else if direct || says_truecolor {
        ColorDepth::TrueColor
    } else if term.contains("256color") {
        ColorDepth::Ansi256
    } else {
        ColorDepth::Ansi16
    };
    let colors = match choice {
        ColorChoice::Never => ColorDepth::None,
        ColorChoice::Auto if no_color => ColorDepth::None,
        ColorChoice::Auto => class,
        ColorChoice::Always => class.max(ColorDepth::Ansi16),
    };
    Caps {
        interactive: term != "dumb",
        colors,
        mouse: !(monochrome || console),
    }
}

/// The capabilities of the process's own environment.
pub fn from_env(choice: ColorChoice) -> Caps {
    detect(choice, &|k| std::env::var(k).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caps(vars: &[(&str, &str)], choice: ColorChoice) -> Caps {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        detect(choice, &|k| {
            vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn terminal_classes() {
        let depth = |vars: &[(&str, &str)]| caps(vars, ColorChoice::Auto).colors;
        assert_eq!(depth(&[("TERM", "xterm-256color")]), ColorDepth::Ansi256);
        assert_eq!(
            depth(&[("TERM", "xterm-256color"), ("COLORTERM", "truecolor")]),
            ColorDepth::TrueColor
        );
        assert_eq!(depth(&[("TERM", "xterm-direct")]), ColorDepth::TrueColor);
        assert_eq!(depth(&[("TERM", "linux")]), ColorDepth::Ansi16);
        assert_eq!(
            depth(&[("TERM", "linux"), ("COLORTERM", "truecolor")]),
            ColorDepth::Ansi16,
            "the console is the console"
        );
        assert_eq!(depth(&[("TERM", "vt100")]), ColorDepth::None);
        assert_eq!(depth(&[("TERM", "xterm")]), ColorDepth::Ansi16);
        assert_eq!(depth(&[]), ColorDepth::Ansi16);
        assert!(!caps(&[("TERM", "dumb")], ColorChoice::Always).interactive);
        assert!(caps(&[("TERM", "xterm")], ColorChoice::Auto).interactive);
        assert!(!caps(&[("TERM", "linux")], ColorChoice::Auto).mouse);
        assert!(!caps(&[("TERM", "vt220")], ColorChoice::Auto).mouse);
        assert!(caps(&[("TERM", "xterm-256color")], ColorChoice::Auto).mouse);
    }

    #[test]
    fn no_color_and_the_flag() {
        let t = [("TERM", "xterm-256color"), ("NO_COLOR", "1")];
        assert_eq!(caps(&t, ColorChoice::Auto).colors, ColorDepth::None);
        assert_eq!(caps(&t, ColorChoice::Always).colors, ColorDepth::Ansi256);
        let empty = [("TERM", "xterm-256color"), ("NO_COLOR", "")];
        assert_eq!(caps(&empty, ColorChoice::Auto).colors, ColorDepth::Ansi256);
        let t = [("TERM", "xterm-direct")];
        assert_eq!(caps(&t, ColorChoice::Never).colors, ColorDepth::None);
        let vt = [("TERM", "vt100")];
        assert_eq!(caps(&vt, ColorChoice::Always).colors, ColorDepth::Ansi16);
    }
}
