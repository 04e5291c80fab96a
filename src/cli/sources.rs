//! `frontline sources [ID]`: the dataset's sources as pictures cite them (outlet, day,
//! headline, id), or the text of one, the built-in ones included: a reader of a picture can
//! read what it stands on without the dataset's files.

use super::{Failure, emit};
use crate::dataset::text::printable;
use crate::loaded::Loaded;
use crate::view::words;

/// List the sources, or print the text of the one with `id`.
pub(crate) fn run(loaded: &Loaded, id: Option<&str>) -> Result<(), Failure> {
    let ds = &loaded.dataset;
    let Some(id) = id else {
        return emit(&list(loaded));
    };
    let wanted = id.trim();
    let Some(src) = ds
        .sources
        .iter()
        .find(|s| s.id == wanted || s.id.eq_ignore_ascii_case(wanted))
    else {
        let ids: Vec<&str> = ds.sources.iter().map(|s| s.id.as_str()).collect();
        return Err(Failure::usage(format!(
            "error: no source `{}` in {}\n  hint: sources: {}",
            printable(id),
            printable(&ds.origin),
            ids.join(", ")
        )));
    };
    let mut out = format!("{}\n", printable(&words::source_citation(src)));
    out.push_str(&format!("file: {}\n", printable(&src.file)));
    out.push_str(&format!("credit: {}\n\n", printable(&src.credit)));
    for line in src.text.lines() {
        out.push_str(&printable(line));
        out.push('\n');
    }
    emit(&out)
}

/// One line per source: id, outlet, day of publication, headline, file.
fn list(loaded: &Loaded) -> String {
    let ds = &loaded.dataset;
    let rows: Vec<[String; 5]> = ds
        .sources
        .iter()
        .map(|s| {
            [
                s.id.clone(),
                s.outlet.clone(),
                s.published.to_string(),
                s.title
                    .clone()
                    .unwrap_or_else(|| "(no headline given)".into()),
                s.file.clone(),
            ]
            .map(|c| printable(&c))
        })
        .collect();
    let head = ["id", "outlet", "published", "headline", "file"].map(String::from);
    let widths: Vec<usize> = (0..5)
        .map(|i| {
            rows.iter()
                .chain(std::iter::once(&head))
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in std::iter::once(&head).chain(&rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out.push_str(&format!(
        "{} source(s) in {}; `frontline sources ID` prints one's text\n",
        ds.sources.len(),
        printable(&ds.origin)
    ));
    out
}
