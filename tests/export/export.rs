//! Snapshot export: every format through the library, and the command through the real binary
//! (file naming, refusing to overwrite, --force, unwritable places, bad arguments).

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::NaiveDate;
use frontline::dataset::LoadError;
use frontline::export::{self, Format, Layout, MapView, Options};
use frontline::loaded::{self, Loaded};
use frontline::screen::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::CellWidth;
use serde_json::Value;

const HOSTILE: &str = "tests/fixtures/export/hostile.toml";

fn frontline() -> Command {
    Command::cargo_bin("frontline").unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 12, d).unwrap()
}

fn builtin() -> Loaded {
    loaded::builtin().unwrap()
}

/// The built-in data with the rebels' faction no longer vague: the reports' unnamed "rebels"
/// then rival the Kurdish-led alliance as captors of Deir ez-Zor, which is disputed on
/// 7 December (the built-in data has no named rival captors any more).
fn with_a_disputed_captor() -> Loaded {
    let text = frontline::dataset::builtin_text().replace("vague = true", "vague = false");
    loaded::load_str("disputed.toml", &text, &frontline::dataset::builtin_source).unwrap()
}

fn hostile() -> Loaded {
    loaded::load_path(Path::new(HOSTILE)).unwrap()
}

fn bytes(loaded: &Loaded, date: NaiveDate, format: Format, options: &Options) -> Vec<u8> {
    export::render(loaded, date, format, options).unwrap()
}

fn text(loaded: &Loaded, date: NaiveDate, format: Format, options: &Options) -> String {
    String::from_utf8(bytes(loaded, date, format, options)).unwrap()
}

fn width_height(w: u32, h: u32) -> Options {
    Options {
        width: Some(w),
        height: Some(h),
        ..Options::default()
    }
}

fn width(w: u32) -> Options {
    Options {
        width: Some(w),
        ..Options::default()
    }
}

/// Decoded RGBA pixels with the image's width and height.
fn decode_png(data: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(data))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgba, "8-bit RGBA");
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

fn pixel((w, _, px): &(u32, u32, Vec<u8>), (x, y): (f64, f64)) -> [u8; 3] {
    let i = ((y.floor() as usize) * (*w as usize) + x.floor() as usize) * 4;
    [px[i], px[i + 1], px[i + 2]]
}

fn place_pixel(loaded: &Loaded, image: &(u32, u32, Vec<u8>), id: &str) -> [u8; 3] {
    let ds = &loaded.dataset;
    let p = ds.place(ds.find_place(id).unwrap());
    let layout = Layout::new(ds, image.0, None);
    pixel(image, layout.to_pixel(p.lon, p.lat))
}

const GOV: [u8; 3] = [0xd5, 0x5e, 0x00];
const HTS: [u8; 3] = [0x00, 0x9e, 0x73];

// ---------------------------------------------------------------------------------------
// SVG

/// Every text node of an SVG, in document order.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("invalid XML: {e}"));
    doc.descendants()
        .filter(|n| n.has_tag_name("text") || n.has_tag_name("title"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

/// Every attribute that could make a renderer fetch something.
/// The links and `url(...)` references of an SVG that do not point at an element of the
/// document itself (a clip path, a pattern).
fn svg_links(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let ids: std::collections::HashSet<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    doc.descendants()
        .flat_map(|n| n.attributes().collect::<Vec<_>>())
        .filter(|a| a.name() == "href" || a.value().contains("url("))
        .map(|a| a.value().to_string())
        .filter(|v| {
            let id = v.trim_start_matches("url(#").trim_end_matches(')');
            !(v.starts_with("url(#") && ids.contains(id))
        })
        .collect()
}

#[test]
fn svg_is_xml_with_title_legend_places_and_footer() {
    let loaded = builtin();
    let svg = text(&loaded, day(7), Format::Svg, &Options::default());
    assert!(svg.len() < 1_000_000, "{} bytes", svg.len());
    let texts = svg_texts(&svg);
    let has = |s: &str| texts.iter().any(|t| t.contains(s));
    assert!(has(&loaded.dataset.name), "title");
    assert!(has("Saturday 7 December 2024"), "date in the subtitle");
    for label in ["Damascus", "Aleppo", "Hama", "Homs", "Deir ez-Zor"] {
        assert!(texts.iter().any(|t| t == label), "label {label}");
    }
    assert!(has("approximated from the reported places"), "the caveat");
    assert!(
        has("contested") && has("claimed") && has("disputed"),
        "statuses"
    );
    assert!(has("×") && has("?") && has("≠"), "status marks on the map");
    assert!(has("Hayat Tahrir al-Sham"), "factions");
    assert!(
        has("Reuters, 7 Dec 2024 [004]"),
        "sources by outlet, day and id"
    );
    assert!(!has("sources/004"), "not by file name");
    assert!(has("Natural Earth") && has("GeoNames"), "credits");
    assert!(svg_links(&svg).is_empty(), "no external reference");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(doc.root_element().attribute("width"), Some("1600"));
}

#[test]
fn credits_name_what_the_dataset_uses() {
    let mut loaded = builtin();
    let footer = |loaded: &Loaded| {
        let svg = text(loaded, day(7), Format::Svg, &Options::default());
        svg_texts(&svg).join(" ")
    };
    let shown = footer(&loaded);
    assert!(
        // 16 towns and the centre of the Damascus countryside's disc.
        shown.contains("GeoNames (CC BY 4.0) for 17 places; airportsdata (MIT) for 1"),
        "{shown}"
    );
    // Coordinates from elsewhere: the footer says so, and no longer credits GeoNames.
    for p in loaded
        .dataset
        .places
        .iter_mut()
        .filter(|p| !p.coords_source.is_empty())
    {
        p.coords_source = "OpenStreetMap node 42".into();
    }
    let shown = footer(&loaded);
    assert!(
        shown.contains("OpenStreetMap contributors (ODbL) for 18 places"),
        "{shown}"
    );
    assert!(!shown.contains("GeoNames"), "{shown}");
    let md = text(&loaded, day(7), Format::Md, &Options::default());
    assert!(
        md.contains("OpenStreetMap contributors (ODbL) for 18 places") && !md.contains("GeoNames")
    );
    // The borders drawn are Natural Earth's de facto lines, and the legend says so.
    assert!(
        shown.contains("Borders are its de facto lines, not a statement on any claim"),
        "{shown}"
    );
    // A map area the basemap does not reach: it is not credited, nor its borders explained.
    assert!(shown.contains("Natural Earth"));
    loaded.dataset.map = frontline::geo::MapArea::new(60.0, 70.0, -10.0, 0.0).unwrap();
    let shown = footer(&loaded);
    assert!(!shown.contains("Natural Earth"), "{shown}");
    assert!(!shown.contains("de facto"), "{shown}");
}

#[test]
fn svg_escapes_hostile_names() {
    let loaded = hostile();
    let ds = &loaded.dataset;
    let svg = text(&loaded, day(7), Format::Svg, &Options::default());
    let texts = svg_texts(&svg);
    assert_eq!(texts[0], format!("{} — 2024-12-07", ds.name), "<title>");
    for name in ["\"Alpha\" & <i>", "<i>Beta</i> ]]> --"] {
        assert!(
            texts.iter().any(|t| t == name),
            "label {name} comes back intact"
        );
    }
    assert!(
        texts.iter().any(|t| t.contains("Wire & \"Co\" <ltd>")),
        "outlet"
    );
    assert!(
        !svg.contains("<script") && !svg.contains("<i>"),
        "no markup leaks"
    );
    assert!(svg_links(&svg).is_empty(), "no external reference");
    // usvg (stricter than roxmltree about some things) accepts it too: the PNG renders.
    let (w, _, _) = decode_png(&bytes(&loaded, day(7), Format::Png, &width(900)));
    assert_eq!(w, 900);
}

#[test]
fn control_characters_are_refused_at_load() {
    let err = loaded::load_path(Path::new("tests/fixtures/export/control-char.toml"))
        .expect_err("a BEL in a name is refused");
    let LoadError::Invalid(diags) = err else {
        panic!("expected diagnostics, got {err}");
    };
    assert!(
        diags
            .iter()
            .any(|d| d.to_string().contains("control character (U+0007)")),
        "{diags:?}"
    );
}

#[test]
fn a_zoomed_view_is_drawn_around_its_centre() {
    let loaded = builtin();
    let ds = &loaded.dataset;
    let whole = Layout::new(ds, 1200, None);
    let damascus = ds.place(ds.find_place("damascus").unwrap());
    let center = whole
        .viewport
        .projection
        .project(damascus.lon, damascus.lat);
    let view = MapView {
        zoom: 6.0,
        center: Some(center),
        territory: true,
    };
    let options = Options {
        view: Some(view),
        ..width(1200)
    };
    let svg = text(&loaded, day(7), Format::Svg, &options);
    let texts = svg_texts(&svg);
    assert!(texts.iter().any(|t| t.contains("zoom ×6.0")), "{texts:?}");
    assert!(texts.iter().any(|t| t == "Jarmana"), "room for the suburb");
    assert!(
        !texts.iter().any(|t| t == "Aleppo"),
        "Aleppo is off the map"
    );
}

#[test]
fn a_disputed_captor_shades_no_territory_in_the_picture() {
    // Deir ez-Zor on 7 December: held by the Kurdish-led alliance in the built-in data (the
    // unnamed "rebels" support the loss); with them made a named group, its captor is
    // disputed, and the land around it must not be drawn in either's colour alone.
    let options = width(1200);
    let held = builtin();
    let disputed = with_a_disputed_captor();
    let ds = &held.dataset;
    let deir = ds.place(ds.find_place("deir ez-zor").unwrap());
    let layout = Layout::new(ds, 1200, None);
    // 20 km south of the city: within its land, away from marker and label.
    let (x, y) = layout.to_pixel(deir.lon, deir.lat - 0.18);
    let colours = |loaded: &Loaded| {
        let image = decode_png(&bytes(loaded, day(7), Format::Png, &options));
        let mut seen = std::collections::BTreeSet::new();
        for dx in 0..16 {
            for dy in 0..16 {
                seen.insert(pixel(&image, (x + f64::from(dx), y + f64::from(dy))));
            }
        }
        seen
    };
    assert_eq!(colours(&held).len(), 1, "held: one solid tint");
    let striped = colours(&disputed);
    assert!(
        striped.len() >= 3,
        "disputed: stripes of both accounts, {striped:?}"
    );
}

#[test]
fn turning_the_shading_off_on_screen_leaves_it_out_of_the_picture_and_the_text() {
    let loaded = builtin();
    let shaded = |territory: bool| Options {
        view: Some(MapView {
            zoom: 1.0,
            center: None,
            territory,
        }),
        ..width(1200)
    };
    let on = text(&loaded, day(7), Format::Svg, &shaded(true));
    let off = text(&loaded, day(7), Format::Svg, &shaded(false));
    assert!(on.contains(r#"<g class="territory"><path"#));
    assert!(!off.contains(r#"<g class="territory">"#));
    assert!(svg_texts(&on).iter().any(|t| t == "Shaded land"));
    assert!(!svg_texts(&off).iter().any(|t| t == "Shaded land"));
    let txt = |territory| {
        let options = Options {
            width: Some(120),
            ..shaded(territory)
        };
        text(&loaded, day(7), Format::Txt, &options)
    };
    // Text has no colour to shade with, and says so rather than claiming shaded areas.
    assert!(
        txt(true).contains("areas not shaded: no colour"),
        "{}",
        txt(true)
    );
    assert!(!txt(false).contains("shaded"));
}

// ---------------------------------------------------------------------------------------
// PNG

#[test]
fn png_shows_holders_in_their_colours() {
    let loaded = builtin();
    let options = width(1200);
    let dec7 = decode_png(&bytes(&loaded, day(7), Format::Png, &options));
    assert_eq!((dec7.0, dec7.1), (1200, 675), "the requested width, 16:9");
    assert_eq!(place_pixel(&loaded, &dec7, "damascus"), GOV);
    let dec4 = decode_png(&bytes(&loaded, day(4), Format::Png, &options));
    let dec5 = decode_png(&bytes(&loaded, day(5), Format::Png, &options));
    assert_eq!(
        place_pixel(&loaded, &dec4, "hama"),
        GOV,
        "Hama on 4 December"
    );
    assert_eq!(
        place_pixel(&loaded, &dec5, "hama"),
        HTS,
        "Hama on 5 December"
    );
}

#[test]
fn png_has_text() {
    // Without the embedded font resvg draws no text at all: the title band would be blank.
    let loaded = builtin();
    let image = decode_png(&bytes(&loaded, day(7), Format::Png, &width(1200)));
    let layout = Layout::new(&loaded.dataset, 1200, None);
    let (w, _, px) = &image;
    let dark = (0..layout.map.y as usize)
        .flat_map(|y| (0..*w as usize).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let i = (y * *w as usize + x) * 4;
            px[i] < 80 && px[i + 1] < 80 && px[i + 2] < 80
        })
        .count();
    assert!(
        dark > 2000,
        "{dark} dark pixels above the map: the title is drawn"
    );
}

// ---------------------------------------------------------------------------------------
// GeoJSON, JSON, CSV

fn state_json(date: &str) -> Vec<Value> {
    let out = frontline()
        .args(["state", "--date", date, "--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
#[expect(clippy::too_many_lines, reason = "one document's checks in sequence")]
fn geojson_is_rfc7946_with_the_state_rows() {
    let loaded = builtin();
    let raw = text(&loaded, day(7), Format::Geojson, &Options::default());
    let parsed: geojson::GeoJson = raw.parse().unwrap();
    let geojson::GeoJson::FeatureCollection(fc) = parsed else {
        panic!("not a FeatureCollection");
    };
    let value: Value = serde_json::from_str(&raw).unwrap();
    assert!(value.get("crs").is_none(), "RFC 7946 has no crs member");
    let rows = state_json("2024-12-07");
    assert_eq!(fc.features.len(), rows.len());
    for (feature, row) in fc.features.iter().zip(&rows) {
        let mut props = feature.properties.clone().unwrap();
        let quotes = props.remove("quotes").unwrap();
        let initial = props.remove("initial").unwrap();
        let place = loaded.dataset.place(
            loaded
                .dataset
                .find_place(row["id"].as_str().unwrap())
                .unwrap(),
        );
        assert_eq!(
            initial["quote"].as_str(),
            place.initial_basis.quote.as_deref(),
            "every feature's starting quote"
        );
        assert_eq!(initial["note"], place.initial_basis.note.as_str());
        let area = props.remove("area");
        assert_eq!(
            area.is_some(),
            row["kind"] == "area",
            "an area says how it is drawn"
        );
        let disagreements = props["disagreements"].clone();
        assert_eq!(&Value::Object(props), row, "properties are the state row");
        let ids: Vec<&Value> = disagreements
            .as_array()
            .unwrap()
            .iter()
            .map(|d| &d["id"])
            .collect();
        let expected: Vec<&Value> = row["contradictions"].as_array().unwrap().iter().collect();
        assert_eq!(ids, expected, "the place's disagreements, in full");
        let geometry = feature.geometry.as_ref().unwrap();
        if row["kind"] == "area" {
            assert!(
                matches!(geometry.value, geojson::GeometryValue::MultiPolygon { .. }),
                "an area is its polygons"
            );
            continue;
        }
        let geojson::GeometryValue::Point { coordinates } = &geometry.value else {
            panic!("a Point");
        };
        assert_eq!(
            coordinates.as_slice(),
            [row["lon"].as_f64().unwrap(), row["lat"].as_f64().unwrap()],
            "[lon, lat]"
        );
        let events: Vec<&Value> = quotes.as_array().unwrap().iter().collect();
        assert_eq!(events.len(), row["events"].as_array().unwrap().len());
        for q in events {
            for key in [
                "event",
                "source",
                "outlet",
                "file",
                "date",
                "earliest",
                "latest",
                "likely",
                "when",
                "status",
                "said_by",
                "reporters",
                "quote",
            ] {
                assert!(q.get(key).is_some(), "quote has {key}");
            }
        }
    }
    let damascus = fc
        .features
        .iter()
        .find(|f| f.id == Some(geojson::feature::Id::String("damascus".into())))
        .unwrap();
    let geojson::GeometryValue::Point { coordinates } = &damascus.geometry.as_ref().unwrap().value
    else {
        panic!("a Point");
    };
    let c = coordinates.as_slice();
    assert!(
        (c[0] - 36.29).abs() < 0.01 && (c[1] - 33.51).abs() < 0.01,
        "{c:?}"
    );
    let homs = fc
        .features
        .iter()
        .find(|f| f.id == Some(geojson::feature::Id::String("homs".into())))
        .unwrap();
    let quotes = homs.properties.as_ref().unwrap()["quotes"]
        .as_array()
        .unwrap();
    assert!(
        quotes
            .iter()
            .any(|q| q["quote"].as_str().unwrap().contains("Homs")),
        "Homs's quotes name it"
    );
}

#[test]
fn every_contradiction_reaches_markdown_geojson_json_csv_and_the_picture() {
    let loaded = builtin();
    let ds = &loaded.dataset;
    assert!(ds.contradictions.len() >= 6);
    let md = text(&loaded, day(7), Format::Md, &Options::default());
    let json = text(&loaded, day(7), Format::Json, &Options::default());
    let rows: Value = serde_json::from_str(&json).unwrap();
    let json_topics: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["disagreements"].as_array().unwrap())
        .map(|d| d["topic"].as_str().unwrap())
        .collect();
    let csv = text(&loaded, day(7), Format::Csv, &Options::default());
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (topics, summaries) = (
        column("contradiction_topics"),
        column("contradiction_summaries"),
    );
    let csv_rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let geo: Value =
        serde_json::from_str(&text(&loaded, day(7), Format::Geojson, &Options::default())).unwrap();
    let in_geojson: Vec<&str> = geo["contradictions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    // The picture's words, paragraphs joined back where they were wrapped.
    let svg_words = svg_texts(&text(&loaded, day(7), Format::Svg, &Options::default())).join(" ");
    assert!(svg_words.contains("Where the reports disagree"));
    for c in &ds.contradictions {
        assert!(md.contains(&c.topic), "{} in Markdown", c.id);
        assert!(json_topics.contains(&c.topic.as_str()), "{} in JSON", c.id);
        assert!(
            csv_rows
                .iter()
                .any(|r| r[topics].contains(&c.topic) && r[summaries].contains(&c.summary)),
            "{}'s topic and summary in CSV",
            c.id
        );
        let geo_topic = geo["contradictions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["topic"] == c.topic.as_str() && g["summary"] == c.summary.as_str());
        assert!(geo_topic, "{}'s topic and summary in GeoJSON", c.id);
        assert!(in_geojson.contains(&c.id.as_str()), "{} in GeoJSON", c.id);
        assert!(
            svg_words.contains(&c.topic),
            "{}'s topic in the SVG (and so the PNG)",
            c.id
        );
        // The picture names each disagreement; its summary is in Markdown and the data.
    }
    // Before any of their accounts is reported, they are not listed.
    let early = text(
        &loaded,
        NaiveDate::from_ymd_opt(2024, 11, 26).unwrap(),
        Format::Md,
        &Options::default(),
    );
    assert!(early.contains("No contradiction among the reports known by this day."));
}

#[test]
fn json_and_csv_are_the_state_command() {
    let loaded = builtin();
    for (format, flag) in [(Format::Json, "json"), (Format::Csv, "csv")] {
        let exported = text(&loaded, day(5), format, &Options::default());
        let out = frontline()
            .args(["state", "--date", "2024-12-05", "--format", flag])
            .output()
            .unwrap();
        assert_eq!(exported, String::from_utf8(out.stdout).unwrap(), "{flag}");
    }
}

// ---------------------------------------------------------------------------------------
// Text and Markdown

/// The screen of an App, as the test sees it: each row's symbols, wide characters counted once.
fn screen_of(app: &App, size: (u16, u16)) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    terminal
        .draw(|f| {
            let derived = frontline::screen::derived::Derived::of(app);
            frontline::screen::render::render(f, app, &derived);
        })
        .unwrap();
    let buffer = terminal.backend().buffer();
    buffer
        .content
        .chunks(usize::from(size.0))
        .map(|row| {
            let mut line = String::new();
            let mut skip = 0u16;
            for cell in row {
                if skip == 0 {
                    line.push_str(cell.symbol());
                }
                skip = skip.max(cell.cell_width()).saturating_sub(1);
            }
            line.trim_end().to_string()
        })
        .collect()
}

#[test]
fn txt_is_the_terminal_screen_plus_the_state_table() {
    let loaded = std::sync::Arc::new(builtin());
    for (size, date) in [((160, 50), day(5)), ((100, 30), day(7))] {
        let options = Options {
            width: Some(u32::from(size.0)),
            height: Some(u32::from(size.1)),
            ..Options::default()
        };
        let txt = text(&loaded, date, Format::Txt, &options);
        assert!(!txt.contains('\u{1b}'), "no escape codes");
        let lines: Vec<&str> = txt.lines().collect();
        let mut app = App::new(loaded.clone(), size, true);
        app.cursor = loaded.timeline.at(date);
        let screen = screen_of(&app, size);
        let h = usize::from(size.1);
        assert_eq!(
            lines[..h - 1],
            screen.iter().map(String::as_str).collect::<Vec<_>>()[..h - 1],
            "the export is the terminal's own rendering at {size:?}"
        );
        assert!(
            screen[h - 1].contains("quit"),
            "the screen's footer has key hints"
        );
        assert_eq!(lines[h - 1], "", "the export's has none");
        assert!(screen.iter().any(|l| l.contains("Damascus")));
        let rest = lines[usize::from(size.1)..].join("\n");
        assert_eq!(
            rest.trim(),
            frontline::report::state_table(&loaded, date).trim()
        );
    }
}

#[test]
fn txt_keeps_the_terminal_view() {
    let loaded = std::sync::Arc::new(builtin());
    let size = (120, 40);
    let mut app = App::new(loaded.clone(), size, true);
    app.cursor = loaded.timeline.at(day(6));
    let ds = &loaded.dataset;
    let damascus = ds.place(ds.find_place("damascus").unwrap());
    let vp = app.viewport(10, 10);
    app.zoom = 4.0;
    app.center = Some(vp.projection.project(damascus.lon, damascus.lat));
    let options = Options {
        width: Some(120),
        height: Some(40),
        view: Some(app.map_view()),
        ..Options::default()
    };
    let txt = text(&loaded, day(6), Format::Txt, &options);
    let screen = screen_of(&app, size);
    let lines: Vec<&str> = txt.lines().take(39).collect();
    assert_eq!(
        lines,
        screen
            .iter()
            .take(39)
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    let whole = text(&loaded, day(6), Format::Txt, &width_height(120, 40));
    assert_ne!(
        whole.lines().take(39).collect::<Vec<_>>(),
        lines,
        "the view matters"
    );
}

#[test]
fn markdown_report_has_state_changes_and_quotes() {
    let loaded = builtin();
    let md = text(&loaded, day(5), Format::Md, &Options::default());
    assert!(md.starts_with(&format!("# {}", loaded.dataset.name)));
    assert!(
        md.contains("| Hama | Hayat Tahrir al-Sham and allies | held |"),
        "{md}"
    );
    assert!(md.contains("## Changes on this day\n\n- **Hama**: held by HTS"));
    assert!(md.contains("> On Thursday, HST captured the key city of Hama"));
    assert!(md.contains("001 (not stated, sources/001\\_5165b83a29fe1fd1.txt)"));
    let hostile = text(&hostile(), day(7), Format::Md, &Options::default());
    assert!(
        !hostile.contains("<script>") && !hostile.contains("<i>"),
        "{hostile}"
    );
    assert!(hostile.contains(r"\<i\>Beta\</i\>"));
}

#[test]
fn sizes_out_of_range_are_refused() {
    let loaded = builtin();
    for (format, w) in [
        (Format::Png, 100),
        (Format::Svg, 100_000),
        (Format::Txt, 20),
    ] {
        let err = export::render(&loaded, day(7), format, &width(w)).unwrap_err();
        assert_eq!(err.kind().code(), 2, "{err}");
        assert!(err.to_string().contains(&w.to_string()), "{err}");
    }
    let err = export::render(&loaded, day(8), Format::Json, &Options::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "2024-12-08 is outside the dataset (2024-11-25 to 2024-12-07)"
    );
}

// ---------------------------------------------------------------------------------------
// Writing files, through the library and the binary

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = frontline().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_binary_writes_a_default_name_and_prints_it() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &["export", "--date", "2024-12-07", "--format", "png"],
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, "syria-2024_2024-12-07.png\n", "the path, nothing else");
    assert_eq!(entries(dir.path()), ["syria-2024_2024-12-07.png"]);
    let data = fs::read(dir.path().join("syria-2024_2024-12-07.png")).unwrap();
    assert_eq!(decode_png(&data).0, 1600, "default width");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir.path().join("syria-2024_2024-12-07.png"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        let umask = fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("Umask:"))
                    .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
            })
            .unwrap_or(0o022);
        assert_eq!(
            mode,
            0o644 & !umask,
            "a normal file, not the temp file's 0600"
        );
    }
    // A directory as -o gets the default name inside it.
    let sub = dir.path().join("out");
    fs::create_dir(&sub).unwrap();
    let (code, out, _) = run_in(
        dir.path(),
        &[
            "export",
            "--date",
            "2024-12-05",
            "--format",
            "md",
            "-o",
            "out",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(
        out.trim(),
        Path::new("out")
            .join("syria-2024_2024-12-05.md")
            .display()
            .to_string()
    );
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("state.json");
    fs::write(&target, "precious").unwrap();
    let args = |force: bool| {
        let mut a = vec![
            "export",
            "--date",
            "2024-12-07",
            "--format",
            "json",
            "-o",
            "state.json",
        ];
        if force {
            a.push("--force");
        }
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let out = frontline()
        .current_dir(dir.path())
        .args(args(false))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(73));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("state.json already exists") && err.contains("--force"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    assert_eq!(fs::read_to_string(&target).unwrap(), "precious");
    assert_eq!(entries(dir.path()), ["state.json"], "no temp file left");

    let out = frontline()
        .current_dir(dir.path())
        .args(args(true))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let rows: Vec<Value> = serde_json::from_str(&fs::read_to_string(&target).unwrap()).unwrap();
    assert!(rows.iter().any(|r| r["id"] == "damascus"));
    assert_eq!(entries(dir.path()), ["state.json"]);
}

#[test]
fn a_missing_directory_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("no-such-dir").join("map.svg");
    let out = frontline()
        .args(["export", "--date", "2024-12-07", "--format", "svg", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(73));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&target.display().to_string()),
        "names the path: {err}"
    );
    assert!(err.contains("does not exist"), "{err}");
    assert!(entries(dir.path()).is_empty());
    // A trailing slash names a directory: its absence is the error, not a file called "out".
    let (code, _, err) = run_in(
        dir.path(),
        &[
            "export",
            "--date",
            "2024-12-07",
            "--format",
            "md",
            "-o",
            "out/",
        ],
    );
    assert_eq!(code, 73);
    assert!(err.contains("the directory out does not exist"), "{err}");
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn a_read_only_directory_fails_cleanly() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let ro = dir.path().join("ro");
        fs::create_dir(&ro).unwrap();
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
        let target = ro.join("map.png");
        let probe = ro.join("probe");
        let mut cmd = if fs::write(&probe, "x").is_ok() {
            // Root ignores directory permissions: run the binary as nobody instead, if
            // setpriv(1) is there; otherwise there is nothing honest to test.
            fs::remove_file(&probe).unwrap();
            let mut cmd = std::process::Command::new("setpriv");
            cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(assert_cmd::cargo::cargo_bin("frontline"));
            if std::process::Command::new("setpriv")
                .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
                .status()
                .map_or(true, |s| !s.success())
            {
                eprintln!(
                    "skipping the read-only directory case: permissions do not stop this user \
                     and setpriv cannot drop to nobody"
                );
                return;
            }
            cmd
        } else {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("frontline"))
        };
        let out = cmd
            .args(["export", "--date", "2024-12-07", "--format", "png", "-o"])
            .arg(&target)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(73), "{out:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            err.trim(),
            format!(
                "error: cannot write {}: Permission denied (os error 13)",
                target.display()
            ),
            "the path and the OS reason"
        );
        assert!(entries(&ro).is_empty(), "nothing left behind");
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn the_library_writes_atomically_and_names_the_path() {
    let loaded = builtin();
    let dir = tempfile::tempdir().unwrap();
    let options = Options {
        out: Some(dir.path().to_path_buf()),
        ..Options::default()
    };
    let path = export::export(&loaded, day(6), Format::Csv, &options).unwrap();
    assert_eq!(path, dir.path().join("syria-2024_2024-12-06.csv"));
    let again = export::export(&loaded, day(6), Format::Csv, &options).unwrap_err();
    assert_eq!(again.kind().code(), 73);
    assert!(again.to_string().contains(&path.display().to_string()));
    let forced = Options {
        force: true,
        ..options
    };
    assert_eq!(
        export::export(&loaded, day(6), Format::Csv, &forced).unwrap(),
        path
    );
    assert_eq!(entries(dir.path()), ["syria-2024_2024-12-06.csv"]);
    let missing: PathBuf = dir.path().join("a").join("b.csv");
    let err = export::write_atomic(&missing, b"x", false).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("cannot write {}", missing.display()))
    );
}

#[test]
fn bad_arguments_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 6] = [
        (
            &["--date", "2024-12-07", "--format", "tiff"],
            "invalid value 'tiff'",
        ),
        (
            &["--date", "2024-12-25", "--format", "png"],
            "outside the dataset",
        ),
        (&["--date", "yesterday", "--format", "png"], "is not a date"),
        (
            &["--date", "2024-12-07", "--format", "json", "--width", "800"],
            "--width applies",
        ),
        (
            &["--date", "2024-12-07", "--format", "png", "--height", "40"],
            "--height applies",
        ),
        (
            &["--date", "2024-12-07", "--format", "png", "--width", "50"],
            "outside 400..=6000",
        ),
    ];
    for (args, message) in cases {
        let mut all = vec!["export"];
        all.extend_from_slice(args);
        let (code, out, err) = run_in(dir.path(), &all);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(out.is_empty());
        assert!(entries(dir.path()).is_empty(), "{args:?} wrote nothing");
    }
}

#[test]
fn dash_writes_to_stdout_and_a_hostile_dataset_exports() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = run_in(
        dir.path(),
        &[
            "export",
            "--date",
            "2024-12-07",
            "--format",
            "geojson",
            "-o",
            "-",
        ],
    );
    assert_eq!(code, 0);
    assert!(out.parse::<geojson::GeoJson>().is_ok());
    assert!(entries(dir.path()).is_empty());
    let data = fs::canonicalize(HOSTILE).unwrap();
    for format in ["svg", "geojson", "md", "txt"] {
        let out = frontline()
            .current_dir(dir.path())
            .arg("--data")
            .arg(&data)
            .args(["export", "--date", "2024-12-07", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}");
        let name = format!("hostile_2024-12-07.{format}");
        assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), name);
        let written = fs::read_to_string(dir.path().join(&name)).unwrap();
        assert!(
            !written.chars().any(|c| c.is_control() && c != '\n'),
            "{format}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Pictures ready to publish

/// The leftmost and rightmost columns holding the map's own colours (sea, land, theatre).
fn map_columns(image: &(u32, u32, Vec<u8>)) -> (u32, u32) {
    let hex = |h: &str| {
        let v = u32::from_str_radix(&h[1..], 16).unwrap();
        [(v >> 16) as u8, (v >> 8) as u8, v as u8]
    };
    let colours = [
        hex(export::svg::SEA),
        hex(export::svg::LAND),
        hex(export::svg::THEATRE),
    ];
    let (w, h, px) = image;
    let mut cols = (0..*w).filter(|&x| {
        (0..*h).step_by(7).any(|y| {
            let i = ((y * w + x) * 4) as usize;
            colours.contains(&[px[i], px[i + 1], px[i + 2]])
        })
    });
    let first = cols.next().unwrap();
    (first, cols.next_back().unwrap_or(first))
}

#[test]
fn a_1600_px_png_is_landscape_and_the_map_fills_most_of_its_width() {
    let loaded = builtin();
    for date in [day(4), day(7)] {
        let image = decode_png(&bytes(&loaded, date, Format::Png, &width(1600)));
        assert_eq!((image.0, image.1), (1600, 900), "16:9");
        let (left, right) = map_columns(&image);
        let share = f64::from(right - left + 1) / 1600.0;
        assert!(
            share >= 0.65,
            "{date}: the map spans {share:.2} of the width"
        );
    }
    // A social card is the size it says, as is an animation's frame.
    let card = Options {
        size: Some("social".parse().unwrap()),
        ..Options::default()
    };
    let image = decode_png(&bytes(&loaded, day(7), Format::Png, &card));
    assert_eq!((image.0, image.1), (1200, 675));
    let (left, right) = map_columns(&image);
    assert!(f64::from(right - left + 1) / 1200.0 >= 0.65);
}

#[test]
fn sizes_and_steps_are_checked_before_anything_is_read_or_written() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("taken.gif"), "x").unwrap();
    let cases: [(&[&str], i32, &str); 6] = [
        // A bad argument outranks a file that exists (2, not 73) and a dataset missing (2,
        // not 66).
        (
            &["--format", "gif", "--step", "0", "-o", "taken.gif"],
            2,
            "--step 0",
        ),
        (
            &[
                "--data",
                "missing.toml",
                "export",
                "--format",
                "gif",
                "--step",
                "0",
            ],
            2,
            "--step 0",
        ),
        (
            &[
                "--format",
                "png",
                "--date",
                "2024-12-07",
                "--size",
                "800x2000",
            ],
            2,
            "the picture is landscape",
        ),
        (
            &["--format", "png", "--date", "2024-12-07", "--size", "huge"],
            2,
            "not a size",
        ),
        (
            &[
                "--format",
                "png",
                "--date",
                "2024-12-07",
                "--size",
                "social",
                "--width",
                "900",
            ],
            2,
            "give --width or --size, not both",
        ),
        (
            &[
                "--format",
                "json",
                "--date",
                "2024-12-07",
                "--size",
                "social",
            ],
            2,
            "--size applies to svg, png, gif and apng only, not json",
        ),
    ];
    for (args, code, message) in cases {
        let mut all: Vec<&str> = if args[0] == "--data" {
            Vec::new()
        } else {
            vec!["export"]
        };
        all.extend_from_slice(args);
        let (got, out, err) = run_in(dir.path(), &all);
        assert_eq!(got, code, "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(out.is_empty());
    }
    assert_eq!(fs::read(dir.path().join("taken.gif")).unwrap(), b"x");
}

/// Two places called Borova: the Markdown report names each with its division, in the table,
/// the day's changes and the headings of its quotes, so a reader can tell them apart.
#[test]
fn the_markdown_report_tells_namesakes_apart() {
    let loaded = loaded::load_path(Path::new("tests/fixtures/namesakes/far.toml")).unwrap();
    let md = text(&loaded, loaded.dataset.end, Format::Md, &Options::default());
    for label in ["Borova (Kharkiv)", "Borova (Kyiv)"] {
        assert!(
            md.contains(&format!("| {label} |")),
            "{label} in the table:\n{md}"
        );
        assert!(
            md.contains(&format!("### {label} — ")),
            "{label}'s quotes:\n{md}"
        );
    }
    assert!(!md.contains("| Borova |"), "{md}");
}

/// The data exports name each of two places called Borova with its division (`label`, the
/// CSV's last column), as the reports do, and a place with no namesake by its name alone.
#[test]
fn data_exports_label_namesakes() {
    let loaded = loaded::load_path(Path::new("tests/fixtures/namesakes/far.toml")).unwrap();
    let date = loaded.dataset.end;
    let json: Value =
        serde_json::from_str(&text(&loaded, date, Format::Json, &Options::default())).unwrap();
    let mut labels: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    labels.sort_unstable();
    assert!(
        labels.starts_with(&["Borova (Kharkiv)", "Borova (Kyiv)"]),
        "{labels:?}"
    );
    for row in json.as_array().unwrap() {
        if row["name"] != "Borova" {
            assert_eq!(row["label"], row["name"], "{row}");
        }
    }
    let geojson: Value =
        serde_json::from_str(&text(&loaded, date, Format::Geojson, &Options::default())).unwrap();
    let features: Vec<&str> = geojson["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["properties"]["label"].as_str())
        .collect();
    for label in ["Borova (Kharkiv)", "Borova (Kyiv)"] {
        assert!(features.contains(&label), "{features:?}");
    }
    let csv = text(&loaded, date, Format::Csv, &Options::default());
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().ends_with(",claim_ended,label"));
    for label in ["Borova (Kharkiv)", "Borova (Kyiv)"] {
        assert!(
            csv.lines().any(|l| l.ends_with(&format!(",{label}"))),
            "{csv}"
        );
    }
}
