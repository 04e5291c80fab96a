//! Every validation error category, checked through the binary: exit code 65 and the exact
//! `file:line:col` with the message. The fixtures are written by tests/fixtures/invalid/generate.py.

use assert_cmd::Command;

const CASES: &[(&str, &str, &str)] = &[
    ("toml-syntax", "37:14", "TOML syntax: invalid basic string"),
    (
        "unknown-field",
        "39:1",
        "unknown field `lattitude` in a [[places]] entry",
    ),
    (
        "missing-field",
        "35:1",
        "a [[places]] entry is missing the field `coords`",
    ),
    ("unknown-place", "46:9", "unknown place id `gamma`"),
    ("part-of-loop", "34:11", "`part_of` links form a loop"),
    (
        "same-story-as-itself",
        "20:17",
        "`same_story_as` cannot name the entry itself",
    ),
    ("unknown-faction", "48:11", "unknown faction id `rebs`"),
    ("unknown-source", "49:10", "unknown source id `s2`"),
    ("duplicate-id", "54:6", "duplicate place id `alpha`"),
    (
        "latitude-out-of-range",
        "39:7",
        "lat 95.2 is outside -90..=90",
    ),
    (
        "non-finite-coordinate",
        "40:7",
        "lon is NaN, not a finite number",
    ),
    (
        "outside-map-area",
        "39:7",
        "lat 36.3, lon 33.5 is outside the dataset's map area",
    ),
    (
        "unparseable-date",
        "51:8",
        "`date` = \"2024-02-30\" is not a calendar date",
    ),
    (
        "date-outside-range",
        "50:8",
        "the event's date 2024-11-15 is outside the dataset's dates",
    ),
    (
        "unresolvable-wording",
        "50:8",
        "cannot resolve the wording `soon` to a date",
    ),
    (
        "range-and-wording",
        "50:8",
        "`when` and `earliest`/`latest` both date the event",
    ),
    (
        "range-backwards",
        "50:12",
        "earliest 2024-12-06 is after latest 2024-12-02",
    ),
    (
        "range-half",
        "44:1",
        "an event with `earliest` or `latest` needs both",
    ),
    (
        "range-outside-dates",
        "50:12",
        "the event's earliest day 2024-11-20 is outside the dataset's dates",
    ),
    (
        "range-likely-outside",
        "52:8",
        "date 2024-12-06 is outside the range 2024-12-02..2024-12-04",
    ),
    (
        "alias-not-in-sources",
        "38:12",
        "the spelling `Alfa` occurs in no source text",
    ),
    (
        "cites-outlet-not-in-quote",
        "51:9",
        "the quote does not name the outlet `Reuters` it is said to cite",
    ),
    (
        "derived-from-unmentioned",
        "20:17",
        "`derived_from` names `AFP`, which the source text does not mention",
    ),
    (
        "date-outside-wording-range",
        "51:8",
        "date 2024-12-07 disagrees with `on Thursday and Friday`, which resolves to 2024-12-05..2024-12-06",
    ),
    (
        "quote-not-verbatim",
        "51:9",
        "the quote does not occur verbatim in s1",
    ),
    (
        "capture-by-holder",
        "44:1",
        "event `e1`: captured by `gov`, which already holds it",
    ),
    (
        "contest-by-holder",
        "44:1",
        "event `e1`: `gov` is reported contesting it, but it holds the place",
    ),
    (
        "capture-from-non-holder",
        "51:1",
        "event `e1`: captured from `kur`, but at that date it is held by `gov`",
    ),
    (
        "escape-in-text",
        "37:8",
        "`name` contains an escape character",
    ),
    (
        "bidi-in-text",
        "30:8",
        "`name` contains a bidirectional control character (U+202E)",
    ),
    (
        "missing-source-file",
        "16:8",
        "cannot read source text `no-such-file.txt`",
    ),
    (
        "event-before-place-appears",
        "45:1",
        "event `e1`: dated 2024-12-06, before the place appears (2024-12-07)",
    ),
    (
        "map-across-antimeridian",
        "9:11",
        "`min_lon` = 170 is east of `max_lon` = -170: a map area across the antimeridian (180°) is not supported",
    ),
    (
        "unknown-theatre-country",
        "7:18",
        "unknown country `XY` in `theatre`",
    ),
    (
        "unknown-division",
        "48:14",
        "no first-level division `SY-DX`\n  hint: did you mean SY-DI (Damascus)?",
    ),
    (
        "area-polygon-too-short",
        "48:11",
        "`polygon` has fewer than three points",
    ),
    (
        "area-radius-zero",
        "48:13",
        "`radius_km` = 0 must be above 0 and at most 2000",
    ),
    (
        "claims-lapse-zero",
        "7:21",
        "`claims_lapse_days` = 0 is outside 1..=36600",
    ),
    (
        "qualifier-not-in-quote",
        "51:13",
        "the qualifier `almost` does not occur in the quote",
    ),
    (
        "bad-url",
        "21:7",
        "`url` `javascript:alert(1)` is not an http:// or https:// address",
    ),
    (
        "not-utf8",
        "37:11",
        "the file is not UTF-8 text (byte 0xff)",
    ),
];

#[test]
fn every_invalid_fixture_fails_with_its_location_and_message() {
    for (name, at, message) in CASES {
        let path = format!("tests/fixtures/invalid/{name}.toml");
        let out = Command::cargo_bin("frontline")
            .unwrap()
            .args(["validate", &path])
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(65), "{name}: {stderr}");
        let expected = format!("{path}:{at}: error: {message}");
        assert!(
            stderr.contains(&expected),
            "{name}: expected `{expected}` in:\n{stderr}"
        );
        assert!(out.stdout.is_empty(), "{name}: nothing on stdout");
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\u{202e}'),
            "{name}: raw control bytes reached stderr"
        );
    }
}

#[test]
fn every_fixture_in_the_directory_is_covered() {
    let mut on_disk: Vec<String> = std::fs::read_dir("tests/fixtures/invalid")
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".toml").map(str::to_string)
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.0.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn the_base_of_the_fixtures_is_valid() {
    Command::cargo_bin("frontline")
        .unwrap()
        .args(["validate", "tests/fixtures/valid/minimal.toml"])
        .assert()
        .success();
}

#[test]
fn several_problems_are_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string("tests/fixtures/valid/minimal.toml").unwrap();
    let broken = base
        .replace("lat = 33.5", "lat = 95.2")
        .replace("faction = \"reb\"", "faction = \"rebs\"")
        .replace("kind = \"city\"", "kind = \"city\"\ncolour = 1");
    std::fs::write(dir.path().join("d.toml"), broken).unwrap();
    std::fs::copy(
        "tests/fixtures/valid/source.txt",
        dir.path().join("source.txt"),
    )
    .unwrap();
    let out = Command::cargo_bin("frontline")
        .unwrap()
        .args(["validate", dir.path().join("d.toml").to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(65));
    for needle in [
        "lat 95.2",
        "unknown faction id `rebs`",
        "unknown field `colour`",
        "3 problem(s) found",
    ] {
        assert!(stderr.contains(needle), "missing `{needle}` in:\n{stderr}");
    }
}

#[test]
fn a_missing_dataset_file_exits_66() {
    let out = Command::cargo_bin("frontline")
        .unwrap()
        .args(["validate", "tests/fixtures/nope.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(66));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read tests/fixtures/nope.toml"));
}
