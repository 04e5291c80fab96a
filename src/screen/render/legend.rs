//! The map panel's border: its title (zoom, whether areas are shaded) and the compact legend
//! on its bottom edge, shortened whole piece by piece to fit (the help has the long one).

use ratatui::text::{Line, Span};

use crate::screen::app::App;
use crate::screen::theme::Theme;

/// The map's title: the zoom, and whether areas are shaded, said plainly when they cannot be
/// or are still `computing`.
pub(crate) fn map_title(app: &App, zoom: f64, theme: Theme, computing: bool) -> String {
    let areas = if !app.territory {
        ""
    } else if theme.shades() && computing {
        " · areas being computed…"
    } else if theme.shades() {
        " · areas shaded (t)"
    } else {
        " · areas not shaded: no colour"
    };
    format!(" Map · zoom ×{zoom:.1}{areas} ")
}

/// The marks the shown day puts on the map, in the legend's order, with their words in the
/// border legend beside the factions' glyphs: the status marks, and the glyph of a place
/// no one holds.
fn marks_shown(app: &App) -> Vec<(char, &'static str)> {
    let states = || app.cursor.states.iter().flatten();
    let mut shown: Vec<char> = states().map(crate::view::mark).collect();
    if states().any(|s| s.holder.is_none()) {
        shown.push(crate::view::NO_HOLDER.0);
    }
    let words = crate::view::STATUS_WORDS.iter().skip(1);
    words
        .map(|w| (w.mark, w.word))
        .chain([crate::view::NO_HOLDER])
        .filter(|(m, _)| shown.contains(m))
        .collect()
}

/// The legend on the map's bottom border, for a panel `width` columns wide: every status
/// mark the day puts on the map and, when land is shaded, what the dots mean (with 16
/// colours, that factions share a shading when they do), then the factions' glyphs. Longer
/// forms first, each piece shortened whole rather than cut: the marks always show, with
/// their words where they fit.
pub(crate) fn border_legend(app: &App, theme: Theme, width: u16) -> Line<'static> {
    let ds = &app.loaded.dataset;
    let room = usize::from(width).saturating_sub(4);
    let mut factions: Vec<Span> = vec![Span::raw(" ")];
    for f in &ds.factions {
        factions.push(Span::styled(f.glyph.to_string(), theme.faction(f.color)));
        factions.push(Span::raw(format!("{} ", f.label)));
    }
    let marks = marks_shown(app);
    let glyphs: Vec<String> = marks.iter().map(|(m, _)| m.to_string()).collect();
    let words: String = marks.iter().map(|(m, w)| format!("{m}{w} ")).collect();
    let (bare, terse) = if marks.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!("{} (see ?) ", glyphs.join(" ")),
            // Symbols, not letters: they read apart without a space between.
            format!("{} ", glyphs.concat()),
        )
    };
    let shaded = app.territory && theme.shades();
    let shared = if shaded && theme.palette().shares_tints() {
        "(some factions share a shading: markers tell them apart) "
    } else {
        ""
    };
    let dim = theme.dim();
    // A sample dot, so the words need not say "dots".
    let dot = || {
        let style = theme
            .no_reports()
            .map_or(dim, |c| ratatui::style::Style::default().bg(c));
        Span::styled(" ", style)
    };
    let caveat = |before: &str, after: &str| {
        vec![
            Span::styled(before.to_string(), dim),
            dot(),
            Span::styled(after.to_string(), dim),
        ]
    };
    let caveats: Vec<Vec<Span<'static>>> = if shaded {
        vec![
            caveat("areas approximated, ", &format!(" no reports {shared}")),
            caveat("", &format!(" no reports {shared}")),
            caveat("", " no reports "),
            caveat("", " no news"),
        ]
    } else {
        vec![Vec::new()]
    };
    for statuses in [&words, &bare, &terse] {
        for caveat in &caveats {
            let mut spans = factions.clone();
            spans.push(Span::raw(statuses.clone()));
            spans.extend(caveat.iter().cloned());
            let line = Line::from(spans);
            if line.width() <= room {
                return line;
            }
        }
    }
    // Not even that fits: the marks (and the dot) first, then as many factions as fit.
    let mut spans = vec![Span::raw(format!(" {terse}"))];
    if shaded {
        spans.extend(caveat("", " no news "));
    }
    for pair in factions[1..].chunks(2) {
        let w: usize = spans.iter().chain(pair).map(Span::width).sum();
        if w > room {
            break;
        }
        spans.extend(pair.iter().cloned());
    }
    Line::from(spans)
}
