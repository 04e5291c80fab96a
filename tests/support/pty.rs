//! The real binary in a pseudo-terminal of a chosen size and environment, its output kept
//! byte for byte and parsed with vt100; every wait polls with a timeout (never a fixed sleep).
//! Shared by the pty tests that include it with `#[path]`.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtyPair, PtySize, SlavePty, native_pty_system};

/// A pseudo-terminal opened but not yet running anything: its device can be read (`stty`)
/// before the program starts.
pub struct Pty {
    pair: PtyPair,
    size: (u16, u16),
}

impl Pty {
    /// A pseudo-terminal of `cols x rows`.
    pub fn open((cols, rows): (u16, u16)) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        Pty {
            pair,
            size: (cols, rows),
        }
    }

    /// The terminal's device (`/dev/pts/N`).
    pub fn tty(&self) -> PathBuf {
        self.pair.master.tty_name().expect("the pty's device")
    }

    /// Run `frontline ARGS` in it, in `cwd` (the crate's directory by default), with exactly
    /// these terminal variables (TERM, COLORTERM and NO_COLOR are removed unless given).
    pub fn run(self, args: &[&str], env: &[(&str, &str)], cwd: Option<&Path>) -> Session {
        let Pty { pair, size } = self;
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_frontline"));
        cmd.args(args);
        match cwd {
            Some(dir) => cmd.cwd(dir),
            None => cmd.cwd(env!("CARGO_MANIFEST_DIR")),
        }
        for k in ["TERM", "COLORTERM", "NO_COLOR"] {
            cmd.env_remove(k);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let tty = pair.master.tty_name();
        let child = pair.slave.spawn_command(cmd).unwrap();
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let n = |v: u16| NonZeroU16::new(v).unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(n(size.1), n(size.0), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        let master = pair.master;
        std::thread::spawn(move || {
            let _keep_master_open = master;
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
            tty,
            _slave: pair.slave,
        }
    }
}

/// The program running in a pseudo-terminal. The test keeps the terminal's slave end open,
/// so the terminal and its modes outlive the program and can be read after it exits.
pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    tty: Option<PathBuf>,
    _slave: Box<dyn SlavePty + Send>,
}

/// How long a wait polls before failing.
const PATIENCE: Duration = Duration::from_secs(20);

/// Poll `pred` until it holds, or fail naming `what` after `patience`.
pub fn wait_until(what: &str, patience: Duration, mut pred: impl FnMut() -> bool) {
    let deadline = Instant::now() + patience;
    while !pred() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

impl Session {
    /// Run `frontline ARGS` at `cols x rows` with exactly these terminal variables (TERM,
    /// COLORTERM and NO_COLOR are removed unless given).
    pub fn spawn(args: &[&str], env: &[(&str, &str)], size: (u16, u16)) -> Session {
        Pty::open(size).run(args, env, None)
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Everything written so far, as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    /// The terminal's device (`/dev/pts/N`).
    pub fn tty(&self) -> &Path {
        self.tty.as_deref().expect("the pty's device")
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    /// Poll the screen until `pred` holds, or fail after a generous timeout.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if pred(&self.screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        self.wait_exit_within(PATIENCE)
    }

    pub fn wait_exit_within(&mut self, patience: Duration) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + patience;
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

    /// Everything written so far, once `pred` holds (the reader may still be draining).
    pub fn wait_raw(&self, what: &str, pred: impl Fn(&[u8]) -> bool) -> Vec<u8> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let raw = self.raw.lock().unwrap().clone();
            if pred(&raw) {
                return raw;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; output:\n{}",
                String::from_utf8_lossy(&raw)
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// [`Session::wait_raw`] as text.
    pub fn wait_text(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let raw = self.wait_raw(what, |r| pred(&String::from_utf8_lossy(r)));
        String::from_utf8_lossy(&raw).into_owned()
    }

    /// Wait until the reader has seen the terminal leave the alternate screen.
    pub fn wait_restored(&self) {
        wait_until("the alternate screen left", Duration::from_secs(10), || {
            !self.parser.lock().unwrap().screen().alternate_screen()
        });
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// A colour named by an SGR sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sgr {
    /// `30`–`37`, `40`–`47`, `90`–`97`, `100`–`107`.
    Ansi16(u8),
    /// `38;5;N` / `48;5;N`.
    Indexed(u8),
    /// `38;2;R;G;B` / `48;2;R;G;B`.
    Rgb,
    /// `39`, `49`: back to the default.
    Default,
}

/// Every colour set by the SGR sequences (`ESC [ ... m`) in `bytes`.
pub fn sgr_colours(bytes: &[u8]) -> Vec<Sgr> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] != 0x1b || bytes[i + 1] != b'[' {
            i += 1;
            continue;
        }
        let start = i + 2;
        let Some(len) = bytes[start..]
            .iter()
            .position(|b| (0x40..=0x7e).contains(b))
        else {
            break;
        };
        let end = start + len;
        if bytes[end] == b'm' {
            let params = String::from_utf8_lossy(&bytes[start..end]).to_string();
            let p: Vec<u16> = params
                .split([';', ':'])
                .map(|s| s.parse().unwrap_or(0))
                .collect();
            let mut j = 0;
            while j < p.len() {
                match p[j] {
                    38 | 48 | 58 if p.get(j + 1) == Some(&5) => {
                        out.push(Sgr::Indexed(p.get(j + 2).copied().unwrap_or(0) as u8));
                        j += 3;
                    }
                    38 | 48 | 58 if p.get(j + 1) == Some(&2) => {
                        out.push(Sgr::Rgb);
                        j += 5;
                    }
                    n @ (30..=37 | 40..=47 | 90..=97 | 100..=107) => {
                        out.push(Sgr::Ansi16(n as u8));
                        j += 1;
                    }
                    39 | 49 | 59 => {
                        out.push(Sgr::Default);
                        j += 1;
                    }
                    _ => j += 1,
                }
            }
        }
        i = end + 1;
    }
    out
}
