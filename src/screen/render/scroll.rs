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
pub(crate) fn wrap(lines: &[Line<'_>], width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let mut out = Vec::new();
    for line in lines {
        wrap_line(line, width, Some(&mut out));
    }
    out
}

/// How many rows `lines` take once wrapped to `width` (what [`wrap`] would return, without
/// building it).
pub(crate) fn wrapped_len(lines: &[Line<'_>], width: u16) -> usize {
    let width = usize::from(width.max(1));
    lines.iter().map(|l| wrap_line(l, width, None)).sum()
}

/// The rows of one wrapped line: built into `out`, or only counted.
struct Rows<'o> {
    out: Option<&'o mut Vec<Line<'static>>>,
    style: Style,
    indent: usize,
    spans: Vec<Span<'static>>,
    used: usize,
    content: bool,
    count: usize,
}

impl Rows<'_> {
    fn push(&mut self, text: &str, style: Style, width: usize) {
        if self.out.is_some() && !text.is_empty() {
            // Runs of one style stay one span: fewer allocations, fewer spans to draw.
            match self.spans.last_mut() {
                Some(last) if last.style == style => last.content.to_mut().push_str(text),
                _ => self.spans.push(Span::styled(text.to_string(), style)),
            }
        }
        self.used += width;
        self.content |= text.contains(|c| c != ' ');
    }

    fn flush(&mut self) {
        self.count += 1;
        if let Some(out) = self.out.as_mut() {
            // The spaces at a break are dropped.
            loop {
                let n = self.spans.len();
                let Some(last) = self.spans.last_mut() else {
                    break;
                };
                let kept = last.content.trim_end_matches(' ').len();
                if kept == 0 && n > 1 {
                    self.spans.pop();
                    continue;
                }
                if kept < last.content.len() {
                    last.content.to_mut().truncate(kept);
                }
                break;
            }
            out.push(Line::from(std::mem::take(&mut self.spans)).style(self.style));
            if self.indent > 0 {
                self.spans.push(Span::raw(" ".repeat(self.indent)));
            }
        }
        self.used = self.indent;
        self.content = false;
    }
}

fn text_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Wrap one line; returns how many rows it takes.
fn wrap_line(line: &Line<'_>, width: usize, out: Option<&mut Vec<Line<'static>>>) -> usize {
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
    let mut rows = Rows {
        out,
        style: line.style,
        indent: leading.max(column).min(width / 2),
        spans: Vec::new(),
        used: 0,
        content: false,
        count: 0,
    };
    // A word may run over several spans (styles); its parts are kept until a space ends it.
    let mut word: Vec<(&str, Style)> = Vec::new();
    let mut word_w = 0usize;
    let place_word = |rows: &mut Rows, word: &mut Vec<(&str, Style)>, w: &mut usize| {
        if word.is_empty() {
            return;
        }
        if rows.used + *w > width && rows.used > rows.indent {
            rows.flush();
        }
        for (part, style) in word.drain(..) {
            if rows.used + text_width(part) <= width {
                rows.push(part, style, text_width(part));
                continue;
            }
            // Longer than a line: broken where the line ends.
            let mut from = 0;
            for (i, c) in part.char_indices() {
                let cw = char_width(c);
                if rows.used + cw > width && rows.used > rows.indent {
                    let piece = &part[from..i];
                    rows.push(piece, style, 0);
                    rows.flush();
                    from = i;
                }
                rows.used += cw;
            }
            let piece = &part[from..];
            rows.push(piece, style, 0);
        }
        *w = 0;
    };
    for span in &line.spans {
        let text: &str = span.content.as_ref();
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            let space = c == ' ';
            let end = chars.peek().map_or(text.len(), |(j, _)| *j);
            let run_ends = chars.peek().is_none_or(|(_, next)| (*next == ' ') != space);
            if !run_ends {
                continue;
            }
            let run = &text[start..end];
            start = end;
            if space {
                place_word(&mut rows, &mut word, &mut word_w);
                let w = run.len();
                if rows.used + w <= width {
                    rows.push(run, span.style, w);
                } else if rows.used > rows.indent {
                    rows.flush(); // the spaces fall at the break
                }
            } else {
                word_w += text_width(run);
                word.push((run, span.style));
            }
        }
    }
    place_word(&mut rows, &mut word, &mut word_w);
    if rows.count == 0 || rows.content {
        rows.flush();
        // The last row is not followed by an indent.
        if let Some(out) = rows.out.as_mut()
            && let Some(last) = out.last_mut()
        {
            last.spans.retain(|s| !s.content.is_empty());
        }
    }
    rows.count
}

/// Lines `offset..` that fit `visible` rows, with the offset clamped so the end of the text
/// is not scrolled past; returns the offset used.
pub(crate) fn clamp_offset(offset: u16, total: usize, visible: usize) -> usize {
    usize::from(offset).min(total.saturating_sub(visible))
}

/// Add the border marks of a scrolled view to a block, on its bottom edge at the right (the
/// top edge keeps the panel's title whole): `↑ N above` and `+N more ↓ {hint}`.
pub(crate) fn marks<'a>(block: Block<'a>, above: usize, below: usize, hint: &str) -> Block<'a> {
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
pub(crate) fn render_scrolled(
    frame: &mut Frame,
    area: Rect,
    block: Block<'_>,
    lines: &[Line<'_>],
    offset: u16,
    hint: &str,
) {
    let inner = block.inner(area);
    let width = usize::from(inner.width.max(1));
    let visible = usize::from(inner.height);
    // Count every line's rows, but build only those on screen: a place's quotes can run to
    // thousands of rows.
    let counts: Vec<usize> = lines.iter().map(|l| wrap_line(l, width, None)).collect();
    let total: usize = counts.iter().sum();
    let off = clamp_offset(offset, total, visible);
    let end = (off + visible).min(total);
    let mut shown: Vec<Line<'static>> = Vec::with_capacity(visible);
    let mut row = 0;
    for (line, n) in lines.iter().zip(&counts) {
        if row + n > off && row < end {
            let mut rows = Vec::with_capacity(*n);
            wrap_line(line, width, Some(&mut rows));
            let skip = off.saturating_sub(row);
            shown.extend(rows.into_iter().skip(skip).take(end - row.max(off)));
        }
        row += n;
        if row >= end {
            break;
        }
    }
    frame.render_widget(marks(block, off, total - end, hint), area);
    frame.render_widget(Paragraph::new(shown), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(std::string::ToString::to_string).collect()
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
    fn counting_agrees_with_wrapping_and_no_row_is_too_wide() {
        let mut rng = fastrand::Rng::with_seed(5);
        let words = [
            "a",
            "Aleppo",
            "  ",
            " ",
            "×",
            "“Rebels”",
            "abcdefghijklmnopqrstuvwxyz",
            "■",
        ];
        for _ in 0..2000 {
            let spans: Vec<Span> = (0..rng.usize(0..8))
                .map(|_| {
                    let text: String = (0..rng.usize(0..4))
                        .map(|_| words[rng.usize(..words.len())])
                        .collect();
                    if rng.bool() {
                        Span::raw(text)
                    } else {
                        Span::styled(text, Style::default().bold())
                    }
                })
                .collect();
            let line = Line::from(spans);
            let width = rng.u16(1..40);
            let rows = wrap(std::slice::from_ref(&line), width);
            assert_eq!(
                rows.len(),
                wrapped_len(std::slice::from_ref(&line), width),
                "{line:?} at {width}"
            );
            assert!(!rows.is_empty());
            for r in &rows {
                assert!(r.width() <= usize::from(width), "{r:?} wider than {width}");
            }
            // Nothing but spaces is lost.
            let squash = |s: String| s.split_whitespace().collect::<String>();
            let joined: String = rows.iter().map(std::string::ToString::to_string).collect();
            assert_eq!(squash(joined), squash(line.to_string()));
        }
    }

    #[test]
    fn a_scrolled_panel_shows_the_wrapped_rows_from_its_offset() {
        use ratatui::widgets::Borders;
        let lines: Vec<Line> = (0..40)
            .map(|i| Line::from(format!("line {i} with some words that wrap over rows")))
            .collect();
        let all = wrap(&lines, 18);
        for offset in [0u16, 1, 7, 30, 500] {
            let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(20, 8)).unwrap();
            t.draw(|f| {
                let block = Block::default().borders(Borders::ALL);
                render_scrolled(f, f.area(), block, &lines, offset, "PgDn");
            })
            .unwrap();
            let buf = t.backend().buffer();
            let off = clamp_offset(offset, all.len(), 6);
            for y in 1..7u16 {
                let row: String = (1..19).map(|x| buf[(x, y)].symbol().to_string()).collect();
                let want = all[off + usize::from(y) - 1].to_string();
                assert_eq!(row.trim_end(), want.trim_end(), "offset {offset}, row {y}");
            }
        }
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
