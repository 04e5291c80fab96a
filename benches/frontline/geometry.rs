//! `geometry`: hostile shapes within their budgets (issue 25).
//!
//! - `collinear_places_territory_2000`: the day's territory (the approximation) of 2,000
//!   places on one straight diagonal line across Ukraine, holders alternating between two
//!   factions, no change after the first: roads and rivers put real towns on lines. Budget:
//!   under 200 ms.
//! - `star_polygon_load_10000/crossing`: loading a dataset whose one area is a ring of 10,000
//!   points joined 4,999 apart (about 25 million crossings): refused at its first crossing.
//! - `star_polygon_load_10000/simple`: the same number of points with alternating radii, a
//!   simple ring: loaded, cut to the theatre, its label placed.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion};
use frontline::loaded::{self, Loaded};

const HEADER: &str = r##"[dataset]
id = "bench"
name = "Bench"
start = 2024-12-01
end = 2024-12-07
theatre = ["UA"]

[dataset.map]
min_lon = 22.0
max_lon = 40.5
min_lat = 44.0
max_lat = 52.5

[[sources]]
id = "s1"
file = "source.txt"
outlet = "Test Wire"
published = 2024-12-07
published_basis = "Bench."

[[factions]]
id = "gov"
name = "Government"
label = "GOV"
color = "#d55e00"
glyph = "G"

[[factions]]
id = "reb"
name = "Rebels"
label = "REB"
color = "#009e73"
glyph = "R"
"##;

const SOURCE: &str = "Rebels took Place 0 on Friday.";

const EVENT: &str = r#"
[[events]]
id = "e1"
place = "p0"
kind = "captured"
faction = "reb"
source = "s1"
when = "on Friday"
quote = "Rebels took Place 0 on Friday."
"#;

fn load(text: &str) -> Result<Loaded, frontline::dataset::LoadError> {
    loaded::load_str("bench.toml", text, &|_| Ok(SOURCE.to_string()))
}

/// `n` places on the diagonal from (24.5, 46.5) to (38.5, 50.5), holders alternating.
fn collinear(n: usize) -> String {
    let mut t = HEADER.to_string();
    for i in 0..n {
        let f = i as f64 / (n - 1) as f64;
        let holder = if i % 2 == 0 { "gov" } else { "reb" };
        let _ = write!(
            t,
            "\n[[places]]\nid = \"p{i}\"\nname = \"Place {i}\"\nkind = \"town\"\nlat = {:?}\nlon = {:?}\ncoords = \"bench\"\ninitial = {{ holder = \"{holder}\", note = \"bench\" }}\n",
            46.5 + 4.0 * f,
            24.5 + 14.0 * f
        );
    }
    t + EVENT
}

/// One place and an area drawn by `n` points round central Ukraine joined `k` apart (radii
/// alternating when `alternate`).
fn star(n: usize, k: usize, alternate: bool) -> String {
    let mut ring = String::new();
    for i in 0..n {
        let a = ((i * k) % n) as f64 * std::f64::consts::TAU / n as f64;
        let r = if alternate && i % 2 == 1 { 0.8 } else { 2.0 };
        let _ = write!(
            ring,
            "[{:.6}, {:.6}], ",
            31.5 + r * a.cos(),
            48.8 + r * a.sin()
        );
    }
    format!(
        "{HEADER}\n[[places]]\nid = \"p0\"\nname = \"Place 0\"\nkind = \"town\"\nlat = 48.5\nlon = 31.0\ncoords = \"bench\"\ninitial = {{ holder = \"gov\", note = \"bench\" }}\n\n\
         [[places]]\nid = \"zone\"\nname = \"Zone\"\nkind = \"area\"\nnote = \"bench\"\npolygon = [{ring}]\n{EVENT}"
    )
}

/// The group: see the module's doc.
pub fn geometry(c: &mut Criterion) {
    let mut group = c.benchmark_group("geometry");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    let loaded = load(&collinear(2_000)).expect("the collinear dataset loads");
    let cursor = loaded.timeline.at(loaded.dataset.start);
    group.bench_function("collinear_places_territory_2000", |b| {
        b.iter(|| black_box(frontline::view::territory::territory(&loaded, &cursor)));
    });
    let crossing = star(10_000, 4_999, false);
    assert!(load(&crossing).is_err(), "the crossing star is refused");
    group.bench_function(
        BenchmarkId::new("star_polygon_load_10000", "crossing"),
        |b| b.iter(|| black_box(load(&crossing).is_err())),
    );
    let simple = star(10_000, 1, true);
    assert!(load(&simple).is_ok(), "the simple star loads");
    group.bench_function(BenchmarkId::new("star_polygon_load_10000", "simple"), |b| {
        b.iter(|| black_box(load(&simple).is_ok()));
    });
    group.finish();
}
