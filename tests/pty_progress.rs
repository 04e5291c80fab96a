//! The progress bar of a long animation, end to end: with standard error a terminal it shows
//! (once the export has run for a second) and is cleared at the end, leaving only the path.
//! Without a terminal nothing is drawn: `tests/animation.rs` checks that stderr stays empty.

#[path = "support/pty.rs"]
mod support;

use std::time::Duration;

use support::Session;

#[test]
fn a_long_animation_shows_a_progress_bar_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all-days.gif");
    // Every built-in day at 1200 px: several seconds of work, well past the bar's second.
    let out_arg = out.display().to_string();
    let mut s = Session::spawn(
        &[
            "export", "--format", "gif", "--width", "1200", "-o", &out_arg,
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
