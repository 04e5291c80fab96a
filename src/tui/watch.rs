//! Watching a dataset file and its source texts, so that the map follows an editor: the
//! directories that hold them are watched (editors often save by writing a new file and
//! renaming it over the old one, which a watch on the file itself would lose), changes are
//! debounced, and only changes to those files count.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

use crate::loaded::Loaded;
use crate::screen::app::App;

/// How long the files must be quiet before a change counts (an editor's save is several
/// writes; a tool may write a file in parts).
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// How often the interactive loop looks for changes while it waits for keys.
pub const POLL: Duration = Duration::from_millis(100);

/// Read the dataset again after a change and give the outcome to the app; follow the
/// sources a valid new version names.
pub fn reload(app: &mut App, watch: &mut Watch) {
    let result = crate::loaded::load_path(watch.dataset());
    if let Ok(loaded) = &result
        && let Err(e) = watch.follow(loaded)
    {
        app.message = Some(format!("{e}; the map will not follow it"));
    }
    let origin = crate::dataset::text::printable(&watch.dataset().display().to_string());
    app.reloaded(&origin, result);
}

/// Why the watch could not start.
#[derive(Debug, thiserror::Error)]
#[error("cannot watch {path} for changes: {reason}")]
pub struct WatchError {
    /// The file or directory.
    pub path: String,
    /// What the system said.
    pub reason: String,
}

/// A watch on a dataset file and the source texts it names.
pub struct Watch {
    dataset: PathBuf,
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
    debouncer: Debouncer<RecommendedWatcher>,
    events: Receiver<DebounceEventResult>,
}

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

impl Watch {
    /// Watch `dataset` and the sources of `loaded` (its last valid version).
    pub fn new(dataset: &Path, loaded: &Loaded) -> Result<Watch, WatchError> {
        let (tx, events) = channel();
        let debouncer = new_debouncer(DEBOUNCE, tx).map_err(|e| WatchError {
            path: dataset.display().to_string(),
            reason: e.to_string(),
        })?;
        let mut watch = Watch {
            dataset: dataset.to_path_buf(),
            files: Vec::new(),
            dirs: Vec::new(),
            debouncer,
            events,
        };
        watch.follow(loaded)?;
        Ok(watch)
    }

    /// The dataset file watched.
    pub fn dataset(&self) -> &Path {
        &self.dataset
    }

    /// Watch the files of this version of the dataset: the dataset file and every source
    /// text it names (a new version may name other sources).
    pub fn follow(&mut self, loaded: &Loaded) -> Result<(), WatchError> {
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
            self.debouncer
                .watcher()
                .watch(dir, RecursiveMode::NonRecursive)
                .map_err(|e| WatchError {
                    path: dir.display().to_string(),
                    reason: e.to_string(),
                })?;
        }
        for dir in self.dirs.iter().filter(|d| !dirs.contains(d)) {
            let _ = self.debouncer.watcher().unwatch(dir);
        }
        self.files = files;
        self.dirs = dirs;
        Ok(())
    }

    /// True if a watched file changed since the last call (never waits).
    pub fn changed(&self) -> bool {
        let mut changed = false;
        while let Ok(batch) = self.events.try_recv() {
            let Ok(events) = batch else { continue };
            changed |= events.iter().any(|e| self.files.contains(&normal(&e.path)));
        }
        changed
    }
}
