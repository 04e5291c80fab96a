//! Fatal signals (issue 11): the map restores the terminal and exits 128 + the signal on
//! SIGTERM, SIGHUP (an SSH disconnect), SIGINT and SIGQUIT; an export killed mid-write leaves
//! no temporary file. The map runs in a pseudo-terminal of the test's own, whose modes are
//! compared with `stty -g` before and after; its output is parsed with vt100 and polled with
//! a timeout (never fixed sleeps). Before the fix, each of these left raw mode on, the
//! alternate screen and mouse reporting on and the cursor hidden, or a `.frontline-*.tmp`.

#![cfg(unix)]

use crate::support::pty as support;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use support::{Pty, Session};

const SIGNALS: [(&str, i32); 4] = [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)];

/// Poll `pred` until it holds, or fail naming `what` after a generous timeout.
fn wait_until(what: &str, pred: impl FnMut() -> bool) {
    support::wait_until(what, Duration::from_secs(30), pred);
}

fn kill(signal: &str, pid: u32) {
    let ok = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -{signal} {pid}");
}

/// The map in a pseudo-terminal at 140x45, run in `cwd`, with the terminal's modes
/// (`stty -g`) from before it started.
fn start_map(cwd: &Path, env: &[(&str, &str)]) -> (Session, String) {
    let pty = Pty::open((140, 45));
    let before = stty(&pty.tty(), "-g");
    let mut vars = vec![("TERM", "xterm-256color")];
    vars.extend_from_slice(env);
    (pty.run(&[], &vars, Some(cwd)), before)
}

/// `stty -F TTY ARG` (GNU coreutils), trimmed.
fn stty(tty: &Path, arg: &str) -> String {
    let out = Command::new("stty")
        .arg("-F")
        .arg(tty)
        .arg(arg)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "stty: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Start the map, kill it with `signal`, and check that the terminal is as it was.
fn map_restores_the_terminal_on(signal: &str, number: i32) {
    let cwd = tempfile::tempdir().unwrap();
    let (mut map, before) = start_map(cwd.path(), &[]);
    // The map drawn, on the alternate screen, with mouse reporting on and the cursor hidden.
    wait_until("the map set up", || {
        let p = map.parser.lock().unwrap();
        let s = p.screen();
        s.contents().contains("Mon 2024-11-25")
            && s.alternate_screen()
            && s.mouse_protocol_mode() != vt100::MouseProtocolMode::None
            && s.mouse_protocol_encoding() == vt100::MouseProtocolEncoding::Sgr
            && s.hide_cursor()
    });
    let raw_mode = stty(map.tty(), "-a");
    for flag in ["-icanon", "-echo", "-isig", "-opost"] {
        assert!(raw_mode.contains(flag), "raw mode has {flag}: {raw_mode}");
    }
    kill(signal, map.pid());
    let status = map.wait_exit();
    assert_eq!(
        status.exit_code(),
        128 + number as u32,
        "SIG{signal}: {status:?}"
    );
    assert!(
        status.signal().is_none(),
        "it exited, not killed: {status:?}"
    );
    wait_until("the alternate screen left", || {
        !map.parser.lock().unwrap().screen().alternate_screen()
    });
    assert_eq!(
        stty(map.tty(), "-g"),
        before,
        "SIG{signal}: the termios is restored"
    );
    let p = map.parser.lock().unwrap();
    let s = p.screen();
    assert_eq!(
        s.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse off"
    );
    assert_eq!(
        s.mouse_protocol_encoding(),
        vt100::MouseProtocolEncoding::Default,
        "SGR mouse mode off"
    );
    assert!(!s.hide_cursor(), "the cursor is shown");
    drop(p);
    let raw = map.text();
    for (seq, what) in [
        ("\x1b[?1006l", "SGR mouse off"),
        ("\x1b[?1000l", "mouse capture off"),
        ("\x1b[?1049l", "alternate screen left"),
        ("\x1b[?25h", "cursor shown"),
    ] {
        assert!(raw.contains(seq), "SIG{signal}: {what}");
    }
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    map_restores_the_terminal_on("TERM", 15);
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    map_restores_the_terminal_on("HUP", 1);
}

#[test]
fn sigint_restores_the_terminal_and_exits_130() {
    map_restores_the_terminal_on("INT", 2);
}

#[test]
fn sigquit_restores_the_terminal_and_exits_131() {
    map_restores_the_terminal_on("QUIT", 3);
}

/// The temporary files an export leaves in `dir`.
fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".frontline-") && n.ends_with(".tmp"))
        .collect()
}

/// `frontline export`, stopped halfway through writing its temporary file (the test hook
/// `PAUSE_ENV`), then killed: nothing is left, neither the temporary file nor the export.
#[test]
fn an_export_killed_mid_write_leaves_no_temporary_file() {
    std::thread::scope(|s| {
        for (signal, number) in SIGNALS {
            s.spawn(move || export_killed_by(signal, number));
        }
    });
}

fn export_killed_by(signal: &str, number: i32) {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .current_dir(dir.path())
        .args([
            "export",
            "--date",
            "2024-12-07",
            "--format",
            "svg",
            "-o",
            "map.svg",
        ])
        .env(frontline::export::PAUSE_ENV, "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_until("the temporary file", || !temp_files(dir.path()).is_empty());
    kill(signal, child.id());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(128 + number), "SIG{signal}: {status:?}");
    assert_eq!(temp_files(dir.path()), Vec::<String>::new(), "SIG{signal}");
    assert!(
        !dir.path().join("map.svg").exists(),
        "SIG{signal}: no half export"
    );
}

/// The same from the map: `e` exports into the current directory, the export is killed
/// mid-write, and both the terminal and the directory are left clean.
#[test]
fn a_signal_during_an_export_from_the_map_cleans_up_both() {
    let cwd = tempfile::tempdir().unwrap();
    let (mut map, before) = start_map(cwd.path(), &[(frontline::export::PAUSE_ENV, "1")]);
    wait_until("the map", || map.screen().contains("Mon 2024-11-25"));
    map.send("e");
    wait_until("the temporary file", || !temp_files(cwd.path()).is_empty());
    kill("TERM", map.pid());
    assert_eq!(map.wait_exit().exit_code(), 143);
    assert_eq!(temp_files(cwd.path()), Vec::<String>::new());
    wait_until("the alternate screen left", || {
        !map.parser.lock().unwrap().screen().alternate_screen()
    });
    assert_eq!(stty(map.tty(), "-g"), before);
}
