//! Title, footer, help overlay, search prompt and the "terminal too small" screen.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::scroll::{clamp_offset, marks, wrap};
use crate::screen::app::{App, Overlay};
use crate::screen::keys::{self, Mode};
use crate::screen::layout::MIN_SIZE;
use crate::screen::theme::Theme;
use crate::view::{BORDERS_NOTE, STATUS_WORDS, area_note};

/// The title line: the day first (it must survive a narrow terminal), the play state, then
/// the dataset's name, cut with `…` if it does not fit.
pub(crate) fn render_title(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let ds = &app.loaded.dataset;
    let play = if app.playing { " ▶ playing" } else { "" };
    let day = format!(" {}{play} ", app.date().format("%a %Y-%m-%d"));
    let used = " frontline ".len() + day.chars().count() + 2;
    let room = usize::from(area.width).saturating_sub(used);
    let name = ds.name.as_str();
    let name = if name.chars().count() <= room {
        name.to_string()
    } else if room > 1 {
        let cut: String = name.chars().take(room - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        String::new()
    };
    let line = Line::from(vec![
        Span::styled(" frontline ", theme.selected()),
        Span::styled(day, theme.heading()),
        Span::raw(if name.is_empty() {
            String::new()
        } else {
            format!("· {name}")
        }),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The footer: a message if there is one, the search prompt, or the mode's key hints that
/// fit, the least important dropped first (`? help` and `q quit` last).
pub(crate) fn render_footer(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let line = if let Some(m) = &app.message {
        Line::styled(format!(" {m}"), theme.warn())
    } else if let Overlay::Search(q) = &app.overlay {
        let best = app
            .search(q)
            .map(|p| format!("  → {}", app.loaded.dataset.place(p).name))
            .unwrap_or_default();
        Line::from(vec![
            Span::styled(" search: ", theme.heading()),
            Span::raw(q.clone()),
            Span::styled(format!("▏{best}  Enter select · Esc cancel"), theme.dim()),
        ])
    } else {
        let mut spans = vec![Span::raw(" ")];
        for h in keys::fit_hints(keys::hints(app.mode()), usize::from(area.width)) {
            let (k, what) = keys::hint_text(&h);
            spans.push(Span::styled(k, theme.heading()));
            spans.push(Span::styled(format!(" {what}  "), theme.dim()));
        }
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The help's lines, unwrapped: the keys of every mode (from the key tables), the mouse,
/// then the legend.
fn help_lines(app: &App, theme: Theme) -> Vec<Line<'static>> {
    let ds = &app.loaded.dataset;
    let modes = [Mode::Map, Mode::Help, Mode::Search];
    let key_w = modes
        .iter()
        .flat_map(|m| keys::help_lines(*m))
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        .max("any other key".len());
    let key_line = |k: String, what: &str| {
        Line::from(vec![
            Span::styled(format!("  {k:<key_w$}  "), theme.heading()),
            Span::raw(what.to_string()),
        ])
    };
    let mut lines = Vec::new();
    let sections = [
        ("Keys on the map", Mode::Map),
        ("Keys in this help", Mode::Help),
        ("Keys in the search prompt (/)", Mode::Search),
    ];
    for (title, mode) in sections {
        lines.push(Line::styled(title, theme.heading()));
        for (k, what) in keys::help_lines(mode) {
            lines.push(key_line(k, what));
        }
        if mode == Mode::Search {
            lines.push(key_line(
                "any other key".into(),
                "typed into the prompt; the best match shows as you type",
            ));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled("Mouse", theme.heading()));
    lines.push(Line::raw(
        "  click a place to select it, click the timeline to jump; the wheel zooms the map and scrolls the panel under it",
    ));
    lines.push(Line::raw(""));
    lines.push(Line::styled("Legend", theme.heading()));
    for f in &ds.factions {
        lines.push(Line::from(vec![
            Span::styled(format!("  {} ", f.glyph), theme.faction(f.color)),
            Span::raw(format!("{} ({})", f.name, f.label)),
        ]));
    }
    let (glyph, word) = crate::view::NO_HOLDER;
    lines.push(Line::from(vec![
        Span::styled(format!("  {glyph} "), theme.dim()),
        Span::raw(format!("{word} (outside the conflict, or none reported)")),
    ]));
    for words in STATUS_WORDS.iter().skip(1) {
        let (mark, what) = (words.mark, words.help);
        lines.push(Line::raw(format!("  {mark}  after the glyph: {what}")));
    }
    lines.push(Line::from(vec![
        Span::styled("  Name", theme.changed()),
        Span::raw("  underlined: its state changed by a report dated to the shown day (comparing two days: changed between them)"),
    ]));
    lines.push(Line::raw(format!("  {}", area_note())));
    lines.push(Line::raw(format!("  {}", crate::view::STRIPES_NOTE)));
    lines.push(Line::raw(format!("  {}", crate::view::NO_REPORTS_NOTE)));
    lines.push(Line::raw(format!("  {BORDERS_NOTE}")));
    lines
}

/// Where the help goes on a screen: its box and its columns (two on wide screens), sized
/// to what it holds; with the wrapped lines.
fn help_layout(app: &App, theme: Theme, area: Rect) -> (Rect, Vec<Rect>, Vec<Line<'static>>) {
    let two_columns = area.width >= 120;
    let w = area
        .width
        .saturating_sub(4)
        .min(if two_columns { 150 } else { 90 });
    let columns: u16 = if two_columns { 2 } else { 1 };
    let col_w = w.saturating_sub(2) / columns;
    let wrapped = wrap(&help_lines(app, theme), col_w.saturating_sub(1));
    let rows_needed = wrapped.len().div_ceil(usize::from(columns));
    let h = area.height.saturating_sub(2).min(
        u16::try_from(rows_needed)
            .unwrap_or(u16::MAX)
            .saturating_add(2),
    );
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    let inner = Block::default().borders(Borders::ALL).inner(r);
    let cols = (0..columns)
        .map(|i| Rect::new(inner.x + i * col_w, inner.y, col_w, inner.height))
        .collect();
    (r, cols, wrapped)
}

/// How many lines the help holds once wrapped, and how many it shows at a time.
pub(crate) fn help_extent(app: &App, theme: Theme, area: Rect) -> (usize, usize) {
    let (_, cols, wrapped) = help_layout(app, theme, area);
    let visible = cols.iter().map(|c| usize::from(c.height)).sum();
    (wrapped.len(), visible)
}

/// The help overlay, generated from the key tables, with the legend after the keys. When it
/// does not fit, it pages, and its border says which page and how to turn it.
pub(crate) fn render_help(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let (r, cols, wrapped) = help_layout(app, theme, area);
    let visible: usize = cols.iter().map(|c| usize::from(c.height)).sum();
    let total = wrapped.len();
    let off = clamp_offset(app.help_scroll, total, visible);
    let end = (off + visible).min(total);
    let title = if total <= visible {
        " Help · Esc or ? closes ".to_string()
    } else {
        let pages = total.div_ceil(visible.max(1));
        let page = if end == total {
            pages
        } else {
            off / visible.max(1) + 1
        };
        format!(" Help · Esc or ? closes · page {page}/{pages} · ↑↓ PgUp PgDn scroll ")
    };
    frame.render_widget(Clear, r);
    let block = Block::default().borders(Borders::ALL).title(title);
    frame.render_widget(marks(block, off, total - end, "PgDn"), r);
    let mut rest = &wrapped[off..end];
    for c in cols {
        let n = usize::from(c.height).min(rest.len());
        frame.render_widget(Paragraph::new(rest[..n].to_vec()), c);
        rest = &rest[n..];
    }
}

/// Shown instead of the map when the terminal is below the minimum size.
pub(crate) fn render_too_small(frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::raw("Terminal too small"),
        Line::raw(format!(
            "{}x{}, need {}x{}",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        )),
        Line::raw("Enlarge it, or q to quit"),
    ];
    let h = (text.len() as u16).min(area.height);
    let r = Rect::new(
        area.x,
        area.y + area.height.saturating_sub(h) / 2,
        area.width,
        h,
    );
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        r,
    );
}
