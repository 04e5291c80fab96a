//! Writing SVG by hand: escaping untrusted text and formatting numbers compactly.
//!
//! Dataset text is cleaned when it is loaded, but this is the last line of defence: a single
//! control character (a BEL) makes the whole file invalid XML, which browsers and usvg refuse.

use crate::dataset::text::forbidden;

/// `s` escaped for XML text and attribute values: `& < > " '` as entities, line breaks and
/// tabs as spaces, and every character XML 1.0 forbids (or that the dataset rules refuse:
/// controls, bidi overrides, zero-width characters) replaced by U+FFFD.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\r' | '\t' => out.push(' '),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c if c.is_control() || forbidden(c).is_some() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with one decimal and no trailing `.0`: `12.5`, `7`, `-3.2`.
pub(crate) fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    // -0.0 prints as "-0".
    let r = if r == 0.0 { 0.0 } else { r };
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_controls() {
        assert_eq!(esc(r#"a<b>&"c"'"#), "a&lt;b&gt;&amp;&quot;c&quot;&apos;");
        assert_eq!(esc("bell\u{7}x"), "bell\u{fffd}x");
        assert_eq!(esc("esc\u{1b}]0;t"), "esc\u{fffd}]0;t");
        assert_eq!(esc("rtl\u{202e}x\u{85}"), "rtl\u{fffd}x\u{fffd}");
        assert_eq!(esc("two\nlines"), "two lines");
        assert_eq!(esc("Deir ez-Zor – “x”"), "Deir ez-Zor – “x”");
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.04), "12");
        assert_eq!(num(12.06), "12.1");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(-3.25), "-3.3");
    }
}
