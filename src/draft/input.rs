//! A report file in: the checks it must pass (text, not empty, not too large) and the
//! publication day its text carries.

use std::path::Path;

use chrono::NaiveDate;

use super::{DraftError, Report};
use crate::dataset::text::shown;
use crate::dataset::{files, limits};

/// The largest report read: a dataset's limit for one source text (16 MiB).
pub(crate) const MAX_REPORT_BYTES: u64 = limits::MAX_SOURCE_BYTES;

/// Read and check a report file.
pub(super) fn report(path: &Path) -> Result<Report, DraftError> {
    let shown = shown(path);
    let bad = |message: String| DraftError::BadReport {
        file: shown.clone(),
        message,
    };
    let unreadable = |e: std::io::Error| DraftError::Unreadable {
        file: shown.clone(),
        reason: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(bad(format!(
            "not a regular file (a {}); give a text file",
            files::file_type_name(&meta.file_type())
        )));
    }
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let bytes = match files::read_bounded(file, MAX_REPORT_BYTES) {
        Ok(b) => b,
        Err(Some(e)) => return Err(unreadable(e)),
        Err(None) => {
            return Err(bad(format!(
                "{}; a report is drafted whole, and a dataset takes no larger source text",
                limits::too_large("the report", MAX_REPORT_BYTES)
            )));
        }
    };
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(bad(format!(
            "not text: a NUL byte at byte {at} (a binary file?); give the report as UTF-8 text"
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        bad(format!(
            "not UTF-8 text (byte 0x{:02x} at byte {}); save the report as UTF-8",
            e.as_bytes()
                .get(e.utf8_error().valid_up_to())
                .copied()
                .unwrap_or(0),
            e.utf8_error().valid_up_to()
        ))
    })?;
    if text.trim().is_empty() {
        return Err(bad("empty: there is nothing to draft from".into()));
    }
    let name = path.file_name().map_or_else(
        || "report.txt".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    // The name goes into the dataset: only characters a dataset may hold.
    let name: String = name
        .chars()
        .map(|c| {
            if crate::dataset::text::forbidden(c).is_some() || c == '/' || c == '\\' {
                '_'
            } else {
                c
            }
        })
        .collect();
    Ok(Report { shown, name, text })
}

/// The publication day a text carries: a date after "date", "published", "posted" or
/// "updated" (`date 2024-12-07`, `Published: 7 December 2024`), with the words giving it.
pub(crate) fn published_in(text: &str) -> Option<(NaiveDate, String)> {
    let lower = text.to_ascii_lowercase();
    let far = NaiveDate::from_ymd_opt(9999, 12, 31)?;
    for marker in ["published", "posted", "updated", "dated", "date"] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(marker).map(|i| i + from) {
            from = i + marker.len();
            let word_start = i == 0 || !lower.as_bytes()[i - 1].is_ascii_alphanumeric();
            let word_end = lower
                .as_bytes()
                .get(i + marker.len())
                .is_none_or(|b| !b.is_ascii_alphanumeric());
            if !(word_start && word_end) {
                continue;
            }
            let mut end = (i + 60).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let toks = super::tokens::tokenize(text, i, end);
            if let Some((day, len)) = iso_after(text, i + marker.len()) {
                return Some((day, text[i..i + marker.len() + len].to_string()));
            }
            let found = super::when::find(text, &toks, far, far);
            if let Some(d) = found
                .first()
                .filter(|d| d.start <= 3 && d.dating.is_exact())
            {
                return Some((d.dating.earliest, text[i..toks[d.end - 1].end].to_string()));
            }
        }
    }
    None
}

/// An ISO date (`2024-12-07`) a space or ": " after byte `at`, and the bytes to its end.
fn iso_after(text: &str, at: usize) -> Option<(NaiveDate, usize)> {
    let rest = text.get(at..)?;
    let skip = rest.len() - rest.trim_start_matches([' ', ':']).len();
    if !matches!(rest.get(..skip)?, " " | ": ") {
        return None;
    }
    let d = rest.get(skip..skip + 10)?;
    let day = NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?;
    Some((day, skip + 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_publication_day_a_text_carries() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            published_in("Battle for Homs date 2024-12-07 Fighting"),
            Some((d("2024-12-07"), "date 2024-12-07".to_string()))
        );
        assert_eq!(
            published_in("Published: 7 December 2024\nRebels took Homs."),
            Some((d("2024-12-07"), "Published: 7 December 2024".to_string()))
        );
        assert_eq!(published_in("Rebels took Homs on 6 December 2024."), None);
        assert_eq!(published_in("The update came on Friday."), None);
    }
}
