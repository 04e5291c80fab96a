//! The embedded world basemap: the blob against its manifest, everything decodes, parts are
//! exact inside their area, detail follows the scale, lookups work anywhere on Earth, and a
//! damaged blob is an error, never a panic.

use std::sync::Arc;

use frontline::geo::{MapArea, World, distance_km};
use proptest::prelude::*;
use sha2::{Digest, Sha256};

const MANIFEST: &str = include_str!("../../assets/basemap/world.manifest");

fn world() -> &'static World<'static> {
    World::builtin().expect("the embedded basemap reads")
}

/// The words after `key` on the manifest line that starts with it.
fn manifest(key: &str) -> Vec<&'static str> {
    MANIFEST
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .unwrap_or_else(|| panic!("no `{key}` line in world.manifest"))
        .split_whitespace()
        .collect()
}

fn area(min_lon: f64, max_lon: f64, min_lat: f64, max_lat: f64) -> MapArea {
    MapArea::new(min_lon, max_lon, min_lat, max_lat).unwrap()
}

#[test]
fn the_embedded_blob_is_the_one_its_manifest_records() {
    // The manifest is written by the same build as the blob (assets/build-basemap.py): a blob
    // replaced or edited by hand no longer matches it. Rebuilding from the npm packages and
    // comparing (`--check`) is the README's command; see assets/README.md.
    let bytes = World::builtin_bytes();
    let out = manifest("output world.bin ");
    assert_eq!(out[0].parse::<usize>().unwrap(), bytes.len(), "size");
    let digest: String = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(out[3], digest, "sha256 of assets/basemap/world.bin");
    assert!(
        bytes.len() < 15_000_000,
        "the binary grows by at most 15 MB"
    );
}

#[test]
fn everything_decodes_to_what_the_encoder_counted() {
    let totals = world()
        .check_all()
        .expect("every chunk and feature decodes");
    let points: Vec<usize> = manifest("points per level ")
        .iter()
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(&totals.points[..points.len()], points.as_slice());
    assert!(totals.points[points.len()..].iter().all(|&n| n == 0));
    assert_eq!(
        totals.chunks,
        manifest("chunks ")[0].parse::<usize>().unwrap()
    );
    let features = manifest("features ");
    for (i, layer) in ["countries", "land", "divisions", "lakes"]
        .iter()
        .enumerate()
    {
        assert_eq!(features[2 * i], *layer);
        assert_eq!(
            totals.features[i],
            features[2 * i + 1].parse::<usize>().unwrap(),
            "{layer}"
        );
    }
    // Each level keeps fewer points than the one before: simplification works.
    assert!(points.windows(2).all(|w| w[1] < w[0]), "{points:?}");
}

#[test]
fn countries_and_divisions_are_found_by_code_and_name_anywhere() {
    let w = world();
    for (code, name, lon, lat) in [
        ("SD", "Sudan", 32.5599, 15.5007),
        ("UA", "Ukraine", 30.5234, 50.4501),
        ("MM", "Myanmar", 96.0836, 21.9588),
        ("AR", "Argentina", -58.3816, -34.6037),
        ("NZ", "New Zealand", 174.7633, -36.8485),
        ("FJ", "Fiji", 178.4419, -18.1416),
        ("NO", "Norway", 17.0, 78.5), // Spitsbergen, inland
    ] {
        let by_code = w.find_country(code).unwrap_or_else(|| panic!("{code}"));
        assert_eq!(by_code.name, name);
        assert_eq!(w.find_country(&code.to_lowercase()), Some(by_code.clone()));
        assert_eq!(
            w.find_country(name).map(|c| c.key().to_string()),
            Some(code.to_string())
        );
        assert!(
            w.country(code).unwrap().contains(lon, lat),
            "{name} holds its city"
        );
        let at: Vec<String> = w
            .countries_at(lon, lat)
            .iter()
            .map(|c| c.key().to_string())
            .collect();
        assert_eq!(at, [code], "the country at {name}'s city");
    }
    // Areas Natural Earth draws that have no ISO code are found by name.
    let somaliland = w.find_country("Somaliland").unwrap();
    assert_eq!(
        (somaliland.code.as_deref(), somaliland.key()),
        (None, "Somaliland")
    );
    assert!(w.find_country("Atlantis").is_none());
    for (iso, lon, lat) in [
        ("SY-DI", 36.2913, 33.5102),
        ("SD-KH", 32.5599, 15.5007),
        ("UA-14", 37.8022, 48.0230),
        ("MM-04", 96.0836, 21.9588),
        ("US-TX", -97.7431, 30.2672),
        ("BR-AM", -60.0217, -3.1190),
    ] {
        let d = w.division(iso).unwrap_or_else(|| panic!("{iso}"));
        assert_eq!(d.iso.as_deref(), Some(iso));
        assert!(d.contains(lon, lat), "{iso} holds its city");
        assert_eq!(d.country.as_deref(), Some(&iso[..2]), "{iso}'s country");
    }
    assert_eq!(
        w.division("Damascus").unwrap().iso.as_deref(),
        Some("SY-DI")
    );
    // Natural Earth's de facto lines: Crimea is drawn inside Russia, the Golan inside Israel.
    let key = |lon, lat| {
        w.countries_at(lon, lat)
            .first()
            .map(|c| c.key().to_string())
    };
    assert_eq!(key(34.1024, 44.9521).as_deref(), Some("RU"), "Simferopol");
    assert_eq!(key(35.6895, 32.9925).as_deref(), Some("IL"), "Katzrin");
    assert_eq!(key(-30.0, 0.0), None, "mid-Atlantic");
}

#[test]
fn a_port_just_off_the_coast_finds_its_country() {
    let w = world();
    // A point 3 km out to sea off Latakia: in no country, but Syria's coast is near.
    let (lon, lat) = (35.72, 35.53);
    assert!(w.countries_at(lon, lat).is_empty(), "the point is at sea");
    assert_eq!(
        w.country_near(lon, lat, 25.0)
            .map(|c| c.key().to_string())
            .as_deref(),
        Some("SY")
    );
    assert!(
        w.country_near(-30.0, 0.0, 25.0).is_none(),
        "mid-Atlantic: nothing near"
    );
}

#[test]
fn coarser_levels_for_coarser_scales_and_full_detail_zoomed_in() {
    let w = world();
    let levels = w.levels_km();
    assert_eq!(levels[0], 0.0, "level 0 is the source's full detail");
    assert_eq!(w.level_for(0.2), 0, "a city zoomed in: full 1:10m detail");
    let mut last = 0;
    for r in [0.5, 1.0, 2.0, 5.0, 20.0, 80.0, 1000.0] {
        let l = w.level_for(r);
        assert!(
            l >= last,
            "level never goes finer as the scale gets coarser"
        );
        assert!(levels[l] <= r / 2.0, "simplification within half a dot");
        last = l;
    }
    assert_eq!(last, levels.len() - 1);
    let sudan = area(21.5, 39.0, 8.5, 23.0);
    let count = |level| {
        let b = w.part(&sudan, level);
        b.borders
            .iter()
            .chain(&b.coast)
            .chain(&b.division_lines)
            .map(|l| l.points.len())
            .sum::<usize>()
    };
    let (full, coarse) = (count(0), count(levels.len() - 1));
    assert!(
        coarse * 5 < full,
        "{coarse} points at the coarsest level, {full} at full detail"
    );
}

#[test]
fn a_part_holds_only_what_reaches_into_its_area() {
    let w = world();
    let b = w.part(&area(32.0, 33.0, 15.0, 16.0), 0); // around Khartoum
    let countries: Vec<&str> = b
        .countries
        .iter()
        .filter_map(|r| r.iso.as_deref())
        .collect();
    assert!(
        countries.contains(&"SD") && !countries.contains(&"FR"),
        "{countries:?}"
    );
    assert!(
        b.borders.is_empty(),
        "no border within a degree of Khartoum"
    );
    assert!(
        b.division_lines
            .iter()
            .all(|l| l.country.as_deref() == Some("SD"))
    );
    assert!(!b.rivers.is_empty(), "the Nile");
    assert!(b.covers(&b.area));
    let sea = w.part(&area(-20.0, -18.0, -30.0, -28.0), 0); // the South Atlantic
    assert!(
        !sea.covers(&sea.area),
        "open sea: nothing to draw or credit"
    );
}

#[test]
fn the_view_cache_gives_one_part_to_nearby_views() {
    let w = world();
    let a = area(30.0, 40.0, 10.0, 20.0);
    let nudged = area(30.3, 40.3, 10.2, 20.2);
    let first = w.view(&a, 10.0);
    assert!(Arc::ptr_eq(&first, &w.view(&a, 10.0)), "the same view");
    assert!(
        Arc::ptr_eq(&first, &w.view(&nudged, 10.0)),
        "panned a little"
    );
    assert!(
        !Arc::ptr_eq(&first, &w.view(&a, 0.1)),
        "zoomed in: finer detail"
    );
    assert!(
        first.area.min_lon <= 30.0 && first.area.max_lon >= 40.3,
        "wider than the view"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Inside its area a part answers point-in-country exactly as the whole countries do,
    /// wherever on Earth the area is and whatever its size.
    #[test]
    fn parts_are_exact_inside_their_area(
        lon in -179.0..170.0f64, lat in -60.0..75.0f64, size in 0.05..12.0f64,
        fx in 0.0..1.0f64, fy in 0.0..1.0f64,
    ) {
        let a = MapArea::new(lon, (lon + size).min(180.0), lat, (lat + size / 2.0).min(89.0)).unwrap();
        let part = world().part(&a, 0);
        let (plon, plat) = (a.min_lon + fx * (a.max_lon - a.min_lon), a.min_lat + fy * (a.max_lat - a.min_lat));
        let mut from_part: Vec<String> = part
            .countries
            .iter()
            .filter(|r| r.contains(plon, plat))
            .map(|r| r.iso.clone().unwrap_or_else(|| r.name.clone()))
            .collect();
        from_part.sort();
        let mut whole: Vec<String> = world().countries_at(plon, plat).iter().map(|c| c.key().to_string()).collect();
        whole.sort();
        prop_assert_eq!(from_part, whole, "at ({}, {})", plon, plat);
    }

    /// Damaged bytes give an error or missing geometry, never a panic.
    #[test]
    fn damaged_blobs_never_panic(at in 0.0..1.0f64, value in any::<u8>(), cut in 0.0..1.0f64) {
        let mut bytes = World::builtin_bytes().to_vec();
        let i = (at * (bytes.len() - 1) as f64) as usize;
        bytes[i] = value;
        if let Ok(w) = World::from_bytes(&bytes) {
            let b = w.part(&MapArea::new(35.0, 42.5, 32.0, 37.5).unwrap(), 1);
            let _ = (b.countries.len(), w.countries(), w.division("SY-DI"), w.countries_at(36.3, 33.5));
        }
        let short = &World::builtin_bytes()[..(cut * World::builtin_bytes().len() as f64) as usize];
        prop_assert!(World::from_bytes(short).is_err(), "a truncated blob is refused");
    }
}

#[test]
fn damaged_headers_are_refused_with_a_reason() {
    let e = World::from_bytes(b"").unwrap_err().to_string();
    assert!(e.contains("not a frontline world basemap"), "{e}");
    let mut bytes = World::builtin_bytes().to_vec();
    bytes[8] = 9;
    let e = World::from_bytes(&bytes).unwrap_err().to_string();
    assert!(e.contains("format version 9"), "{e}");
}

#[test]
fn distances_on_the_part_are_plausible() {
    // The Nile's course passes Khartoum: some river vertex within 5 km of the confluence.
    let b = world().part(&area(32.0, 33.0, 15.0, 16.0), 0);
    let near = b
        .rivers
        .iter()
        .flat_map(|l| &l.points)
        .map(|p| distance_km((p[0], p[1]), (32.52, 15.62)))
        .fold(f64::INFINITY, f64::min);
    assert!(near < 5.0, "{near} km");
}

#[test]
fn rings_that_cross_the_180th_meridian_are_cut_there() {
    // world-atlas stitches Natural Earth's rings back together across ±180°; in the flat
    // lon/lat plane such an edge runs across the whole map (Russia turned inside out).
    let w = world();
    for code in ["RU", "FJ", "US", "AQ", "NZ", "KI"] {
        let Some(region) = w.country(code) else {
            continue;
        };
        for polygon in region.polygons() {
            for ring in polygon.rings() {
                for pair in ring.windows(2) {
                    let span = (pair[1][0] - pair[0][0]).abs();
                    assert!(span <= 180.0, "{code}: an edge spans {span} degrees");
                }
            }
        }
    }
    let russia = w.country("RU").unwrap();
    let merged = frontline::geo::multipolygon([&russia]);
    let mask = frontline::geo::region_of("RU", &merged);
    for (what, lon, lat) in [
        ("Moscow", 37.6156, 55.7522),
        ("Chukotka, west of 180", 176.0, 66.5),
        ("Chukotka, east of 180", -178.0, 66.5),
        ("Wrangel Island, east of 180", -179.5, 71.5),
    ] {
        assert!(russia.contains(lon, lat), "{what} in Russia's outline");
        assert!(mask.contains(lon, lat), "{what} in Russia's merged mask");
    }
    for (what, lon, lat) in [
        ("Fairbanks", -147.7164, 64.8378),
        ("Yellowknife", -114.3718, 62.454),
        ("Reykjavik", -21.8954, 64.1355),
        ("Baffin Bay", -65.0, 72.0),
    ] {
        assert!(!russia.contains(lon, lat), "{what} is not Russia");
        assert!(!mask.contains(lon, lat), "{what} is not in Russia's mask");
    }
    let fiji = w.country("FJ").unwrap();
    assert!(fiji.contains(178.4419, -18.1416), "Suva");
    assert!(fiji.contains(-179.97, -16.85), "Taveuni, east of 180");
    assert!(
        !fiji.contains(0.0, -17.0),
        "no band of Fiji across the globe"
    );
    // Antarctica is closed along the pole, not across the map.
    for lon in [-179.0, 0.0, 179.0] {
        let at: Vec<String> = w
            .countries_at(lon, -89.0)
            .iter()
            .map(|c| c.name.clone())
            .collect();
        assert_eq!(at, ["Antarctica"], "the pole at {lon}");
    }
    assert!(w.countries_at(0.0, -50.0).is_empty(), "the Southern Ocean");
}

#[test]
fn division_codes_are_the_listed_ones_and_sudans_are_iso() {
    // assets/basemap/division-codes.tsv, which build.rs checks against ISO 3166-2, is the
    // blob's list: codes as frontline reads them, Natural Earth's names, countries.
    let listed = include_str!("../../assets/basemap/division-codes.tsv");
    let listed: Vec<(String, String, String)> = listed
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c[0].to_string(), c[1].to_string(), c[2].to_string())
        })
        .collect();
    assert_eq!(world().division_names(), listed);
    // Natural Earth gives Central Darfur East Darfur's code and East Darfur South Darfur's.
    for (code, name) in [
        ("SD-DC", "Central Darfur"),
        ("SD-DE", "East Darfur"),
        ("SD-DS", "South Darfur"),
        ("SD-DN", "North Darfur"),
        ("SD-KH", "Khartoum"),
    ] {
        let region = world().division(code).unwrap_or_else(|| panic!("{code}"));
        assert_eq!(region.name, name, "{code}");
        assert_eq!(region.iso.as_deref(), Some(code));
    }
    let sudan: Vec<String> = world()
        .division_names()
        .into_iter()
        .filter(|(_, _, cc)| cc == "SD")
        .map(|(code, _, _)| code)
        .collect();
    let mut unique = sudan.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        sudan.len(),
        "one division per code: {sudan:?}"
    );
}
