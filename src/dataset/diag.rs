//! Diagnostics: one problem in a dataset, located as `file:line:col`.

use std::fmt;

use super::text::printable;

/// One problem found in a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the problem is in.
    pub file: String,
    /// 1-based line (0 when the problem is about the whole file).
    pub line: u32,
    /// 1-based column in characters.
    pub col: u32,
    /// What is wrong.
    pub message: String,
    /// How to fix it, if we can tell.
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = (self.line, self.col);
        located(
            f,
            &self.file,
            at,
            "error",
            &self.message,
            self.hint.as_deref(),
        )
    }
}

/// `file:line:col: SEVERITY: message` (only `file:` when `line` is 0), then `  hint: …`, every
/// piece of text made printable: diagnostics and warnings read alike.
pub(crate) fn located(
    f: &mut fmt::Formatter<'_>,
    file: &str,
    (line, col): (u32, u32),
    severity: &str,
    message: &str,
    hint: Option<&str>,
) -> fmt::Result {
    write!(f, "{}:", printable(file))?;
    if line != 0 {
        write!(f, "{line}:{col}:")?;
    }
    write!(f, " {severity}: {}", printable(message))?;
    if let Some(hint) = hint {
        write!(f, "\n  hint: {}", printable(hint))?;
    }
    Ok(())
}

/// Maps byte offsets in a text to 1-based line and character column.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Index the line starts of `text`.
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based (line, column) of byte `offset` in `text`.
    pub(crate) fn locate(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts[line];
        let col = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line as u32 + 1, col as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_character_columns() {
        let t = "ab\n“x” = 1\n";
        let idx = LineIndex::new(t);
        assert_eq!(idx.locate(t, 0), (1, 1));
        assert_eq!(idx.locate(t, 3), (2, 1));
        let eq = t.find('=').unwrap();
        assert_eq!(idx.locate(t, eq), (2, 5));
    }

    #[test]
    fn display_hides_escape_bytes() {
        let d = Diagnostic {
            file: "x.toml".into(),
            line: 3,
            col: 9,
            message: "bad \u{1b}[31m".into(),
            hint: Some("fix".into()),
        };
        assert_eq!(
            d.to_string(),
            "x.toml:3:9: error: bad \\u{1b}[31m\n  hint: fix"
        );
    }
}
