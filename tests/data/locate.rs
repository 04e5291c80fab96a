//! `frontline locate` through the binary: the spellings the issue names, filters, failures.

use assert_cmd::Command;
use serde_json::Value;

fn locate(args: &[&str]) -> Vec<Value> {
    let out = Command::cargo_bin("frontline")
        .unwrap()
        .arg("locate")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn best(args: &[&str]) -> (u64, String, String) {
    let rows = locate(args);
    let r = &rows[0];
    (
        r["geonames_id"].as_u64().unwrap(),
        r["name"].as_str().unwrap().to_string(),
        r["country"].as_str().unwrap().to_string(),
    )
}

#[test]
fn finds_the_spellings_of_the_issue() {
    // Deraa is a GeoNames alternate name of Daraa; Kharkov folds to Khar'kov; Zakyah is in
    // no list of spellings and is found by its consonants.
    assert_eq!(best(&["Deraa"]), (170905, "Dar‘ā".into(), "SY".into()));
    assert_eq!(best(&["Kharkov"]), (706483, "Kharkiv".into(), "UA".into()));
    assert_eq!(best(&["Zakyah"]), (162560, "Zākīyah".into(), "SY".into()));
    let z = &locate(&["Zakyah"])[0];
    assert_eq!(z["edits"], 1);
    assert!((z["lat"].as_f64().unwrap() - 33.33406).abs() < 1e-6);
    assert!((z["lon"].as_f64().unwrap() - 36.1588).abs() < 1e-6);
    assert_eq!(z["admin1"], "Rīf Dimashq");
    assert_eq!(z["population"], 18553);
}

#[test]
fn ignores_case_accents_and_punctuation() {
    for q in ["DARAA", "dar‘ā", "Dar'a", "  daraa "] {
        let r = &locate(&[q])[0];
        assert_eq!(r["geonames_id"], 170905, "{q}");
        assert_eq!(r["edits"], 0, "{q}");
    }
    assert_eq!(best(&["dayr az-zawr"]).0, 170794);
    assert_eq!(best(&["Charkow"]).0, 706483);
}

#[test]
fn ranks_by_closeness_then_population_and_filters_by_country() {
    let rows = locate(&["Homs"]);
    assert_eq!(rows[0]["geonames_id"], 169577); // Homs, Syria
    assert_eq!(rows[1]["name"], "Al Khums"); // Libya's Homs: an exact alternate, smaller
    let edits: Vec<u64> = rows.iter().map(|r| r["edits"].as_u64().unwrap()).collect();
    assert!(edits.windows(2).all(|w| w[0] <= w[1]), "{edits:?}");
    let libya = locate(&["Homs", "--country", "LY"]);
    assert!(libya.iter().all(|r| r["country"] == "LY"));
    assert_eq!(libya[0]["name"], "Al Khums");
    assert_eq!(
        locate(&["Homs", "--country", "libya"])[0]["name"],
        "Al Khums"
    );
    assert_eq!(locate(&["Deraa", "--limit", "2"]).len(), 2);
}

#[test]
fn no_match_and_unknown_country_are_usage_errors() {
    let out = Command::cargo_bin("frontline")
        .unwrap()
        .args(["locate", "Qxzqxzqxz"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no place in the gazetteer is called `Qxzqxzqxz`"),
        "{err}"
    );
    let out = Command::cargo_bin("frontline")
        .unwrap()
        .args(["locate", "Homs", "--country", "Narnia"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--country `Narnia`"));
}

#[test]
fn table_names_the_columns_and_a_snippet_to_paste() {
    let out = Command::cargo_bin("frontline")
        .unwrap()
        .args(["locate", "Deraa", "--limit", "1"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("GeoNames"), "{text}");
    assert!(text.contains("Dar‘ā"), "{text}");
    assert!(text.contains("97,969"), "{text}");
    assert!(
        text.contains("lat = 32.61889, lon = 36.10213, coords = \"GeoNames 170905\""),
        "{text}"
    );
}

#[test]
fn limit_zero_shows_the_count_and_no_candidate() {
    let out = assert_cmd::Command::cargo_bin("frontline")
        .unwrap()
        .args(["locate", "homs", "--limit", "0"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains("candidate(s) in the gazetteer")
            && text.ends_with("none shown (--limit 0)\n"),
        "{text}"
    );
    assert_eq!(locate(&["homs", "--limit", "0"]), Vec::<Value>::new());
}
