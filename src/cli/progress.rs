//! The progress bar of a long export, on standard error: only when standard error is a
//! terminal, and only once the export has run for a second (a short one never shows a bar).
//! Standard output keeps only the path written.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long an export runs before the bar appears.
pub const SHOW_AFTER: Duration = Duration::from_secs(1);

/// A bar that appears late, or never.
pub struct Bar {
    started: Instant,
    terminal: bool,
    bar: Option<ProgressBar>,
    what: &'static str,
}

/// True if a bar is shown: on a terminal, after [`SHOW_AFTER`].
pub fn shows(terminal: bool, elapsed: Duration) -> bool {
    terminal && elapsed >= SHOW_AFTER
}

impl Bar {
    /// A bar for writing a `what` (`gif`), not shown yet.
    pub fn new(what: &'static str) -> Bar {
        Bar {
            started: Instant::now(),
            terminal: std::io::stderr().is_terminal(),
            bar: None,
            what,
        }
    }

    /// `done` of `total` are done.
    pub fn update(&mut self, done: usize, total: usize) {
        if self.bar.is_none() && shows(self.terminal, self.started.elapsed()) {
            // Counted from the start of the export, not from when the bar appears.
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr())
                    .with_elapsed(self.started.elapsed());
            let template = format!(
                "writing the {}: {{bar:40}} {{percent}}% · {{elapsed}}",
                self.what
            );
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
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// How long a load runs before its progress line appears.
pub const LOAD_SHOWN_AFTER: Duration = Duration::from_millis(300);

/// `loading dataset.toml … 42 %` on standard error while a dataset loads: only when standard
/// error is a terminal (never in a pipe or a log), only once the load has taken
/// [`LOAD_SHOWN_AFTER`], and erased when it is done, before the map or the command's output.
pub struct LoadLine {
    started: Instant,
    name: String,
    shown: Option<u8>,
}

impl LoadLine {
    /// Run `load` (of the dataset at `path`) with the line shown as it reports progress.
    pub fn around<T>(path: &std::path::Path, load: impl FnOnce() -> T) -> T {
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
        assert!(!shows(false, Duration::from_secs(60)));
        assert!(!shows(true, Duration::from_millis(500)));
        assert!(shows(true, Duration::from_millis(1500)));
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
