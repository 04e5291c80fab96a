//! Panels that scroll: lines are wrapped to the panel's width here (so the number of lines is
//! known, which a `Paragraph` does not tell), the visible slice is drawn, and the border says
//! how many lines are above (`↑ 3 above`) and below (`+12 more ↓ PgDn`).
//!
//! The panels hand over plain lists of [`Line`]s, so what a panel lists can change without
//! touching how it scrolls.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthChar;

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Word-wrap styled lines to `width` columns. Continuation lines keep the indentation of the
/// line they continue (up to half the width); words longer than a line are broken.
pub fn wrap(lines: &[Line<'_>], width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let mut out = Vec::new();
    for line in lines {
        wrap_line(line, width, &mut out);
    }
    out
}

fn wrap_line(line: &Line<'_>, width: usize, out: &mut Vec<Line<'static>>) {
    // A first span that ends in two spaces is a column (a key, a glyph): continuation lines
    // start under what follows it.
    let leading = line
        .spans
        .iter()
        .flat_map(|s| s.content.chars())
        .take_while(|c| *c == ' ')
        .count();
    let column = match line.spans.first() {
        Some(first) if line.spans.len() > 1 && first.content.ends_with("  ") => first.width(),
        _ => 0,
    };
    let indent = leading.max(column).min(width / 2);
    // Pieces: runs of spaces and runs of other characters, each with its span's style.
    let mut pieces: Vec<(String, Style, bool)> = Vec::new();
    for span in &line.spans {
        for c in span.content.chars() {
            let space = c == ' ';
            match pieces.last_mut() {
                Some((text, style, sp)) if *sp == space && *style == span.style => text.push(c),
                _ => pieces.push((c.to_string(), span.style, space)),
            }
        }
    }
    let start = out.len();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0usize;
    let mut flush = |spans: &mut Vec<Span<'static>>, used: &mut usize| {
        // The spaces at a break are dropped.
        loop {
            let n = spans.len();
            let Some(last) = spans.last_mut() else { break };
            let kept = last.content.trim_end_matches(' ').to_string();
            if kept.is_empty() && n > 1 {
                spans.pop();
                continue;
            }
            last.content = kept.into();
            break;
        }
        out.push(Line::from(std::mem::take(spans)).style(line.style));
        spans.push(Span::raw(" ".repeat(indent)));
        *used = indent;
    };
    for (text, style, space) in pieces {
        let w: usize = text.chars().map(char_width).sum();
        if space {
            if used + w <= width {
                spans.push(Span::styled(text, style));
                used += w;
            } else if used > indent {
                flush(&mut spans, &mut used); // the spaces fall at the break
            }
            continue;
        }
        if used + w > width && used > indent {
            flush(&mut spans, &mut used);
        }
        let mut part = String::new();
        for c in text.chars() {
            let cw = char_width(c);
            if used + cw > width && used > indent {
                spans.push(Span::styled(std::mem::take(&mut part), style));
                flush(&mut spans, &mut used);
            }
            part.push(c);
            used += cw;
        }
        spans.push(Span::styled(part, style));
    }
    if out.len() == start || spans.iter().any(|s| !s.content.trim().is_empty()) {
        out.push(Line::from(spans).style(line.style));
    }
}

/// Lines `offset..` that fit `visible` rows, with the offset clamped so the end of the text
/// is not scrolled past; returns the offset used.
pub fn clamp_offset(offset: u16, total: usize, visible: usize) -> usize {
    usize::from(offset).min(total.saturating_sub(visible))
}

/// Add the border marks of a scrolled view to a block, on its bottom edge at the right (the
/// top edge keeps the panel's title whole): `↑ N above` and `+N more ↓ {hint}`.
pub fn marks<'a>(block: Block<'a>, above: usize, below: usize, hint: &str) -> Block<'a> {
    let mut parts = Vec::new();
    if above > 0 {
        parts.push(format!("↑ {above} above"));
    }
    if below > 0 {
        parts.push(if hint.is_empty() {
            format!("+{below} more ↓")
        } else {
            format!("+{below} more ↓ {hint}")
        });
    }
    if parts.is_empty() {
        return block;
    }
    block.title_bottom(Line::from(format!(" {} ", parts.join(" · "))).right_aligned())
}

/// Draw `lines` in the bordered `area`, scrolled by `offset`, with the marks of what is above
/// and below; `hint` names the key that scrolls on.
pub fn render_scrolled(
    frame: &mut Frame,
    area: Rect,
    block: Block<'_>,
    lines: &[Line<'_>],
    offset: u16,
    hint: &str,
) {
    let inner = block.inner(area);
    let wrapped = wrap(lines, inner.width);
    let visible = usize::from(inner.height);
    let off = clamp_offset(offset, wrapped.len(), visible);
    let end = (off + visible).min(wrapped.len());
    let below = wrapped.len() - end;
    frame.render_widget(marks(block, off, below, hint), area);
    frame.render_widget(Paragraph::new(wrapped[off..end].to_vec()), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn words_wrap_whole_and_continuations_keep_the_indent() {
        let line = Line::from("  “Rebels took the city of Hama on Thursday”");
        let out = texts(&wrap(&[line], 20));
        assert_eq!(
            out,
            ["  “Rebels took the", "  city of Hama on", "  Thursday”"],
            "{out:?}"
        );
        for l in &out {
            assert!(unicode_width::UnicodeWidthStr::width(l.as_str()) <= 20);
        }
    }

    #[test]
    fn a_first_column_sets_the_indent_of_continuations() {
        let line = Line::from(vec![
            Span::raw("  PgDn  PgUp   "),
            Span::raw("scroll the place panel"),
        ]);
        let out = texts(&wrap(&[line], 30));
        assert_eq!(
            out,
            ["  PgDn  PgUp   scroll the", "               place panel"]
        );
    }

    #[test]
    fn long_words_break_and_styles_survive() {
        let bold = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let line = Line::from(vec![
            Span::styled("Aleppo", bold),
            Span::raw(" abcdefghijklmnopqrstuvwxyz"),
        ]);
        let out = wrap(&[line], 10);
        assert_eq!(
            texts(&out),
            ["Aleppo", "abcdefghij", "klmnopqrst", "uvwxyz"]
        );
        assert_eq!(out[0].spans[0].style, bold);
    }

    #[test]
    fn empty_lines_stay_and_nothing_is_lost() {
        let lines = [Line::from(""), Line::from("a b c d e f g h")];
        let out = wrap(&lines, 3);
        assert_eq!(texts(&out), ["", "a b", "c d", "e f", "g h"]);
        assert_eq!(clamp_offset(100, out.len(), 3), 2);
        assert_eq!(clamp_offset(1, 2, 3), 0);
    }
}
