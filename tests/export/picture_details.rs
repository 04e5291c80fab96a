//! Picture polish people noticed: titles wrap in narrow pictures, the GeoJSON's layer name is
//! short and file-safe, and sources that give a headline and an address are cited by them.

use std::path::Path;

use chrono::NaiveDate;
use frontline::export::{self, Format, Options};
use frontline::loaded::{self, Loaded};
use serde_json::Value;

const TITLED: &str = "tests/fixtures/valid/titled.toml";
const TITLE: &str = "Rebels take Alpha | *on Friday*";
const URL: &str = "https://example.org/news/alpha?id=1&lang=en";

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 12, d).unwrap()
}

fn text(loaded: &Loaded, date: NaiveDate, format: Format, options: &Options) -> String {
    String::from_utf8(export::render(loaded, date, format, options).unwrap()).unwrap()
}

/// The text lines of an SVG, in document order.
fn svg_lines(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_narrow_picture_wraps_its_title_instead_of_clipping_it() {
    let loaded = loaded::builtin().unwrap();
    let name = &loaded.dataset.name;
    for width in [400, 600, 1600] {
        let options = Options {
            width: Some(width),
            ..Options::default()
        };
        let lines = svg_lines(&text(&loaded, day(7), Format::Svg, &options));
        // The title is the first lines of the picture, whole.
        let mut title = String::new();
        let mut title_lines = 0;
        for l in &lines {
            if title.len() >= name.len() {
                break;
            }
            if !title.is_empty() {
                title.push(' ');
            }
            title.push_str(l);
            title_lines += 1;
        }
        assert_eq!(&title, name, "{width} px");
        let subtitle = lines
            .iter()
            .position(|l| l.starts_with("Who held"))
            .unwrap();
        assert_eq!(
            subtitle, title_lines,
            "the subtitle follows the whole title"
        );
        match width {
            400 => assert!(title_lines >= 2, "wrapped at 400 px"),
            1600 => assert_eq!(title_lines, 1),
            _ => {}
        }
    }
}

#[test]
fn the_geojson_layer_name_is_short_and_file_safe() {
    let loaded = loaded::builtin().unwrap();
    let raw = text(&loaded, day(7), Format::Geojson, &Options::default());
    let value: Value = serde_json::from_str(&raw).unwrap();
    let name = value["name"].as_str().unwrap();
    assert_eq!(name, "syria-2024_2024-12-07");
    assert!(
        name.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    );
    assert_eq!(
        value["title"].as_str().unwrap(),
        format!("{} — 2024-12-07", loaded.dataset.name)
    );
}

#[test]
fn a_source_with_a_title_and_url_is_cited_by_them() {
    let loaded = loaded::load_path(Path::new(TITLED)).unwrap();
    let src = &loaded.dataset.sources[0];
    assert_eq!(src.title.as_deref(), Some(TITLE));
    assert_eq!(src.url.as_deref(), Some(URL));
    let svg = text(&loaded, day(7), Format::Svg, &Options::default());
    let footer = svg_lines(&svg).join(" ");
    assert!(
        footer.contains(&format!("Test Wire, 7 Dec 2024: {TITLE} [s1] {URL}")),
        "{footer}"
    );
    assert!(!footer.contains("source.txt"), "the address, not the file");
    // No address reaches an attribute a renderer would follow.
    assert!(!svg.contains("href"));
    let md = text(&loaded, day(7), Format::Md, &Options::default());
    assert!(
        md.contains(r"- s1 — [Rebels take Alpha \| \*on Friday\*](<https://example.org/news/alpha?id=1&lang=en>), Test Wire"),
        "{md}"
    );
    let geojson: Value =
        serde_json::from_str(&text(&loaded, day(7), Format::Geojson, &Options::default())).unwrap();
    let quote = &geojson["features"][0]["properties"]["quotes"][0];
    assert_eq!(quote["title"], TITLE);
    assert_eq!(quote["url"], URL);
    let diff = frontline::report::diff::data(&loaded, day(1), day(7));
    let event = &diff.places[0].events[0];
    assert_eq!(event.title.as_deref(), Some(TITLE));
    assert_eq!(event.url.as_deref(), Some(URL));
}

#[test]
fn a_source_without_them_is_cited_by_outlet_day_and_id() {
    let loaded = loaded::builtin().unwrap();
    assert!(
        loaded
            .dataset
            .sources
            .iter()
            .all(|s| s.title.is_none() && s.url.is_none())
    );
    let footer = svg_lines(&text(&loaded, day(7), Format::Svg, &Options::default())).join(" ");
    assert!(
        footer.contains("Reuters, 7 Dec 2024 [004]") && !footer.contains("sources/004"),
        "{footer}"
    );
}
