//! Property test of `frontline import csv`: whatever the rows say, in whatever order, every
//! row becomes an event or is reported skipped, and the written dataset loads (its events
//! replay through the timeline's control rules, every quote is in its source text).

use frontline::import::{self, Format, ImportError};
use frontline::loaded;
use proptest::prelude::*;

const PLACES: [(&str, f64, f64); 5] = [
    ("Aleppo", 36.2, 37.16),
    ("Hama", 35.13, 36.75),
    ("Homs", 34.72, 36.72),
    // Another Homs: the same name elsewhere is another place.
    ("Homs", 32.64, 14.26),
    ("Deir ez-Zor", 35.33, 40.14),
];
const HOLDERS: [&str; 5] = ["", "Government", "Rebels", "Kurdish-led forces", "HTS"];
const STATUSES: [&str; 10] = [
    "",
    "held",
    "contested",
    "claimed",
    "denied",
    "withdrew",
    "advanced",
    "unrest",
    "other",
    "captured",
];

fn row() -> impl Strategy<Value = (usize, u32, usize, usize, usize, usize)> {
    (
        0..PLACES.len(),
        1..4u32,
        0..HOLDERS.len(),
        0..STATUSES.len(),
        0..HOLDERS.len(),
        0..3usize,
    )
}

fn csv(rows: &[(usize, u32, usize, usize, usize, usize)]) -> String {
    let mut t = String::from("place,lat,lon,date,holder,status,from,quote,source\n");
    for (i, &(p, day, h, s, from, src)) in rows.iter().enumerate() {
        let (name, lat, lon) = PLACES[p];
        // `from` only where the layout allows it, so most rows are usable.
        let from = if STATUSES[s] == "held" && from != h {
            HOLDERS[from]
        } else {
            ""
        };
        t.push_str(&format!(
            "{name},{lat},{lon},2024-12-0{day},{},{},{from},\"Row {i}: {} {} {name}.\",src-{src}\n",
            HOLDERS[h], STATUSES[s], HOLDERS[h], STATUSES[s]
        ));
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn every_import_loads_and_accounts_for_every_row(rows in prop::collection::vec(row(), 1..60)) {
        let text = csv(&rows);
        match import::import(Format::Csv, text.as_bytes(), "p.csv", &mut |_| {}) {
            Ok(imported) => {
                let r = &imported.report;
                prop_assert_eq!(r.rows, rows.len());
                prop_assert_eq!(r.events + r.skipped.len(), rows.len(), "a row went missing");
                let loaded = loaded::load_str("dataset.toml", &imported.toml, &|file| {
                    imported
                        .sources
                        .iter()
                        .find(|(name, _)| name == file)
                        .map(|(_, t)| t.clone())
                        .ok_or_else(|| format!("{file} not written"))
                });
                match loaded {
                    Ok(l) => prop_assert_eq!(l.dataset.events.len(), r.events),
                    Err(frontline::dataset::LoadError::Invalid(d)) => {
                        prop_assert!(false, "{}\n{}\n{}", d[0], text, imported.toml);
                    }
                    Err(e) => prop_assert!(false, "{e}"),
                }
            }
            Err(ImportError::NoRows { report, .. }) => {
                prop_assert_eq!(report.skipped.len(), rows.len());
            }
            Err(e) => prop_assert!(false, "{e}"),
        }
    }
}
