//! `frontline gen` through the real binary: the dataset it writes validates, the same seed
//! writes the same bytes, and an existing dataset is kept without --force.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn frontline() -> Command {
    Command::cargo_bin("frontline").unwrap()
}

fn gen_into(dir: &Path, seed: &str) -> assert_cmd::assert::Assert {
    frontline()
        .args([
            "gen",
            "--places",
            "60",
            "--events",
            "700",
            "--events-per-day",
            "25",
        ])
        .args(["--seed", seed, "-o"])
        .arg(dir)
        .assert()
}

/// Every file under `dir`, as (relative path, bytes), sorted.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![(
        "dataset.toml".to_string(),
        fs::read(dir.join("dataset.toml")).unwrap(),
    )];
    for entry in fs::read_dir(dir.join("sources")).unwrap() {
        let path = entry.unwrap().path();
        let name = format!("sources/{}", path.file_name().unwrap().to_string_lossy());
        out.push((name, fs::read(&path).unwrap()));
    }
    out.sort();
    out
}

#[test]
fn generated_dataset_validates_through_the_binary() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("big");
    let out = gen_into(&dir, "5").success();
    let printed = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(printed.trim_end().ends_with("dataset.toml"), "{printed}");
    let v = frontline()
        .arg("validate")
        .arg(dir.join("dataset.toml"))
        .assert()
        .success();
    let msg = String::from_utf8(v.get_output().stdout.clone()).unwrap();
    assert!(msg.contains("60 places, 700 events"), "{msg}");
    // 700 events at 25 a day: 28 days from 2020-01-01.
    assert!(msg.contains("2020-01-01 to 2020-01-28"), "{msg}");
    frontline()
        .arg("--data")
        .arg(dir.join("dataset.toml"))
        .args(["state", "--date", "2020-01-15", "--format", "csv"])
        .assert()
        .success();
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    gen_into(&a, "9").success();
    gen_into(&b, "9").success();
    gen_into(&c, "10").success();
    let fa = files(&a);
    assert!(fa.len() > 1, "sources were written");
    assert_eq!(fa, files(&b));
    assert_ne!(fa, files(&c));
}

#[test]
fn an_existing_dataset_is_kept_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    gen_into(&dir, "1").success();
    let before = fs::read(dir.join("dataset.toml")).unwrap();
    let out = gen_into(&dir, "2").code(73);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("already exists"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(fs::read(dir.join("dataset.toml")).unwrap(), before);
    frontline()
        .args([
            "gen",
            "--places",
            "60",
            "--events",
            "700",
            "--events-per-day",
            "25",
        ])
        .args(["--seed", "2", "--force", "-o"])
        .arg(&dir)
        .assert()
        .success();
    assert_ne!(fs::read(dir.join("dataset.toml")).unwrap(), before);
}

#[test]
fn an_unwritable_directory_exits_73() {
    let tmp = tempfile::tempdir().unwrap();
    // A file where the directory should be: nothing can be created under it.
    let file = tmp.path().join("not-a-dir");
    fs::write(&file, "x").unwrap();
    let out = gen_into(&file, "1").code(73);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.starts_with("error: cannot write"), "{err}");
    assert!(err.contains("not-a-dir"), "{err}");
}

#[test]
fn zero_places_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    frontline()
        .args(["gen", "--places", "0", "--events", "10", "-o"])
        .arg(tmp.path().join("z"))
        .assert()
        .code(2);
}

#[test]
fn a_dataset_over_the_loaders_limits_is_refused_before_writing() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        [
            "--places",
            "100001",
            "--events",
            "10",
            "--events-per-day",
            "1",
        ],
        [
            "--places",
            "10",
            "--events",
            "1000001",
            "--events-per-day",
            "100",
        ],
        [
            "--places",
            "10",
            "--events",
            "36601",
            "--events-per-day",
            "1",
        ],
    ] {
        let out = frontline()
            .arg("gen")
            .args(args)
            .arg("-o")
            .arg(tmp.path().join("g"))
            .assert()
            .code(2);
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(
            err.contains("a dataset holds at most 100000 places, 1000000 events and 36600 days"),
            "{err}"
        );
        assert!(!tmp.path().join("g").exists());
    }
}
