//! End to end: the real binary in a pseudo-terminal, its screen parsed with vt100 and polled
//! with a timeout (never fixed sleeps).

use crate::support::pty as support;

use support::Session;

/// The map at 140x45 in a 256-colour terminal, with these extra variables.
fn start(env: &[(&str, &str)]) -> Session {
    let mut vars = vec![("TERM", "xterm-256color")];
    vars.extend_from_slice(env);
    Session::spawn(&[], &vars, (140, 45))
}

fn start_with_args(args: &[&str]) -> Session {
    Session::spawn(args, &[("TERM", "xterm-256color")], (140, 45))
}

#[test]
fn step_select_read_a_quote_and_quit() {
    let mut s = start(&[]);
    s.wait_for("the first day", |t| t.contains("Mon 2024-11-25"));
    assert!(
        s.parser.lock().unwrap().screen().alternate_screen(),
        "runs on the alternate screen"
    );
    s.send("\x1b[C"); // Right
    s.wait_for("the next day", |t| t.contains("Tue 2024-11-26"));
    s.send("G"); // last day
    s.wait_for("the last day", |t| t.contains("Sat 2024-12-07"));
    s.send("/homs\r");
    s.wait_for("Homs selected", |t| t.contains("Homs  city"));
    s.wait_for("one of its quotes", |t| {
        t.contains("An opposition figure in touch with rebel")
    });
    s.send("?");
    s.wait_for("the help", |t| {
        t.contains("Help · Esc or ? closes") && t.contains("Legend")
    });
    s.send("\x1b");
    s.wait_for("the help closed", |t| !t.contains("Help · Esc or ? closes"));
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit 0, got {status:?}");
    s.wait_restored();
    let p = s.parser.lock().unwrap();
    assert_eq!(
        p.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse capture off"
    );
    assert!(!p.screen().hide_cursor(), "cursor shown again");
}

#[test]
fn ctrl_c_quits_cleanly() {
    let mut s = start(&[]);
    s.wait_for("the map", |t| t.contains("Mon 2024-11-25"));
    s.send("\x03");
    assert!(s.wait_exit().success());
    s.wait_restored();
}

#[test]
fn a_panic_inside_the_app_leaves_the_terminal_restored() {
    let mut s = start(&[(frontline::tui::PANIC_ENV, "1")]);
    let status = s.wait_exit();
    assert!(!status.success(), "a panic is a failure");
    s.wait_restored();
    let p = s.parser.lock().unwrap();
    assert_eq!(
        p.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse capture off after a panic"
    );
    drop(p);
    let raw = s.wait_text("the panic message", |r| r.contains("panicking on purpose"));
    assert!(raw.contains("\x1b[?1049l"), "left the alternate screen");
}

#[test]
fn a_broken_dataset_gets_a_message_before_the_terminal_is_touched() {
    let mut s = start(&[]);
    s.send("q");
    s.wait_exit();
    let mut bad = start_with_args(&["--data", "tests/fixtures/invalid/unknown-place.toml"]);
    let status = bad.wait_exit();
    assert_eq!(status.exit_code(), 65);
    let raw = bad.wait_text("the diagnostic", |r| r.contains("unknown-place.toml:46:9"));
    assert!(
        !raw.contains("\x1b[?1049h"),
        "never entered the alternate screen"
    );
}

/// An animation exported from the map takes seconds: the footer says what is being written
/// and how far it is, then what was written.
#[test]
fn an_animation_exported_from_the_map_shows_its_progress() {
    let cwd = tempfile::tempdir().unwrap();
    let mut s =
        support::Pty::open((140, 45)).run(&[], &[("TERM", "xterm-256color")], Some(cwd.path()));
    s.wait_for("the map", |t| t.contains("Mon 2024-11-25"));
    // `x` steps through the formats; each press is seen on screen before the next.
    let format_shown = |screen: &str| {
        screen
            .split("export format: ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .map(str::to_string)
    };
    for _ in 0..12 {
        let before = format_shown(&s.screen());
        if before.as_deref() == Some("gif") {
            break;
        }
        s.send("x");
        s.wait_for("the next format", |t| format_shown(t) != before);
    }
    s.wait_for("gif chosen", |t| t.contains("export format: gif"));
    s.send("e");
    let name = "syria-2024_2024-11-25_to_2024-12-07.gif";
    // Drawn as cells change, the progress is read off the screen, not the bytes.
    s.wait_for("the progress in the footer", |t| {
        t.lines()
            .any(|l| l.contains(&format!("writing {name} … ")) && l.contains("% (Esc cancels)"))
    });
    s.wait_for("the export written", |t| {
        t.contains(&format!("wrote ./{name}"))
    });
    assert!(cwd.path().join(name).exists());
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn the_map_opens_a_directory_holding_one_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regions");
    for f in ["sudan.toml", "sudan.txt"] {
        std::fs::copy(fixture.join(f), dir.path().join(f)).unwrap();
    }
    let path = dir.path().to_str().unwrap();
    let mut s = start_with_args(&["--data", path, "--no-watch"]);
    s.wait_for("the Sudan fixture", |t| t.contains("Sudan"));
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn the_map_opens_on_the_date_given() {
    let mut s = start_with_args(&["--date", "2024-12-05"]);
    s.wait_for("5 December", |t| t.contains("Thu 2024-12-05"));
    s.send("\x1b[C"); // Right
    s.wait_for("the next day", |t| t.contains("Fri 2024-12-06"));
    s.send("q");
    assert!(s.wait_exit().success());
}

/// An animation written from the map never freezes it: while it is written the days still
/// step, and `Esc` cancels it, leaving no file (not even a temporary one) behind.
#[test]
fn esc_cancels_an_animation_and_the_map_steps_meanwhile() {
    let cwd = tempfile::tempdir().unwrap();
    // 250 days of 300 places: an animation of many seconds.
    let data = cwd.path().join("data");
    let made = std::process::Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args([
            "gen", "--places", "300", "--events", "15000", "--seed", "2", "-o",
        ])
        .arg(&data)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let data_arg = data.display().to_string();
    let mut s = support::Pty::open((140, 45)).run(
        &["--data", &data_arg, "--no-watch"],
        &[("TERM", "xterm-256color")],
        Some(cwd.path()),
    );
    s.wait_for("the map", |t| t.contains("Wed 2020-01-01"));
    let format_shown = |screen: &str| {
        screen
            .split("export format: ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .map(str::to_string)
    };
    for _ in 0..12 {
        let before = format_shown(&s.screen());
        if before.as_deref() == Some("apng") {
            break;
        }
        s.send("x");
        s.wait_for("the next format", |t| format_shown(t) != before);
    }
    s.wait_for("apng chosen", |t| t.contains("export format: apng"));
    s.send("e");
    s.wait_for("the export under way", |t| t.contains("(Esc cancels)"));
    // The map is live: a day step shows while the animation is written.
    s.send("l");
    s.wait_for("the next day, at once", |t| {
        t.contains("Thu 2020-01-02") && t.contains("(Esc cancels)")
    });
    s.send("\x1b");
    s.wait_for("the cancellation", |t| t.contains("export cancelled"));
    let left: Vec<_> = std::fs::read_dir(cwd.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "data")
        .collect();
    assert!(left.is_empty(), "nothing written, nothing left: {left:?}");
    s.send("l");
    s.wait_for("the map steps on", |t| t.contains("Fri 2020-01-03"));
    s.send("q");
    assert!(s.wait_exit().success());
}
