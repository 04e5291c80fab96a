//! The escape codes fit the terminal: the real binary in a pseudo-terminal, once per class of
//! `TERM` (dumb, the Linux console, xterm-256color, xterm-direct and COLORTERM=truecolor),
//! its bytes parsed (SGR sequences, and vt100 for the screen's cells).

use crate::support::pty as support;

use support::{Session, Sgr, sgr_colours};

/// Open the map with these variables, go to the last day (shaded areas, changes), read its
/// cells, quit, and return every byte written with the cells' colours.
fn run(env: &[(&str, &str)], args: &[&str]) -> (Vec<u8>, Vec<vt100::Color>, String) {
    let mut s = Session::spawn(args, env, (100, 30));
    s.wait_for("the first day", |t| t.contains("Mon 2024-11-25"));
    s.send("G");
    s.wait_for("the last day", |t| t.contains("Sat 2024-12-07"));
    // Its territory is computed on a worker; the map title says so until it is drawn.
    s.wait_for("the areas drawn", |t| !t.contains("areas being computed"));
    let (cells, screen) = {
        let p = s.parser.lock().unwrap();
        let screen = p.screen();
        let mut colours = Vec::new();
        for row in 0..30 {
            for col in 0..100 {
                if let Some(c) = screen.cell(row, col) {
                    colours.push(c.fgcolor());
                    colours.push(c.bgcolor());
                }
            }
        }
        (colours, screen.contents())
    };
    s.send("q");
    assert!(s.wait_exit().success());
    let raw = s.wait_raw("the terminal restored", |r| {
        r.windows(8).any(|w| w == b"\x1b[?1049l")
    });
    (raw, cells, screen)
}

fn mouse_capture(raw: &[u8]) -> bool {
    raw.windows(8).any(|w| w == b"\x1b[?1000h")
}

#[test]
fn dumb_gets_a_plain_message_and_not_one_escape_code() {
    let mut s = Session::spawn(&[], &[("TERM", "dumb")], (100, 30));
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 2);
    let raw = s.wait_raw("the message", |r| {
        String::from_utf8_lossy(r).contains("TERM=dumb")
    });
    let text = String::from_utf8_lossy(&raw);
    assert!(!raw.contains(&0x1b), "no escape byte at all: {text:?}");
    assert!(text.contains("export --format txt"), "{text}");
}

#[test]
fn the_linux_console_gets_16_colour_codes_only_and_no_mouse() {
    let (raw, cells, _) = run(&[("TERM", "linux")], &[]);
    let colours = sgr_colours(&raw);
    assert!(
        colours.iter().any(|c| matches!(c, Sgr::Ansi16(40..=47))),
        "shading in 16 colours"
    );
    assert!(colours.iter().any(|c| matches!(c, Sgr::Ansi16(90..=97))));
    for c in &colours {
        assert!(
            matches!(c, Sgr::Ansi16(_) | Sgr::Default),
            "{c:?}: no 256-colour or 24-bit code for 16 colours"
        );
    }
    for c in cells {
        assert!(
            matches!(c, vt100::Color::Default | vt100::Color::Idx(0..=15)),
            "{c:?}"
        );
    }
    assert!(!mouse_capture(&raw), "no mouse capture on the console");
}

#[test]
fn xterm_256color_gets_256_colour_codes_and_no_24_bit_ones() {
    let (raw, cells, _) = run(&[("TERM", "xterm-256color")], &[]);
    let colours = sgr_colours(&raw);
    assert!(colours.iter().any(|c| matches!(c, Sgr::Indexed(16..))));
    assert!(
        !colours.contains(&Sgr::Rgb),
        "no 24-bit code for 256 colours"
    );
    assert!(!cells.iter().any(|c| matches!(c, vt100::Color::Rgb(..))));
    assert!(mouse_capture(&raw));
}

#[test]
fn truecolor_terminals_get_24_bit_colour() {
    for env in [
        &[("TERM", "xterm-direct")][..],
        &[("TERM", "xterm-256color"), ("COLORTERM", "truecolor")][..],
    ] {
        let (raw, cells, _) = run(env, &[]);
        assert!(sgr_colours(&raw).contains(&Sgr::Rgb), "{env:?}");
        assert!(cells.iter().any(|c| matches!(c, vt100::Color::Rgb(..))));
    }
}

#[test]
fn no_color_sets_no_colour_and_says_areas_are_not_shaded() {
    let env = [("TERM", "xterm-256color"), ("NO_COLOR", "1")];
    let (raw, cells, screen) = run(&env, &[]);
    for c in sgr_colours(&raw) {
        assert_eq!(c, Sgr::Default, "no colour under NO_COLOR");
    }
    assert!(cells.iter().all(|c| *c == vt100::Color::Default));
    assert!(screen.contains("areas not shaded: no colour"), "{screen}");
    // --color always overrides NO_COLOR; --color never turns colour off anywhere.
    let (raw, _, screen) = run(&env, &["--color", "always"]);
    assert!(
        sgr_colours(&raw)
            .iter()
            .any(|c| matches!(c, Sgr::Indexed(16..)))
    );
    assert!(screen.contains("areas shaded (t)"));
    let (raw, _, _) = run(&[("TERM", "xterm-direct")], &["--color", "never"]);
    assert!(sgr_colours(&raw).iter().all(|c| *c == Sgr::Default));
}
