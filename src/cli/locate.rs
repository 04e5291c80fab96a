//! `frontline locate`: a place's coordinates from the embedded gazetteer, by any spelling.

use serde::Serialize;

use super::{Failure, emit, internal};
use crate::dataset::text::printable;
use crate::geo::gazetteer::{self, Candidate};

/// Output formats of `frontline locate`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum LocateFormat {
    /// Aligned text, best first.
    Table,
    /// A JSON array of objects, best first.
    Json,
}

#[derive(Serialize)]
struct Row<'a> {
    geonames_id: u32,
    name: &'a str,
    country: &'a str,
    country_name: &'a str,
    admin1: &'a str,
    population: u32,
    lat: f64,
    lon: f64,
    matched: &'a str,
    edits: usize,
}

/// Run `frontline locate NAME [--country CC] [--limit N] [--format F]`.
pub(super) fn locate(
    name: &str,
    country: Option<&str>,
    limit: usize,
    format: LocateFormat,
) -> Result<(), Failure> {
    let g = gazetteer::gazetteer();
    let country = match country {
        Some(c) => Some(g.country_code(c).ok_or_else(|| {
            Failure::usage(format!(
                "error: --country `{}` is neither an ISO 3166 code nor a country's English name\n  hint: write a two-letter code such as SY, UA or IQ",
                printable(c)
            ))
        })?),
        None => None,
    };
    let found = g.search(name, country);
    if found.is_empty() {
        let within = country.map_or_else(String::new, |c| format!(" in {c}"));
        return Err(Failure::usage(format!(
            "error: no place{within} in the gazetteer is called `{}` or spelled close to it\n  hint: the gazetteer holds places of at least 1,000 people; try another spelling{}",
            printable(name),
            if country.is_some() {
                ", or leave out --country"
            } else {
                ""
            }
        )));
    }
    let shown = &found[..found.len().min(limit)];
    match format {
        LocateFormat::Json => {
            let rows: Vec<Row> = shown.iter().map(row).collect();
            let mut text = serde_json::to_string_pretty(&rows).map_err(internal)?;
            text.push('\n');
            emit(&text)
        }
        LocateFormat::Table => emit(&table(name, shown, found.len())),
    }
}

fn row(c: &Candidate) -> Row<'_> {
    Row {
        geonames_id: c.entry.geonames_id,
        name: c.entry.name,
        country: c.entry.country,
        country_name: c.entry.country_name,
        admin1: c.entry.admin1,
        population: c.entry.population,
        lat: c.entry.lat,
        lon: c.entry.lon,
        matched: c.spelling,
        edits: c.edits,
    }
}

/// `1234567` as `1,234,567`.
fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

fn table(query: &str, shown: &[Candidate], total: usize) -> String {
    let header = [
        "name",
        "country",
        "admin-1",
        "population",
        "lat",
        "lon",
        "GeoNames",
        "matched",
    ];
    let rows: Vec<[String; 8]> = shown
        .iter()
        .map(|c| {
            let e = &c.entry;
            let matched = match c.edits {
                0 if c.spelling == e.name => "name".to_string(),
                0 => c.spelling.to_string(),
                1 => format!("{} (1 letter off)", c.spelling),
                n => format!("{} ({n} letters off)", c.spelling),
            };
            [
                e.name.to_string(),
                format!("{} {}", e.country, e.country_name),
                e.admin1.to_string(),
                thousands(e.population),
                format!("{:.5}", e.lat),
                format!("{:.5}", e.lon),
                e.geonames_id.to_string(),
                matched,
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            let pad = w - cell.chars().count();
            // Numbers right-aligned, text left-aligned.
            if (3..=6).contains(&i) {
                s.push_str(&" ".repeat(pad));
                s.push_str(cell);
            } else {
                s.push_str(cell);
                s.push_str(&" ".repeat(pad));
            }
            s.push_str("  ");
        }
        format!("{}\n", printable(s.trim_end()))
    };
    let more = match shown.len() {
        0 => ", none shown (--limit 0)".to_string(),
        n if total > n => format!(", the first {n} shown (--limit)"),
        _ => String::new(),
    };
    let mut out = format!(
        "{}: {total} candidate(s) in the gazetteer ({}){more}\n",
        printable(query.trim()),
        gazetteer::DESCRIPTION
    );
    let Some(best) = shown.first().map(|c| &c.entry) else {
        return out;
    };
    out.push_str(&line(&header.map(str::to_string)));
    for r in &rows {
        out.push_str(&line(r));
    }
    out.push_str(&format!(
        "for a [[places]] entry: lat = {:.5}, lon = {:.5}, coords = \"GeoNames {}\", population = {}\n",
        best.lat, best.lon, best.geonames_id, best.population
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(97969), "97,969");
        assert_eq!(thousands(1569394), "1,569,394");
    }
}
