//! The progress bar of a long animation, end to end: with standard error a terminal it shows
//! (once the export has run for a second) and is cleared at the end, leaving only the path.
//! Without a terminal nothing is drawn: `tests/export/animation.rs` checks that stderr stays empty.

use crate::support::pty as support;

use std::time::Duration;

use support::Session;

#[test]
fn a_long_animation_shows_a_progress_bar_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all-days.gif");
    // 30 days of a generated dataset of 300 places at 2,000 px: several seconds of work,
    // well past the bar's second (the built-in 13 days take under one).
    let data = dir.path().join("data");
    let made = std::process::Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args([
            "gen", "--places", "300", "--events", "3000", "--seed", "1", "-o",
        ])
        .arg(&data)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let (out_arg, data_arg) = (out.display().to_string(), data.display().to_string());
    let mut s = Session::spawn(
        &[
            "export", "--data", &data_arg, "--format", "gif", "--width", "2000", "-o", &out_arg,
        ],
        &[("TERM", "xterm-256color")],
        (100, 24),
    );
    let status = s.wait_exit_within(Duration::from_secs(120));
    assert!(status.success());
    let text = s.wait_text("the path", |t| t.contains("all-days.gif"));
    assert!(
        text.contains("writing the gif:"),
        "a bar was drawn: {text:?}"
    );
    assert!(text.contains('%'), "{text:?}");
    assert!(out.exists());
}

/// `import` of a file of 8 MB or more draws a bar while it reads, on a terminal, and clears it;
/// the summary and the written dataset follow as usual.
#[test]
fn a_large_import_shows_a_progress_bar_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let csv = frontline::synth::generate_csv(&frontline::synth::GenSpec {
        places: 200,
        events: 66_000,
        seed: 3,
        events_per_day: 40,
    });
    assert!(
        csv.len() >= 8 << 20,
        "{} bytes: under the bar's 8 MB",
        csv.len()
    );
    let input = dir.path().join("big.csv");
    std::fs::write(&input, csv).unwrap();
    let out = dir.path().join("imported");
    let mut s = Session::spawn(
        &[
            "import",
            "csv",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        &[("TERM", "xterm-256color")],
        (100, 24),
    );
    let status = s.wait_exit_within(Duration::from_secs(300));
    assert!(status.success(), "{}", s.text());
    let text = s.wait_text("the summary", |t| t.contains("imported"));
    let bar = format!("reading {} ", input.display());
    let head: String = text.chars().take(300).collect();
    assert!(text.contains(&bar), "a bar was drawn: {head:?}");
    let size = indicatif::BinaryBytes(std::fs::metadata(&input).unwrap().len());
    assert!(
        text.contains(&format!("{size}/{size}")),
        "it reached the end: {head:?}"
    );
    // Cleared before the summary: the line is erased, then the notes follow.
    let summary = text.find("row(s) imported").unwrap();
    assert!(text[..summary].contains("\u{1b}[2K"), "the bar was cleared");
    // What was written loads.
    let loaded = frontline::loaded::load_path(&out.join("dataset.toml")).unwrap();
    assert_eq!(loaded.dataset.events.len(), 66_000);
}

/// A dataset that takes a while to load shows `loading dataset.toml … N %` on a terminal,
/// erased before the command's own output; in a pipe, stderr stays empty.
#[test]
fn a_slow_load_shows_its_progress_on_a_terminal_and_never_in_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("g");
    let made = std::process::Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(["gen", "--places", "2000", "--events", "60000", "-o"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(made.status.success());
    let toml = data.join("dataset.toml");
    let toml_arg = toml.display().to_string();
    let mut s = Session::spawn(
        &["validate", &toml_arg],
        &[("TERM", "xterm-256color")],
        (120, 24),
    );
    let status = s.wait_exit_within(Duration::from_secs(300));
    assert!(status.success(), "{}", s.text());
    let text = s.wait_text("the summary", |t| t.contains(": ok"));
    let line = text.find("loading dataset.toml … ").expect(&text);
    assert!(text[line..].contains(" %"), "{text:?}");
    // Erased before the summary.
    let summary = text.find(": ok").unwrap();
    assert!(
        line < summary && text[line..summary].contains("\u{1b}[2K"),
        "{text:?}"
    );
    let piped = std::process::Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(["validate", &toml_arg])
        .output()
        .unwrap();
    assert!(piped.status.success());
    assert_eq!(String::from_utf8(piped.stderr).unwrap(), "");
}

/// Work with nothing to count (one picture) shows a spinner on a terminal once it has run for
/// a while (the test seam makes the while short), and clears it before the path is printed.
#[test]
fn a_slow_picture_shows_a_spinner_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("day.png");
    let out_arg = out.display().to_string();
    let mut s = Session::spawn(
        &[
            "export",
            "--date",
            "2024-12-07",
            "--format",
            "png",
            "--width",
            "3000",
            "-o",
            &out_arg,
        ],
        &[
            ("TERM", "xterm-256color"),
            ("FRONTLINE_TEST_PROGRESS_AFTER_MS", "0"),
        ],
        (100, 24),
    );
    let status = s.wait_exit_within(Duration::from_secs(120));
    assert!(status.success(), "{}", s.text());
    let text = s.wait_text("the path", |t| t.contains("day.png"));
    let spinner = text.find("writing the png").expect(&text);
    let path = text.find("day.png").unwrap();
    assert!(
        spinner < path && text[spinner..path].contains("\u{1b}[2K"),
        "drawn, then cleared before the path: {text:?}"
    );
    assert!(out.exists());
}

/// `draft` over several reports counts them on a terminal, and clears the bar before its
/// summary.
#[test]
fn a_draft_of_many_reports_shows_a_bar_on_a_terminal() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let reports: Vec<String> = std::fs::read_dir(root.join("data/sources"))
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("draft.toml");
    let out_arg = out.display().to_string();
    let mut args = vec!["draft", "--published", "2024-12-07", "-o", &out_arg];
    args.extend(reports.iter().map(String::as_str));
    let mut s = Session::spawn(
        &args,
        &[
            ("TERM", "xterm-256color"),
            ("FRONTLINE_TEST_PROGRESS_AFTER_MS", "0"),
        ],
        (120, 24),
    );
    let status = s.wait_exit_within(Duration::from_secs(120));
    assert!(status.success(), "{}", s.text());
    let text = s.wait_text("the summary", |t| t.contains("drafted"));
    let label = format!("reading {} reports:", reports.len());
    let bar = text.find(&label).expect(&text);
    assert!(text[bar..].contains('%'), "{text:?}");
    assert!(text[bar..].contains("\u{1b}[2K"), "cleared: {text:?}");
    assert!(out.exists());
}
