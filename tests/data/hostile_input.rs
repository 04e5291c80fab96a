//! Regression tests for hostile input around the loader (issue 11): what reaches the
//! terminal, what a full disk or a special file does, and what a spreadsheet would run.
//! Each test failed before its fix.

use std::path::Path;

use assert_cmd::Command;
use support::dataset_dir;

use crate::support::data as support;

fn frontline() -> Command {
    Command::cargo_bin("frontline").unwrap()
}

/// Exit code, stdout, stderr.
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = frontline().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn a_full_standard_output_exits_74() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    for args in [
        &["state", "--date", "2024-12-07"][..],
        &["validate"],
        &["--help"],
        &["--version"],
        &["help", "export"],
        &[
            "export",
            "--date",
            "2024-12-07",
            "--format",
            "csv",
            "-o",
            "-",
        ],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_frontline"))
            .args(args)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(74), "{args:?}: {err}");
        assert!(
            err.contains("cannot write to standard output") && err.contains("No space left"),
            "{args:?}: {err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn file_names_with_escape_bytes_never_reach_the_terminal_raw() {
    let dir = dataset_dir(|t| t);
    let evil = "x\u{1b}]0;pwned\u{7}.toml";
    std::fs::copy(dir.path().join("dataset.toml"), dir.path().join(evil)).unwrap();
    // validate's "ok" line
    let (code, out, _) = run_in(dir.path(), &["validate", evil]);
    assert_eq!(code, 0);
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(out.contains("x\\u{1b}]0;pwned\\u{7}.toml: ok"), "{out:?}");
    // the "no place called" hint
    let (code, _, err) = run_in(dir.path(), &["--data", evil, "quotes", "nowhere"]);
    assert_eq!(code, 2);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.contains("in x\\u{1b}]0;pwned"), "{err:?}");
    // "cannot read PATH"
    let missing = "gone\u{1b}[2J.toml";
    let (code, _, err) = run_in(dir.path(), &["validate", missing]);
    assert_eq!(code, 66);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.contains("cannot read gone\\u{1b}[2J.toml"), "{err:?}");
}

/// The state table pads its columns by hand: `{:<w$}` panics ("Formatting argument out of
/// range") once a width passes 65,535, which a long name used to reach (the loader now
/// refuses such names too, see tests/data/limits.rs; this is the table on its own).
#[test]
fn the_state_table_takes_a_name_wider_than_a_format_width() {
    let mut loaded = frontline::loaded::builtin().unwrap();
    let date = loaded.dataset.end;
    loaded.dataset.places[0].name = "A".repeat(70_000);
    let table = frontline::report::state_table(&loaded, date);
    let row = table
        .lines()
        .find(|l| l.starts_with("AAAA"))
        .expect("the long name's row");
    assert!(row.len() > 70_000 && row.contains("  "), "padded row");
    let other = table.lines().nth(3).unwrap();
    let holder_col = |l: &str| l.find("  ").map(|i| i + l[i..].find(|c| c != ' ').unwrap());
    assert_eq!(
        holder_col(other),
        Some(70_002),
        "every row is padded to the longest name"
    );
    let txt = frontline::export::render(
        &loaded,
        date,
        frontline::export::Format::Txt,
        &frontline::export::Options::default(),
    )
    .unwrap();
    assert!(
        String::from_utf8(txt)
            .unwrap()
            .contains(&"A".repeat(70_000))
    );
}

/// `--force` replaces a regular file only: a symbolic link, a FIFO or a device at the
/// destination used to become a regular file (and, run as root, `-o /dev/stdout` a device
/// node). The test never points at a real device: if the fix broke, it would replace it.
#[cfg(unix)]
#[test]
fn force_never_replaces_anything_but_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.txt");
    std::fs::write(&target, "keep").unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("link.md")).unwrap();
    assert!(
        std::process::Command::new("mkfifo")
            .arg(dir.path().join("fifo.md"))
            .status()
            .unwrap()
            .success()
    );
    for (name, what) in [("link.md", "a symbolic link"), ("fifo.md", "a FIFO")] {
        for force in [true, false] {
            let mut args = vec![
                "export",
                "--date",
                "2024-12-07",
                "--format",
                "md",
                "-o",
                name,
            ];
            if force {
                args.push("--force");
            }
            let (code, out, err) = run_in(dir.path(), &args);
            assert_eq!(code, 73, "{name}: {out}{err}");
            assert!(
                err.contains(&format!("error: {name} is {what}, not a regular file")),
                "{err}"
            );
            let meta = std::fs::symlink_metadata(dir.path().join(name)).unwrap();
            assert!(!meta.is_file(), "{name} was replaced");
        }
    }
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // A regular file is still replaced with --force.
    std::fs::write(dir.path().join("plain.md"), "old").unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &[
            "export",
            "--date",
            "2024-12-07",
            "--format",
            "md",
            "-o",
            "plain.md",
            "--force",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read_to_string(dir.path().join("plain.md"))
            .unwrap()
            .starts_with("#")
    );
}

/// Validate the minimal dataset edited by `edit`: exit code and stderr.
fn validate_edited(edit: impl Fn(String) -> String) -> (i32, String, tempfile::TempDir) {
    let dir = dataset_dir(edit);
    let (code, _, err) = run_in(dir.path(), &["validate", "dataset.toml"]);
    (code, err, dir)
}

#[test]
fn an_invisible_glyph_is_refused() {
    // Line 33 of the fixture is the second faction's glyph.
    for (g, cp) in [
        ("\u{200d}", "U+200D"),        // zero-width joiner
        ("\u{301}", "U+0301"),         // a combining mark alone
        ("\u{ad}", "U+00AD"),          // soft hyphen
        ("\u{2060}", "U+2060"),        // word joiner
        ("\u{3164}", "U+3164"),        // Hangul filler
        ("\u{e0041}", "U+E0041"),      // a tag character
        ("R\u{301}", "U+0052 U+0301"), // two characters, one of them invisible
    ] {
        let (code, err, _dir) =
            validate_edited(|t| t.replace("glyph = \"R\"", &format!("glyph = \"{g}\"")));
        assert_eq!(code, 65, "{cp}: {err}");
        assert!(
            err.contains("dataset.toml:33:9: error: glyph `")
                && err.contains(&format!("({cp}) must be exactly one visible character")),
            "{cp}: {err}"
        );
    }
}

#[test]
fn line_and_paragraph_separators_are_refused_like_other_controls() {
    for sep in ['\u{2028}', '\u{2029}'] {
        let (code, err, _dir) =
            validate_edited(|t| t.replace("name = \"Alpha\"", &format!("name = \"Al{sep}pha\"")));
        assert_eq!(code, 65, "{err}");
        assert!(
            err.contains(&format!(
                "dataset.toml:37:8: error: `name` contains a line or paragraph separator (U+{:04X})",
                sep as u32
            )),
            "{err}"
        );
        assert!(!err.contains(sep), "the message shows it escaped");
    }
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_made_inert() {
    let dir = dataset_dir(|t| {
        t.replace(
            "name = \"Alpha\"",
            "name = \"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"",
        )
        .replace("name = \"Rebels\"", "name = \"@SUM(A1)\"")
        .replace("id = \"alpha\"", "id = \"-alpha\"")
        .replace("place = \"alpha\"", "place = \"-alpha\"")
        .replace("min_lon = 35.0", "min_lon = -40.0")
        .replace("lon = 36.3", "lon = -36.3")
        .replace("id = \"e1\"", "id = \"+e1\"")
    });
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "--data",
            "dataset.toml",
            "state",
            "--date",
            "2024-12-07",
            "--format",
            "csv",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let mut rows = csv::Reader::from_reader(out.as_bytes());
    let events = rows
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "events")
        .unwrap();
    let row = rows.records().next().unwrap().unwrap();
    assert_eq!(&row[0], "'-alpha");
    assert_eq!(&row[1], "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(&row[4], "-36.3", "a number stays a number");
    assert_eq!(&row[6], "'@SUM(A1)");
    assert_eq!(&row[events], "'+e1");
    assert_eq!(&row[2], "city", "a plain cell is untouched");
}

#[test]
fn a_key_nested_too_deep_is_reported_at_its_line() {
    let (code, err, _dir) = validate_edited(|t| {
        t.replacen(
            "[dataset]\n",
            &format!("[dataset]\n{}b = 1\n", "a.".repeat(100)),
            1,
        )
    });
    assert_eq!(code, 65);
    assert!(
        err.contains("dataset.toml:3:1: error: TOML syntax: recursion limit"),
        "{err}"
    );
}
