//! The progress bar of a long animation, end to end: with standard error a terminal it shows
//! (once the export has run for a second) and is cleared at the end, leaving only the path.
//! Without a terminal nothing is drawn: `tests/animation.rs` checks that stderr stays empty.

use std::io::Read;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[test]
fn a_long_animation_shows_a_progress_bar_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all-days.gif");
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_frontline"));
    // Every built-in day at 1200 px: several seconds of work, well past the bar's second.
    let out_arg = out.display().to_string();
    cmd.args([
        "export", "--format", "gif", "--width", "1200", "-o", &out_arg,
    ]);
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let raw = Arc::new(Mutex::new(Vec::new()));
    let r = raw.clone();
    std::thread::spawn(move || {
        let _keep_master_open = pair.master;
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            r.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "the export did not finish");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success());
    let text = loop {
        let text = String::from_utf8_lossy(&raw.lock().unwrap()).to_string();
        if text.contains("all-days.gif") || Instant::now() > deadline {
            break text;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        text.contains("writing the gif:"),
        "a bar was drawn: {text:?}"
    );
    assert!(text.contains('%'), "{text:?}");
    assert!(text.contains("all-days.gif"), "then the path: {text:?}");
    assert!(out.exists());
}
