//! The command line, through the real binary.

use assert_cmd::Command;
use serde_json::Value;

fn frontline() -> Command {
    Command::cargo_bin("frontline").unwrap()
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = frontline().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn help_and_version() {
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    for sub in ["validate", "state", "events", "quotes", "--data"] {
        assert!(out.contains(sub), "--help lists {sub}");
    }
    let (code, out, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("frontline "), "{out}");
}

#[test]
fn validate_the_builtin_dataset() {
    let (code, out, _) = run(&["validate"]);
    assert_eq!(code, 0);
    assert!(out.contains("ok — 5 sources"), "{out}");
    let (code, _, _) = run(&["validate", "data/syria-2024.toml"]);
    assert_eq!(code, 0, "the file on disk validates too");
}

#[test]
fn state_as_json_has_the_documented_fields() {
    let (code, out, _) = run(&["state", "--date", "2024-12-07", "--format", "json"]);
    assert_eq!(code, 0);
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
    let damascus = rows.iter().find(|r| r["id"] == "damascus").unwrap();
    for field in [
        "id",
        "name",
        "lat",
        "lon",
        "holder",
        "holder_name",
        "status",
        "since",
        "since_likely",
        "unsettled_event",
        "vague_accounts",
        "reporters",
        "contradictions",
    ] {
        assert!(damascus.get(field).is_some(), "missing {field}");
    }
    assert_eq!(damascus["holder"], "gov");
    assert_eq!(damascus["status"], "held");
    let (_, first_day, _) = run(&["state", "--date", "2024-11-29", "--format", "json"]);
    let first: Vec<Value> = serde_json::from_str(&first_day).unwrap();
    let damascus_first = first.iter().find(|r| r["id"] == "damascus").unwrap();
    assert_eq!(
        damascus_first["sources"], 1,
        "the quote behind its starting holder is a report"
    );
    assert!((damascus["lon"].as_f64().unwrap() - 36.29128).abs() < 1e-9);
    let dez = rows.iter().find(|r| r["id"] == "deir-ez-zor").unwrap();
    assert_eq!(
        dez["status"], "held",
        "named captor, vague accounts beside it"
    );
    assert_eq!(dez["vague_accounts"], serde_json::json!(["rebels"]));
    let palmyra = rows.iter().find(|r| r["id"] == "palmyra").unwrap();
    assert_eq!(palmyra["since_earliest"], "2024-11-25");
    assert_eq!(palmyra["since_likely"], Value::Null, "no report dates it");
    let hama = rows.iter().find(|r| r["id"] == "hama").unwrap();
    assert_eq!(hama["holder"], "hts");
    assert_eq!(hama["since"], "2024-12-05");
}

#[test]
fn state_changes_with_the_date() {
    let (_, before, _) = run(&["state", "--date", "2024-12-04", "--format", "csv"]);
    let (_, after, _) = run(&["state", "--date", "2024-12-05", "--format", "csv"]);
    let hama = |csv: &str| {
        csv.lines()
            .find(|l| l.starts_with("hama,"))
            .unwrap()
            .to_string()
    };
    assert!(hama(&before).contains(",gov,"), "{}", hama(&before));
    assert!(hama(&after).contains(",hts,"), "{}", hama(&after));
    assert!(before.starts_with("id,name,kind,lat,lon,holder,holder_name,status"));
}

#[test]
fn state_table_is_plain_text() {
    let (code, out, _) = run(&["state", "--date", "2024-12-06"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("PLACE") && out.contains("Daraa") && out.contains("south"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn bad_dates_exit_2_and_say_what_is_valid() {
    for (date, says) in [
        ("2024-13-01", "is not a date"),
        ("yesterday", "is not a date"),
        ("2024-12-25", "outside the dataset"),
    ] {
        let (code, out, err) = run(&["state", "--date", date]);
        assert_eq!(code, 2, "{date}");
        assert!(out.is_empty());
        assert!(
            err.contains(says) && err.contains("2024-11-25") && err.contains("2024-12-07"),
            "{err}"
        );
    }
    let (code, _, err) = run(&["events", "--from", "2024-12-06", "--to", "2024-12-01"]);
    assert_eq!(code, 2);
    assert!(err.contains("after"), "{err}");
}

#[test]
fn events_filter_by_date_and_place() {
    let (code, out, _) = run(&[
        "events",
        "--from",
        "2024-12-06",
        "--to",
        "2024-12-06",
        "--place",
        "Deraa",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Southern militants took the major southern city of Daraa on Friday evening"),
        "{out}"
    );
    assert!(
        out.contains("001 (not stated"),
        "cites the source file: {out}"
    );
    assert!(!out.contains("Hama"));
    assert!(
        out.contains("2 event(s) from 2024-12-06 to 2024-12-06"),
        "{out}"
    );
}

#[test]
fn quotes_by_any_spelling_any_case() {
    let (code, out, _) = run(&["quotes", "deir AL-zor"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("US-backed alliance led by Syrian Kurdish fighters captured Deir el-Zor"),
        "{out}"
    );
    assert!(out.contains("Assad has also lost the eastern city of Deir al-Zor to rebels."));
    assert!(out.contains("Reports disagree — Who took Deir ez-Zor?"));
    assert!(
        out.contains("2024-12-06 Fri"),
        "grouped by date with weekday"
    );
    let (code, out, _) = run(&["quotes", "Homs"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("[denial] denied by GOV")
            && out.contains("State television reported that the insurgents had not entered Homs")
    );
}

#[test]
fn unknown_place_exits_2_listing_the_places() {
    let (code, out, err) = run(&["quotes", "Atlantis"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("no place called `Atlantis`")
            && err.contains("Damascus")
            && err.contains("Daraa"),
        "{err}"
    );
    let (code, _, err) = run(&["quotes", "Homs\u{1b}[2J"]);
    assert_eq!(code, 2);
    assert!(!err.contains('\u{1b}'), "escape bytes echoed: {err:?}");
}

#[test]
fn another_dataset_with_data() {
    let (code, out, _) = run(&[
        "--data",
        "tests/fixtures/valid/minimal.toml",
        "state",
        "--date",
        "2024-12-06",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(rows[0]["holder"], "reb");
    let (code, _, err) = run(&[
        "--data",
        "tests/fixtures/invalid/unknown-place.toml",
        "state",
        "--date",
        "2024-12-06",
    ]);
    assert_eq!(code, 65);
    assert!(err.contains("unknown-place.toml:46:9"), "{err}");
    let (code, _, _) = run(&["--data", "no/such/file.toml", "events"]);
    assert_eq!(code, 66);
}

#[test]
fn without_a_terminal_the_map_says_so_and_writes_no_escape_bytes() {
    let out = frontline().output().unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty(), "nothing on stdout: {:?}", out.stdout);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("interactive terminal")
            && err.contains("frontline state")
            && err.contains("frontline export"),
        "{err}"
    );
    assert!(!err.contains('\u{1b}'));
}

#[test]
fn commands_take_what_they_say() {
    // `state` without a day: the last.
    let (code, out, err) = run(&["state"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("end of 2024-12-07"), "{out}");
    // --data with a command that reads no dataset is refused, not ignored.
    for args in [
        &["--data", "x.toml", "new", "somewhere"][..],
        &["--data", "x.toml", "locate", "Homs"],
        &["--data", "x.toml", "quality"],
    ] {
        let (code, _, err) = run(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(
            err.contains("--data applies to the commands that read a dataset"),
            "{err}"
        );
    }
    let (code, _, err) = run(&["new", "somewhere", "--data", "x.toml"]);
    assert_eq!(code, 2, "`new` does not offer --data: {err}");
    // validate given two datasets says so.
    let (code, _, err) = run(&["--data", "b.toml", "validate", "a.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("two datasets"), "{err}");
    // --data after the command works as before it.
    let data = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/regions/sudan.toml"
    );
    let (code, before, _) = run(&["--data", data, "state"]);
    let (code2, after, _) = run(&["state", "--data", data]);
    assert_eq!((code, code2), (0, 0));
    assert_eq!(before, after);
}

#[test]
fn data_takes_a_directory_holding_one_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/regions");
    for f in ["sudan.toml", "sudan.txt"] {
        std::fs::copy(format!("{fixture}/{f}"), dir.path().join(f)).unwrap();
    }
    let path = dir.path().to_str().unwrap();
    let (code, out, err) = run(&["--data", path, "state"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Sudan"), "{out}");
    let (code, out, _) = run(&["validate", path]);
    assert_eq!(code, 0);
    assert!(out.contains(": ok"), "{out}");
    // A directory with none, or with several, is named with what it holds.
    let (code, _, err) = run(&["--data", fixture, "state"]);
    assert_eq!(code, 66);
    assert!(
        err.contains("4 dataset files") && err.contains("name one"),
        "{err}"
    );
    let empty = tempfile::tempdir().unwrap();
    let (code, _, err) = run(&["--data", empty.path().to_str().unwrap(), "state"]);
    assert_eq!(code, 66);
    assert!(err.contains("no dataset file"), "{err}");
}

#[test]
fn sources_lists_and_prints_the_built_in_texts() {
    let (code, out, _) = run(&["sources"]);
    assert_eq!(code, 0);
    assert!(out.contains("004") && out.contains("Reuters") && out.contains("2024-12-07"));
    let (code, out, _) = run(&["sources", "004"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Reuters, 7 Dec 2024 [004]"), "{out}");
    assert!(
        out.contains("three Syrian sources told Reuters"),
        "the text itself"
    );
    let (code, _, err) = run(&["sources", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("sources: 000, 001, 002, 003, 004"), "{err}");
}

#[test]
fn a_place_nobody_holds_has_status_none() {
    let (code, out, _) = run(&["state", "--format", "json"]);
    assert_eq!(code, 0);
    let rows: Value = serde_json::from_str(&out).unwrap();
    let qaem = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "al-Qaem")
        .unwrap();
    assert_eq!(qaem["holder"], Value::Null);
    assert_eq!(qaem["status"], "none");
    for row in rows.as_array().unwrap() {
        assert!(
            !(row["holder"].is_null() && row["status"] == "held"),
            "{}: held by nobody",
            row["name"]
        );
    }
}

#[test]
fn diff_counts_areas_as_it_lists_them() {
    let (code, out, _) = run(&["diff", "--format", "json"]);
    assert_eq!(code, 0);
    let diff: Value = serde_json::from_str(&out).unwrap();
    for f in diff["factions"].as_array().unwrap() {
        let (before, after) = (
            f["held_before"].as_i64().unwrap(),
            f["held_after"].as_i64().unwrap(),
        );
        let (gained, lost) = (
            f["gained"].as_array().unwrap().len() as i64,
            f["lost"].as_array().unwrap().len() as i64,
        );
        // Every place and area it gained or lost moves its count the same way; other
        // changes (a place appearing) only add.
        assert!(after - before >= gained - lost, "{}: {f}", f["label"]);
        if f["label"] == "REB" {
            assert!(
                f["gained"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|g| g == "southwest")
            );
            assert!(after >= gained, "{f}");
        }
    }
}

/// `frontline --date D` opens the map on day D: a day outside the dataset, or no date at
/// all, is refused (exit 2) before the terminal is touched, saying which days are valid; a
/// valid one gets as far as the terminal check. Before a command it is refused, not ignored.
#[test]
fn the_map_opens_on_a_date_given_and_refuses_one_outside_the_dataset() {
    let (code, out, err) = run(&["--date", "2030-01-01"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("--date 2030-01-01 is outside the dataset (2024-11-25 to 2024-12-07)"),
        "{err}"
    );
    let (code, _, err) = run(&["--date", "7 Dec"]);
    assert_eq!(code, 2);
    assert!(err.contains("is not a date"), "{err}");
    let (code, _, err) = run(&["--date", "2024-12-05"]);
    assert_eq!(code, 2);
    assert!(err.contains("needs an interactive terminal"), "{err}");
    let (code, _, err) = run(&["--date", "2024-12-05", "state"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--date before a command opens the map"),
        "{err}"
    );
}
