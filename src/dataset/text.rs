//! Untrusted text: what may appear in names and quotes, and how to show what may not.
//!
//! Terminals obey escape sequences and bidi overrides, and ratatui passes most of them
//! through (see PITFALLS.md), so dataset text is checked once at load time and anything
//! that reaches a terminal or a file from elsewhere (error messages) goes through [`printable`].

/// Why a character is refused in dataset text.
pub fn forbidden(c: char) -> Option<&'static str> {
    match c {
        '\u{1b}' => Some("an escape character (terminal escape sequence)"),
        '\t' => Some("a tab"),
        '\u{0}'..='\u{1f}' | '\u{7f}' => Some("a control character"),
        '\u{80}'..='\u{9f}' => Some("a C1 control character"),
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some("a bidirectional control character")
        }
        '\u{200b}' | '\u{feff}' => Some("an invisible zero-width character"),
        _ => None,
    }
}

/// The first forbidden character in `s` (newlines allowed if `multiline`), with its
/// character offset and the reason.
pub fn first_forbidden(s: &str, multiline: bool) -> Option<(usize, char, &'static str)> {
    s.chars()
        .enumerate()
        .filter(|(_, c)| !(multiline && (*c == '\n' || *c == '\r')))
        .find_map(|(i, c)| forbidden(c).map(|why| (i, c, why)))
}

/// `s` with every forbidden character shown as a visible `\u{..}` escape, for messages.
pub fn printable(s: &str) -> String {
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

/// Text made inert in Markdown: every character that could start markup (emphasis, links,
/// HTML, table cells, code) is backslash-escaped, line breaks become spaces, and control
/// characters are dropped.
pub fn markdown(s: &str) -> String {
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
    }

    #[test]
    fn printable_shows_what_it_hides() {
        assert_eq!(printable("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(printable("x\u{202e}y"), "x\\u{202e}y");
    }
}
