//! Datasets outside the Middle East (`tests/fixtures/regions`): the world basemap under them,
//! on the screen and in pictures, and territory shaded inside their theatre and nowhere else.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use frontline::dataset::Rgb;
use frontline::export::svg::{LAND, SEA, THEATRE, tint};
use frontline::export::{self, Format, Layout, MapView, Options};
use frontline::geo::{MapArea, World, distance_km};
use frontline::loaded::{self, Loaded};
use frontline::screen::app::App;
use frontline::screen::layout::Areas;
use frontline::screen::render::draw;
use frontline::view;
use ratatui::style::Color;

/// A point: name, lon, lat.
type Pt = (&'static str, f64, f64);

struct Case {
    file: &'static str,
    /// The theatre the dataset declares, or that frontline derives from its places.
    theatre: &'static [&'static str],
    /// Cities on land inside the map area that are not places of the dataset.
    inland: &'static [Pt],
    /// Points at sea inside the map area.
    sea: &'static [Pt],
    /// A place near the theatre's edge, a point inside the theatre near it, and a point across
    /// the border near it with the code of the country it is in.
    edge: (&'static str, Pt, Pt, &'static str),
}

const CASES: [Case; 4] = [
    Case {
        file: "sudan",
        theatre: &["SD"],
        inland: &[
            ("El Obeid", 30.2167, 13.1833),
            ("Kassala", 36.3999, 15.4510),
            ("Atbara", 33.9861, 17.7022),
            ("Gondar, Ethiopia", 37.4667, 12.6),
        ],
        sea: &[("Red Sea", 38.5, 20.0), ("Red Sea north", 38.0, 21.5)],
        edge: (
            "gallabat",
            ("west of Gallabat", 35.9, 13.0),
            ("Ethiopia east of Gallabat", 36.4, 12.85),
            "ET",
        ),
    },
    Case {
        file: "ukraine",
        theatre: &["UA"],
        inland: &[
            ("Poltava", 34.5514, 49.5894),
            ("Dnipro", 35.0462, 48.4593),
            ("Zaporizhzhia", 35.1396, 47.8229),
            ("Simferopol, Crimea", 34.1024, 44.9521),
        ],
        sea: &[("Black Sea", 31.5, 45.5), ("Sea of Azov", 36.5, 46.2)],
        edge: (
            "vovchansk",
            ("south-west of Vovchansk", 36.75, 50.15),
            ("Russia north of Vovchansk", 36.95, 50.47),
            "RU",
        ),
    },
    Case {
        file: "myanmar",
        theatre: &["MM"],
        inland: &[
            ("Bago", 96.4797, 17.3352),
            ("Magway", 94.9325, 20.1496),
            ("Monywa", 95.1350, 22.1086),
            ("Chiang Mai, Thailand", 98.9853, 18.7904),
        ],
        sea: &[("Bay of Bengal", 93.0, 17.0), ("Andaman Sea", 94.0, 15.3)],
        edge: (
            "myawaddy",
            ("west of Myawaddy", 98.3, 16.65),
            ("Thailand east of Myawaddy", 98.72, 16.76),
            "TH",
        ),
    },
    Case {
        file: "sahel",
        theatre: &["BF", "ML", "NE"],
        inland: &[
            ("Mopti", -4.1977, 14.4843),
            ("Ségou", -6.2716, 13.4317),
            ("Bobo-Dioulasso", -4.2979, 11.1771),
            ("Nouakchott, Mauritania", -15.9785, 18.0858),
        ],
        sea: &[
            ("Atlantic off Dakar", -17.8, 14.0),
            ("Atlantic off Mauritania", -17.5, 18.0),
        ],
        edge: (
            "po",
            ("north of Pô", -1.2, 11.35),
            ("Ghana south of Pô", -1.1, 10.85),
            "GH",
        ),
    },
];

fn world() -> &'static World<'static> {
    World::builtin().expect("the embedded basemap reads")
}

fn load(case: &Case) -> Loaded {
    let path = format!("tests/fixtures/regions/{}.toml", case.file);
    loaded::load_path(Path::new(&path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn in_theatre(case: &Case, lon: f64, lat: f64) -> bool {
    world()
        .countries_at(lon, lat)
        .iter()
        .any(|c| case.theatre.contains(&c.key()))
}

/// Roughly how far in km a point is from the outline of the theatre (its borders and coasts)
/// at full detail: the nearest vertex, in a local plane (vertices of the 1:10m outline are a
/// few km apart at most, plenty for a margin).
fn km_to_outline(outlines: &[Vec<[f64; 2]>], lon: f64, lat: f64) -> f64 {
    let k = lat.to_radians().cos();
    let mut best = f64::INFINITY;
    for p in outlines.iter().flatten() {
        let (dx, dy) = ((p[0] - lon) * k, p[1] - lat);
        best = best.min(dx * dx + dy * dy);
    }
    best.sqrt() * frontline::geo::KM_PER_DEGREE
}

fn outlines(case: &Case) -> Vec<Vec<[f64; 2]>> {
    case.theatre
        .iter()
        .filter_map(|c| world().country(c))
        .flat_map(|r| {
            r.polygons()
                .iter()
                .flat_map(|p| p.rings().map(<[[f64; 2]]>::to_vec))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A lattice of points over the map area, `n` x `n`.
fn lattice(area: &MapArea, n: usize) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    for i in 0..n {
        for j in 0..n {
            let lon = area.min_lon + (i as f64 + 0.5) * (area.max_lon - area.min_lon) / n as f64;
            let lat = area.min_lat + (j as f64 + 0.5) * (area.max_lat - area.min_lat) / n as f64;
            out.push((lon, lat));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Pictures

struct Image {
    w: u32,
    h: u32,
    px: Vec<u8>,
}

fn png(loaded: &Loaded, territory: bool) -> (Image, Layout) {
    let ds = &loaded.dataset;
    let view = MapView {
        zoom: 1.0,
        center: None,
        territory,
    };
    let options = Options {
        width: Some(1000),
        view: Some(view),
        ..Options::default()
    };
    let bytes = export::render(loaded, ds.end, Format::Png, &options).unwrap();
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let mut px = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut px).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgba);
    let layout = Layout::new(ds, info.width, Some(view));
    (
        Image {
            w: info.width,
            h: info.height,
            px,
        },
        layout,
    )
}

/// The most common colour in the 5 x 5 pixels around a point (lines and text are thinner).
fn colour_at(img: &Image, layout: &Layout, lon: f64, lat: f64) -> [u8; 3] {
    let (x, y) = layout.to_pixel(lon, lat);
    let mut counts: HashMap<[u8; 3], usize> = HashMap::new();
    for dy in -2..=2i64 {
        for dx in -2..=2i64 {
            let (px, py) = (x as i64 + dx, y as i64 + dy);
            assert!(
                px >= 0 && py >= 0 && px < i64::from(img.w) && py < i64::from(img.h),
                "({lon}, {lat}) is off the picture"
            );
            let i = (py as usize * img.w as usize + px as usize) * 4;
            *counts
                .entry([img.px[i], img.px[i + 1], img.px[i + 2]])
                .or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(c, n)| (n, c))
        .map(|(c, _)| c)
        .unwrap()
}

/// The picture of each case's last day without and with shading, rendered once for every
/// test that looks at them.
struct Pictures {
    loaded: Loaded,
    plain: Image,
    shaded: Image,
    layout: Layout,
}

fn pictures(i: usize) -> &'static Pictures {
    static CACHE: [OnceLock<Pictures>; CASES.len()] = [const { OnceLock::new() }; CASES.len()];
    CACHE[i].get_or_init(|| {
        let loaded = load(&CASES[i]);
        let (plain, layout) = png(&loaded, false);
        let (shaded, _) = png(&loaded, true);
        Pictures {
            loaded,
            plain,
            shaded,
            layout,
        }
    })
}

fn hex(s: &str) -> [u8; 3] {
    let v = |i: usize| u8::from_str_radix(&s[i..i + 2], 16).unwrap();
    [v(1), v(3), v(5)]
}

fn rgb(c: Rgb) -> [u8; 3] {
    [c.0, c.1, c.2]
}

#[test]
fn each_region_loads_with_its_theatre() {
    for case in &CASES {
        let loaded = load(case);
        assert_eq!(loaded.dataset.theatre, case.theatre, "{}", case.file);
    }
}

#[test]
fn validate_names_the_theatre_it_derived() {
    let out = assert_cmd::Command::cargo_bin("frontline")
        .unwrap()
        .args(["validate", "tests/fixtures/regions/sahel.toml"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success() && stdout.ends_with(", theatre BF, ML, NE\n"),
        "{stdout}"
    );
}

#[test]
fn pictures_have_land_at_inland_cities_and_sea_at_sea_points() {
    for (i, case) in CASES.iter().enumerate() {
        let Pictures {
            loaded,
            plain: img,
            layout,
            ..
        } = pictures(i);
        for &(name, lon, lat) in case.inland {
            assert!(
                loaded.dataset.map.contains(lon, lat),
                "{name} is on the map"
            );
            let want = if in_theatre(case, lon, lat) {
                hex(THEATRE)
            } else {
                hex(LAND)
            };
            assert_eq!(
                colour_at(img, layout, lon, lat),
                want,
                "{}: {name}",
                case.file
            );
        }
        for &(name, lon, lat) in case.sea {
            assert!(
                loaded.dataset.map.contains(lon, lat),
                "{name} is on the map"
            );
            assert_eq!(
                colour_at(img, layout, lon, lat),
                hex(SEA),
                "{}: {name}",
                case.file
            );
        }
    }
}

#[test]
#[expect(clippy::too_many_lines, reason = "one picture's checks in sequence")]
fn pictures_shade_inside_the_theatre_and_nowhere_outside_it() {
    for (i, case) in CASES.iter().enumerate() {
        let Pictures {
            loaded,
            plain,
            shaded: img,
            layout,
        } = pictures(i);
        let ds = &loaded.dataset;
        let tints: Vec<[u8; 3]> = ds.factions.iter().map(|f| rgb(tint(f.color))).collect();
        // At the edge: shaded on the theatre's side, not across the border.
        let (place, (iname, ilon, ilat), (oname, olon, olat), code) = case.edge;
        let p = ds.place(ds.find_place(place).unwrap());
        let holder = loaded
            .timeline
            .at(ds.end)
            .state(ds.find_place(place).unwrap())
            .and_then(|s| s.holder)
            .unwrap();
        assert!(
            distance_km((p.lon, p.lat), (ilon, ilat)) < 50.0 && in_theatre(case, ilon, ilat),
            "{iname}"
        );
        assert!(
            distance_km((p.lon, p.lat), (olon, olat)) < 50.0,
            "{oname} is near {place}"
        );
        let across: Vec<String> = world()
            .countries_at(olon, olat)
            .iter()
            .map(|c| c.key().to_string())
            .collect();
        assert_eq!(across, [code], "{oname}");
        assert_eq!(
            colour_at(img, layout, ilon, ilat),
            rgb(tint(ds.faction(holder).color)),
            "{}: {iname}",
            case.file
        );
        assert_eq!(
            colour_at(img, layout, olon, olat),
            hex(LAND),
            "{}: {oname}",
            case.file
        );
        // Everywhere: no shade outside the theatre (away from its outline, where a cell may
        // straddle it), a shade inside it near every place that shades.
        let outline = outlines(case);
        let cursor = loaded.timeline.at(ds.end);
        // Places held outright: a contested place keeps only a small disc (fighting in a town
        // does not move the line between the holders around it).
        let shading: Vec<(f64, f64)> = view::territory_points(ds, &cursor)
            .iter()
            .filter(|&&(_, _, id)| {
                cursor
                    .state(id)
                    .is_some_and(|s| s.status == frontline::timeline::Status::Held)
            })
            .map(|&(lon, lat, _)| (lon, lat))
            .collect();
        let on_marker = |lon: f64, lat: f64| {
            let (x, y) = layout.to_pixel(lon, lat);
            ds.places.iter().any(|p| {
                let (px, py) = layout.to_pixel(p.lon, p.lat);
                (px - x).hypot(py - y) < 9.0
            })
        };
        // Around every place that shades, 20 and 40 km out in eight directions.
        let (mut inside, mut labelled) = (0, 0);
        for &(plon, plat) in &shading {
            for k in 0..16 {
                let (km, angle) = (
                    if k < 8 { 20.0 } else { 40.0 },
                    f64::from(k) * 45f64.to_radians(),
                );
                let lat = plat + km * angle.sin() / frontline::geo::KM_PER_DEGREE;
                let lon = plon
                    + km * angle.cos() / (frontline::geo::KM_PER_DEGREE * plat.to_radians().cos());
                if !ds.map.contains(lon, lat)
                    || !in_theatre(case, lon, lat)
                    || km_to_outline(&outline, lon, lat) < 15.0
                    || on_marker(lon, lat)
                {
                    continue;
                }
                // A label or a line drawn over the shading may cover the point: counted apart,
                // and only a few may be.
                if tints.contains(&colour_at(img, layout, lon, lat)) {
                    inside += 1;
                } else {
                    labelled += 1;
                }
            }
        }
        // A lattice over the whole map: never shaded outside the theatre.
        let mut outside = 0;
        for (lon, lat) in lattice(&ds.map, 32) {
            if in_theatre(case, lon, lat)
                || km_to_outline(&outline, lon, lat) < 15.0
                || on_marker(lon, lat)
            {
                continue;
            }
            outside += 1;
            let c = colour_at(img, layout, lon, lat);
            assert!(
                !tints.contains(&c) && c == colour_at(plain, layout, lon, lat),
                "{}: ({lon:.2}, {lat:.2}) is outside the theatre but shaded",
                case.file
            );
        }
        assert!(
            inside > 20 && outside > 20 && labelled < inside / 4,
            "{}: {inside} shaded, {labelled} under labels and {outside} outside points checked",
            case.file
        );
    }
}

// ---------------------------------------------------------------------------------------
// The terminal

fn is_braille(s: &str) -> bool {
    s.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c))
}

#[test]
fn the_terminal_map_draws_borders_and_coasts() {
    for case in &CASES {
        let app = App::new(load(case), (160, 50), false);
        let buf = draw(&app);
        let inner = Areas::of(app.size).map_inner();
        let vp = app.viewport(inner.width, inner.height);
        let basemap = view::basemap(&vp, 2.0);
        for (what, lines) in [("borders", &basemap.borders), ("coast", &basemap.coast)] {
            let (mut drawn, mut blank) = (0, 0);
            for p in lines.iter().flat_map(|l| &l.points) {
                let Some((c, r)) = vp.to_cell(p[0], p[1]) else {
                    continue;
                };
                let cell = &buf[(inner.x + c, inner.y + r)];
                if is_braille(cell.symbol()) {
                    drawn += 1;
                } else if cell.symbol() == " " {
                    blank += 1;
                }
            }
            // Cells under a label or a marker show its text instead (the space between two
            // words of a name is blank).
            assert!(
                drawn > 20 && blank * 10 < drawn,
                "{} {what}: {drawn} drawn, {blank} blank",
                case.file
            );
        }
    }
}

#[test]
fn the_terminal_shades_inside_the_theatre_and_nowhere_outside_it() {
    for case in &CASES {
        let app = App::new(load(case), (160, 50), false);
        assert!(app.territory, "shading is on by default");
        let buf = draw(&app);
        let inner = Areas::of(app.size).map_inner();
        let vp = app.viewport(inner.width, inner.height);
        let ds = &app.loaded.dataset;
        let bg = |lon: f64, lat: f64| {
            let (c, r) = vp.to_cell(lon, lat).expect("on the map");
            buf[(inner.x + c, inner.y + r)].bg
        };
        let (_, (iname, ilon, ilat), (oname, olon, olat), _) = case.edge;
        assert!(
            matches!(bg(ilon, ilat), Color::Rgb(..)),
            "{}: {iname} is shaded",
            case.file
        );
        assert_eq!(
            bg(olon, olat),
            Color::Reset,
            "{}: {oname} is not",
            case.file
        );
        // Every other cell: shaded when its centre (which decides it) is in the theatre near a
        // place, never when it is outside. Cells within a few km of the outline are left out:
        // the mask there is the outline at the screen's level of detail.
        let outline = outlines(case);
        let margin = vp.km_per_col / 2.0 + 3.0;
        let shading: Vec<(f64, f64)> = view::territory_points(ds, &app.cursor)
            .iter()
            .map(|&(lon, lat, _)| (lon, lat))
            .collect();
        let (mut inside, mut outside) = (0, 0);
        for row in (0..vp.rows).step_by(2) {
            for col in (0..vp.cols).step_by(2) {
                let (lon, lat) = vp.cell_center(col, row);
                if km_to_outline(&outline, lon, lat) < margin {
                    continue;
                }
                let shaded = matches!(buf[(inner.x + col, inner.y + row)].bg, Color::Rgb(..));
                if in_theatre(case, lon, lat) {
                    if shading.iter().any(|&q| distance_km(q, (lon, lat)) < 55.0) {
                        inside += 1;
                        assert!(
                            shaded,
                            "{}: cell {col},{row} ({lon:.2}, {lat:.2}) inside, near a place",
                            case.file
                        );
                    }
                } else {
                    outside += 1;
                    assert!(
                        !shaded,
                        "{}: cell {col},{row} ({lon:.2}, {lat:.2}) outside the theatre is shaded",
                        case.file
                    );
                }
            }
        }
        assert!(
            inside > 3 && outside > 20,
            "{}: {inside} inside and {outside} outside cells checked",
            case.file
        );
    }
}

/// A one-place dataset over `map` (min_lon, max_lon, min_lat, max_lat) with its place at `at`.
fn one_place(map: [f64; 4], at: (f64, f64)) -> Loaded {
    let toml = format!(
        "[dataset]\nid = \"edge\"\nname = \"Edge\"\nstart = 2024-01-01\nend = 2024-01-02\n\n\
         [dataset.map]\nmin_lon = {}\nmax_lon = {}\nmin_lat = {}\nmax_lat = {}\n\n\
         [[sources]]\nid = \"s\"\nfile = \"s.txt\"\noutlet = \"Fixture\"\npublished = 2024-01-02\npublished_basis = \"Fixture.\"\n\n\
         [[factions]]\nid = \"a\"\nname = \"A\"\nlabel = \"A\"\ncolor = \"#0072b2\"\nglyph = \"A\"\n\n\
         [[places]]\nid = \"p\"\nname = \"P\"\nkind = \"town\"\nlat = {}\nlon = {}\ncoords = \"GeoNames\"\ninitial = {{ holder = \"a\", note = \"fixture\" }}\n",
        map[0], map[1], map[2], map[3], at.1, at.0
    );
    loaded::load_str("edge.toml", &toml, &|_| Ok("Fixture.".to_string()))
        .expect("the dataset loads")
}

#[test]
fn map_areas_at_the_antimeridian_and_near_the_pole_draw() {
    for (what, map, at, theatre) in [
        (
            "Fiji, up to 180°",
            [176.5, 180.0, -19.5, -15.5],
            (178.4419, -18.1416),
            "FJ",
        ),
        (
            "Svalbard, 78° N",
            [10.0, 30.0, 76.0, 81.0],
            (15.6356, 78.2232),
            "NO",
        ),
        (
            "Chukotka, from -180°",
            [-180.0, -168.0, 64.0, 68.0],
            (-173.23, 64.74),
            "RU",
        ),
    ] {
        let loaded = std::sync::Arc::new(one_place(map, at));
        assert_eq!(
            loaded.dataset.theatre,
            [theatre],
            "{what}: derived from its place"
        );
        let app = App::new(loaded.clone(), (120, 40), false);
        let buf = draw(&app);
        let inner = Areas::of(app.size).map_inner();
        let lines = (inner.y..inner.y + inner.height)
            .flat_map(|y| (inner.x..inner.x + inner.width).map(move |x| (x, y)))
            .filter(|&(x, y)| is_braille(buf[(x, y)].symbol()))
            .count();
        assert!(lines > 30, "{what}: {lines} cells of coast drawn");
        let options = Options {
            width: Some(400),
            ..Options::default()
        };
        let png = export::render(&loaded, loaded.dataset.end, Format::Png, &options).unwrap();
        assert!(png.starts_with(b"\x89PNG"), "{what}: a picture");
    }
}
