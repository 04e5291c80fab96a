//! Finding the `[[...]]` header lines of a TOML text without parsing it: a small lexer that
//! knows where strings (one-line and multi-line), comments and bracketed values begin and end,
//! so that a header-like line inside a multi-line string or a multi-line array is not taken
//! for a header, and a `"""` in a comment is only a comment.
//!
//! It decides only where a dataset may be cut into entries; every piece is then parsed by the
//! TOML parser, which has the last word (`split`).

/// A `[[name]]` header: the offset of its line and the name.
pub(super) type Header<'t> = (usize, &'t str);

/// Why a text cannot be cut at its headers: the offset, and the reason in words.
pub(super) type Refusal = (usize, &'static str);

#[derive(Clone, Copy, PartialEq)]
enum In {
    Code,
    MultiBasic,
    MultiLiteral,
}

/// Every top-level `[[name]]` header of `text`, in file order.
///
/// # Errors
/// Where and why the text cannot be cut: a string or bracket left open at the end, a dotted or
/// malformed header. The TOML parser then reads the text whole and says what is wrong, if
/// anything is.
pub(super) fn headers(text: &str) -> Result<Vec<Header<'_>>, Refusal> {
    let mut found = Vec::new();
    let mut state = In::Code;
    let mut depth: usize = 0; // open `[` and `{` of values spanning lines
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let rest = &line[indent..];
        if state == In::Code && depth == 0 && rest.starts_with('[') {
            if rest.starts_with("[[") {
                let name = header_name(rest)
                    .ok_or((at, "a [[...]] header this reader does not cut at"))?;
                found.push((at, name));
            }
            // A `[table]` header: it opens no string and no value.
            continue;
        }
        state = lex(line.as_bytes(), state, &mut depth).map_err(|why| (at, why))?;
    }
    match (state, depth) {
        (In::Code, 0) => Ok(found),
        (In::Code, _) => Err((text.len(), "a bracket is left open at the end")),
        _ => Err((text.len(), "a multi-line string is left open at the end")),
    }
}

/// The most dots in a dotted key the TOML parser accepts: past it, it reports "recursion
/// limit" without a span.
const MAX_KEY_DOTS: usize = 79;

/// The offset of the first key (of a `key = value` line or a header) with more dots than the
/// TOML parser accepts, for the error it reports without a place.
pub(super) fn too_deep_key(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let rest = &line[indent..];
        let key = match rest.strip_prefix('[') {
            Some(h) => h.split(']').next().unwrap_or(""),
            None => rest.split('=').next().unwrap_or(""),
        };
        // Dots outside quoted parts of the key.
        let mut quote = None;
        let mut dots = 0;
        for c in key.chars() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '.') => dots += 1,
                _ => {}
            }
        }
        if dots > MAX_KEY_DOTS {
            return Some(at + indent);
        }
    }
    None
}

/// The name of a header line `[[ name ]] # comment`, if it is a simple key (bare or quoted
/// without escapes).
fn header_name(line: &str) -> Option<&str> {
    let inner = line.strip_prefix("[[")?.trim_start_matches([' ', '\t']);
    let (name, after) = match inner.as_bytes().first()? {
        q @ (b'"' | b'\'') => {
            let close = inner[1..].find(char::from(*q))? + 1;
            let name = &inner[1..close];
            if name.contains('\\') {
                return None;
            }
            (name, &inner[close + 1..])
        }
        _ => {
            let end = inner
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(inner.len());
            (&inner[..end], &inner[end..])
        }
    };
    let after = after.trim_start_matches([' ', '\t']).strip_prefix("]]")?;
    let after = after.trim_start_matches([' ', '\t']);
    let ends = after.is_empty() || after.starts_with(['#', '\r', '\n']);
    (ends && !name.is_empty()).then_some(name)
}

/// Lex one line (with its newline) from `state`; returns the state at its end.
fn lex(b: &[u8], mut state: In, depth: &mut usize) -> Result<In, &'static str> {
    let mut i = 0;
    while i < b.len() {
        match state {
            In::Code => match b[i] {
                b'#' => return Ok(In::Code),
                b'"' if b[i..].starts_with(b"\"\"\"") => {
                    state = In::MultiBasic;
                    i += 3;
                    continue;
                }
                b'\'' if b[i..].starts_with(b"'''") => {
                    state = In::MultiLiteral;
                    i += 3;
                    continue;
                }
                b'"' => i = close_basic(b, i + 1)?,
                b'\'' => {
                    i += 1 + b[i + 1..]
                        .iter()
                        .position(|c| *c == b'\'' || *c == b'\n')
                        .filter(|p| b[i + 1 + p] == b'\'')
                        .ok_or("a literal string is not closed on its line")?;
                }
                b'[' | b'{' => *depth += 1,
                b']' | b'}' => *depth = depth.checked_sub(1).ok_or("a bracket closes nothing")?,
                _ => {}
            },
            In::MultiBasic => match b[i] {
                b'\\' => i += 1, // the escaped character (or the newline of a line ending `\`)
                b'"' if b[i..].starts_with(b"\"\"\"") => {
                    i = end_of_quotes(b, i, b'"');
                    state = In::Code;
                    continue;
                }
                _ => {}
            },
            In::MultiLiteral => {
                if b[i..].starts_with(b"'''") {
                    i = end_of_quotes(b, i, b'\'');
                    state = In::Code;
                    continue;
                }
            }
        }
        i += 1;
    }
    Ok(state)
}

/// The index of the closing `"` of a one-line basic string whose text starts at `i`.
fn close_basic(b: &[u8], mut i: usize) -> Result<usize, &'static str> {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Ok(i),
            b'\n' => break,
            _ => i += 1,
        }
    }
    Err("a string is not closed on its line")
}

/// Past the run of quotes that closes a multi-line string at `i`: up to two quotes before
/// the closing three belong to the string (`""""` ends a string with a `"`).
fn end_of_quotes(b: &[u8], i: usize, q: u8) -> usize {
    let run = b[i..].iter().take(5).take_while(|c| **c == q).count();
    i + run
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        headers(text).unwrap().into_iter().map(|h| h.1).collect()
    }

    #[test]
    fn finds_headers_however_they_are_written() {
        let text = "[dataset]\nx = 1\n[[sources]]\na = 1\n  [[ places ]] # a comment\n[[\"events\"]]\n[['events']]\t\n[places.initial]\n";
        assert_eq!(names(text), ["sources", "places", "events", "events"]);
        assert_eq!(
            headers(text).unwrap()[1].0,
            text.find("  [[ places").unwrap()
        );
    }

    #[test]
    fn no_header_inside_strings_arrays_or_comments() {
        let text = concat!(
            "# \"\"\" a comment, not a string\n",
            "[[sources]]\n",
            "note = \"\"\"\n[[events]]\nnot a header \\\"\"\" still inside\n\"\"\"\n",
            "q = '''\n[[events]]\n'''\n",
            "s = \"a # not a comment [[x]]\" # '''\n",
            "l = 'C:\\path [ '\n",
            "a = [\n[[1]],\n]\n",
            "t = \"\"\"ends with a quote\"\"\"\"\n",
            "[[places]]\n",
        );
        assert_eq!(names(text), ["sources", "places"]);
    }

    #[test]
    fn finds_the_key_nested_too_deep() {
        let deep = format!("[dataset]\nid = \"x\"\n  {}b = 1\n", "a.".repeat(200));
        assert_eq!(too_deep_key(&deep), deep.find("  a.").map(|i| i + 2));
        assert_eq!(
            too_deep_key(&format!("x = \"{}\"\n", ".".repeat(200))),
            None
        );
        assert_eq!(
            too_deep_key(&format!("\"{}\" = 1\n", ".".repeat(200))),
            None
        );
    }

    #[test]
    fn refuses_what_it_cannot_cut() {
        assert!(headers("[[sources]]\nnote = \"\"\"\nopen\n").is_err());
        assert!(headers("a = [\n1,\n").is_err());
        assert!(headers("a = \"open\n").is_err());
        assert!(headers("[[places.sub]]\n").is_err());
        assert!(headers("[[places]] x\n").is_err());
    }
}
