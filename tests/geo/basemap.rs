//! The geo layer against the real basemap: sanity points, projection, distances, territory.

use frontline::geo::{
    GridSpec, MapArea, PointIndex, Projection, Region, TerritoryGrid, World, distance_km,
    nearest_within,
};
use proptest::prelude::*;

const DAMASCUS: (f64, f64) = (36.2913, 33.5102);
const ALEPPO: (f64, f64) = (37.1612, 36.2021);
const BEIRUT: (f64, f64) = (35.4955, 33.8886);
const AMMAN: (f64, f64) = (35.9450, 31.9552);
const GAZIANTEP: (f64, f64) = (37.3828, 37.0594);
const AL_QAIM: (f64, f64) = (41.0443, 34.3689);

fn world() -> &'static World<'static> {
    World::builtin().expect("the embedded basemap reads")
}

fn syria() -> Region {
    world()
        .country("SY")
        .expect("Syria is in the world basemap")
}

/// Small deterministic generator (64-bit LCG): the tests need spread, not quality.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    fn in_range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next()
    }
}

#[test]
fn the_part_around_syria_has_every_layer() {
    let world = World::try_builtin().expect("the embedded basemap reads");
    let b = world.part(&MapArea::SYRIA, 0);
    for code in ["SY", "TR", "IQ", "JO", "LB", "IL", "PS", "SA"] {
        assert!(b.country(code).is_some(), "{code} missing");
    }
    let divisions = world.divisions(&MapArea::SYRIA, 0);
    let syrian: Vec<&str> = divisions
        .iter()
        .filter(|d| d.country.as_deref() == Some("SY"))
        .filter_map(|g| g.iso.as_deref())
        .collect();
    assert_eq!(syrian.len(), 15, "{syrian:?}");
    assert!(syrian.contains(&"SY-UNDOF"));
    assert!(divisions.iter().all(|g| {
        g.label
            .is_some_and(|[lon, lat]| g.contains(lon, lat) || g.iso.as_deref() == Some("SY-UNDOF"))
            || g.country.as_deref() != Some("SY")
    }));
    // Lines: the Euphrates (near Deir ez-Zor), Lake Assad, the Syria-Turkey border, the coast.
    let near = |lines: &[frontline::geo::Line], (lon, lat): (f64, f64), km: f64| {
        lines
            .iter()
            .flat_map(|l| &l.points)
            .any(|p| distance_km((p[0], p[1]), (lon, lat)) < km)
    };
    assert!(
        near(&b.rivers, (40.1408, 35.3359), 8.0),
        "the Euphrates at Deir ez-Zor"
    );
    assert!(
        near(&b.lake_shores, (35.59, 32.81), 8.0),
        "the Sea of Galilee"
    );
    assert!(
        near(&b.borders, (36.65, 36.83), 10.0),
        "the border at Kilis"
    );
    assert!(near(&b.coast, (35.78, 35.52), 5.0), "the coast at Latakia");
    // Division lines are drawn only between two divisions of one country.
    assert!(b.division_lines.iter().all(|l| l.country.is_some()));
    assert!(
        near(&b.division_lines, (37.0, 36.0), 60.0),
        "Aleppo / Idlib"
    );
}

#[test]
fn sanity_points_inside_and_outside_syria() {
    let syria = syria();
    assert!(syria.contains(DAMASCUS.0, DAMASCUS.1), "Damascus");
    assert!(syria.contains(ALEPPO.0, ALEPPO.1), "Aleppo");
    for (name, (lon, lat)) in [
        ("Beirut", BEIRUT),
        ("Amman", AMMAN),
        ("Gaziantep", GAZIANTEP),
        ("al-Qaim", AL_QAIM),
    ] {
        assert!(!syria.contains(lon, lat), "{name} must be outside Syria");
    }
    let w = world();
    for (country, (lon, lat)) in [
        ("Lebanon", BEIRUT),
        ("Jordan", AMMAN),
        ("Turkey", GAZIANTEP),
        ("Iraq", AL_QAIM),
    ] {
        assert!(
            w.country(country).is_some_and(|c| c.contains(lon, lat)),
            "{country}"
        );
    }
    assert!(
        w.division("SY-DI")
            .is_some_and(|g| g.contains(DAMASCUS.0, DAMASCUS.1))
    );
    assert!(
        w.division("Aleppo")
            .is_some_and(|g| g.contains(ALEPPO.0, ALEPPO.1))
    );
    // Natural Earth draws the occupied Golan (Katzrin) inside Israel's outline.
    assert!(
        w.country("Israel")
            .is_some_and(|c| c.contains(35.6895, 32.9925))
            && !syria.contains(35.6895, 32.9925)
    );
    // Land: Damascus yes, the sea off Latakia no, Cyprus yes.
    let b = w.part(&MapArea::SYRIA, 0);
    let on_land = |lon, lat| b.land.iter().any(|r| r.contains(lon, lat));
    assert!(on_land(DAMASCUS.0, DAMASCUS.1) && !on_land(35.3, 35.5));
    let cyprus = w.part(&MapArea::new(32.0, 35.0, 34.0, 36.0).unwrap(), 0);
    assert!(cyprus.land.iter().any(|r| r.contains(33.4, 35.1)));
}

#[test]
fn spans_of_syria_agree_with_contains() {
    let syria = syria();
    let spec = GridSpec {
        area: MapArea::SYRIA,
        cols: 150,
        rows: 60,
    };
    for row in 0..spec.rows {
        let (_, lat) = spec.cell_center(0, row);
        let spans = syria.lon_spans(lat);
        for col in 0..spec.cols {
            let (lon, _) = spec.cell_center(col, row);
            let in_span = spans.iter().any(|&(a, b)| a <= lon && lon < b);
            assert_eq!(in_span, syria.contains(lon, lat), "({lon}, {lat})");
        }
    }
}

#[test]
fn damascus_to_aleppo() {
    // Haversine on the mean sphere: 309.67 km; the WGS84 geodesic (Vincenty) is 309.04 km.
    let d = distance_km(DAMASCUS, ALEPPO);
    assert!((d - 309.67).abs() < 0.01, "{d}");
    assert!((d - 309.04).abs() < 1.0, "{d}");
    assert_eq!(d, distance_km(ALEPPO, DAMASCUS));
}

#[test]
fn projection_round_trips_known_points() {
    let p = Projection::new(MapArea::SYRIA);
    for (lon, lat) in [DAMASCUS, ALEPPO, BEIRUT, AL_QAIM] {
        let (x, y) = p.project(lon, lat);
        let (lon2, lat2) = p.unproject(x, y);
        assert!((lon - lon2).abs() < 1e-9 && (lat - lat2).abs() < 1e-9);
    }
    // Damascus is south-west of Aleppo; the projected distance is close to the true one.
    let (dx, dy) = p.project(DAMASCUS.0, DAMASCUS.1);
    let (ax, ay) = p.project(ALEPPO.0, ALEPPO.1);
    assert!(dx < ax && dy < ay);
    let planar = (ax - dx).hypot(ay - dy);
    assert!(
        (planar - distance_km(DAMASCUS, ALEPPO)).abs() < 3.0,
        "{planar}"
    );
}

#[test]
fn nearest_within_respects_the_limit() {
    let places = [
        (DAMASCUS.0, DAMASCUS.1, "Damascus"),
        (ALEPPO.0, ALEPPO.1, "Aleppo"),
    ];
    // Homs is 150 km from Damascus and 160 km from Aleppo.
    let homs = (36.7167, 34.7333);
    assert_eq!(
        nearest_within(&places, homs.0, homs.1, 200.0),
        Some(&"Damascus")
    );
    assert_eq!(nearest_within(&places, homs.0, homs.1, 100.0), None);
    let index = PointIndex::new(&places);
    assert_eq!(
        index.nearest_within(homs.0, homs.1, 200.0),
        Some(&"Damascus")
    );
    assert_eq!(index.nearest_within(homs.0, homs.1, 100.0), None);
}

#[test]
fn territory_grid_uses_the_syria_mask() {
    let places = [
        (DAMASCUS.0, DAMASCUS.1, 'D'),
        (BEIRUT.0, BEIRUT.1, 'B'),
        (AL_QAIM.0, AL_QAIM.1, 'Q'),
    ];
    let spec = GridSpec {
        area: MapArea::SYRIA,
        cols: 250,
        rows: 140,
    };
    let grid = TerritoryGrid::compute(spec, &places, 60.0, &syria());
    assert_eq!(grid.at(DAMASCUS.0, DAMASCUS.1), Some(&'D'));
    assert_eq!(
        grid.at(BEIRUT.0, BEIRUT.1),
        None,
        "Beirut is outside the mask"
    );
    assert_eq!(
        grid.at(AL_QAIM.0, AL_QAIM.1),
        None,
        "al-Qaim is outside the mask"
    );
    // Abu Kamal, across the border from al-Qaim, is inside Syria and 15 km from it.
    assert_eq!(grid.at(40.918, 34.451), Some(&'Q'));
    // Homs is 150 km from everything: beyond the limit.
    assert_eq!(grid.at(36.7167, 34.7333), None);
}

/// The bucket grid must give the same nearest distance as a linear scan.
#[test]
fn point_index_matches_brute_force() {
    let mut rng = Lcg(7);
    for round in 0..40 {
        let n = [1, 2, 5, 50, 400][round % 5];
        // Some rounds cluster every point in a small box; queries also fall outside it.
        let (w, h) = if round % 3 == 0 {
            (0.3, 0.2)
        } else {
            (9.0, 7.0)
        };
        let points: Vec<(f64, f64, usize)> = (0..n)
            .map(|i| {
                (
                    rng.in_range(34.5, 34.5 + w),
                    rng.in_range(31.5, 31.5 + h),
                    i,
                )
            })
            .collect();
        let index = PointIndex::new(&points);
        for _ in 0..200 {
            let (lon, lat) = (rng.in_range(32.0, 45.0), rng.in_range(29.5, 40.0));
            let limit = [5.0, 30.0, 150.0, 2000.0][(rng.next() * 4.0) as usize % 4];
            let brute = points
                .iter()
                .map(|&(plon, plat, i)| (distance_km((lon, lat), (plon, plat)), i))
                .filter(|&(d, _)| d <= limit)
                .min_by(|a, b| a.0.total_cmp(&b.0));
            let fast = index.nearest_index_within(lon, lat, limit);
            match (brute, fast) {
                (Some((d, _)), Some(i)) => {
                    let df = distance_km((lon, lat), (points[i].0, points[i].1));
                    assert!((df - d).abs() < 1e-9, "round {round}: {df} vs {d}");
                }
                (None, None) => {}
                (b, f) => {
                    // Only a point within rounding of the limit may disagree.
                    let d = b.map_or_else(
                        || f.map_or(0.0, |i| distance_km((lon, lat), (points[i].0, points[i].1))),
                        |x| x.0,
                    );
                    assert!(
                        (d - limit).abs() < 1e-6,
                        "round {round}: brute {b:?} fast {f:?} limit {limit}"
                    );
                }
            }
        }
    }
}

/// The territory grid against the definition: mask test and linear nearest search per cell.
#[test]
fn territory_grid_matches_brute_force() {
    let mut rng = Lcg(99);
    let syria = syria();
    let points: Vec<(f64, f64, usize)> = (0..300)
        .map(|i| (rng.in_range(35.5, 42.5), rng.in_range(32.2, 37.4), i))
        .collect();
    let spec = GridSpec {
        area: MapArea::SYRIA,
        cols: 120,
        rows: 80,
    };
    for limit in [10.0, 40.0, 500.0] {
        let grid = TerritoryGrid::compute(spec, &points, limit, &syria);
        let mut won = 0;
        for row in 0..spec.rows {
            for col in 0..spec.cols {
                let (lon, lat) = spec.cell_center(col, row);
                let got = grid.get(col, row);
                if !syria.contains(lon, lat) {
                    assert_eq!(got, None);
                    continue;
                }
                let want = nearest_within(&points, lon, lat, limit);
                match (got, want) {
                    (Some(&g), Some(&w)) => {
                        let dg = distance_km((lon, lat), (points[g].0, points[g].1));
                        let dw = distance_km((lon, lat), (points[w].0, points[w].1));
                        assert!((dg - dw).abs() < 1e-9, "cell ({col}, {row})");
                        won += 1;
                    }
                    (g, w) => assert_eq!(g, w, "cell ({col}, {row}) limit {limit}"),
                }
            }
        }
        assert!(won > 0);
    }
}

proptest! {
    #[test]
    fn projection_round_trips(lon in 30.0..47.0f64, lat in 28.0..42.0f64,
                              w in 0.5..20.0f64, h in 0.5..15.0f64) {
        let area = MapArea { min_lon: 35.0, max_lon: 35.0 + w, min_lat: 32.0, max_lat: 32.0 + h };
        let p = Projection::new(area);
        let (x, y) = p.project(lon, lat);
        let (lon2, lat2) = p.unproject(x, y);
        prop_assert!((lon - lon2).abs() < 1e-9 && (lat - lat2).abs() < 1e-9);
        let ([x0, x1], [y0, y1]) = p.bounds();
        prop_assert_eq!(area.contains(lon, lat), x >= x0 - 1e-9 && x <= x1 + 1e-9 && y >= y0 - 1e-9 && y <= y1 + 1e-9);
    }

    #[test]
    fn distance_is_a_metric(a in (30.0..47.0f64, 28.0..42.0f64), b in (30.0..47.0f64, 28.0..42.0f64),
                            c in (30.0..47.0f64, 28.0..42.0f64)) {
        let (ab, bc, ac) = (distance_km(a, b), distance_km(b, c), distance_km(a, c));
        prop_assert!(ab >= 0.0 && (ab - distance_km(b, a)).abs() < 1e-9);
        prop_assert!(ac <= ab + bc + 1e-9);
    }
}
