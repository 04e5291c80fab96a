//! The map panel's border: its title (zoom, whether areas are shaded) and the compact legend
//! on its bottom edge, shortened whole piece by piece to fit (the help has the long one).

use ratatui::text::{Line, Span};

use crate::screen::app::App;
use crate::screen::theme::Theme;

/// The map's title: the zoom, and whether areas are shaded, said plainly when they cannot be
/// or are still `computing`.
pub fn map_title(app: &App, zoom: f64, theme: Theme, computing: bool) -> String {
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

/// The legend on the map's bottom border, for a panel `width` columns wide: the factions'
/// glyphs, then the status marks, then the shading caveat; the status words shorten first,
/// then the caveat goes, each dropped whole rather than cut.
pub fn border_legend(app: &App, theme: Theme, width: u16) -> Line<'static> {
    let ds = &app.loaded.dataset;
    let room = usize::from(width).saturating_sub(4);
    let mut factions: Vec<Span> = vec![Span::raw(" ")];
    for f in &ds.factions {
        factions.push(Span::styled(f.glyph.to_string(), theme.faction(f.color)));
        factions.push(Span::raw(format!("{} ", f.label)));
    }
    let caveat = (app.territory && theme.shades())
        .then(|| Span::styled("· areas approximated, dots: no reports ", theme.dim()));
    let statuses = [
        "×contested ?claimed ≠disputed ~unsettled ",
        "×contested ?claimed ≠disputed ",
        "× ? ≠ ~ (see ?) ",
    ];
    // The caveat (approximated, and what the dots mean) outranks the full status words:
    // the help has both.
    let candidates = statuses
        .iter()
        .map(|st| (Some(*st), caveat.clone()))
        .chain(statuses.iter().map(|st| (Some(*st), None)))
        .chain([(None, None)]);
    for (status, caveat) in candidates {
        let mut spans = factions.clone();
        spans.extend(status.map(Span::raw));
        spans.extend(caveat);
        let line = Line::from(spans);
        if line.width() <= room {
            return line;
        }
    }
    // Not even the factions fit: as many as do.
    let mut spans = vec![Span::raw(" ")];
    for pair in factions[1..].chunks(2) {
        let w: usize = spans.iter().chain(pair).map(Span::width).sum();
        if w > room {
            break;
        }
        spans.extend(pair.iter().cloned());
    }
    Line::from(spans)
}
