//! `frontline import` and `frontline new` through the binary: hand-made fixtures in the
//! generic CSV layout and in ACLED's current and older layouts (ACLED's terms forbid
//! redistributing its rows), with bad rows; exit codes, line numbers, and datasets that
//! validate.

use std::path::Path;

use assert_cmd::Command;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn frontline(args: &[&str]) -> Run {
    let out = Command::cargo_bin("frontline")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// `import` of a fixture into `dir`; a dataset it wrote is validated, whatever the test checks.
fn import(format: &str, fixture: &str, dir: &Path) -> Run {
    let run = frontline(&[
        "import",
        format,
        &format!("tests/fixtures/import/{fixture}"),
        "-o",
        dir.to_str().unwrap(),
    ]);
    if dir.join("dataset.toml").is_file() {
        validates(dir);
    }
    run
}

/// `validate` on the written dataset: exit 0, and its summary line.
fn validates(dir: &Path) -> String {
    let toml = dir.join("dataset.toml");
    let v = frontline(&["validate", toml.to_str().unwrap()]);
    assert_eq!(v.code, 0, "{}{}", v.stdout, v.stderr);
    v.stdout
}

fn state(dir: &Path, date: &str) -> serde_json::Value {
    let toml = dir.join("dataset.toml");
    let s = frontline(&[
        "--data",
        toml.to_str().unwrap(),
        "state",
        "--date",
        date,
        "--format",
        "json",
    ]);
    assert_eq!(s.code, 0, "{}", s.stderr);
    serde_json::from_str(&s.stdout).unwrap()
}

fn place<'a>(rows: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {rows}"))
}

#[test]
fn generic_csv_with_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    let r = import("csv", "changes.csv", dir.path());
    assert_eq!(r.code, 65, "{}", r.stderr);
    assert_eq!(
        r.stdout.trim(),
        dir.path().join("dataset.toml").to_str().unwrap()
    );
    let f = "tests/fixtures/import/changes.csv";
    for expected in [
        format!("{f}:10: error: date `2024-13-07` is not YYYY-MM-DD; row skipped"),
        format!(
            "{f}:11: error: lat 95 is outside -90..=90 (are latitude and longitude swapped?); row skipped"
        ),
        format!("{f}:12: error: neither holder nor status"),
        format!("{f}:13: error: unknown status `stormed`; statuses: held, captured"),
        format!("{f}:14: error: no quote: every event needs the report's words; row skipped"),
        format!("{f}:15: error: 8 field(s), the header has 13"),
        format!(
            "{f}:4: review: the row says `Rebels` took it from `Government`, but by the rows before it nobody held it; imported without `from`"
        ),
        format!("{f}:16: review: line breaks, tabs or invisible characters"),
        format!(
            "{f}: 9 of 15 row(s) imported: 9 events, 5 places, 4 factions, 6 sources, 1 contradictions; 6 row(s) skipped"
        ),
        "error: 6 row(s) of tests/fixtures/import/changes.csv could not be used".to_string(),
    ] {
        assert!(
            r.stderr.contains(&expected),
            "missing {expected:?} in\n{}",
            r.stderr
        );
    }
    assert!(validates(dir.path()).contains("9 events, 1 contradictions"));
    // The rival captors of Deir ez-Zor, which the government held before, stay both.
    let s = state(dir.path(), "2024-12-07");
    let dez = place(&s, "Deir ez-Zor");
    assert_eq!(dez["status"], "disputed");
    assert_eq!(dez["holder"], "kurdish-led-forces");
    assert_eq!(dez["others"][0], "rebels");
    assert_eq!(place(&s, "Homs")["status"], "contested");
    assert_eq!(place(&s, "Hama")["holder"], "rebels");
    // The tab in Suwayda's quote became a space, in the dataset and its source text alike.
    let text = std::fs::read_to_string(dir.path().join("sources/wire-3.txt")).unwrap();
    assert!(
        text.contains("[line 16] Local Druze fighters took over Suwayda city, residents said.")
    );
    let toml = std::fs::read_to_string(dir.path().join("dataset.toml")).unwrap();
    assert!(toml.contains("events = [\"row-5\", \"row-6\"]"), "{toml}");
    assert!(
        !toml.contains("tests/fixtures"),
        "the dataset names the file, not its path"
    );
}

#[test]
fn acled_current_layout_with_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    let r = import("acled", "acled-current.csv", dir.path());
    assert_eq!(r.code, 65, "{}", r.stderr);
    let f = "tests/fixtures/import/acled-current.csv";
    for expected in [
        format!("{f}:10: error: event_date `2024-12-33` is not a date"),
        format!("{f}:11: error: no notes: ACLED's notes are the quote of its event; row skipped"),
        format!(
            "{f}:12: error: a territory change (Non-state actor overtakes territory) with no actor1"
        ),
        format!("{f}:13: error: latitude 134.7241 is outside -90..=90"),
        format!("{f}:14: error: 7 field(s), the header has 31"),
        format!(
            "{f}:8: review: ACLED non-violent transfer of territory: imported as a claim by actor1 `Military Forces of Syria (2000-2024)`"
        ),
        format!(
            "{f}:6: review: imported as `claimed`: other rows name another holder of Deir ez-Zor on 2024-12-06 (contradiction `deir-ez-zor-2024-12-06`)"
        ),
        format!("{f}: 8 of 13 row(s) imported"),
    ] {
        assert!(
            r.stderr.contains(&expected),
            "missing {expected:?} in\n{}",
            r.stderr
        );
    }
    assert!(validates(dir.path()).contains("8 events, 1 contradictions"));
    let s = state(dir.path(), "2024-12-06");
    // Captures by actor1, in date order: HTS lost Suran to the government, then took it back.
    assert_eq!(place(&s, "Aleppo")["holder"], "hayat-tahrir-al-sham");
    let suran = place(&s, "Suran");
    assert_eq!(
        (suran["holder"].as_str(), suran["status"].as_str()),
        (Some("hayat-tahrir-al-sham"), Some("held"))
    );
    assert_eq!(
        state(dir.path(), "2024-12-03")
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == "Suran")
            .unwrap()["holder"],
        "military-forces-of-syria-2000-2024"
    );
    // Two captors on one day with nobody before them: both kept, as claims.
    let dez = place(&s, "Deir ez-Zor");
    assert_eq!(dez["status"], "claimed");
    assert_eq!(dez["others"].as_array().unwrap().len(), 2);
    // The non-violent transfer names the side that withdrew as actor1: a claim to review.
    let mayadin = place(&s, "Al Mayadin");
    assert_eq!(mayadin["status"], "claimed");
    assert_eq!(mayadin["others"][0], "military-forces-of-syria-2000-2024");
    // Context rows are events without control; time_precision and geo_precision are kept.
    let toml = std::fs::read_to_string(dir.path().join("dataset.toml")).unwrap();
    assert!(toml.contains("time_precision 2: ACLED knows only the week, not the day"));
    // A date known to the week is that week, as a range of days.
    assert!(
        toml.contains("earliest = 2024-11-30\nlatest = 2024-12-06\n"),
        "{toml}"
    );
    assert!(toml.contains("coords = \"ACLED, geo_precision 2: near the location"));
    assert!(toml.contains("outlet = \"Example Monitor; Example Agency\""));
    assert_eq!(place(&s, "Idleb")["holder"], serde_json::Value::Null);
}

#[test]
fn acled_older_layout_with_a_leading_index_column() {
    let dir = tempfile::tempdir().unwrap();
    let r = import("acled", "acled-2016.csv", dir.path());
    assert_eq!(r.code, 65, "{}", r.stderr);
    let f = "tests/fixtures/import/acled-2016.csv";
    for expected in [
        format!("{f}:6: error: longitude 195.3438 is outside -180..=180; row skipped"),
        format!("{f}:7: error: event_date `March 2016` is not a date"),
        format!(
            "{f}:4: review: ACLED non-violent transfer of territory: imported as a claim by actor1 `AMISOM: African Union Mission in Somalia (2007-)` (actor2 `Al Shabaab`)"
        ),
        format!(
            "{f}: 5 of 7 row(s) imported: 5 events, 3 places, 3 factions, 2 sources, 0 contradictions; 2 row(s) skipped"
        ),
    ] {
        assert!(
            r.stderr.contains(&expected),
            "missing {expected:?} in\n{}",
            r.stderr
        );
    }
    validates(dir.path());
    // "Battle-Government regains territory" and "Battle-Non-state actor overtakes territory".
    let holder = |date: &str| place(&state(dir.path(), date), "Tayeeglow")["holder"].clone();
    assert_eq!(holder("2016-03-02"), "al-shabaab");
    assert_eq!(holder("2016-03-09"), "military-forces-of-somalia-2012");
    assert_eq!(holder("2016-03-25"), "al-shabaab");
    let toml = std::fs::read_to_string(dir.path().join("dataset.toml")).unwrap();
    assert!(toml.contains("actor1 `Military Forces of Somalia (2012-)` with `AMISOM: African Union Mission in Somalia (2007-)`"));
}

#[test]
fn a_clean_file_exits_0_and_an_existing_dataset_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let r = import("csv", "clean.csv", dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("error"), "{}", r.stderr);
    assert!(validates(dir.path()).contains("3 events"));
    let again = import("csv", "clean.csv", dir.path());
    assert_eq!(again.code, 73);
    assert!(
        again.stderr.contains("already exists; not overwriting it"),
        "{}",
        again.stderr
    );
    let forced = frontline(&[
        "import",
        "csv",
        "tests/fixtures/import/clean.csv",
        "-o",
        dir.path().to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
}

#[test]
fn no_usable_row_a_missing_column_or_file_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let none = import("csv", "nothing-usable.csv", dir.path());
    assert_eq!(none.code, 65);
    assert!(
        none.stderr
            .contains("nothing-usable.csv:2: error: lat 136.2 is outside"),
        "{}",
        none.stderr
    );
    assert!(
        none.stderr
            .contains("nothing-usable.csv:3: error: no place; row skipped"),
        "{}",
        none.stderr
    );
    assert!(
        none.stderr
            .contains("none of the 2 row(s) could be used; nothing was written"),
        "{}",
        none.stderr
    );
    let column = import("csv", "no-quote-column.csv", dir.path());
    assert_eq!(column.code, 65);
    assert!(column.stderr.starts_with("tests/fixtures/import/no-quote-column.csv:1: error: no column `quote`; the header has: place, lat, lon, date, holder, source"), "{}", column.stderr);
    let acled = import("acled", "clean.csv", dir.path());
    assert_eq!(acled.code, 65);
    assert!(
        acled.stderr.contains(":1: error: no column `event_date`"),
        "{}",
        acled.stderr
    );
    let missing = import("csv", "does-not-exist.csv", dir.path());
    assert_eq!(missing.code, 66);
    assert!(
        missing
            .stderr
            .contains("cannot read tests/fixtures/import/does-not-exist.csv")
    );
    assert!(!dir.path().join("dataset.toml").exists());
}

#[test]
fn new_writes_a_dataset_that_validates() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("mine");
    let r = frontline(&["new", target.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.trim(),
        target.join("dataset.toml").to_str().unwrap()
    );
    let v = frontline(&["validate", target.join("dataset.toml").to_str().unwrap()]);
    assert_eq!(v.code, 0, "{}", v.stderr);
    assert!(
        v.stdout
            .contains("1 sources, 2 factions, 1 places, 2 events, 1 contradictions"),
        "{}",
        v.stdout
    );
    assert!(v.stderr.is_empty(), "no warnings either: {}", v.stderr);
    // One commented example of each kind of entry.
    let toml = std::fs::read_to_string(target.join("dataset.toml")).unwrap();
    for entry in [
        "[dataset]",
        "[dataset.map]",
        "[[sources]]",
        "[[factions]]",
        "[[places]]",
        "[[events]]",
        "[[contradictions]]",
    ] {
        assert!(
            toml.lines()
                .any(|l| l.split('#').next().unwrap().trim() == entry),
            "{entry}"
        );
    }
    assert!(target.join("sources/example.txt").exists());
    assert_eq!(frontline(&["new", target.to_str().unwrap()]).code, 73);
}

#[test]
fn rows_without_coordinates_are_looked_up_in_the_gazetteer() {
    let dir = tempfile::tempdir().unwrap();
    let r = import("csv", "lookup.csv", dir.path());
    assert_eq!(r.code, 65, "{}", r.stderr);
    let f = "tests/fixtures/import/lookup.csv";
    for expected in [
        format!(
            "{f}:2: review: no lat and lon: took those of GeoNames 170905 (Dar‘ā, SY), the only gazetteer place called Deraa in SY"
        ),
        format!(
            "{f}:3: error: no lat and lon, and 2 gazetteer places are called Homs: Homs (SY, GeoNames 169577), Al Khums (LY, GeoNames 2219905); give lat and lon, or a country column; row skipped"
        ),
        format!("{f}:4: error: no lat and lon, and no gazetteer place is called Qxzqxzqxz in SY"),
        format!("{f}:5: error: no lat and lon, and country `Narnia` is neither"),
        format!("{f}:6: error: no lon; row skipped"),
        format!("{f}:7: review: no lat and lon: took those of GeoNames 170017"),
    ] {
        assert!(
            r.stderr.contains(&expected),
            "missing {expected:?} in\n{}",
            r.stderr
        );
    }
    validates(dir.path());
    let toml = std::fs::read_to_string(dir.path().join("dataset.toml")).unwrap();
    assert!(
        toml.contains(
            "lat = 32.61889\nlon = 36.10213\ncoords = \"GeoNames 170905 (Dar‘ā, SY), looked up"
        ),
        "{toml}"
    );
}

/// A file may be called anything: escape bytes, line breaks or bidi controls in its name never
/// reach the dataset, whose text must be printable (before the fix the name went into a TOML
/// comment raw, and the written dataset failed `validate`).
#[test]
fn a_hostile_file_name_does_not_reach_the_dataset() {
    let input = tempfile::tempdir().unwrap();
    let hostile = input.path().join("ev\u{1b}[31m\nred\u{202e}.csv");
    std::fs::copy("tests/fixtures/import/clean.csv", &hostile).unwrap();
    let out = tempfile::tempdir().unwrap();
    let r = frontline(&[
        "import",
        "csv",
        hostile.to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    validates(out.path());
    let mut texts = vec![std::fs::read_to_string(out.path().join("dataset.toml")).unwrap()];
    for f in std::fs::read_dir(out.path().join("sources")).unwrap() {
        texts.push(std::fs::read_to_string(f.unwrap().path()).unwrap());
    }
    for t in &texts {
        assert!(
            !t.contains(['\u{1b}', '\u{202e}']) && !t.contains("\\u001B"),
            "an escape or bidi character got through: {t}"
        );
        assert!(t.contains("ev[31m red.csv"), "the name, cleaned: {t}");
    }
}

#[path = "import/careful.rs"]
mod careful;

/// One town given twice a few hundred metres apart, and once without coordinates, is one
/// place: the capture `from` the army replays against the army's hold (issue 23: it became
/// two places, and the `from` was dropped).
#[test]
fn rows_of_one_name_within_a_kilometre_are_one_place() {
    let dir = tempfile::tempdir().unwrap();
    let r = import("csv", "lashio.csv", dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let f = "tests/fixtures/import/lashio.csv";
    for expected in [
        format!(
            "{f}:3: review: Lashio at lat 22.9381, lon 97.7519 is 326 m from line 2's Lashio at lat 22.9359, lon 97.7498: imported as one place"
        ),
        format!(
            "{f}:4: review: no lat and lon: took those of line 2, which gives Lashio's (one place)"
        ),
        format!("{f}: 4 of 4 row(s) imported: 4 events, 2 places"),
    ] {
        assert!(
            r.stderr.contains(&expected),
            "missing {expected:?} in\n{}",
            r.stderr
        );
    }
    assert!(!r.stderr.contains("without `from`"), "{}", r.stderr);
    let toml = std::fs::read_to_string(dir.path().join("dataset.toml")).unwrap();
    assert_eq!(toml.matches("[[places]]").count(), 2, "{toml}");
    assert!(toml.contains("from = \"army\""), "{toml}");
    let s = state(dir.path(), "2024-08-03");
    let lashio = place(&s, "Lashio");
    assert_eq!(lashio["holder"], "mndaa");
    assert_eq!(lashio["status"], "held");
}

/// A `;`-separated file with decimal commas (European spreadsheets) imports, and a place
/// whose lat and lon are swapped is named for review, as `validate` warns.
#[test]
fn a_semicolon_file_imports_and_swapped_coordinates_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let r = import("csv", "semicolon.csv", dir.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let f = "tests/fixtures/import/semicolon.csv";
    for expected in [
        format!("{f}: 4 of 4 row(s) imported: 4 events, 4 places"),
        format!(
            "{f}:4: review: lat 36.6303, lon 35.9306 look swapped: as given, Idlib is 100 km from the nearest gazetteer place of its name (Idlib), but lat 35.9306, lon 36.6303 is 0 km from the gazetteer's Idlib (SY"
        ),
    ] {
        assert!(
            r.stderr.contains(&expected),
            "missing {expected:?} in\n{}",
            r.stderr
        );
    }
    assert_eq!(r.stderr.matches("look swapped").count(), 1, "{}", r.stderr);
    let toml = std::fs::read_to_string(dir.path().join("dataset.toml")).unwrap();
    assert!(toml.contains("lat = 34.72682\nlon = 36.72339"), "{toml}");
    assert!(
        toml.contains("Rebels took control of most of Aleppo; a war monitor said."),
        "{toml}"
    );
}

/// A tab-separated file (a spreadsheet's "text" export) imports as a comma-separated one.
#[test]
fn a_tab_separated_file_imports() {
    let input = tempfile::tempdir().unwrap();
    let tsv = input.path().join("changes.tsv");
    let clean = std::fs::read_to_string("tests/fixtures/import/semicolon.csv").unwrap();
    std::fs::write(
        &tsv,
        clean
            .replace(';', "\t")
            .replace("Aleppo\t a war", "Aleppo, a war"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let r = frontline(&[
        "import",
        "csv",
        tsv.to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("4 of 4 row(s) imported"), "{}", r.stderr);
    assert!(validates(out.path()).contains("4 places"));
}

/// The map area an import derives leaves room, beyond every place, for the land the place
/// shades (60 km): a town at the edge of a sparse list is not drawn against the frame with
/// half its land cut off, near the equator or near the pole.
#[test]
fn the_map_area_leaves_room_for_the_land_each_place_shades() {
    for (name, rows) in [
        (
            "sudan",
            "Nyala,12.0489,24.8807\nEl Fasher,13.6279,25.3494\nWad Madani,14.4012,33.5199",
        ),
        ("arctic", "Norilsk,69.3535,88.2027\nDudinka,69.4058,86.1778"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join(format!("{name}.csv"));
        let mut text = String::from("place,lat,lon,date,holder,status,quote,source\n");
        for (i, row) in rows.lines().enumerate() {
            text.push_str(&format!(
                "{row},2024-05-{:02},A,held,\"A holds it, a report said.\",r{i}\n",
                i + 1
            ));
        }
        std::fs::write(&csv, text).unwrap();
        let out = dir.path().join("out");
        let run = frontline(&[
            "import",
            "csv",
            csv.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let loaded = frontline::loaded::load_path(&out).unwrap();
        let m = loaded.dataset.map;
        for p in &loaded.dataset.places {
            let km_lon = 111.32 * p.lat.to_radians().cos();
            let room = [
                (p.lat - m.min_lat) * 111.32,
                (m.max_lat - p.lat) * 111.32,
                (p.lon - m.min_lon) * km_lon,
                (m.max_lon - p.lon) * km_lon,
            ];
            assert!(
                room.iter().all(|km| *km >= 60.0),
                "{name}: {} has {room:?} km to the map's edges",
                p.name
            );
        }
    }
}
