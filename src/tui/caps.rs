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
//! | `tmux*`/`screen*` inside tmux (`TMUX` set) whose client has the `RGB` feature, or whose `terminal-overrides`/`terminal-features` give `Tc` or `RGB` | 24-bit | on |
//! | anything else (`xterm`, `screen`, unset) | 16, or 24-bit if `COLORTERM` says so | on |
//!
//! tmux is asked (`tmux display-message -p '#{client_termfeatures}'`, then `tmux show -s`)
//! only when `TMUX` is set and nothing else said 24-bit, and for at most 300 ms.
//!
//! `NO_COLOR` (set and not empty) and `--color never` turn colour off; `--color always` turns
//! it on (16 colours where the terminal class has none) even under `NO_COLOR`.

/// The `--color` flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    /// From the terminal and `NO_COLOR`.
    #[default]
    Auto,
    /// Colour even under `NO_COLOR` or on a monochrome terminal class.
    Always,
    /// No colour.
    Never,
}

pub(crate) use crate::screen::palette::ColorDepth;

/// What the map may use on this terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Caps {
    /// The terminal can draw the map at all (`TERM=dumb` cannot: no cursor movement).
    pub interactive: bool,
    /// How many colours to use.
    pub colors: ColorDepth,
    /// Capture the mouse at start (`m` toggles it).
    pub mouse: bool,
}

/// The capabilities for an environment (`var` reads a variable) and a `--color` choice;
/// `tmux_rgb` says whether the tmux the program runs in passes 24-bit colour on (asked only
/// inside tmux, when nothing else said 24-bit).
pub(crate) fn detect(
    choice: ColorChoice,
    var: &dyn Fn(&str) -> Option<String>,
    tmux_rgb: &dyn Fn() -> bool,
) -> Caps {
    let term = var("TERM").unwrap_or_default().to_ascii_lowercase();
    let colorterm = var("COLORTERM").unwrap_or_default().to_ascii_lowercase();
    let no_color = var("NO_COLOR").is_some_and(|v| !v.is_empty());
    let monochrome = ["vt100", "vt102", "vt220", "vt52"]
        .iter()
        .any(|t| term == *t || term.starts_with(&format!("{t}-")));
    let console = term == "linux" || term.starts_with("linux-");
    let direct = term.ends_with("-direct") || term.contains("truecolor") || term.contains("24bit");
    let says_truecolor = colorterm == "truecolor" || colorterm == "24bit";
    let in_tmux = var("TMUX").is_some_and(|v| !v.is_empty())
        && (term.starts_with("tmux") || term.starts_with("screen"));
    let class = if monochrome {
        ColorDepth::None
    } else if console {
        ColorDepth::Ansi16
    } else if direct || says_truecolor || (in_tmux && tmux_rgb()) {
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
pub(crate) fn from_env(choice: ColorChoice) -> Caps {
    detect(choice, &|k| std::env::var(k).ok(), &tmux_passes_rgb)
}

/// Whether the tmux this runs in passes 24-bit colour to its terminal: the client's features
/// include `RGB` (tmux 3.2 and later), or the server's overrides or features give `Tc` or
/// `RGB` to some terminal.
fn tmux_passes_rgb() -> bool {
    let ask = |args: &[&str]| run_briefly("tmux", args).unwrap_or_default();
    let features = ask(&["display-message", "-p", "#{client_termfeatures}"]);
    if features.split(',').any(|f| f.trim() == "RGB") {
        return true;
    }
    let server = ask(&["show", "-s"]);
    tmux_options_give_rgb(&server)
}

/// True if tmux's server options (`terminal-overrides`, `terminal-features`) give a
/// terminal `Tc` or `RGB`.
fn tmux_options_give_rgb(options: &str) -> bool {
    options
        .lines()
        .filter(|l| l.starts_with("terminal-overrides") || l.starts_with("terminal-features"))
        .any(|l| l.contains(":Tc") || l.contains(":RGB") || l.contains(",RGB"))
}

/// The standard output of a command that finished within 300 ms, or `None`.
fn run_briefly(program: &str, args: &[&str]) -> Option<String> {
    use std::process::{Command, Stdio};
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let until = std::time::Instant::now() + std::time::Duration::from_millis(300);
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => break,
            Ok(Some(_)) | Err(_) => return None,
            Ok(None) if std::time::Instant::now() >= until => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(5)),
        }
    }
    let mut out = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take()?, &mut out).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caps(vars: &[(&str, &str)], choice: ColorChoice) -> Caps {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        detect(
            choice,
            &|k| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()),
            &|| false,
        )
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
    fn tmux_is_asked_inside_tmux_only() {
        let vars = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let depth = |list: &[(&str, &str)], rgb: bool| {
            let v = vars(list);
            detect(
                ColorChoice::Auto,
                &|k| v.iter().find(|(n, _)| n == k).map(|(_, x)| x.clone()),
                &|| rgb,
            )
            .colors
        };
        let tmux = [
            ("TERM", "tmux-256color"),
            ("TMUX", "/tmp/tmux-0/default,1,0"),
        ];
        assert_eq!(depth(&tmux, true), ColorDepth::TrueColor);
        assert_eq!(depth(&tmux, false), ColorDepth::Ansi256);
        assert_eq!(
            depth(&[("TERM", "xterm-256color")], true),
            ColorDepth::Ansi256,
            "not in tmux: not asked"
        );
        assert!(tmux_options_give_rgb(
            "terminal-overrides[0] xterm*:Tc\nescape-time 500"
        ));
        assert!(tmux_options_give_rgb(
            "terminal-features[2] xterm-256color:RGB"
        ));
        assert!(!tmux_options_give_rgb("terminal-overrides[0] linux*:AX@"));
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
