//! The interactive map. [`run`] owns the terminal: it checks for a TTY, sets up raw mode, the
//! alternate screen and mouse capture, and restores all of it on quit, on error, on panic and
//! on Ctrl-C. It turns terminal events into [`Action`]s and carries out the [`Effect`]s that
//! `update` asks for; the state, the keys and the drawing are [`crate::screen`]'s.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::export::{self, ExportError, Options};
use crate::loaded::Loaded;
use crate::screen::app::{Action, App, Effect, Overlay};
use crate::screen::{keys, render, theme};

/// Set this to make the app panic after its first frame (tests the terminal restore).
pub const PANIC_ENV: &str = "FRONTLINE_TEST_PANIC";

/// Why the map could not run.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// Standard input or output is not a terminal.
    #[error("the map needs an interactive terminal, and this is not one")]
    NotATerminal,
    /// The terminal failed.
    #[error("terminal error: {0}")]
    Io(#[from] std::io::Error),
}

/// Restores the terminal when dropped, whatever way the map ends.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// Open the map on a loaded dataset and run until the user quits.
pub fn run(loaded: Loaded) -> Result<(), TuiError> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(TuiError::NotATerminal);
    }
    let mut terminal = ratatui::try_init()?;
    // ratatui's hook restores the screen but not mouse capture: turn that off first.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    let _restore = Restore;
    execute!(std::io::stdout(), EnableMouseCapture)?;
    let size = terminal.size()?;
    let mut app = App::new(
        loaded,
        (size.width, size.height),
        !theme::Theme::from_env().color,
    );
    let panic_after_draw = std::env::var_os(PANIC_ENV).is_some();
    event_loop(&mut terminal, &mut app, panic_after_draw)
}

fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    panic_after_draw: bool,
) -> Result<(), TuiError>
where
    std::io::Error: From<B::Error>,
{
    let mut next_tick = Instant::now() + app.tick_interval();
    let mut mouse_on = app.mouse;
    while !app.quit {
        terminal
            .draw(|f| render::render(f, app))
            .map_err(std::io::Error::from)?;
        if panic_after_draw {
            panic!("{PANIC_ENV} is set: panicking on purpose to test the terminal restore");
        }
        let timeout = if app.playing {
            next_tick.saturating_duration_since(Instant::now())
        } else {
            Duration::from_secs(3600)
        };
        if event::poll(timeout)? {
            // Drain what is queued (mouse moves come in floods) before drawing again.
            loop {
                if let Some(action) = action_for(event::read()?, app) {
                    handle(app, action);
                }
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if app.playing && Instant::now() >= next_tick {
            app.update(Action::Tick);
            next_tick = Instant::now() + app.tick_interval();
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

/// Apply an action and carry out the work it asks for: what an event does in the running map.
pub fn handle(app: &mut App, action: Action) {
    if let Some(effect) = app.update(action) {
        perform(app, effect);
    }
}

/// Do the work outside the screen, and say on the screen how it went.
fn perform(app: &mut App, effect: Effect) {
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
            let mut options = Options {
                force,
                view: Some(view),
                compare,
                from,
                ..Options::default()
            };
            let name = export::file_name_for(&app.loaded.dataset, date, format, &options);
            options.out = Some(dir.join(name));
            app.message = Some(match export::export(&app.loaded, date, format, &options) {
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
        Event::Key(k) if k.kind == KeyEventKind::Press => {
            if let Overlay::Search(_) = app.overlay {
                use crossterm::event::{KeyCode, KeyModifiers};
                return match k.code {
                    KeyCode::Enter => Some(Action::SearchSubmit),
                    KeyCode::Esc => Some(Action::Cancel),
                    KeyCode::Backspace => Some(Action::SearchBackspace),
                    KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                        Some(Action::Quit)
                    }
                    KeyCode::Char(c) => Some(Action::SearchInput(c)),
                    _ => None,
                };
            }
            keys::action_for(k)
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollUp => Some(Action::Zoom(1)),
            MouseEventKind::ScrollDown => Some(Action::Zoom(-1)),
            _ => None, // moves and drags
        },
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        _ => None,
    }
}
