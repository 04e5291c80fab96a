//! `frontline validate` warns, without failing, about places far from every gazetteer place
//! of their name inside the map area.

use assert_cmd::Command;

fn validate(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("frontline")
        .unwrap()
        .arg("validate")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_place_far_from_its_namesake_is_warned_about_naming_it() {
    let (code, out, err) = validate(&["tests/fixtures/warnings/far-from-gazetteer.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("ok — 1 sources") && out.contains("(1 warning(s) above)"),
        "{out}"
    );
    assert!(
        err.starts_with(
            "tests/fixtures/warnings/far-from-gazetteer.toml:35:1: warning: place `homs` (Homs, lat 33.5, lon 36.3) is 142 km from the gazetteer's Homs (SY, Ḩimş, population 775404, GeoNames 169577) at lat 34.72405, lon 36.72559"
        ),
        "{err}"
    );
    assert!(err.contains("hint: check lat and lon"), "{err}");
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
}

#[test]
fn a_spelling_near_a_namesake_or_a_namesake_outside_the_map_is_no_warning() {
    // "Damascus", an alias, is within 25 km of Damascus.
    let (code, _, err) = validate(&["tests/fixtures/warnings/alias-near-gazetteer.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("warning"), "{err}");
    // "Alpha" is an alternate name of a town in France, outside the map area.
    let (code, _, err) = validate(&["tests/fixtures/valid/minimal.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn the_built_in_dataset_has_no_warning() {
    let (code, out, err) = validate(&[]);
    assert_eq!(code, 0);
    assert!(!out.contains("warning") && err.is_empty(), "{out}{err}");
}
