//! Place markers: the faction's glyph drawn as a shape in the faction's colour, so the picture
//! tells factions apart by shape as the screen does by glyph, and a status mark beside it.

use std::fmt::Write as _;

use super::xml::{esc, num};
use crate::dataset::Rgb;

/// Outline of filled markers: dark, so a pale faction colour still stands out.
pub(crate) const OUTLINE: &str = "#1a1a1a";
/// Colour of status marks (× ? ≠): they flag doubt, so they stand apart from every faction.
pub(crate) const MARK_COLOR: &str = "#b00020";
/// Marker of a place nobody holds (outside the conflict, or no holder reported).
pub(crate) const NO_HOLDER: &str = "#7a7a7a";

/// The shape a glyph is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// ■
    Square,
    /// ▲
    TriangleUp,
    /// ▼
    TriangleDown,
    /// ●
    Circle,
    /// ◆
    Diamond,
}

/// How a glyph is drawn: a shape, filled or hollow, or (for any other character) a disc with
/// the character on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    /// A filled shape.
    Filled(Shape),
    /// An outlined shape (□ △ ▽ ○ ◇).
    Hollow(Shape),
    /// A disc in the faction's colour with the glyph in white.
    Lettered(char),
    /// `·`: a place with no holder.
    Dot,
}

impl Marker {
    /// The marker for a faction glyph.
    pub(crate) fn for_glyph(glyph: char) -> Marker {
        use Shape::*;
        match glyph {
            '■' | '▪' | '◼' | '◾' => Marker::Filled(Square),
            '□' | '▫' | '◻' | '◽' => Marker::Hollow(Square),
            '▲' | '▴' => Marker::Filled(TriangleUp),
            '△' | '▵' => Marker::Hollow(TriangleUp),
            '▼' | '▾' => Marker::Filled(TriangleDown),
            '▽' | '▿' => Marker::Hollow(TriangleDown),
            '●' | '•' | '⬤' => Marker::Filled(Circle),
            '○' | '◯' => Marker::Hollow(Circle),
            '◆' | '♦' | '⬥' => Marker::Filled(Diamond),
            '◇' | '◊' | '⬦' => Marker::Hollow(Diamond),
            '·' => Marker::Dot,
            c => Marker::Lettered(c),
        }
    }
}

/// Append a marker centred on `(x, y)` with "radius" `r`; `line` is the design outline width.
/// The exact centre pixel of a filled or lettered marker is the faction colour.
pub(crate) fn draw(
    out: &mut String,
    marker: Marker,
    x: f64,
    y: f64,
    r: f64,
    color: Rgb,
    line: f64,
) {
    let hex = color.hex();
    let (shape, fill, stroke, width) = match marker {
        Marker::Filled(s) => (s, hex.clone(), OUTLINE.to_string(), line),
        Marker::Hollow(s) => (s, "#ffffff".to_string(), hex.clone(), r * 0.42),
        Marker::Lettered(c) => {
            let _ = write!(
                out,
                r#"<circle cx="{}" cy="{}" r="{}" fill="{hex}" stroke="{OUTLINE}" stroke-width="{}"/>"#,
                num(x),
                num(y),
                num(r * 1.1),
                num(line)
            );
            // The letter sits on the lower half: the centre pixel stays the faction colour
            // for most letters, and the disc says whose it is anyway.
            let size = r * 1.3;
            let _ = write!(
                out,
                r##"<text x="{}" y="{}" font-size="{}" font-weight="bold" text-anchor="middle" fill="#ffffff">{}</text>"##,
                num(x),
                num(y + size * 0.36),
                num(size),
                esc(&c.to_string())
            );
            return;
        }
        Marker::Dot => {
            let _ = write!(
                out,
                r##"<circle cx="{}" cy="{}" r="{}" fill="{NO_HOLDER}" stroke="#ffffff" stroke-width="{}"/>"##,
                num(x),
                num(y),
                num(r * 0.6),
                num(line)
            );
            return;
        }
    };
    let attrs = format!(
        r#"fill="{fill}" stroke="{stroke}" stroke-width="{}" stroke-linejoin="round""#,
        num(width)
    );
    let _ = match shape {
        Shape::Square => {
            let h = r * 0.88;
            write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" {attrs}/>"#,
                num(x - h),
                num(y - h),
                num(2.0 * h),
                num(2.0 * h)
            )
        }
        Shape::Circle => write!(
            out,
            r#"<circle cx="{}" cy="{}" r="{}" {attrs}/>"#,
            num(x),
            num(y),
            num(r)
        ),
        Shape::TriangleUp | Shape::TriangleDown => {
            // Centroid on the point; circumradius a bit larger than r so the areas match.
            let big = r * 1.3;
            let dir = if shape == Shape::TriangleUp {
                1.0
            } else {
                -1.0
            };
            let half = big * 3f64.sqrt() / 2.0;
            write!(
                out,
                r#"<path d="M{},{}L{},{}L{},{}Z" {attrs}/>"#,
                num(x),
                num(y - dir * big),
                num(x + half),
                num(y + dir * big / 2.0),
                num(x - half),
                num(y + dir * big / 2.0)
            )
        }
        Shape::Diamond => {
            let d = r * 1.25;
            write!(
                out,
                r#"<path d="M{},{}L{},{}L{},{}L{},{}Z" {attrs}/>"#,
                num(x),
                num(y - d),
                num(x + d),
                num(y),
                num(x),
                num(y + d),
                num(x - d),
                num(y)
            )
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyphs_map_to_shapes() {
        assert_eq!(Marker::for_glyph('■'), Marker::Filled(Shape::Square));
        assert_eq!(Marker::for_glyph('○'), Marker::Hollow(Shape::Circle));
        assert_eq!(Marker::for_glyph('G'), Marker::Lettered('G'));
        let mut s = String::new();
        draw(
            &mut s,
            Marker::Lettered('<'),
            1.0,
            2.0,
            8.0,
            Rgb(1, 2, 3),
            1.0,
        );
        assert!(s.contains("&lt;") && !s.contains("><<"), "{s}");
    }
}
