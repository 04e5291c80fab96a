//! The terminal's output, fitted to 16-colour terminals. crossterm writes the 16 ANSI colours
//! as 256-colour codes (`38;5;1`, never `31`; see PITFALLS.md), which a 16-colour terminal
//! such as the Linux console may not understand; on such a terminal every frame is rewritten
//! to the 16-colour codes (`30`–`37`, `90`–`97`, `40`–`47`, `100`–`107`) before it leaves.

use std::io::{self, Write};

/// Rewrite the colour codes of one SGR parameter list (`38;5;1;48;5;12` to `31;104`).
/// Codes other than the 16 colours in 256-colour form are kept as they are.
pub(crate) fn to_16(params: &str) -> String {
    let p: Vec<&str> = params.split(';').collect();
    let mut out: Vec<String> = Vec::with_capacity(p.len());
    let mut i = 0;
    while i < p.len() {
        let indexed = |base: u16| -> Option<String> {
            let n: u16 = p.get(i + 2)?.parse().ok()?;
            (p.get(i + 1) == Some(&"5") && n < 16).then(|| {
                let code = if n < 8 { base + n } else { base + 60 + n - 8 };
                code.to_string()
            })
        };
        let rewritten = match p[i] {
            "38" => indexed(30),
            "48" => indexed(40),
            _ => None,
        };
        match rewritten {
            Some(code) => {
                out.push(code);
                i += 3;
            }
            None => {
                out.push(p[i].to_string());
                i += 1;
            }
        }
    }
    out.join(";")
}

/// Rewrite every SGR sequence (`ESC [ params m`) in `bytes` with [`to_16`].
pub(crate) fn rewrite(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            let start = i + 2;
            let end = bytes[start..]
                .iter()
                .position(|b| (0x40..=0x7e).contains(b))
                .map(|n| start + n);
            if let Some(end) = end
                && bytes[end] == b'm'
                && let Ok(params) = std::str::from_utf8(&bytes[start..end])
            {
                out.extend_from_slice(b"\x1b[");
                out.extend_from_slice(to_16(params).as_bytes());
                out.push(b'm');
                i = end + 1;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// A writer that passes output through, rewritten for 16 colours if asked. It holds each
/// frame until `flush` (ratatui flushes once per frame), so no sequence is split.
pub(crate) struct Output<W: Write> {
    inner: W,
    sixteen: bool,
    held: Vec<u8>,
}

impl<W: Write> Output<W> {
    /// Pass output to `inner`; `sixteen` rewrites 256-colour codes of the 16 colours.
    pub(crate) fn new(inner: W, sixteen: bool) -> Self {
        Output {
            inner,
            sixteen,
            held: Vec::new(),
        }
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.sixteen {
            self.held.extend_from_slice(buf);
            Ok(buf.len())
        } else {
            self.inner.write(buf)
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.sixteen && !self.held.is_empty() {
            let bytes = rewrite(&std::mem::take(&mut self.held));
            self.inner.write_all(&bytes)?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_colours_in_256_colour_form_become_16_colour_codes() {
        assert_eq!(to_16("38;5;1"), "31");
        assert_eq!(to_16("38;5;9;48;5;4"), "91;44");
        assert_eq!(to_16("48;5;15"), "107");
        assert_eq!(to_16("1;38;5;200"), "1;38;5;200", "not one of the 16: kept");
        assert_eq!(to_16("39;49;0"), "39;49;0");
        assert_eq!(to_16("38;2;1;2;3"), "38;2;1;2;3");
        let bytes = rewrite(b"a\x1b[38;5;2mb\x1b[2J\x1b[48;5;6;38;5;0mc");
        assert_eq!(bytes, b"a\x1b[32mb\x1b[2J\x1b[46;30mc");
    }

    #[test]
    fn output_holds_a_frame_until_flushed() {
        let mut out = Output::new(Vec::new(), true);
        out.write_all(b"\x1b[38;").unwrap();
        out.write_all(b"5;3mx").unwrap();
        assert!(out.inner.is_empty());
        out.flush().unwrap();
        assert_eq!(out.inner, b"\x1b[33mx");
        let mut plain = Output::new(Vec::new(), false);
        plain.write_all(b"\x1b[38;5;3m").unwrap();
        assert_eq!(plain.inner, b"\x1b[38;5;3m");
    }
}
