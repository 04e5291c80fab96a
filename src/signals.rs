//! Fatal signals: SIGTERM, SIGHUP (what an SSH disconnect sends), SIGINT and SIGQUIT.
//!
//! Once [`install`]ed, a watcher thread waits for them. On one, it removes the temporary files
//! being written (an export killed mid-write leaves nothing behind), restores the terminal if
//! the map set it up (raw mode off, the alternate screen left, mouse capture off, the cursor
//! shown), and exits with 128 + the signal's number, as a shell reports a process killed by
//! it. Without `install` (in a library user's process), the signals keep their default action.
//!
//! What to clean up is registered here by the layers that make the mess ([`with_cleanup`]):
//! the export registers its temporary file while creating it, the map its terminal restore.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

/// The signals handled.
pub(crate) const HANDLED: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// How long the terminal restore may take before the process exits anyway (a terminal that
/// no longer reads would block the writes forever).
const RESTORE_TIMEOUT: Duration = Duration::from_secs(2);

/// What a fatal signal cleans up.
#[derive(Debug, Default)]
pub(crate) struct Cleanup {
    temp_files: Vec<PathBuf>,
    restore: Option<fn()>,
}

impl Cleanup {
    /// Remove `path` if a fatal signal arrives (until [`Cleanup::forget_temp_file`]).
    pub(crate) fn add_temp_file(&mut self, path: PathBuf) {
        self.temp_files.push(path);
    }

    /// No longer remove `path`: it was renamed into place, or removed.
    pub(crate) fn forget_temp_file(&mut self, path: &Path) {
        self.temp_files.retain(|p| p != path);
    }

    /// No longer remove any of `paths` (many at once: forgetting each alone is quadratic).
    pub(crate) fn forget_temp_files(&mut self, paths: &std::collections::HashSet<&PathBuf>) {
        self.temp_files.retain(|p| !paths.contains(p));
    }

    /// Restore the terminal with `restore` on a fatal signal (`None`: nothing to restore).
    pub(crate) fn set_restore(&mut self, restore: Option<fn()>) {
        self.restore = restore;
    }
}

static CLEANUP: Mutex<Cleanup> = Mutex::new(Cleanup {
    temp_files: Vec::new(),
    restore: None,
});

fn lock() -> MutexGuard<'static, Cleanup> {
    CLEANUP.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Change what a fatal signal cleans up. A signal arriving meanwhile waits until `f` returns,
/// so what `f` does and registers is seen whole: a file created and registered in one call is
/// never left behind, and a terminal restored here is not restored twice.
pub(crate) fn with_cleanup<T>(f: impl FnOnce(&mut Cleanup) -> T) -> T {
    f(&mut lock())
}

/// Start watching for the fatal signals (once; later calls do nothing).
///
/// # Errors
/// If the handlers cannot be registered or the watcher thread cannot start; the signals then
/// keep their default action.
pub(crate) fn install() -> std::io::Result<()> {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return Ok(());
    }
    let started = signal_hook::iterator::Signals::new(HANDLED).and_then(|mut signals| {
        std::thread::Builder::new()
            .name("frontline-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    clean_up_and_exit(signal);
                }
            })
            .map(drop)
    });
    if started.is_err() {
        INSTALLED.store(false, Ordering::SeqCst);
    }
    started
}

/// The exit code of a process ended by `signal`: 128 + its number (SIGINT 130, SIGTERM 143).
pub(crate) const fn exit_code(signal: i32) -> i32 {
    128 + signal
}

fn clean_up_and_exit(signal: i32) -> ! {
    // Held to the end: nothing is registered, and no terminal set up, after this point.
    let cleanup = lock();
    for path in &cleanup.temp_files {
        let _ = std::fs::remove_file(path);
    }
    if let Some(restore) = cleanup.restore {
        // In a thread of its own, holding standard output so the map draws nothing after
        // the restore, and given a deadline: a terminal that stopped reading blocks writes.
        let (done, finished) = std::sync::mpsc::channel();
        let _ = std::thread::Builder::new()
            .name("frontline-restore".into())
            .spawn(move || {
                let _out = std::io::stdout().lock();
                restore();
                let _ = done.send(());
                loop {
                    std::thread::park(); // keep standard output until the process exits
                }
            });
        let _ = finished.recv_timeout(RESTORE_TIMEOUT);
    }
    std::process::exit(exit_code(signal))
}
