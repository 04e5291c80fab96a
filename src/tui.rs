//! The interactive map. [`run`] owns the terminal: it checks for a TTY, sets up raw mode, the
//! alternate screen and mouse capture, and restores all of it on quit, on error, on panic, on
//! Ctrl-C, and on SIGTERM, SIGHUP, SIGINT and SIGQUIT (then exiting 128 + the signal, see
//! [`crate::signals`]). It reads what the terminal can show ([`caps`]) and writes only codes
//! it understands (`sgr`), turns terminal events into [`Action`]s, carries out the
//! [`Effect`]s that `update` asks for, and reloads a `--data` file when it changes
//! ([`watch`]); the state, the keys and the drawing are [`crate::screen`]'s.

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, MouseButton,
    MouseEventKind,
};
use crossterm::execute;
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

use crate::export::{self, ExportError, animation};
use crate::loaded::Loaded;
use crate::screen::app::{Action, App, Effect};
use crate::screen::derived::{Derived, worker::Stopped};
use crate::screen::{keys, render};

pub mod caps;
mod sgr;
pub mod watch;

use caps::{Caps, ColorChoice, ColorDepth};

/// Set this to make the app panic after its first frame (tests the terminal restore).
#[doc(hidden)]
pub const PANIC_ENV: &str = "FRONTLINE_TEST_PANIC";

/// Why the map could not run.
#[derive(Debug, thiserror::Error)]
pub(crate) enum TuiError {
    /// Standard input or output is not a terminal.
    #[error("the map needs an interactive terminal, and this is not one")]
    NotATerminal,
    /// `TERM=dumb`: the terminal cannot move the cursor, so the map cannot be drawn.
    #[error("TERM=dumb: this terminal cannot draw the map (it cannot move the cursor)")]
    Dumb,
    /// The terminal failed.
    #[error("terminal error: {0}")]
    Io(#[from] std::io::Error),
    /// The worker computing territories stopped (a bug).
    #[error("{0}")]
    Internal(#[from] Stopped),
}

/// Restores the terminal when dropped, whatever way the map ends.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        // With the signal watcher held off: a signal now finds the terminal restored and
        // nothing left to restore, never half of it.
        crate::signals::with_cleanup(|c| {
            c.set_restore(None);
            let _ = execute!(std::io::stdout(), DisableMouseCapture);
            ratatui::restore();
        });
    }
}

/// The terminal restore a fatal signal runs (on the signal watcher's thread): everything the
/// map turned on, turned off, since no destructor runs when the process exits.
fn restore_on_signal() {
    use crossterm::cursor::Show;
    use crossterm::style::{Attribute, ResetColor, SetAttribute};
    use crossterm::terminal::LeaveAlternateScreen;
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        ResetColor,
        SetAttribute(Attribute::Reset),
        LeaveAlternateScreen,
        Show
    );
    let _ = crossterm::terminal::disable_raw_mode();
}

/// How to run the map.
#[derive(Debug, Clone, Default)]
pub(crate) struct Options {
    /// `--color`.
    pub color: ColorChoice,
    /// Reload the map when this dataset file, or a source text it names, changes.
    pub watch: Option<std::path::PathBuf>,
    /// The day to open the map on (one of the dataset's); the first if none.
    pub date: Option<NaiveDate>,
}

/// Open the map on a loaded dataset and run until the user quits.
pub(crate) fn run(loaded: Loaded, options: &Options) -> Result<(), TuiError> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(TuiError::NotATerminal);
    }
    let caps = caps::from_env(options.color);
    if !caps.interactive {
        return Err(TuiError::Dumb);
    }
    crate::signals::install()?;
    crate::signals::with_cleanup(|c| c.set_restore(Some(restore_on_signal)));
    let _restore = Restore;
    let mut terminal = open_terminal(&caps, options.color)?;
    let size = terminal.size()?;
    let mut app = App::new(loaded, (size.width, size.height), false);
    if let Some(date) = options.date {
        app.cursor = app.loaded.timeline.at(app.loaded.timeline.clamp(date));
    }
    app.set_colors(caps.colors);
    app.mouse = caps.mouse;
    let watch = options.watch.as_deref().and_then(|path| {
        watch::Watch::new(path, &app.loaded)
            .map_err(|e| app.message = Some(format!("{e}; the map will not follow the file")))
            .ok()
    });
    let panic_after_draw = std::env::var_os(PANIC_ENV).is_some();
    event_loop(&mut terminal, &mut app, panic_after_draw, watch)
}

/// Raw mode, the alternate screen, the panic hook (ratatui's), mouse capture if the
/// terminal takes it, and a backend writing what the terminal understands: 16-colour codes
/// on a 16-colour terminal ([`sgr::Output`]).
fn open_terminal(
    caps: &Caps,
    choice: ColorChoice,
) -> Result<Terminal<CrosstermBackend<sgr::Output<std::io::Stdout>>>, TuiError> {
    if choice == ColorChoice::Always {
        // crossterm drops every colour under NO_COLOR; --color always overrides it.
        crossterm::style::Colored::set_ansi_color_disabled(false);
    }
    drop(ratatui::try_init()?);
    // ratatui's hook restores the screen but not mouse capture: turn that off first.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A panic the territory's boolean operations catch and retry is no crash.
        if crate::geo::territory::guard::quiet() {
            return;
        }
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    if caps.mouse {
        execute!(std::io::stdout(), EnableMouseCapture)?;
    }
    let sixteen = caps.colors == ColorDepth::Ansi16;
    let backend = CrosstermBackend::new(sgr::Output::new(std::io::stdout(), sixteen));
    Ok(Terminal::new(backend)?)
}

#[expect(
    clippy::too_many_lines,
    reason = "the loop: input, timers, reloads, exports and drawing in one place"
)]
fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    panic_after_draw: bool,
    mut watch: Option<watch::Watch>,
) -> Result<(), TuiError>
where
    std::io::Error: From<B::Error>,
{
    let mut next_tick = Instant::now() + app.tick_interval();
    let mut mouse_on = app.mouse;
    let mut dirty = true;
    let mut derived = Derived::in_background();
    let mut job: Option<Job> = None;
    while !app.quit {
        // A day whose territory is new is computed on the worker; a frame waits for it a
        // little (a small dataset's arrives in time), then draws the map unshaded until it does.
        let mut patience = if dirty {
            TERRITORY_PATIENCE
        } else {
            Duration::ZERO
        };
        if dirty {
            derived.prepare(app);
        }
        while let Some(ready) = derived.wait(patience)? {
            if derived.take(app, &ready) {
                dirty = true;
            }
            // Its grid; and a day shown meanwhile may still lack its territory: ask now.
            derived.prepare(app);
            patience = Duration::ZERO;
        }
        if let Some(done) = job.as_ref().and_then(Job::finished) {
            job = None;
            app.message = Some(outcome(done));
            dirty = true;
        }
        if dirty {
            match &job {
                Some(j) => terminal.draw(|f| render::render_busy(f, app, &derived, &j.status())),
                None => terminal.draw(|f| render::render(f, app, &derived)),
            }
            .map_err(std::io::Error::from)?;
            dirty = false;
        }
        if panic_after_draw {
            panic!("{PANIC_ENV} is set: panicking on purpose to test the terminal restore");
        }
        let timeout = if app.playing {
            next_tick.saturating_duration_since(Instant::now())
        } else if watch.is_some() {
            watch::POLL
        } else {
            Duration::from_secs(3600)
        };
        let timeout = if job.is_some() {
            // The export's progress is redrawn as it goes.
            dirty = true;
            timeout.min(Duration::from_millis(100))
        } else {
            timeout
        };
        let timeout = if derived.busy() {
            timeout.min(Duration::from_millis(20))
        } else {
            timeout
        };
        if event::poll(timeout)? {
            // Drain what is queued (mouse moves come in floods) before drawing again.
            loop {
                let event = event::read()?;
                // While an export runs, Esc cancels it (the partial file goes with it), and
                // `q` cancels it before quitting; every other key works as ever.
                if let Some(j) = &job
                    && let Event::Key(k) = &event
                    && k.kind == KeyEventKind::Press
                    && matches!(k.code, KeyCode::Esc | KeyCode::Char('q'))
                {
                    j.cancel.cancel();
                    if k.code == KeyCode::Char('q') {
                        app.quit = true;
                    }
                    dirty = true;
                } else if let Some(action) = action_for(event, app) {
                    // What the action scrolls is measured on the state it finds.
                    if action.scrolls() {
                        derived.prepare(app);
                        app.update(derived.measured(app));
                    }
                    if let Some(effect) = app.update(action) {
                        match &job {
                            Some(_) => {
                                app.message =
                                    Some("an export is being written: Esc cancels it".into());
                            }
                            None if ask_first(app, &effect) => {}
                            None => job = Some(Job::start(app, effect)),
                        }
                    }
                    dirty = true;
                }
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if let Some(w) = watch.as_mut()
            && watch::serve(app, w)
        {
            dirty = true;
        }
        if app.playing && Instant::now() >= next_tick {
            app.update(Action::Tick);
            next_tick = Instant::now() + app.tick_interval();
            dirty = true;
        } else if !app.playing {
            next_tick = Instant::now() + app.tick_interval();
        }
        if app.mouse != mouse_on {
            let mut out = std::io::stdout();
            if app.mouse {
                execute!(out, EnableMouseCapture)?;
            } else {
                execute!(out, DisableMouseCapture)?;
            }
            out.flush()?;
            mouse_on = app.mouse;
        }
    }
    // Quitting during an export: it was cancelled; wait the moment it takes to stop and
    // remove its temporary file.
    if let Some(j) = job {
        j.cancel.cancel();
        let _ = j.thread.join();
    }
    Ok(())
}

/// An animation of more than [`animation::WARN_FRAMES`] frames is written only once the
/// user, told how many and how long it plays, presses `e` again: true if the map asks now.
fn ask_first(app: &mut App, effect: &Effect) -> bool {
    let Effect::Export {
        date,
        from: Some(from),
        format,
        unit,
        confirmed: false,
        ..
    } = effect
    else {
        return false;
    };
    let step = export::Step::of_unit(*unit);
    let n = step.frames(*from, *date).len();
    if !format.is_animation() || n <= animation::WARN_FRAMES {
        return false;
    }
    app.message = Some(format!(
        "{n} frames (a frame for {}) play for {}: e again writes them; u shows longer periods",
        step.words(),
        animation::play_time(n)
    ));
    app.asked = Some(effect.clone());
    true
}

/// How long a frame waits for a new day's territory before drawing the map without it.
const TERRITORY_PATIENCE: Duration = Duration::from_millis(50);

/// What an export effect asks for: the day, the format, the options (with a cancel flag
/// and the file in the chosen directory) and the file's name as shown.
fn request(app: &App, effect: Effect) -> (NaiveDate, export::Format, export::Options, String) {
    let Effect::Export {
        date,
        compare,
        from,
        format,
        view,
        dir,
        force,
        unit,
        confirmed: _,
    } = effect;
    let mut options = export::Options {
        force,
        // A frame for each period the timeline shows.
        step: from.map(|_| export::Step::of_unit(unit)),
        view: Some(view),
        compare,
        from,
        cancel: Some(export::Cancel::new()),
        ..export::Options::default()
    };
    let name = export::file_name_for(&app.loaded.dataset, date, format, &options);
    options.out = Some(dir.join(&name));
    (
        date,
        format,
        options,
        crate::dataset::text::printable(&name),
    )
}

/// What the map says when an export ends.
fn outcome(result: Result<std::path::PathBuf, ExportError>) -> String {
    match result {
        Ok(path) => format!("wrote {}", crate::dataset::text::shown(&path)),
        Err(e @ ExportError::Exists { .. }) => format!("{e} — press E to overwrite"),
        Err(ExportError::Cancelled) => "export cancelled: nothing was written".to_string(),
        Err(e) => format!("export failed: {e}"),
    }
}

/// Apply an action and carry out the work it asks for, in line: what an event does in the
/// running map, for tests and tools that drive an [`App`] without a terminal. What the
/// action scrolls is measured first, as the loop does.
pub fn handle(app: &mut App, action: Action) {
    if action.scrolls() {
        let derived = Derived::of(app);
        app.update(derived.measured(app));
    }
    if let Some(effect) = app.update(action) {
        if ask_first(app, &effect) {
            return;
        }
        let (date, format, options, _) = request(app, effect);
        let result =
            export::export_with_progress(&app.loaded, date, format, &options, &mut |_, _| {});
        app.message = Some(outcome(result));
    }
}

/// An export written on a thread of its own, so that the map never freezes: its progress
/// shows in the footer, `Esc` cancels it and removes what it had written.
struct Job {
    name: String,
    cancel: export::Cancel,
    /// Percent done, or `usize::MAX` before the first frame.
    percent: Arc<AtomicUsize>,
    done: Receiver<Result<std::path::PathBuf, ExportError>>,
    thread: std::thread::JoinHandle<()>,
}

impl Job {
    fn start(app: &App, effect: Effect) -> Job {
        let (date, format, options, name) = request(app, effect);
        let cancel = options.cancel.clone().unwrap_or_default();
        let percent = Arc::new(AtomicUsize::new(usize::MAX));
        let (tx, done) = channel();
        let (loaded, shared) = (Arc::clone(&app.loaded), Arc::clone(&percent));
        let thread = std::thread::spawn(move || {
            let result =
                export::export_with_progress(&loaded, date, format, &options, &mut |n, total| {
                    shared.store(n * 100 / total.max(1), Ordering::Relaxed);
                });
            let _ = tx.send(result);
        });
        Job {
            name,
            cancel,
            percent,
            done,
            thread,
        }
    }

    /// The footer's line while it runs.
    fn status(&self) -> String {
        if self.cancel.is_cancelled() {
            return format!("cancelling {} …", self.name);
        }
        match self.percent.load(Ordering::Relaxed) {
            usize::MAX => format!("writing {} … (Esc cancels)", self.name),
            p => format!("writing {} … {p}% (Esc cancels)", self.name),
        }
    }

    /// Its result, once it has ended (never waits).
    fn finished(&self) -> Option<Result<std::path::PathBuf, ExportError>> {
        self.done.try_recv().ok()
    }
}

/// Turn a terminal event into an action, given what is on screen.
pub fn action_for(event: Event, app: &App) -> Option<Action> {
    match event {
        Event::Key(k) if k.kind == KeyEventKind::Press => keys::action_for(app.mode(), k),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollUp => Some(Action::Wheel(m.column, m.row, 1)),
            MouseEventKind::ScrollDown => Some(Action::Wheel(m.column, m.row, -1)),
            _ => None, // moves and drags
        },
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        _ => None,
    }
}
