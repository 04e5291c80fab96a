//! The font pictures are drawn with: DejaVu Sans, embedded, so a PNG has text on any machine
//! (resvg loads no system fonts here and would silently draw none), and so label widths can be
//! measured exactly for [`crate::view::place_labels`].

use std::sync::OnceLock;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// The family name the SVG asks for; the PNG renderer has exactly this font loaded.
pub(crate) const FAMILY: &str = "DejaVu Sans";

/// DejaVu Sans (regular).
pub(crate) const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold.
pub(crate) const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Advance widths at 1 px, read from the font's tables.
struct Metrics {
    /// Width of a character missing from the font (and the fallback if the font is unreadable).
    fallback: f32,
    font: Option<FontRef<'static>>,
}

impl Metrics {
    fn load(data: &'static [u8]) -> Metrics {
        Metrics {
            fallback: 0.62,
            font: FontRef::new(data).ok(),
        }
    }

    fn width(&self, text: &str) -> f64 {
        let Some(font) = &self.font else {
            return f64::from(self.fallback) * text.chars().count() as f64;
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(1.0), LocationRef::default());
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|g| metrics.advance_width(g))
                    .unwrap_or(self.fallback)
            })
            .map(f64::from)
            .sum()
    }
}

fn metrics(bold: bool) -> &'static Metrics {
    static REGULAR_METRICS: OnceLock<Metrics> = OnceLock::new();
    static BOLD_METRICS: OnceLock<Metrics> = OnceLock::new();
    if bold {
        BOLD_METRICS.get_or_init(|| Metrics::load(BOLD))
    } else {
        REGULAR_METRICS.get_or_init(|| Metrics::load(REGULAR))
    }
}

/// The width of `text` set in DejaVu Sans at `size` px (kerning ignored, so a hair wide).
pub(crate) fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    metrics(bold).width(text) * size
}

/// Split `text` into lines no wider than `max` px at `size` px, breaking at spaces (a word
/// longer than a line gets a line of its own).
pub(crate) fn wrap(text: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size, bold) > max {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_font() {
        let m = text_width("m", 10.0, false);
        let i = text_width("i", 10.0, false);
        assert!(m > 2.0 * i, "m {m} is wider than i {i}");
        assert!(text_width("Damascus", 10.0, true) > text_width("Damascus", 10.0, false));
        assert!(
            (text_width("Hama", 20.0, false) - 2.0 * text_width("Hama", 10.0, false)).abs() < 1e-9
        );
        assert!(metrics(false).font.is_some() && metrics(true).font.is_some());
    }

    #[test]
    fn wrapping_keeps_every_word() {
        let text = "Shaded areas are approximated from the reported places, not from front lines.";
        let lines = wrap(text, 12.0, false, 150.0);
        assert!(lines.len() > 2);
        assert!(
            lines
                .iter()
                .all(|l| text_width(l, 12.0, false) <= 150.0 || !l.contains(' '))
        );
        assert_eq!(lines.join(" "), text);
    }
}
