//! End to end: the real binary in a pseudo-terminal, its screen parsed with vt100 and polled
//! with a timeout (never fixed sleeps).

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
}

impl Session {
    fn start(env: &[(&str, &str)]) -> Session {
        Session::spawn(&[], env)
    }

    fn start_with_args(args: &[&str]) -> Session {
        Session::spawn(args, &[])
    }

    fn spawn(args: &[&str], env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 45,
                cols: 140,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_frontline"));
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let size = |n: u16| NonZeroU16::new(n).unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(size(45), size(140), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        std::thread::spawn(move || {
            let _keep_master_open = pair.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            parser,
            raw,
            writer,
            child,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Poll the screen until `pred` holds, or fail after a generous timeout.
    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if pred(&self.screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the program did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Poll everything the program wrote until `pred` holds: after the child exits, the
    /// reader thread may still be draining the pseudo-terminal.
    fn wait_raw(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let raw = String::from_utf8_lossy(&self.raw.lock().unwrap()).to_string();
            if pred(&raw) {
                return raw;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; output:\n{raw}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait until the reader has seen the terminal leave the alternate screen.
    fn wait_restored(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            let p = self.parser.lock().unwrap();
            if !p.screen().alternate_screen() {
                return;
            }
            drop(p);
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the alternate screen was never left");
    }
}

#[test]
fn step_select_read_a_quote_and_quit() {
    let mut s = Session::start(&[]);
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
    let mut s = Session::start(&[]);
    s.wait_for("the map", |t| t.contains("Mon 2024-11-25"));
    s.send("\x03");
    assert!(s.wait_exit().success());
    s.wait_restored();
}

#[test]
fn a_panic_inside_the_app_leaves_the_terminal_restored() {
    let mut s = Session::start(&[(frontline::tui::PANIC_ENV, "1")]);
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
    let raw = s.wait_raw("the panic message", |r| r.contains("panicking on purpose"));
    assert!(raw.contains("\x1b[?1049l"), "left the alternate screen");
}

#[test]
fn a_broken_dataset_gets_a_message_before_the_terminal_is_touched() {
    let mut s = Session::start(&[]);
    s.send("q");
    s.wait_exit();
    let mut bad =
        Session::start_with_args(&["--data", "tests/fixtures/invalid/unknown-place.toml"]);
    let status = bad.wait_exit();
    assert_eq!(status.exit_code(), 65);
    let raw = bad.wait_raw("the diagnostic", |r| r.contains("unknown-place.toml:46:9"));
    assert!(
        !raw.contains("\x1b[?1049h"),
        "never entered the alternate screen"
    );
}
