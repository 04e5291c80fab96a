//! What both layouts share: the header's columns, one record's cells as text, cleaning text
//! for a dataset, and numbers.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};

use super::{ImportError, Row, RowNote};
use crate::dataset::text::{forbidden, printable};

/// The rows read from a file, before they are built into a dataset.
pub(super) struct ReadRows {
    /// Data rows read.
    pub rows: usize,
    /// Rows that can be used.
    pub usable: Vec<Row>,
    /// Rows refused, with why.
    pub skipped: Vec<RowNote>,
    /// Rows used with a caveat.
    pub caveats: Vec<RowNote>,
}

/// The header row: column names (lower case, trimmed) to positions.
pub(super) struct Columns {
    file: String,
    names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Columns {
    /// The position of the first of `names` the header has.
    pub(crate) fn find(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.index.get(*n).copied())
    }

    /// The position of the first of `names`: an error naming the columns there are if it is
    /// `required` and missing, `None` if it is optional and missing.
    pub(crate) fn position(
        &self,
        names: &[&str],
        required: bool,
    ) -> Result<Option<usize>, ImportError> {
        if required {
            self.require(names).map(Some)
        } else {
            Ok(self.find(names))
        }
    }

    /// The position of the first of `names`, or a header error naming the columns there are.
    pub(crate) fn require(&self, names: &[&str]) -> Result<usize, ImportError> {
        self.find(names).ok_or_else(|| ImportError::Header {
            file: self.file.clone(),
            message: format!(
                "no column `{}`{}; the header has: {}",
                names[0],
                if names.len() > 1 {
                    format!(" (or {})", names[1..].join(", "))
                } else {
                    String::new()
                },
                self.names
                    .iter()
                    .map(|n| printable(n))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
    }
}

/// A CSV file whose header has been read.
pub(super) struct Table<R: Read> {
    reader: ::csv::Reader<R>,
    file: String,
    /// The header's columns.
    pub columns: Columns,
}

/// Open a CSV file and read its header. The delimiter is the header's: a comma, or a
/// semicolon (spreadsheets in much of Europe save so) or a tab, whichever it has most of
/// outside quotes.
pub(super) fn open<R: Read>(input: R, file: &str) -> Result<Table<BufReader<R>>, ImportError> {
    let mut input = BufReader::with_capacity(1 << 16, input);
    let delimiter = sniff(input.fill_buf().map_err(|e| ImportError::Read {
        file: file.to_string(),
        reason: e.to_string(),
    })?);
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .delimiter(delimiter)
        .from_reader(input);
    let header = reader
        .byte_headers()
        .map_err(|e| ImportError::Read {
            file: file.to_string(),
            reason: e.to_string(),
        })?
        .clone();
    let names: Vec<String> = header
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_lowercase())
        .collect();
    let mut index = HashMap::new();
    for (i, n) in names.iter().enumerate() {
        index.entry(n.clone()).or_insert(i);
    }
    Ok(Table {
        reader,
        file: file.to_string(),
        columns: Columns {
            file: file.to_string(),
            names,
            index,
        },
    })
}

/// The delimiter of a CSV file from its start: of `,`, `;` and tab, the one its first line
/// holds most of outside double quotes (a comma when there is none, or a tie).
fn sniff(start: &[u8]) -> u8 {
    let line = start.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [comma, semicolon, tab] = counts;
    if semicolon > comma && semicolon >= tab {
        b';'
    } else if tab > comma && tab > semicolon {
        b'\t'
    } else {
        b','
    }
}

/// Read every record, calling `row(line, cells, out)` with its cells as text; a record
/// that is not UTF-8 or has the wrong number of fields is refused here.
pub(super) fn read_records<R: Read>(
    table: Table<R>,
    progress: &mut dyn FnMut(u64),
    mut row: impl FnMut(u64, &[&str], &mut ReadRows),
) -> Result<ReadRows, ImportError> {
    let Table {
        mut reader,
        file,
        columns: cols,
    } = table;
    let read_error = |e: &dyn std::fmt::Display| ImportError::Read {
        file: file.clone(),
        reason: e.to_string(),
    };
    let mut out = ReadRows {
        rows: 0,
        usable: Vec::new(),
        skipped: Vec::new(),
        caveats: Vec::new(),
    };
    let mut record = ::csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, ::csv::Position::line);
                if let ::csv::ErrorKind::Io(_) = e.kind() {
                    return Err(read_error(&e));
                }
                out.rows += 1;
                out.skipped.push(RowNote {
                    line,
                    message: format!("not a CSV record: {e}"),
                });
                continue;
            }
        }
        out.rows += 1;
        let line = record.position().map_or(0, ::csv::Position::line);
        if out.rows.is_multiple_of(4096) {
            progress(record.position().map_or(0, ::csv::Position::byte));
        }
        if record.len() != cols.names.len() {
            out.skipped.push(RowNote {
                line,
                message: format!(
                    "{} field(s), the header has {} (a comma inside a field needs the field in double quotes)",
                    record.len(),
                    cols.names.len()
                ),
            });
            continue;
        }
        let mut cells: Vec<&str> = Vec::with_capacity(cols.names.len());
        let mut bad = None;
        for (i, field) in record.iter().enumerate() {
            match std::str::from_utf8(field) {
                Ok(s) => cells.push(s),
                Err(_) => {
                    bad = Some(i);
                    break;
                }
            }
        }
        if let Some(i) = bad {
            out.skipped.push(RowNote {
                line,
                message: format!(
                    "column `{}` is not UTF-8 text; save the file as UTF-8",
                    printable(&cols.names[i])
                ),
            });
            continue;
        }
        row(line, &cells, &mut out);
    }
    progress(reader.position().byte());
    Ok(out)
}

/// Text made fit for a dataset: line breaks and tabs become spaces, control, bidi and
/// zero-width characters are removed, ends trimmed. Also says whether anything changed
/// besides the trimming.
pub(super) fn clean(s: &str) -> (String, bool) {
    let t = s.trim();
    if !t
        .chars()
        .any(|c| forbidden(c).is_some() || c == '\n' || c == '\r')
    {
        return (t.to_string(), false);
    }
    let mut out = String::with_capacity(t.len());
    let mut last_space = false;
    for c in t.chars() {
        if matches!(c, '\n' | '\r' | '\t') {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else if forbidden(c).is_none() {
            out.push(c);
            last_space = c == ' ';
        }
    }
    (out.trim().to_string(), true)
}

/// A coordinate: a finite number within `-limit..=limit`.
pub(super) fn coordinate(raw: &str, column: &str, limit: f64) -> Result<f64, String> {
    // A decimal comma, as spreadsheets write numbers in much of Europe (in `;` files).
    let decimal = raw.trim().replacen(',', ".", 1);
    let t = if raw.matches(',').count() == 1 && !raw.contains('.') {
        decimal.as_str()
    } else {
        raw.trim()
    };
    let x: f64 = t.parse().map_err(|_| {
        if raw.trim().is_empty() {
            format!("no {column}")
        } else {
            format!("{column} `{}` is not a number", printable(raw.trim()))
        }
    })?;
    if !x.is_finite() || x.abs() > limit {
        let swap = if limit == 90.0 {
            " (are latitude and longitude swapped?)"
        } else {
            ""
        };
        return Err(format!("{column} {x} is outside -{limit}..={limit}{swap}"));
    }
    Ok(x)
}

/// A short id made of lower-case ASCII letters, digits and `-`, from any text.
pub(crate) fn slug(s: &str) -> String {
    let folded = deunicode::deunicode(s);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    out.chars()
        .take(40)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_what_a_dataset_refuses() {
        assert_eq!(clean("  plain  "), ("plain".into(), false));
        assert_eq!(
            clean("two\r\nlines\tand tab"),
            ("two lines and tab".into(), true)
        );
        assert_eq!(clean("bidi\u{202e}x\u{1b}[2J"), ("bidix[2J".into(), true));
    }

    #[test]
    fn the_delimiter_is_the_headers() {
        assert_eq!(sniff(b"place,lat,lon\n1;2;3;4;5"), b',');
        assert_eq!(sniff(b"place;lat;lon;date\n"), b';');
        assert_eq!(sniff(b"place\tlat\tlon"), b'\t');
        assert_eq!(sniff(b"\"a;b;c\",lat"), b',');
        assert_eq!(sniff(b""), b',');
    }

    #[test]
    fn slugs_are_safe_ids() {
        assert_eq!(slug("Dar‘ā"), "dar-a");
        assert_eq!(
            slug("Military Forces of Syria (2000-2024)"),
            "military-forces-of-syria-2000-2024"
        );
        assert_eq!(slug("  --  "), "");
    }

    #[test]
    fn coordinates_are_checked() {
        assert_eq!(coordinate(" 36.5 ", "lat", 90.0), Ok(36.5));
        assert_eq!(coordinate("36,5", "lat", 90.0), Ok(36.5));
        assert!(coordinate("36,5,1", "lat", 90.0).is_err());
        assert!(
            coordinate("95", "lat", 90.0)
                .unwrap_err()
                .contains("swapped")
        );
        assert!(coordinate("nan", "lon", 180.0).is_err());
        assert_eq!(coordinate("", "lat", 90.0), Err("no lat".into()));
    }
}
