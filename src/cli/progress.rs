//! Progress on standard error: a bar for long work that counts (an animation's frames, the
//! reports of a draft), a spinner for long work that does not (a large picture), a line for a
//! slow load. Only when standard error is a terminal, and only once the work has run for a
//! while (short work never shows anything). Standard output keeps only what it always gets.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long work runs before its bar or spinner appears.
pub(crate) const SHOW_AFTER: Duration = Duration::from_secs(1);

/// A test seam: this many milliseconds instead of [`SHOW_AFTER`], so that a test sees the
/// progress of short work.
#[doc(hidden)]
pub(crate) const SHOW_AFTER_ENV: &str = "FRONTLINE_TEST_PROGRESS_AFTER_MS";

fn show_after() -> Duration {
    std::env::var(SHOW_AFTER_ENV)
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(SHOW_AFTER, Duration::from_millis)
}

/// A bar that appears late, or never.
pub(crate) struct Bar {
    started: Instant,
    after: Duration,
    terminal: bool,
    bar: Option<ProgressBar>,
    label: String,
}

/// True if a bar is shown: on a terminal, after `after` ([`SHOW_AFTER`]).
pub(crate) fn shows(terminal: bool, elapsed: Duration, after: Duration) -> bool {
    terminal && elapsed >= after
}

impl Bar {
    /// A bar for writing a `what` (`gif`), not shown yet.
    pub(crate) fn new(what: &'static str) -> Bar {
        Bar::labelled(format!("writing the {what}"))
    }

    /// A bar that says `label` (`reading the reports`), not shown yet.
    pub(crate) fn labelled(label: String) -> Bar {
        Bar {
            started: Instant::now(),
            after: show_after(),
            terminal: std::io::stderr().is_terminal(),
            bar: None,
            label,
        }
    }

    /// `done` of `total` are done.
    pub(crate) fn update(&mut self, done: usize, total: usize) {
        if self.bar.is_none() && shows(self.terminal, self.started.elapsed(), self.after) {
            // Counted from the start of the export, not from when the bar appears.
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr())
                    .with_elapsed(self.started.elapsed());
            let template = format!("{}: {{bar:40}} {{percent}}% · {{elapsed}}", self.label);
            if let Ok(style) = ProgressStyle::with_template(&template) {
                bar.set_style(style);
            }
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    }

    /// Take the bar off the screen.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// `writing the png ⠋ 3s` on standard error while work of unknown length runs: only on a
/// terminal, only after [`SHOW_AFTER`], and cleared when the spinner is dropped.
pub(crate) struct Spinner {
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Spinner {
    /// Start waiting to show `label`.
    pub(crate) fn start(label: String) -> Spinner {
        use std::sync::atomic::Ordering;
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        if !std::io::stderr().is_terminal() {
            return Spinner { done, thread: None };
        }
        let after = show_after();
        let flag = done.clone();
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            while started.elapsed() < after {
                if flag.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
                .with_elapsed(started.elapsed());
            if let Ok(style) =
                ProgressStyle::with_template(&format!("{label} {{spinner}} {{elapsed}}"))
            {
                bar.set_style(style);
            }
            while !flag.load(Ordering::Relaxed) {
                bar.tick();
                std::thread::sleep(Duration::from_millis(100));
            }
            bar.finish_and_clear();
        });
        Spinner {
            done,
            thread: Some(thread),
        }
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        self.done.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// How long a load runs before its progress line appears.
pub(crate) const LOAD_SHOWN_AFTER: Duration = Duration::from_millis(300);

/// `loading dataset.toml … 42 %` on standard error while a dataset loads: only when standard
/// error is a terminal (never in a pipe or a log), only once the load has taken
/// [`LOAD_SHOWN_AFTER`], and erased when it is done, before the map or the command's output.
pub(crate) struct LoadLine {
    started: Instant,
    name: String,
    shown: Option<u8>,
}

impl LoadLine {
    /// Run `load` (of the dataset at `path`) with the line shown as it reports progress.
    pub(crate) fn around<T>(path: &std::path::Path, load: impl FnOnce() -> T) -> T {
        if !std::io::stderr().is_terminal() {
            return load();
        }
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let line = std::rc::Rc::new(std::cell::RefCell::new(LoadLine {
            started: Instant::now(),
            name: crate::dataset::text::printable(&name),
            shown: None,
        }));
        let sink = line.clone();
        let result =
            crate::dataset::progress::with_sink(move |pct| sink.borrow_mut().update(pct), load);
        if line.borrow().shown.is_some() {
            eprint!("\r\x1b[2K");
        }
        result
    }

    fn update(&mut self, pct: u8) {
        if self.shown == Some(pct) || self.started.elapsed() < LOAD_SHOWN_AFTER {
            return;
        }
        self.shown = Some(pct);
        eprint!("\r\x1b[2Kloading {} … {pct} %", self.name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_shows_only_on_a_terminal_after_a_second() {
        assert!(!shows(false, Duration::from_secs(60), SHOW_AFTER));
        assert!(!shows(true, Duration::from_millis(500), SHOW_AFTER));
        assert!(shows(true, Duration::from_millis(1500), SHOW_AFTER));
    }

    #[test]
    fn an_unseen_bar_draws_nothing() {
        let mut bar = Bar::new("frames");
        bar.terminal = false;
        bar.started -= Duration::from_secs(5);
        bar.update(1, 3);
        assert!(bar.bar.is_none());
        bar.terminal = true;
        bar.update(2, 3);
        assert!(bar.bar.is_some());
        bar.finish();
    }
}
