//! Bounded output for unknown division codes: a one-line hint naming the closest code and
//! `frontline divisions CC`, shown once however many areas share it; and that command.

use assert_cmd::Command;

use crate::support::data;

fn frontline() -> Command {
    Command::cargo_bin("frontline").unwrap()
}

#[test]
fn a_thousand_unknown_codes_give_a_thousand_lines_and_one_hint() {
    let dir = data::dataset_dir(|text| {
        let mut t = text.replacen(
            "end = 2024-12-07\n",
            "end = 2024-12-07\ntheatre = [\"SY\"]\n",
            1,
        );
        for i in 0..996 {
            t.push_str(&format!(
                "\n[[places]]\nid = \"z{i}\"\nname = \"Zone {i}\"\nkind = \"area\"\ndivisions = [\"SI-9{i:03}\"]\nnote = \"x\"\n"
            ));
        }
        t
    });
    let out = frontline()
        .args(["validate"])
        .arg(dir.path().join("dataset.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8(out.stderr).unwrap();
    // Before: every error listed Slovenia's 212 divisions (257 MB for this file's kind).
    assert!(err.len() < 200_000, "{} bytes", err.len());
    assert_eq!(err.matches("no first-level division `SI-9").count(), 996);
    // Each hint is one short line: the closest code and how to list them all.
    let hints: Vec<&str> = err.lines().filter(|l| l.contains("hint:")).collect();
    assert!(
        hints.iter().all(|h| h.len() < 160),
        "{:?}",
        hints.iter().find(|h| h.len() >= 160)
    );
    assert!(
        hints
            .iter()
            .all(|h| h.ends_with("run `frontline divisions SI`")),
        "{hints:?}"
    );
}

#[test]
fn identical_hints_are_shown_once() {
    let dir = data::dataset_dir(|text| {
        let mut t = text.replacen(
            "end = 2024-12-07\n",
            "end = 2024-12-07\ntheatre = [\"SY\"]\n",
            1,
        );
        for i in 0..50 {
            t.push_str(&format!(
                "\n[[places]]\nid = \"z{i}\"\nname = \"Zone {i}\"\nkind = \"area\"\ndivisions = [\"QQ-{i}\"]\nnote = \"x\"\n"
            ));
        }
        t
    });
    let out = frontline()
        .arg("validate")
        .arg(dir.path().join("dataset.toml"))
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.matches("no first-level division `QQ-").count(),
        50,
        "{err}"
    );
    assert_eq!(err.matches("hint:").count(), 1, "{err}");
}

#[test]
fn the_hint_names_the_closest_code_and_the_country_count() {
    let dir = data::dataset_dir(|text| {
        text.replacen(
            "end = 2024-12-07\n",
            "end = 2024-12-07\ntheatre = [\"SY\"]\n",
            1,
        ) + "\n[[places]]\nid = \"z\"\nname = \"Zone\"\nkind = \"area\"\ndivisions = [\"SY-DX\"]\nnote = \"x\"\n"
    });
    let out = frontline()
        .arg("validate")
        .arg(dir.path().join("dataset.toml"))
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "hint: did you mean SY-DI (Damascus)? SY has 15 divisions: run `frontline divisions SY`"
        ),
        "{err}"
    );
}

#[test]
fn divisions_lists_a_countrys_codes_by_code_or_name() {
    let out = frontline().args(["divisions", "SY"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with("Syria (SY): 15 first-level division(s)"),
        "{first}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("SY-DI") && l.ends_with("Damascus")),
        "{text}"
    );
    assert_eq!(text.lines().count(), 16, "{text}");
    let by_name = frontline()
        .args(["divisions", "slovenia"])
        .output()
        .unwrap();
    let text = String::from_utf8(by_name.stdout).unwrap();
    assert!(text.starts_with("Slovenia (SI): "), "{text}");
    assert_eq!(text.lines().count(), 194, "{text}");
    let unknown = frontline()
        .args(["divisions", "XX\u{1b}]0;x"])
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    assert!(!unknown.stderr.contains(&0x1b));
}
