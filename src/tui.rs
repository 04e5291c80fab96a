//! The interactive map. [`run`] owns the terminal: it checks for a TTY, sets up raw mode, the
//! alternate screen and mouse capture, and restores all of it on quit, on error, on panic, on
//! Ctrl-C, and on SIGTERM, SIGHUP, SIGINT and SIGQUIT (then exiting 128 + the signal, see
//! [`crate::signals`]). It reads what the terminal can show ([`caps`]) and writes only codes
//! it understands (`sgr`), turns terminal events into [`Action`]s, carries out the
//! [`Effect`]s that `update` asks for, and reloads a `--data` file when it changes
//! ([`watch`]); the state, the keys and the drawing are [`crate::screen`]'s.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

use crate::export::{self, ExportError};
use crate::loaded::Loaded;
use crate::screen::app::{Action, App, Effect};
use crate::screen::{keys, render};

pub mod caps;
mod sgr;
pub mod territory;
pub mod watch;

use caps::{Caps, ColorChoice, ColorDepth};

/// Set this to make the app panic after its first frame (tests the terminal restore).
pub const PANIC_ENV: &str = "FRONTLINE_TEST_PANIC";

/// Why the map could not run.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
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
    Internal(#[from] territory::Stopped),
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
pub struct Options {
    /// `--color`.
    pub color: ColorChoice,
    /// Reload the map when this dataset file, or a source text it names, changes.
    pub watch: Option<std::path::PathBuf>,
}

/// Open the map on a loaded dataset and run until the user quits.
pub fn run(loaded: Loaded, options: &Options) -> Result<(), TuiError> {
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
    app.background_territory = true;
    let mut worker = territory::Worker::start();
    while !app.quit {
        // A day whose territory is new is computed on the worker; a frame waits for it a
        // little (a small dataset's arrives in time), then draws the map unshaded until it does.
        let patience = if dirty {
            TERRITORY_PATIENCE
        } else {
            Duration::ZERO
        };
        if worker.serve(app, patience)? {
            dirty = true;
        }
        if dirty {
            terminal
                .draw(|f| render::render(f, app))
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
        let timeout = if worker.busy() {
            timeout.min(Duration::from_millis(20))
        } else {
            timeout
        };
        if event::poll(timeout)? {
            // Drain what is queued (mouse moves come in floods) before drawing again.
            loop {
                if let Some(action) = action_for(event::read()?, app) {
                    if let Some(effect) = app.update(action) {
                        // The work's progress in the footer: an animation takes seconds.
                        perform(app, effect, &mut |app, status| {
                            let _ = terminal.draw(|f| render::render_busy(f, app, status));
                        });
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
                execute!(out, EnableMouseCapture)?
            } else {
                execute!(out, DisableMouseCapture)?
            }
            out.flush()?;
            mouse_on = app.mouse;
        }
    }
    Ok(())
}

/// How long a frame waits for a new day's territory before drawing the map without it.
const TERRITORY_PATIENCE: Duration = Duration::from_millis(50);

/// Apply an action and carry out the work it asks for: what an event does in the running map.
pub fn handle(app: &mut App, action: Action) {
    if let Some(effect) = app.update(action) {
        perform(app, effect, &mut |_, _| {});
    }
}

/// Shows how work outside the screen is going: the App as it is, and a status line.
type Busy<'a> = &'a mut dyn FnMut(&App, &str);

/// Do the work outside the screen, and say on the screen how it went.
fn perform(app: &mut App, effect: Effect, busy: Busy<'_>) {
    match effect {
        Effect::Export {
            date,
            compare,
            from,
            format,
            view,
            dir,
            force,
        } => {
            let mut options = export::Options {
                force,
                view: Some(view),
                compare,
                from,
                ..export::Options::default()
            };
            let name = export::file_name_for(&app.loaded.dataset, date, format, &options);
            options.out = Some(dir.join(&name));
            let shown = crate::dataset::text::printable(&name);
            let shown_app: &App = app;
            busy(shown_app, &format!("writing {shown} …"));
            let mut last = None;
            let result = export::export_with_progress(
                &shown_app.loaded,
                date,
                format,
                &options,
                &mut |done, total| {
                    let percent = done * 100 / total.max(1);
                    if last != Some(percent) {
                        last = Some(percent);
                        busy(shown_app, &format!("writing {shown} … {percent}%"));
                    }
                },
            );
            app.message = Some(match result {
                Ok(path) => format!(
                    "wrote {}",
                    crate::dataset::text::printable(&path.display().to_string())
                ),
                Err(e @ ExportError::Exists { .. }) => format!("{e} — press E to overwrite"),
                Err(e) => format!("export failed: {e}"),
            });
        }
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
