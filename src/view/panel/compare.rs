//! The day panel while two days are compared: who gained and lost what, then each change with
//! when the reports date it and the sources behind it.

use super::{Ink, PanelLine, line, piece};
use crate::loaded::Loaded;
use crate::view::compare::{self, Comparison};

/// The panel's title: ` Wed 04 Dec → Sat 07 Dec · 9 change(s) · v stops `.
pub(crate) fn compare_title(c: &Comparison) -> String {
    format!(
        " {} → {} · {} change(s) · v stops ",
        c.from.format("%a %d %b"),
        c.to.format("%a %d %b"),
        c.lines.iter().filter(|l| l.change.is_change()).count()
    )
}

/// The panel's lines: each faction's count of places on both days, then the changes from the
/// earlier day to the later, each with when the reports date it and its sources.
pub(crate) fn compare_lines(loaded: &Loaded, c: &Comparison) -> Vec<PanelLine> {
    let ds = &loaded.dataset;
    let mut lines: Vec<PanelLine> = Vec::new();
    let mut held = vec![piece(Ink::Dim, "Places held: ")];
    for t in c.tallies(ds) {
        if t.gained.is_empty() && t.lost.is_empty() {
            continue;
        }
        let f = ds.faction(t.faction);
        held.push(piece(
            Ink::Faction {
                color: Some(f.color),
                shown: false,
            },
            f.glyph.to_string(),
        ));
        held.push(piece(
            Ink::Plain,
            format!("{} {}→{}  ", f.label, t.before, t.after),
        ));
    }
    if held.len() > 1 {
        lines.push(held);
    }
    let changes = c.changes();
    if changes.is_empty() {
        lines.push(line(Ink::Dim, "Nothing changed between these days."));
    }
    for l in changes {
        let mut sources: Vec<&str> = l
            .events
            .iter()
            .map(|e| ds.source(ds.event(*e).source).id.as_str())
            .collect();
        sources.sort_unstable();
        sources.dedup();
        let ink = if l.change.is_change() {
            Ink::Changed
        } else {
            Ink::Warn
        };
        let mut pieces = vec![
            piece(ink, ds.place(l.place).name.clone()),
            piece(Ink::Plain, format!(" {}", compare::what(ds, l))),
        ];
        if let Some(w) = compare::when(ds, l, c.from) {
            pieces.push(piece(Ink::Warn, format!(", {w}")));
        }
        if !sources.is_empty() {
            pieces.push(piece(Ink::Dim, format!(" ({})", sources.join(", "))));
        }
        lines.push(pieces);
    }
    lines
}
