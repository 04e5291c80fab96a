//! Untrusted text: what may appear in names and quotes, and how to show what may not.
//!
//! Terminals obey escape sequences and bidi overrides, and ratatui passes most of them
//! through (see PITFALLS.md), so dataset text is checked once at load time and anything
//! that reaches a terminal or a file from elsewhere (error messages) goes through [`printable`].

/// Why a character is refused in dataset text.
pub(crate) fn forbidden(c: char) -> Option<&'static str> {
    match c {
        '\u{1b}' => Some("an escape character (terminal escape sequence)"),
        '\t' => Some("a tab"),
        '\u{0}'..='\u{1f}' | '\u{7f}' => Some("a control character"),
        '\u{80}'..='\u{9f}' => Some("a C1 control character"),
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some("a bidirectional control character")
        }
        '\u{200b}' | '\u{feff}' => Some("an invisible zero-width character"),
        // Terminals and many viewers break lines at these; JavaScript ends a string at them.
        '\u{2028}' | '\u{2029}' => Some("a line or paragraph separator"),
        _ => None,
    }
}

/// True if `c` shows as something on its own: not a space, not a control, not zero-width
/// (combining marks, joiners, soft hyphens, tag and variation characters), and not one of the
/// fillers that take room but draw nothing (U+115F, U+3164, U+FFA0, U+2800). A glyph must be
/// one of these, or factions could not be told apart without colour.
pub(crate) fn visible(c: char) -> bool {
    use unicode_width::UnicodeWidthChar;
    !c.is_whitespace()
        && !c.is_control()
        && forbidden(c).is_none()
        && !matches!(c, '\u{115f}' | '\u{3164}' | '\u{ffa0}' | '\u{2800}')
        && c.width().unwrap_or(0) >= 1
}

/// The first forbidden character in `s` (newlines allowed if `multiline`), with its
/// character offset and the reason.
pub(crate) fn first_forbidden(s: &str, multiline: bool) -> Option<(usize, char, &'static str)> {
    s.chars()
        .enumerate()
        .filter(|(_, c)| !(multiline && (*c == '\n' || *c == '\r')))
        .find_map(|(i, c)| forbidden(c).map(|why| (i, c, why)))
}

/// A path as messages name it: [`printable`], so a file name's control or bidi characters
/// show as escapes.
pub(crate) fn shown(path: &std::path::Path) -> String {
    printable(&path.display().to_string())
}

/// `s` with every forbidden character shown as a visible `\u{..}` escape, for messages.
pub(crate) fn printable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if forbidden(c).is_some() || (c.is_control() && c != '\n') {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// At most `max` characters of `s`, with `…` when cut: for quoting a value in a message.
pub(crate) fn excerpt(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

/// Text made inert in Markdown: every character that could start markup (emphasis, links,
/// HTML, table cells, code) is backslash-escaped, line breaks become spaces, and control
/// characters are dropped.
pub(crate) fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() || forbidden(c).is_some() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_escapes_controls_and_bidi() {
        assert!(first_forbidden("Homs\u{1b}]0;pwned", false).is_some());
        assert!(first_forbidden("a\u{202e}b", false).is_some());
        assert!(first_forbidden("bell\u{7}", false).is_some());
        assert!(first_forbidden("zero\u{200b}width", false).is_some());
        assert_eq!(first_forbidden("Deir el-Zor – “quoted” ’", false), None);
        assert_eq!(first_forbidden("two\nlines", true), None);
        assert!(first_forbidden("two\nlines", false).is_some());
        assert!(first_forbidden("one\u{2028}two", true).is_some());
        assert!(first_forbidden("one\u{2029}two", true).is_some());
    }

    #[test]
    fn invisible_characters_are_not_visible() {
        for c in ['▲', 'G', '■', '○', '漢', '😀', '★'] {
            assert!(visible(c), "{c:?}");
        }
        for c in [
            ' ',
            '\u{301}',
            '\u{200d}',
            '\u{ad}',
            '\u{2060}',
            '\u{3164}',
            '\u{e0041}',
            '\u{115f}',
            '\u{ffa0}',
            '\u{2800}',
            '\u{fe0f}',
            '\u{2028}',
            '\u{3000}',
            '\u{7}',
        ] {
            assert!(!visible(c), "{c:?}");
        }
    }

    #[test]
    fn printable_shows_what_it_hides() {
        assert_eq!(printable("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(printable("x\u{202e}y"), "x\\u{202e}y");
    }
}
