//! Areas and the territory of a day: the built-in dataset's areas, the GeoJSON territory
//! (`export --format geojson --areas`), and the shading of claimed land.

use std::path::Path;

use chrono::NaiveDate;
use frontline::export::{self, Format, Options};
use frontline::loaded::{self, Loaded};
use frontline::view::territory::{Firmness, Origin, Territory, territory};
use geo::{BooleanOps, Contains, MultiPolygon, Point};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 12, d).unwrap()
}

fn builtin() -> Loaded {
    loaded::builtin().unwrap()
}

fn on(loaded: &Loaded, date: NaiveDate) -> Territory {
    territory(loaded, &loaded.timeline.at(date))
}

fn faction(loaded: &Loaded, id: &str) -> frontline::dataset::FactionId {
    loaded.dataset.find_faction(id).unwrap()
}

fn at(loaded: &Loaded, place: &str) -> Point<f64> {
    let ds = &loaded.dataset;
    let p = ds.place(ds.find_place(place).unwrap());
    Point::new(p.lon, p.lat)
}

/// The land held (firmly or contested) by a faction, merged.
fn land_of(t: &Territory, f: frontline::dataset::FactionId) -> MultiPolygon<f64> {
    t.parts
        .iter()
        .filter(|p| {
            p.shade.holder == Some(f)
                && matches!(p.shade.firmness, Firmness::Held | Firmness::Contested)
        })
        .fold(MultiPolygon(vec![]), |acc, p| acc.union(&p.shape))
}

/// A scenario of tests/fixtures/scenarios, without its expectations.
fn scenario(name: &str) -> Loaded {
    let dir = Path::new("tests/fixtures/scenarios");
    let header = std::fs::read_to_string(dir.join("header.inc")).unwrap();
    let file = std::fs::read_to_string(dir.join(name)).unwrap();
    let (data, _) = file.split_once("# --- expect ---").unwrap();
    loaded::load_str(name, &format!("{header}\n{data}"), &|f| {
        std::fs::read_to_string(dir.join(f)).map_err(|e| e.to_string())
    })
    .unwrap()
}

#[test]
fn on_7_december_the_government_holds_damascus_and_latakia_and_hts_aleppo_to_hama() {
    let loaded = builtin();
    let t = on(&loaded, day(7));
    let gov = land_of(&t, faction(&loaded, "gov"));
    assert!(gov.contains(&at(&loaded, "damascus")), "Damascus");
    assert!(gov.contains(&at(&loaded, "latakia")), "Latakia");
    let hts = land_of(&t, faction(&loaded, "hts"));
    let (aleppo, hama) = (at(&loaded, "aleppo"), at(&loaded, "hama"));
    let one = hts
        .0
        .iter()
        .find(|p| p.contains(&aleppo))
        .expect("Aleppo is HTS's");
    assert!(one.contains(&hama), "Aleppo and Hama in one connected area");
    assert!(!gov.contains(&aleppo) && !hts.contains(&at(&loaded, "damascus")));
}

#[test]
fn the_southwest_reads_as_taken_or_claimed_by_rebels_never_government_held() {
    let loaded = builtin();
    let ds = &loaded.dataset;
    let sw = ds.find_place("southwest").unwrap();
    let gov = faction(&loaded, "gov");
    // Inside the area, away from every place: the As-Suwayda plateau east of the city.
    let inside = Point::new(36.95, 32.55);
    let rebels = |f| ds.related(f, faction(&loaded, "rebels"));
    let t = on(&loaded, day(7));
    let part = t.parts.iter().find(|p| p.shape.contains(&inside)).unwrap();
    assert_eq!(
        part.origin,
        Origin::Area(sw),
        "the area's own reports decide it"
    );
    assert!(part.reads_as().is_some_and(rebels), "{:?}", part.shade);
    let state = loaded.timeline.at(day(7)).state(sw).cloned().unwrap();
    assert!(
        state.holder.is_some_and(rebels) || state.others.iter().any(rebels),
        "{state:?}"
    );
    // The government's before: its forces fell back as the rebels seized it (003/004).
    let place = ds.place(sw);
    assert_eq!(place.initial, Some(gov));
    assert!(
        place
            .initial_basis
            .quote
            .as_deref()
            .is_some_and(|q| q.contains("government forces fell back"))
    );
    // From the day the rebels' claims date its fall, never the government's alone.
    for d in 6..=7 {
        let s = loaded.timeline.at(day(d)).state(sw).cloned().unwrap();
        assert!(
            s.holder != Some(gov) || s.unsettled.is_some(),
            "the southwest plainly the government's on {d}: {s:?}"
        );
    }
}

/// The area of a faction's land from one origin, in km² (on the sphere).
fn area_km2(t: &Territory, origin: Origin) -> f64 {
    use geo::ChamberlainDuquetteArea;
    t.parts
        .iter()
        .filter(|p| p.origin == origin)
        .map(|p| p.shape.chamberlain_duquette_unsigned_area() / 1e6)
        .sum()
}

#[test]
fn the_west_and_centre_is_no_larger_than_the_places_the_reports_name_in_it() {
    let loaded = builtin();
    let ds = &loaded.dataset;
    let wc = ds.find_place("west-and-centre").unwrap();
    let t = on(&loaded, day(7));
    let km2 = area_km2(&t, Origin::Area(wc));
    assert!(km2 > 0.0, "the area is drawn");
    assert!(km2 < 25_000.0, "{km2:.0} km²: not out to the Iraqi border");
    // Nothing of it in the desert east of Homs, nor over the sea.
    let area = &ds.place(wc).extent.clone().unwrap();
    assert!(!area.contains(&Point::new(38.0, 34.6)), "the desert");
    assert!(!area.contains(&Point::new(35.6, 35.2)), "the sea");
    let basis = ds.place(wc).area_basis().unwrap();
    assert!(basis.contains("polygon"), "{basis}");
}

#[test]
fn the_damascus_countryside_is_a_ring_within_30_km_of_the_city() {
    let loaded = builtin();
    let ds = &loaded.dataset;
    let cs = ds.find_place("damascus-countryside").unwrap();
    let damascus = ds.place(ds.find_place("damascus").unwrap());
    let centre = (damascus.lon, damascus.lat);
    let t = on(&loaded, day(7));
    let parts: Vec<_> = t
        .parts
        .iter()
        .filter(|p| p.origin == Origin::Area(cs))
        .collect();
    assert!(!parts.is_empty(), "the countryside is drawn");
    for p in parts {
        for c in p.shape.0.iter().flat_map(|poly| {
            poly.exterior()
                .0
                .iter()
                .chain(poly.interiors().iter().flat_map(|r| r.0.iter()))
        }) {
            let km = frontline::geo::distance_km(centre, (c.x, c.y));
            assert!(km < 40.0, "a point {km:.1} km from Damascus");
        }
    }
    let basis = ds.place(cs).area_basis().unwrap();
    assert!(
        basis.contains("SY-RD") && basis.contains("30 km"),
        "{basis}"
    );
}

#[test]
fn no_state_row_calls_the_southwest_or_the_countryside_outside() {
    let loaded = builtin();
    let ds = &loaded.dataset;
    for date in ds.days() {
        for row in frontline::snapshot::rows(&loaded, date) {
            if row.id == "southwest" || row.id == "damascus-countryside" {
                assert!(row.holder.is_some(), "{} on {date}: no holder", row.id);
            }
        }
        for place in ["southwest", "damascus-countryside"] {
            let p = ds.find_place(place).unwrap();
            let state = loaded.timeline.state_of(p, date).unwrap();
            let words = frontline::view::words::describe(ds, p, &state);
            assert!(!words.contains("outside"), "{place} on {date}: {words}");
        }
        let diff = frontline::report::diff::table(&loaded, ds.start, date);
        for line in diff
            .lines()
            .filter(|l| l.starts_with("The southwest") || l.starts_with("Damascus countryside"))
        {
            assert!(!line.contains("outside"), "{date}: {line}");
        }
    }
}

#[test]
fn the_area_statements_are_on_the_areas_not_the_damascus_point() {
    let loaded = builtin();
    let ds = &loaded.dataset;
    let damascus = ds.find_place("damascus").unwrap();
    for ev in ds.events.iter().filter(|e| e.place == damascus) {
        assert!(
            !ev.quote.contains("countryside") && !ev.quote.contains("surroundings"),
            "{}",
            ev.id
        );
    }
    let countryside = ds.find_place("damascus-countryside").unwrap();
    let t = on(&loaded, day(7));
    let claimed = t
        .parts
        .iter()
        .find(|p| p.origin == Origin::Area(countryside))
        .expect("the countryside is drawn");
    assert_eq!(claimed.shade.firmness, Firmness::Claimed);
    assert_ne!(claimed.reads_as(), Some(faction(&loaded, "gov")));
    assert!(
        loaded
            .contradictions_on(day(7), Some(countryside))
            .iter()
            .any(|c| c.summary.contains("false media campaign")),
        "the army's denial against SOHR, visible"
    );
}

#[test]
fn on_29_november_the_northwest_corner_is_hts_and_unreported_land_is_no_reports() {
    let loaded = builtin();
    let t = on(&loaded, NaiveDate::from_ymd_opt(2024, 11, 29).unwrap());
    let idlib = Point::new(36.63, 35.93);
    let part = t.parts.iter().find(|p| p.shape.contains(&idlib)).unwrap();
    assert_eq!(part.reads_as(), Some(faction(&loaded, "hts")));
    // The far northeast (Al-Hasakah): no place of the reports within reach.
    assert!(t.no_reports().contains(&Point::new(41.5, 36.6)));
}

#[test]
fn a_claimed_place_does_not_shade_in_its_holders_colour() {
    let loaded = scenario("claimed-shading.toml");
    let gov = faction(&loaded, "gov");
    let reb = faction(&loaded, "reb");
    let t = on(&loaded, day(3));
    let near_rho = Point::new(38.05, 35.05);
    let part = t
        .parts
        .iter()
        .find(|p| p.shape.contains(&near_rho))
        .unwrap();
    assert_eq!(part.shade.firmness, Firmness::Claimed);
    assert_eq!(part.reads_as(), Some(reb), "the claimant's stripes");
    assert!(
        !land_of(&t, gov).contains(&near_rho),
        "not the holder's land"
    );
    assert!(
        land_of(&t, gov).contains(&Point::new(38.95, 35.0)),
        "Sigma is"
    );
    let before = on(&loaded, day(2));
    assert!(
        land_of(&before, gov).contains(&near_rho),
        "held before the claim"
    );
}

#[test]
fn a_claimed_area_reads_as_claimed_and_keeps_its_qualifier() {
    let loaded = scenario("area-claim.toml");
    let ds = &loaded.dataset;
    let plain = ds.find_place("plain").unwrap();
    let inside = Point::new(39.0, 35.85);
    let part_on = |d| {
        let t = on(&loaded, day(d));
        t.parts
            .iter()
            .find(|p| p.shape.contains(&inside))
            .map(|p| (p.origin, p.shade.firmness, p.reads_as()))
    };
    let gov = faction(&loaded, "gov");
    let reb = faction(&loaded, "reb");
    assert_eq!(
        part_on(2),
        Some((Origin::Area(plain), Firmness::Held, Some(gov)))
    );
    assert_eq!(
        part_on(3),
        Some((Origin::Area(plain), Firmness::Claimed, Some(reb)))
    );
    let ev = ds.events.iter().find(|e| e.id == "plain-claimed").unwrap();
    assert_eq!(ev.qualifier.as_deref(), Some("almost"));
    let summary = frontline::view::words::event_summary(ds, ev);
    assert!(summary.contains("\"almost\""), "{summary}");
}

#[test]
fn the_areas_geojson_parses_and_every_ring_is_closed_and_counter_clockwise() {
    let loaded = builtin();
    let options = Options {
        areas: true,
        ..Options::default()
    };
    let bytes = export::render(&loaded, day(7), Format::Geojson, &options).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let fc: geojson::FeatureCollection = text
        .parse::<geojson::GeoJson>()
        .unwrap()
        .try_into()
        .unwrap();
    let signed = |ring: &[geojson::Position]| {
        ring.windows(2)
            .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
            .sum::<f64>()
            / 2.0
    };
    for part in &on(&loaded, day(7)).parts {
        assert!(
            geo::Validation::is_valid(&part.shape),
            "no self-intersections: {:?}",
            part.shade
        );
    }
    let (mut territory, mut areas, mut rings) = (0, 0, 0);
    for f in &fc.features {
        let props = f.properties.as_ref().unwrap();
        let Some(geojson::GeometryValue::MultiPolygon { coordinates }) =
            f.geometry.as_ref().map(|g| &g.value)
        else {
            continue;
        };
        if props.get("kind").and_then(|k| k.as_str()) == Some("territory") {
            territory += 1;
            assert_eq!(props["method"], "delaunay-reach");
            assert_eq!(props["reach_km"], 60.0);
        } else {
            areas += 1;
        }
        for polygon in coordinates {
            for (i, ring) in polygon.iter().enumerate() {
                rings += 1;
                assert!(ring.len() >= 4 && ring.first() == ring.last(), "closed");
                let a = signed(ring);
                if i == 0 {
                    assert!(a > 0.0, "outer ring counter-clockwise");
                } else {
                    assert!(
                        a < 0.0,
                        "hole clockwise: {a} {} {:?}",
                        ring.len(),
                        &ring[..ring.len().min(6)]
                    );
                }
            }
        }
    }
    assert_eq!(areas, 4, "the four areas of the reports, as polygons");
    assert!(
        territory >= 5,
        "a feature per holder and status, and no reports"
    );
    assert!(rings > 10);
    let ids: Vec<String> = fc
        .features
        .iter()
        .filter_map(|f| match &f.id {
            Some(geojson::feature::Id::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    for id in [
        "territory:gov:held",
        "territory:hts:held",
        "territory:no-reports",
    ] {
        assert!(ids.iter().any(|i| i == id), "{id} in {ids:?}");
    }
    let plain = export::render(&loaded, day(7), Format::Geojson, &Options::default()).unwrap();
    assert!(
        !String::from_utf8(plain).unwrap().contains("\"territory\""),
        "only with --areas"
    );
}

#[path = "areas/polygon.rs"]
mod polygon;

#[path = "areas/hints.rs"]
mod hints;
