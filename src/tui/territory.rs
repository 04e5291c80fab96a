//! The territory of a day computed on a worker thread, so that a frame never waits for it:
//! at 10,000 places a day's territory takes most of a second, and the map, the panels and
//! the keys stay live meanwhile (the map is drawn unshaded, its title saying the areas are
//! being computed). One day is computed at a time; a result for a dataset since reloaded is
//! dropped.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use crate::loaded::Loaded;
use crate::screen::app::App;
use crate::screen::render;
use crate::timeline::Cursor;
use crate::view::territory::{Territory, territory};

struct Job {
    key: u64,
    loaded: Arc<Loaded>,
    cursor: Cursor,
}

struct Done {
    key: u64,
    loaded: Arc<Loaded>,
    territory: Arc<Territory>,
}

/// The worker and the day it is computing.
pub struct Worker {
    jobs: Sender<Job>,
    done: Receiver<Done>,
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
    pub fn start() -> Worker {
        let (jobs, inbox) = channel::<Job>();
        let (outbox, done) = channel();
        std::thread::spawn(move || {
            for job in inbox {
                let territory = Arc::new(territory(&job.loaded, &job.cursor));
                let done = Done {
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
    pub fn busy(&self) -> bool {
        self.busy
    }

    /// Ask for the shown day's territory if the map lacks it and nothing is being computed,
    /// then wait up to `patience` for what is being computed (a small dataset's territory
    /// arrives within it, so its map never shows unshaded). True if a territory arrived.
    pub fn serve(&mut self, app: &App, mut patience: Duration) -> Result<bool, Stopped> {
        let mut arrived = false;
        loop {
            if !self.busy
                && let Some(key) = render::territory_missing(app)
            {
                let job = Job {
                    key,
                    loaded: Arc::clone(&app.loaded),
                    cursor: app.cursor.clone(),
                };
                self.jobs.send(job).map_err(|_| Stopped)?;
                self.busy = true;
            }
            if !self.busy {
                return Ok(arrived);
            }
            match self.done.recv_timeout(patience) {
                Ok(done) => {
                    self.busy = false;
                    arrived = true;
                    if Arc::ptr_eq(&done.loaded, &app.loaded) {
                        render::keep_territory(app, done.key, done.territory);
                    }
                    // A day shown meanwhile may still lack its territory: ask for it now.
                    patience = Duration::ZERO;
                }
                Err(RecvTimeoutError::Timeout) => return Ok(arrived),
                Err(RecvTimeoutError::Disconnected) => return Err(Stopped),
            }
        }
    }
}
