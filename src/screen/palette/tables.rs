//! The shading colours each depth picks from, by meaning: tints for the factions (each to a
//! colour of its own while the table has one), a grey for unsettled land and another for
//! land with no reports. Picked from a table, not by quantising the 24-bit colours: the
//! nearest 256-colour to a dark green is a grey, the grey of "unsettled", and a dark grey's
//! nearest is black, invisible on a dark terminal.

use ratatui::style::Color;

use super::{NAMED, VGA_16, XTERM_16, contrast, luminance, xterm_256};
use crate::dataset::Rgb;

/// The tints with 16 colours, in the order they are given out (the dark ones first: a
/// bright background shouts), with the label colour that reads on each under both xterm's
/// and the Linux console's palettes. Yellow (brown on the console) and the greys have no
/// label colour that reads on both, or mean something else: they are not tints.
pub(super) const TINTS_16: [(usize, usize); 11] = [
    (1, 15),
    (2, 0),
    (4, 15),
    (5, 15),
    (6, 0),
    (9, 0),
    (10, 0),
    (12, 15),
    (13, 0),
    (14, 0),
    (11, 0),
];

/// How many of [`TINTS_16`] are dark.
pub(super) const DARK_16: usize = 5;

/// Unsettled land's stripes and the label colour over them, per depth (16: light grey, whose
/// black labels read on both palettes).
pub(super) fn unsettled(depth: super::ColorDepth) -> (Color, Color) {
    use super::ColorDepth::*;
    match depth {
        None => (Color::Reset, Color::Reset),
        Ansi16 => (Color::Gray, Color::Black),
        Ansi256 => (Color::Indexed(239), Color::Indexed(255)),
        TrueColor => (Color::Rgb(78, 78, 78), Color::Rgb(235, 235, 235)),
    }
}

/// The dots of land with no reports, per depth: a middle grey, which shows on a dark and on a
/// light terminal alike. (A label drawn over a dot clears it: no colour reads on it on both
/// of the 16-colour palettes.)
pub(super) fn no_reports(depth: super::ColorDepth) -> Color {
    use super::ColorDepth::*;
    match depth {
        None => Color::Reset,
        Ansi16 => Color::DarkGray,
        Ansi256 => Color::Indexed(244),
        TrueColor => Color::Rgb(128, 128, 128),
    }
}

/// Colours a depth offers, each with its RGB (xterm's).
pub(super) type Pool = Vec<(Color, Rgb)>;

/// The 16-colour tints as (colour, xterm RGB), dark ones then bright ones.
pub(super) fn tints_16() -> (Pool, Pool) {
    let all: Vec<(Color, Rgb)> = TINTS_16
        .iter()
        .map(|(i, _)| (NAMED[*i], XTERM_16[*i]))
        .collect();
    let (dark, bright) = all.split_at(DARK_16);
    (dark.to_vec(), bright.to_vec())
}

/// The label colour over a 16-colour tint.
pub(super) fn label_16(tint: Color) -> Color {
    TINTS_16
        .iter()
        .find(|(i, _)| NAMED[*i] == tint)
        .map_or(Color::White, |(_, fg)| NAMED[*fg])
}

/// The 256-colour tints: colours of the cube dark enough for every label (`bound`), and with
/// a hue (no greys: grey means unsettled, or no reports).
pub(super) fn pool_256(bound: f64) -> Pool {
    (16..=231u8)
        .map(|i| (Color::Indexed(i), xterm_256(i)))
        .filter(|(_, c)| luminance(*c) <= bound)
        .filter(|(_, c)| c.0.max(c.1).max(c.2) - c.0.min(c.1).min(c.2) >= 60)
        .collect()
}

/// True if `fg` stands out from `bg` by 3:1 on xterm's palette and, for the 16 colours, on
/// the Linux console's.
pub(super) fn stands_out(fg: Color, bg: Color, sixteen: bool) -> bool {
    let tables: &[&[Rgb; 16]] = if sixteen {
        &[&XTERM_16, &VGA_16]
    } else {
        &[&XTERM_16]
    };
    tables
        .iter()
        .all(|t| match (super::rgb_in(fg, t), super::rgb_in(bg, t)) {
            (Some(f), Some(b)) => contrast(f, b) >= 3.0,
            _ => true,
        })
}
