//! The territory of a day computed on a worker thread, so that a frame never waits for it:
//! at 10,000 places a day's territory takes most of a second, and the map, the panels and
//! the keys stay live meanwhile (the map is drawn unshaded, its title saying the areas are
//! being computed). One day is computed at a time; each result comes back as an
//! [`Action::TerritoryReady`], with the dataset it was computed from.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use crate::loaded::Loaded;
use crate::screen::app::{Action, Computed};
use crate::timeline::Cursor;
use crate::view::territory::territory;

struct Job {
    key: u64,
    loaded: Arc<Loaded>,
    cursor: Cursor,
}

/// The worker and whether it is computing a day.
pub(crate) struct Worker {
    jobs: Sender<Job>,
    done: Receiver<Computed>,
    busy: bool,
}

/// The worker thread stopped: it panicked (the panic hook has said why).
#[derive(Debug)]
pub struct Stopped;

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("computing the territory failed (a bug: please report it)")
    }
}

impl std::error::Error for Stopped {}

impl Worker {
    /// Start the worker thread.
    pub(crate) fn start() -> Worker {
        let (jobs, inbox) = channel::<Job>();
        let (outbox, done) = channel();
        std::thread::spawn(move || {
            for job in inbox {
                let territory = Arc::new(territory(&job.loaded, &job.cursor));
                let done = Computed {
                    key: job.key,
                    loaded: job.loaded,
                    territory,
                };
                if outbox.send(done).is_err() {
                    break;
                }
            }
        });
        Worker {
            jobs,
            done,
            busy: false,
        }
    }

    /// True while a day is being computed.
    pub(crate) fn busy(&self) -> bool {
        self.busy
    }

    /// Compute the territory of `cursor`'s day (`key`: [`crate::view::territory::key`]).
    /// If the thread has stopped, [`Worker::wait`] says so.
    pub(crate) fn ask(&mut self, key: u64, loaded: &Arc<Loaded>, cursor: &Cursor) {
        let job = Job {
            key,
            loaded: Arc::clone(loaded),
            cursor: cursor.clone(),
        };
        // A send fails only when the thread has ended: the wait after it reports that.
        let _ = self.jobs.send(job);
        self.busy = true;
    }

    /// Wait up to `patience` for the day being computed, if any.
    ///
    /// # Errors
    /// [`Stopped`] if the thread panicked.
    pub(crate) fn wait(&mut self, patience: Duration) -> Result<Option<Action>, Stopped> {
        if !self.busy {
            return Ok(None);
        }
        match self.done.recv_timeout(patience) {
            Ok(done) => {
                self.busy = false;
                Ok(Some(Action::TerritoryReady(done)))
            }
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(Stopped),
        }
    }
}
