//! Watching a dataset file and its source texts, so that the map follows an editor.
//!
//! - The directories that hold them are watched (editors often save by writing a new file and
//!   renaming it over the old one, which a watch on the file itself would lose), but only
//!   events on the watched files count, and only those that can change a file's content:
//!   opening, reading and closing it (frontline's own reads among them) and metadata changes
//!   never do.
//! - A burst of events counts once, when the files have been quiet for [`DEBOUNCE`].
//! - The files are then hashed, and read again only if what they hold changed: saving the
//!   same text, `touch` or a `chmod` reloads nothing.
//! - The hashing and the loading run on a thread of their own: the map stays live while a big
//!   dataset loads, and quitting never waits for it.
//! - A dataset path that is not a regular file (a FIFO renamed over it, a device) is refused
//!   at once, never opened: opening a FIFO would wait for a writer.

use std::hash::{DefaultHasher, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use notify::event::ModifyKind;
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::dataset::LoadError;
use crate::dataset::text::shown;
use crate::loaded::Loaded;
use crate::screen::app::App;

/// How long the files must be quiet before a change counts (an editor's save is several
/// writes; a tool may write a file in parts).
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(200);

/// How often the interactive loop looks for changes while it waits for keys.
pub(crate) const POLL: Duration = Duration::from_millis(100);

/// A file to which every reload that starts appends a line (a test seam: how the pty tests
/// count reloads).
#[doc(hidden)]
pub(crate) const TRACE_ENV: &str = "FRONTLINE_RELOAD_TRACE";

/// Look for a change and for a finished reload, and give the app what came of it. True if
/// the screen changed.
pub(crate) fn serve(app: &mut App, watch: &mut Watch) -> bool {
    match watch.poll() {
        Poll::Quiet => false,
        Poll::Slow => {
            app.message = Some(format!(
                "the dataset changed: reading {} … (the map stays live)",
                shown(watch.dataset())
            ));
            true
        }
        Poll::Unchanged => {
            app.message = None;
            true
        }
        Poll::Done(result) => {
            let result = *result;
            if let Ok(loaded) = &result
                && let Err(e) = watch.follow(loaded)
            {
                app.message = Some(format!("{e}; the map will not follow it"));
            }
            app.reloaded(&shown(watch.dataset()), result);
            true
        }
    }
}

/// Why the watch could not start.
#[derive(Debug, thiserror::Error)]
#[error("cannot watch {path} for changes: {reason}")]
pub(crate) struct WatchError {
    /// The file or directory.
    pub path: String,
    /// What the system said.
    pub reason: String,
}

/// What [`Watch::poll`] found.
pub(crate) enum Poll {
    /// Nothing to do.
    Quiet,
    /// A reload has run for a while in the background: say so.
    Slow,
    /// A reload said to be slow found the files as they were.
    Unchanged,
    /// A reload finished.
    Done(Box<Result<Loaded, LoadError>>),
}

/// What the background thread sends back.
enum Outcome {
    /// The files hold what they held at the last load.
    Same,
    /// They changed (their new hash), and the dataset was loaded again.
    Loaded(u64, Box<Result<Loaded, LoadError>>),
}

/// A watch on a dataset file and the source texts it names.
pub(crate) struct Watch {
    dataset: PathBuf,
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// When a watched file last changed, if it has since the last reload began.
    pending: Option<Instant>,
    /// What the files held at the last load.
    hash: u64,
    /// The reload running in the background, if one is: since when, whether the map was
    /// told, and where its outcome will come.
    running: Option<Running>,
}

struct Running {
    since: Instant,
    told: bool,
    outcome: Receiver<Outcome>,
}

/// How long a reload runs before the map says it is reading.
const SLOW: Duration = Duration::from_millis(300);

/// `path` with its directory made absolute and free of symbolic links, so that it compares
/// equal to the paths the watcher reports (the file itself may be missing mid-save).
fn normal(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    match path.file_name() {
        Some(name) => dir.join(name),
        None => dir,
    }
}

/// Whether an event can change what a file holds: not an open, a read, a close after
/// reading, or a change of its times or permissions.
fn changes_content(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
    )
}

/// A hash of what the files hold, in order (a missing or unreadable file hashes as such). A
/// file that is not a regular one is not opened.
fn hash_files(files: &[PathBuf]) -> u64 {
    let mut h = DefaultHasher::new();
    let mut buf = vec![0u8; 1 << 16];
    for f in files {
        h.write(f.as_os_str().as_encoded_bytes());
        match std::fs::metadata(f) {
            Ok(m) if m.is_file() => {
                h.write_u8(1);
                if let Ok(mut file) = std::fs::File::open(f) {
                    while let Ok(n) = file.read(&mut buf) {
                        if n == 0 {
                            break;
                        }
                        h.write(&buf[..n]);
                    }
                }
            }
            Ok(_) => h.write_u8(2),
            Err(_) => h.write_u8(0),
        }
    }
    h.finish()
}

/// Load the dataset at `path`, refusing at once a path that is not a regular file.
fn load(path: &Path) -> Result<Loaded, LoadError> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => Err(LoadError::Unreadable {
            path: path.display().to_string(),
            reason: "not a regular file (a FIFO, a device or a socket is never read)".into(),
        }),
        _ => crate::loaded::load_path(path),
    }
}

impl Watch {
    /// Watch `dataset` and the sources of `loaded` (its last valid version).
    pub(crate) fn new(dataset: &Path, loaded: &Loaded) -> Result<Watch, WatchError> {
        let (tx, events) = channel();
        let watcher = notify::recommended_watcher(tx).map_err(|e| WatchError {
            path: dataset.display().to_string(),
            reason: e.to_string(),
        })?;
        let mut watch = Watch {
            dataset: dataset.to_path_buf(),
            files: Vec::new(),
            dirs: Vec::new(),
            watcher,
            events,
            pending: None,
            hash: 0,
            running: None,
        };
        watch.follow(loaded)?;
        watch.hash = hash_files(&watch.files);
        Ok(watch)
    }

    /// The dataset file watched.
    pub(crate) fn dataset(&self) -> &Path {
        &self.dataset
    }

    /// Watch the files of this version of the dataset: the dataset file and every source
    /// text it names (a new version may name other sources).
    pub(crate) fn follow(&mut self, loaded: &Loaded) -> Result<(), WatchError> {
        let base = self.dataset.parent().unwrap_or(Path::new("")).to_path_buf();
        let mut files = vec![normal(&self.dataset)];
        files.extend(
            loaded
                .dataset
                .sources
                .iter()
                .map(|s| normal(&base.join(&s.file))),
        );
        files.sort();
        files.dedup();
        let mut dirs: Vec<PathBuf> = files
            .iter()
            .filter_map(|f| f.parent().map(Path::to_path_buf))
            .collect();
        dirs.sort();
        dirs.dedup();
        for dir in dirs.iter().filter(|d| !self.dirs.contains(d)) {
            self.watcher
                .watch(dir, RecursiveMode::NonRecursive)
                .map_err(|e| WatchError {
                    path: dir.display().to_string(),
                    reason: e.to_string(),
                })?;
        }
        for dir in self.dirs.iter().filter(|d| !dirs.contains(d)) {
            let _ = self.watcher.unwatch(dir);
        }
        self.files = files;
        self.dirs = dirs;
        Ok(())
    }

    /// Take the events so far, start a reload once a change has settled, and hand over a
    /// finished one (never waits).
    pub(crate) fn poll(&mut self) -> Poll {
        while let Ok(event) = self.events.try_recv() {
            let Ok(event) = event else { continue };
            if changes_content(&event.kind)
                && event.paths.iter().any(|p| self.files.contains(&normal(p)))
            {
                self.pending = Some(Instant::now());
            }
        }
        if let Some(running) = &mut self.running {
            match running.outcome.try_recv() {
                Ok(Outcome::Same) => {
                    let told = running.told;
                    self.running = None;
                    if told {
                        return Poll::Unchanged;
                    }
                }
                Ok(Outcome::Loaded(hash, result)) => {
                    self.running = None;
                    self.hash = hash;
                    return Poll::Done(result);
                }
                Err(TryRecvError::Empty) => {
                    if !running.told && running.since.elapsed() >= SLOW {
                        running.told = true;
                        return Poll::Slow;
                    }
                    return Poll::Quiet;
                }
                Err(TryRecvError::Disconnected) => self.running = None,
            }
        }
        match self.pending {
            Some(at) if at.elapsed() >= DEBOUNCE => {
                self.pending = None;
                self.start();
                Poll::Quiet
            }
            _ => Poll::Quiet,
        }
    }

    /// Hash the files on a thread of its own and, if they changed, load the dataset there.
    fn start(&mut self) {
        let (tx, rx) = channel();
        let (files, dataset, before) = (self.files.clone(), self.dataset.clone(), self.hash);
        std::thread::spawn(move || {
            let hash = hash_files(&files);
            let outcome = if hash == before {
                Outcome::Same
            } else {
                if let Some(trace) = std::env::var_os(TRACE_ENV) {
                    use std::io::Write;
                    let log = std::fs::OpenOptions::new()
                        .create(true)
                        .append(true)
                        .open(trace);
                    if let Ok(mut log) = log {
                        let _ = writeln!(log, "reload");
                    }
                }
                Outcome::Loaded(hash, Box::new(load(&dataset)))
            };
            // The map may have quit meanwhile: nobody is listening, and that is fine.
            let _ = tx.send(outcome);
        });
        self.running = Some(Running {
            since: Instant::now(),
            told: false,
            outcome: rx,
        });
    }
}
