//! Held, lost, gained: `frontline diff` in every format through the binary, and the same
//! comparison drawn as a picture (`export --compare`): rings around the places that changed,
//! hatching over the areas whose approximated holder changed.

use assert_cmd::Command;
use chrono::NaiveDate;
use frontline::export::{self, Format, Layout, Options};
use frontline::loaded::{self, Loaded};
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

fn diff(format: &str) -> String {
    let (code, out, err) = run(&[
        "diff",
        "--from",
        "2024-12-04",
        "--to",
        "2024-12-07",
        "--format",
        format,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty());
    out
}

const HAMA_QUOTE: &str = "On Thursday, HST captured the key city of Hama allowing them to move further down the road towards Homs";

#[test]
fn the_table_lists_hama_gained_by_hts_with_its_quote() {
    let out = diff("table");
    let hama = out
        .lines()
        .position(|l| l.starts_with("Hama "))
        .unwrap_or_else(|| panic!("no Hama line:\n{out}"));
    let line = out.lines().nth(hama).unwrap();
    assert!(line.contains("GOV held"), "{line}");
    assert!(line.contains("HTS held"), "{line}");
    assert!(line.contains("gained by HTS from GOV, on 5 Dec"), "{line}");
    let below: String = out
        .lines()
        .skip(hama + 1)
        .take_while(|l| l.starts_with("    "))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(below.contains(HAMA_QUOTE), "its quote under it:\n{below}");
    assert!(
        below.contains("001 (not stated"),
        "with its source:\n{below}"
    );
    // The factions' tallies, and the places that did not change, listed too.
    assert!(out.contains("+ Hama"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("Tartus ") && l.ends_with("unchanged"))
    );
    // A change the reports give no day for says so.
    let palmyra = out.lines().find(|l| l.starts_with("Palmyra ")).unwrap();
    assert!(
        palmyra.contains("changed between 25 Nov and 7 Dec, possibly before 4 Dec"),
        "{palmyra}"
    );
}

fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    r.records().map(Result::unwrap).collect()
}

#[test]
fn json_and_csv_agree() {
    let json: Value = serde_json::from_str(&diff("json")).unwrap();
    let csv_text = diff("csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = csv_rows(&csv_text);
    let places = json["places"].as_array().unwrap();
    assert_eq!(places.len(), rows.len(), "one row per place");
    assert_eq!(json["from"], "2024-12-04");
    assert_eq!(json["to"], "2024-12-07");
    let col = |row: &csv::StringRecord, name: &str| {
        let i = headers.iter().position(|h| h == name).unwrap();
        row[i].to_string()
    };
    let text = |v: &Value| v.as_str().map(String::from).unwrap_or_default();
    for (p, row) in places.iter().zip(&rows) {
        for key in [
            "id",
            "name",
            "change",
            "what",
            "when",
            "changed_earliest",
            "changed_latest",
            "changed_likely",
        ] {
            assert_eq!(text(&p[key]), col(row, key), "{}: {key}", p["id"]);
        }
        for (side, suffix) in [("before", "_before"), ("after", "_after")] {
            assert_eq!(
                text(&p[side]["holder"]),
                col(row, &format!("holder{suffix}")),
                "{}",
                p["id"]
            );
            assert_eq!(
                text(&p[side]["status"]),
                col(row, &format!("status{suffix}"))
            );
        }
        let events: Vec<String> = p["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| text(&e["event"]))
            .collect();
        assert_eq!(events.join(";"), col(row, "events"), "{}", p["id"]);
        for e in p["events"].as_array().unwrap() {
            assert!(col(row, "quotes").contains(&text(&e["quote"])));
        }
    }
    let hama = places.iter().find(|p| p["id"] == "hama").unwrap();
    assert_eq!(hama["change"], "gained");
    assert_eq!(hama["what"], "gained by HTS from GOV");
    assert_eq!(hama["before"]["holder"], "gov");
    assert_eq!(hama["after"]["holder"], "hts");
    assert_eq!(hama["changed_earliest"], "2024-12-05");
    assert!(
        hama["events"].as_array().unwrap().iter().any(|e| e["quote"]
            .as_str()
            .unwrap()
            .contains(HAMA_QUOTE)
            && e["source"] == "001")
    );
    let hts = json["factions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "hts")
        .unwrap();
    assert!(
        hts["gained"]
            .as_array()
            .unwrap()
            .contains(&Value::from("hama"))
    );
    // Changes come first.
    let first_unchanged = places
        .iter()
        .position(|p| p["change"] == "unchanged")
        .unwrap();
    assert!(
        places[first_unchanged..]
            .iter()
            .all(|p| p["change"] == "unchanged")
    );
}

#[test]
fn markdown_tabulates_and_quotes() {
    let md = diff("md");
    assert!(md.starts_with("# Syria"));
    assert!(
        md.contains("| Hama | GOV held | HTS held | gained by HTS from GOV, on 5 Dec |"),
        "{md}"
    );
    assert!(md.contains("### Hama — gained by HTS from GOV"));
    assert!(md.contains(&format!("> {HAMA_QUOTE}")));
    assert!(md.contains("## Sources"));
}

#[test]
fn one_day_against_itself_changes_nothing() {
    let (code, out, _) = run(&[
        "diff",
        "--from",
        "2024-12-07",
        "--to",
        "2024-12-07",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert!(
        json["places"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["change"] == "unchanged")
    );
}

#[test]
fn bad_days_exit_2() {
    for (args, message) in [
        (
            vec!["diff", "--from", "2024-12-07", "--to", "2024-12-04"],
            "--from 2024-12-07 is after --to 2024-12-04",
        ),
        (vec!["diff", "--from", "2024-13-01"], "is not a date"),
        (vec!["diff", "--to", "2025-01-01"], "outside the dataset"),
    ] {
        let (code, out, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(out.is_empty());
    }
}

// ---------------------------------------------------------------------------------------
// The comparison as a picture

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 12, d).unwrap()
}

fn builtin() -> Loaded {
    loaded::builtin().unwrap()
}

fn picture(loaded: &Loaded, compare: Option<u32>, width: u32) -> (u32, u32, Vec<u8>) {
    let options = Options {
        width: Some(width),
        compare: compare.map(day),
        ..Options::default()
    };
    let data = export::render(loaded, day(7), Format::Png, &options).unwrap();
    let mut reader = png::Decoder::new(std::io::Cursor::new(data))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    (info.width, info.height, buf)
}

fn pixel(image: &(u32, u32, Vec<u8>), (x, y): (f64, f64)) -> [u8; 3] {
    let i = ((y.floor() as usize) * image.0 as usize + x.floor() as usize) * 4;
    [image.2[i], image.2[i + 1], image.2[i + 2]]
}

/// How many pixels in a box around `(x, y)` are within `tolerance` of `color`.
fn count_near(image: &(u32, u32, Vec<u8>), (x, y): (f64, f64), r: i32, color: [u8; 3]) -> usize {
    let mut n = 0;
    for dy in -r..=r {
        for dx in -r..=r {
            let p = pixel(image, (x + f64::from(dx), y + f64::from(dy)));
            if p.iter()
                .zip(color)
                .all(|(a, b)| (i32::from(*a) - i32::from(b)).abs() <= 40)
            {
                n += 1;
            }
        }
    }
    n
}

fn layout_for(loaded: &Loaded, compare: bool, width: u32) -> Layout {
    let ds = &loaded.dataset;
    if compare {
        let story = export::svg::Story {
            compare: Some(day(4)),
            frame: None,
        };
        Layout::with_subtitle(ds, width, None, &export::svg::subtitle(day(7), &story))
    } else {
        Layout::new(ds, width, None)
    }
}

const HTS: [u8; 3] = [0x00, 0x9e, 0x73];
const OTH: [u8; 3] = [0xcc, 0x79, 0xa7];

#[test]
fn the_comparison_rings_gains_and_hatches_the_areas_that_changed() {
    let loaded = builtin();
    let ds = &loaded.dataset;
    let width = 1600;
    let plain = picture(&loaded, None, width);
    let compared = picture(&loaded, Some(4), width);
    let at = |compare: bool, id: &str, dlon: f64, dlat: f64| {
        let p = ds.place(ds.find_place(id).unwrap());
        layout_for(&loaded, compare, width).to_pixel(p.lon + dlon, p.lat + dlat)
    };
    // A ring in HTS's colour around Hama, gained since 4 December: above the marker, where
    // the plain picture has only the area's pale tint.
    let l = layout_for(&loaded, true, width);
    let r = 8.0 * l.scale * 1.95;
    let (hx, hy) = at(true, "hama", 0.0, 0.0);
    assert!(
        count_near(&compared, (hx, hy - r), 2, HTS) > 0,
        "a ring around Hama"
    );
    let (px, py) = at(false, "hama", 0.0, 0.0);
    assert_eq!(
        count_near(&plain, (px, py - r), 2, HTS),
        0,
        "no ring without --compare"
    );
    // Stripes in the new holder's colour over Palmyra's land (unsettled on 4 December, OTH's
    // on 7; within 20 km of it, inside the government's "west and centre"); none over
    // Aleppo's (HTS on both days).
    let palmyra = |compare| at(compare, "palmyra", 0.1, -0.14);
    assert!(
        count_near(&compared, palmyra(true), 6, OTH) > 5,
        "Palmyra's area hatched"
    );
    assert_eq!(
        count_near(&plain, palmyra(false), 6, OTH),
        0,
        "only tint without --compare"
    );
    let aleppo = at(true, "aleppo", 0.25, 0.25);
    assert_eq!(
        count_near(&compared, aleppo, 6, HTS),
        0,
        "Aleppo's area unchanged"
    );
}

#[test]
fn the_comparison_lists_its_changes_and_is_named_after_both_days() {
    let loaded = builtin();
    // A square picture: room in the legend for every change (a 16:9 one lists what fits and
    // counts the rest).
    let options = Options {
        compare: Some(day(4)),
        size: Some(export::PictureSize {
            width: 1600,
            height: 1600,
        }),
        ..Options::default()
    };
    let svg =
        String::from_utf8(export::render(&loaded, day(7), Format::Svg, &options).unwrap()).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    // The words as read, lines of wrapped paragraphs joined.
    let words: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    let words = words.join(" ");
    for phrase in [
        "and what changed since Wednesday 4 December",
        "Changes from 4 December to 7 December",
        "Hama: gained by HTS from GOV, on 5 Dec",
        "hatched: reads differently since 4 December",
        "Palmyra: gained by OTH from GOV, changed between 25 Nov and 7 Dec, possibly before 4 Dec",
    ] {
        assert!(words.contains(phrase), "{phrase}");
    }
    let dir = tempfile::tempdir().unwrap();
    let out = frontline()
        .current_dir(dir.path())
        .args([
            "export",
            "--date",
            "2024-12-07",
            "--format",
            "svg",
            "--compare",
            "2024-12-04",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "syria-2024_2024-12-04_to_2024-12-07.svg\n"
    );
    for (args, message) in [
        (
            vec![
                "--date",
                "2024-12-04",
                "--format",
                "png",
                "--compare",
                "2024-12-07",
            ],
            "--compare 2024-12-07 is after 2024-12-04",
        ),
        (
            vec![
                "--date",
                "2024-12-07",
                "--format",
                "json",
                "--compare",
                "2024-12-04",
            ],
            "--compare applies to svg and png only",
        ),
    ] {
        let mut all = vec!["export"];
        all.extend(args.iter());
        let out = frontline()
            .current_dir(dir.path())
            .args(&all)
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(message), "{err}");
    }
}

// ---------------------------------------------------------------------------------------
// Every kind of change, on the state machine's scenarios

fn scenario(name: &str) -> Loaded {
    let dir = std::path::Path::new("tests/fixtures/scenarios");
    let header = std::fs::read_to_string(dir.join("header.inc")).unwrap();
    let file = std::fs::read_to_string(dir.join(name)).unwrap();
    let data = file.split("# --- expect ---").next().unwrap();
    loaded::load_str(name, &format!("{header}\n{data}"), &|f| {
        std::fs::read_to_string(dir.join(f)).map_err(|e| e.to_string())
    })
    .unwrap()
}

/// `(change, what)` of a place between two days of December.
fn change(loaded: &Loaded, place: &str, from: u32, to: u32) -> (String, String) {
    let d = frontline::report::diff::data(loaded, day(from), day(to));
    let p = d
        .places
        .into_iter()
        .find(|p| p.id == place)
        .unwrap_or_else(|| panic!("{place} is listed"));
    (p.change, p.what)
}

#[test]
fn every_kind_of_change_is_told_apart() {
    let appearing = scenario("outside-and-appearing.toml");
    let zeta = change(&appearing, "zeta", 2, 4);
    assert_eq!(zeta.0, "appeared");
    assert!(
        zeta.1.starts_with("on the map since then: held by REB"),
        "{zeta:?}"
    );
    assert_eq!(change(&appearing, "epsilon", 2, 4).0, "unchanged");
    let d = frontline::report::diff::data(&appearing, day(1), day(2));
    assert!(
        d.places.iter().all(|p| p.id != "zeta"),
        "not on the map yet"
    );

    let repelled = scenario("contest-denial-repelled.toml");
    assert_eq!(
        change(&repelled, "beta", 1, 2),
        ("contested".into(), "newly contested by REB".into())
    );
    let ended = change(&repelled, "beta", 2, 4);
    assert_eq!(ended.0, "ended");
    assert!(
        ended
            .1
            .starts_with("no longer contested by REB: held by GOV"),
        "{ended:?}"
    );
    let back = change(&repelled, "beta", 1, 5);
    assert_eq!(
        back.0, "changed_back",
        "held on both days, contested in between"
    );
    assert!(back.1.contains("again, after being contested"), "{back:?}");

    let claim = scenario("claim.toml");
    let nu = change(&claim, "nu", 1, 2);
    assert_eq!(
        nu,
        ("claimed".into(), "newly claimed by REB, unconfirmed".into())
    );

    let disputed = scenario("disputed-captor.toml");
    let delta = change(&disputed, "delta", 4, 5);
    assert_eq!(delta.0, "disputed");
    assert_eq!(delta.1, "now disputed: reports also name REB as captor");
    let gained = change(&disputed, "delta", 1, 2);
    assert_eq!(gained, ("gained".into(), "gained by KUR from GOV".into()));
}
