//! Benchmarks at three sizes of synthetic dataset (see `frontline gen` and
//! [`frontline::synth`]), with a fixed number of events per day so a day step's work stays the
//! same while the dataset grows. Run everything, with the memory figures, by `benches/run.sh`.
//!
//! - `parse_toml_untyped`: the TOML text into a `toml::Table`, nothing else: the floor that
//!   `load_validate` (parse, check, resolve dates, find quotes, build the timeline) is held to.
//! - `state_at`, `step_forward`, `step_backward`: the timeline on the middle day;
//!   `compare_week`: every place compared between the middle day and a week before.
//! - `render_frame_250x70`: the real terminal app drawn on a `TestBackend`;
//!   `render_cold_250x70`: the same without the cached territory tint (after a zoom, pan or
//!   resize); `step_and_render_250x70`: a day step (alternately forwards and backwards) and its
//!   frame; `render_compare_250x70`: a frame comparing the shown day with a week before.
//! - `territory/territory_day`: the day's territory from scratch (the approximation over every
//!   place and the dataset's areas; the screen caches it per day);
//!   `territory_quality/approximate_600`: the approximation of a quality case (its IoU printed).
//! - `search_hit`, `search_miss`: the search prompt's best match (a prefix, and a miss).
//! - `export_svg_1600`, `export_png_1600`: a picture of the middle day.
//! - `builtin_first_frame`: the built-in dataset loaded, validated and drawn once at 160x50,
//!   its basemap decoded afresh.
//! - `world/*`: the region fixtures of `tests/fixtures/regions` at 250x70 on their last day,
//!   zoomed out over the whole country and zoomed in (x40) on a city: `frame` with the
//!   basemap and the territory tint kept from the frame before, `basemap_cold` with the
//!   basemap decoded afresh, `cold` with both computed afresh (the first frame after a zoom
//!   or a pan beyond the decoded part);
//!   `world/open_blob`: reading the embedded blob's header and tables (once per process).
//! - `locate`: one gazetteer search (`frontline locate NAME`), for a spelling found as a
//!   GeoNames alternate name, one found by its consonants, and one that matches nothing;
//!   `gazetteer_exact_many`: the one pass `validate` makes for all of a dataset's names.
//! - `import_csv`: `frontline import csv` of a generated CSV ([`frontline::synth::generate_csv`],
//!   one row per event at each size) into the dataset text and sources, in memory;
//!   `load_imported`: loading that dataset, which the import is held to (at most 1.5x).
//! - `draft/load_builtin`: what `frontline draft` loads before reading a report: the
//!   built-in dataset loaded and validated, and its factions and places made ready
//!   (`Knowledge::new`); `draft/gazetteer_index`: the gazetteer's name index built afresh
//!   (once per process, on top of the first); `draft/sentences_five_reports_x20`: drafting
//!   the five built-in reports twenty times over (100 reports), in sentences a second
//!   (the five's score against the built-in dataset printed once).
//! - `geometry/*`: hostile shapes within their budgets: 2,000 places on a line, a crossing
//!   and a simple star of 10,000 points (see `frontline/geometry.rs`).

#[path = "frontline/geometry.rs"]
mod geometry;

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::Duration;

use chrono::{Days, NaiveDate};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use frontline::dataset::{self};
use frontline::export::{self, Format, Options};
use frontline::geo::territory::quality::{Case, Shape};
use frontline::geo::{Params, Projection, World};
use frontline::loaded::{self, Loaded};
use frontline::screen::app::{Action, App};
use frontline::screen::derived::Derived;
use frontline::synth::{GenSpec, Generated, generate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Changes per day at every size.
const EVENTS_PER_DAY: usize = 100;
/// (places, events).
const SIZES: [(usize, usize); 3] = [(100, 1_000), (1_000, 25_000), (10_000, 250_000)];

/// A generated dataset and its loaded form, built once per size for the whole run.
struct Fixture {
    generated: Generated,
    loaded: std::sync::Arc<Loaded>,
}

fn fixture(size: usize) -> &'static Fixture {
    static CACHE: [OnceLock<Fixture>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    CACHE[size].get_or_init(|| {
        let (places, events) = SIZES[size];
        let generated = generate(&GenSpec {
            places,
            events,
            seed: 1,
            events_per_day: EVENTS_PER_DAY,
        });
        let loaded = std::sync::Arc::new(load(&generated));
        Fixture { generated, loaded }
    })
}

fn load(g: &Generated) -> Loaded {
    match g.load() {
        Ok(loaded) => loaded,
        Err(dataset::LoadError::Invalid(d)) => panic!("generated dataset invalid: {}", d[0]),
        Err(e) => panic!("{e}"),
    }
}

fn label(size: usize) -> String {
    let (places, events) = SIZES[size];
    format!("{places}p_{events}e")
}

/// The middle day of a dataset.
fn middle(loaded: &Loaded) -> NaiveDate {
    let t = &loaded.timeline;
    let days = (t.last_date() - t.first_date()).num_days().max(0) as u64;
    t.first_date() + Days::new(days / 2)
}

/// Fewer, shorter samples for the largest size, so the whole run stays within minutes.
fn tune(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, size: usize) {
    if size == 2 {
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(8));
        group.warm_up_time(Duration::from_secs(1));
    } else {
        group.sample_size(20);
        group.measurement_time(Duration::from_secs(3));
        group.warm_up_time(Duration::from_millis(500));
    }
}

fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    for size in 0..SIZES.len() {
        let f = fixture(size);
        tune(&mut group, size);
        let text = f.generated.toml.as_str();
        group.bench_with_input(
            BenchmarkId::new("parse_toml_untyped", label(size)),
            text,
            |b, text| b.iter(|| black_box(text.parse::<toml::Table>().is_ok())),
        );
        group.bench_with_input(
            BenchmarkId::new("load_validate", label(size)),
            &f.generated,
            |b, g| b.iter(|| black_box(load(g))),
        );
    }
    group.finish();
}

fn timeline(c: &mut Criterion) {
    let mut group = c.benchmark_group("timeline");
    group.measurement_time(Duration::from_secs(2));
    group.warm_up_time(Duration::from_millis(500));
    for size in 0..SIZES.len() {
        let loaded = &fixture(size).loaded;
        let day = middle(loaded);
        let t = &loaded.timeline;
        group.bench_function(BenchmarkId::new("state_at", label(size)), |b| {
            b.iter(|| black_box(t.at(black_box(day))));
        });
        let week_before = day - Days::new(7);
        group.bench_function(BenchmarkId::new("compare_week", label(size)), |b| {
            b.iter(|| {
                black_box(frontline::view::compare::Comparison::between(
                    loaded,
                    black_box(week_before),
                    day,
                ))
            });
        });
        let cursor = t.at(day);
        for (name, forward) in [("step_forward", true), ("step_backward", false)] {
            group.bench_function(BenchmarkId::new(name, label(size)), |b| {
                b.iter_batched_ref(
                    || cursor.clone(),
                    |c| black_box(t.step(c, forward)),
                    BatchSize::SmallInput,
                );
            });
        }
    }
    group.finish();
}

/// One frame of the real app on a test backend: what is derived from it brought up to date
/// (the territory and its grid, the comparison, the panels), then the drawing.
fn draw(terminal: &mut Terminal<TestBackend>, app: &App, derived: &mut Derived) {
    derived.prepare(app);
    terminal
        .draw(|frame| frontline::screen::render::render(frame, app, derived))
        .map(drop)
        .expect("drawing on a test backend");
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    for size in 0..SIZES.len() {
        let loaded = &fixture(size).loaded;
        tune(&mut group, size);
        let mut app = App::new(loaded.clone(), (250, 70), false);
        app.cursor = loaded.timeline.at(middle(loaded));
        let mut derived = Derived::new();
        let mut terminal = Terminal::new(TestBackend::new(250, 70)).expect("a test backend");
        group.bench_function(BenchmarkId::new("render_frame_250x70", label(size)), |b| {
            b.iter(|| draw(&mut terminal, &app, &mut derived));
        });
        // After a zoom, a pan or a resize: the territory tint is computed afresh.
        group.bench_function(BenchmarkId::new("render_cold_250x70", label(size)), |b| {
            b.iter(|| {
                // A new viewport: the grid and the places on the map are made afresh.
                derived.forget_grids();
                derived.forget_placed();
                draw(&mut terminal, &app, &mut derived);
            });
        });
        // Comparing the shown day with one a week before (`v`): the comparison is made afresh
        // for every frame (as after a day step), and both the map and the day panel read it.
        let mut comparing = App::new(loaded.clone(), (250, 70), false);
        comparing.cursor = loaded.timeline.at(middle(loaded));
        comparing.marked = Some(middle(loaded) - Days::new(7));
        let mut compared = Derived::new();
        group.bench_function(
            BenchmarkId::new("render_compare_250x70", label(size)),
            |b| {
                b.iter(|| {
                    compared.forget_comparison();
                    draw(&mut terminal, &comparing, &mut compared);
                });
            },
        );
        // What playing and the arrow keys cost: a day step, then the frame of the new day.
        let mut forward = true;
        group.bench_function(
            BenchmarkId::new("step_and_render_250x70", label(size)),
            |b| {
                b.iter(|| {
                    app.update(Action::StepDay(if forward { 1 } else { -1 }));
                    forward = !forward;
                    draw(&mut terminal, &app, &mut derived);
                });
            },
        );
    }
    group.finish();
}

/// The search prompt: the best match for what was typed (it runs on every key typed, to show
/// the best match as you type). A miss scans every name and spelling three times.
fn searches(c: &mut Criterion) {
    let mut group = c.benchmark_group("search");
    group.measurement_time(Duration::from_secs(2));
    group.warm_up_time(Duration::from_millis(500));
    for size in 0..SIZES.len() {
        let app = App::new(fixture(size).loaded.clone(), (250, 70), false);
        for (name, query) in [("search_hit", "place 7"), ("search_miss", "nowhere")] {
            group.bench_function(BenchmarkId::new(name, label(size)), |b| {
                b.iter(|| black_box(app.search(black_box(query))));
            });
        }
    }
    group.finish();
}

fn exports(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.warm_up_time(Duration::from_secs(1));
    let builtin = loaded::builtin().expect("the built-in dataset loads");
    let last = builtin.timeline.last_date();
    let options = Options {
        width: Some(1600),
        ..Default::default()
    };
    let cases: [(&str, &Loaded, NaiveDate); 2] = [
        ("builtin", &builtin, last),
        (
            "10000p_250000e",
            &fixture(2).loaded,
            middle(&fixture(2).loaded),
        ),
    ];
    for (name, loaded, date) in cases {
        for (bench, format) in [
            ("export_svg_1600", Format::Svg),
            ("export_png_1600", Format::Png),
        ] {
            group.bench_function(BenchmarkId::new(bench, name), |b| {
                b.iter(|| {
                    black_box(export::render(loaded, date, format, &options).expect("export"))
                });
            });
        }
    }
    group.finish();
}

fn builtin_first_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("builtin");
    group.sample_size(30);
    group.bench_function("builtin_first_frame", |b| {
        b.iter(|| {
            forget_basemap();
            let loaded = loaded::builtin().expect("the built-in dataset loads");
            let app = App::new(loaded, (160, 50), false);
            let mut terminal = Terminal::new(TestBackend::new(160, 50)).expect("a test backend");
            draw(&mut terminal, &app, &mut Derived::new());
            black_box(terminal)
        });
    });
    group.finish();
}

fn forget_basemap() {
    if let Some(world) = World::builtin() {
        world.forget_views();
    }
}

fn world_frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("world");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_millis(500));
    group.bench_function("open_blob", |b| {
        b.iter(|| black_box(World::from_bytes(World::builtin_bytes()).is_ok()));
    });
    let cases = [
        ("sudan_whole", "sudan", None),
        ("sudan_khartoum_x40", "sudan", Some("khartoum")),
        ("sahel_whole", "sahel", None),
        ("ukraine_kharkiv_x40", "ukraine", Some("kharkiv")),
    ];
    for (name, file, city) in cases {
        let path = format!("tests/fixtures/regions/{file}.toml");
        let loaded = std::sync::Arc::new(
            loaded::load_path(std::path::Path::new(&path)).expect("the fixture loads"),
        );
        let mut app = App::new(loaded.clone(), (250, 70), false);
        app.cursor = loaded.timeline.at(loaded.timeline.last_date());
        if let Some(id) = city {
            let ds = &loaded.dataset;
            let p = ds.place(ds.find_place(id).expect("the city is a place"));
            app.zoom = 40.0;
            app.center = Some(Projection::new(ds.map).project(p.lon, p.lat));
        }
        let mut terminal = Terminal::new(TestBackend::new(250, 70)).expect("a test backend");
        let mut derived = Derived::new();
        group.bench_function(BenchmarkId::new("frame_250x70", name), |b| {
            b.iter(|| draw(&mut terminal, &app, &mut derived));
        });
        group.bench_function(BenchmarkId::new("basemap_cold_250x70", name), |b| {
            b.iter(|| {
                forget_basemap();
                draw(&mut terminal, &app, &mut derived);
            });
        });
        group.bench_function(BenchmarkId::new("cold_250x70", name), |b| {
            b.iter(|| {
                forget_basemap();
                derived.forget_grids();
                derived.forget_placed();
                draw(&mut terminal, &app, &mut derived);
            });
        });
    }
    group.finish();
}

fn gazetteer(c: &mut Criterion) {
    use frontline::geo::gazetteer::gazetteer;
    let mut group = c.benchmark_group("gazetteer");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(3));
    let g = gazetteer();
    for query in ["Deraa", "Zakyah", "Kharkov", "Qxzqxzqxz"] {
        group.bench_function(BenchmarkId::new("locate", query), |b| {
            b.iter(|| black_box(g.search(black_box(query), None)));
        });
    }
    let builtin = loaded::builtin().expect("the built-in dataset loads");
    let names: Vec<&str> = builtin
        .dataset
        .places
        .iter()
        .flat_map(|p| std::iter::once(p.name.as_str()).chain(p.aliases.iter().map(String::as_str)))
        .collect();
    group.bench_function("gazetteer_exact_many_builtin", |b| {
        b.iter(|| black_box(g.exact_many(names.iter().copied())));
    });
    group.finish();
}

fn drafting(c: &mut Criterion) {
    use frontline::draft::{self, Knowledge, Options, Report};
    let mut group = c.benchmark_group("draft");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("load_builtin", |b| {
        b.iter(|| {
            black_box(Knowledge::new(
                loaded::builtin().expect("the built-in dataset loads"),
            ))
        });
    });
    let g = frontline::geo::gazetteer::gazetteer();
    group.bench_function("gazetteer_index", |b| {
        b.iter(|| black_box(g.build_name_index()));
    });
    let k = Knowledge::new(loaded::builtin().expect("the built-in dataset loads"));
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir("data/sources")
        .expect("the built-in reports")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    files.sort();
    let originals: Vec<Report> = files
        .iter()
        .map(|f| Report::read(f).expect("a built-in report reads"))
        .collect();
    let reports: Vec<Report> = (0..20)
        .flat_map(|n| {
            originals
                .iter()
                .map(move |r| Report::from_text(&format!("{n}-{}", r.name), &r.text))
        })
        .collect();
    let options = Options {
        published: NaiveDate::from_ymd_opt(2024, 12, 7),
        outlet: None,
    };
    // The development set's score, printed once (as territory_quality prints its IoU).
    let scored = draft::score::score(
        &draft::draft(&k, &originals, &options).expect("the reports draft"),
        &originals,
        &k.loaded.dataset,
    );
    eprint!("draft against the built-in dataset: {}", scored.summary());
    let run = || draft::draft(&k, &reports, &options).expect("the reports draft");
    let sentences: usize = run().sources.iter().map(|s| s.sentences).sum();
    eprintln!(
        "draft: {sentences} sentences in {} reports per iteration",
        reports.len()
    );
    group.throughput(criterion::Throughput::Elements(sentences as u64));
    group.bench_function("sentences_five_reports_x20", |b| {
        b.iter(|| black_box(run()));
    });
    group.finish();
}

fn importing(c: &mut Criterion) {
    use frontline::import::{self, Format};
    let mut group = c.benchmark_group("import");
    for (size, &(places, events)) in SIZES.iter().enumerate() {
        tune(&mut group, size);
        let csv = frontline::synth::generate_csv(&GenSpec {
            places,
            events,
            seed: 1,
            events_per_day: EVENTS_PER_DAY,
        });
        let run = || {
            import::import(Format::Csv, csv.as_bytes(), "bench.csv", &mut |_| {})
                .expect("the generated CSV imports")
        };
        let imported = run();
        group.bench_function(BenchmarkId::new("import_csv", label(size)), |b| {
            b.iter(|| black_box(run()));
        });
        let generated = Generated {
            toml: imported.toml,
            sources: imported.sources,
        };
        group.bench_function(BenchmarkId::new("load_imported", label(size)), |b| {
            b.iter(|| black_box(load(&generated)));
        });
    }
    group.finish();
}

/// The territory of the middle day from scratch (the approximation and the areas), at each
/// size: what a day whose changes touch the shading costs before the screen caches it; and
/// the quality cases of `frontline quality` at 600 towns, printing their IoU once.
/// The territory basis of a Ukraine dataset whose theatre is Ukraine and Russia.
fn real_basis() -> frontline::geo::Basis {
    let map = frontline::geo::MapArea::new(22.0, 40.5, 44.0, 52.5).expect("Ukraine's box");
    frontline::geo::Basis::new(
        map,
        &["UA".to_string(), "RU".to_string()],
        std::iter::empty(),
    )
}

/// `n` real towns of Ukraine (the most populous in the embedded gazetteer's source list),
/// each with the holder of the winding front at it, 6 % stale.
fn real_towns(n: usize) -> (frontline::geo::Basis, Vec<frontline::geo::Site<u32>>) {
    let world = World::builtin().expect("the embedded basemap");
    let case = Case::new(world, "UA", Shape::Front, 7).expect("Ukraine's outline");
    let text = std::fs::read_to_string("assets/gazetteer/places.tsv").expect("the gazetteer list");
    let mut towns: Vec<(u64, f64, f64)> = text
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.get(4) == Some(&"UA")).then(|| {
                let lat = f[2].parse().unwrap_or(f64::NAN);
                let lon = f[3].parse().unwrap_or(f64::NAN);
                (f[6].parse().unwrap_or(0), lon, lat)
            })
        })
        .collect();
    towns.sort_by_key(|t| std::cmp::Reverse(t.0));
    let truth: Vec<(u32, frontline::geo::Region)> = case
        .truth
        .iter()
        .map(|(k, m)| (*k, frontline::geo::region_of("truth", m)))
        .collect();
    let sites: Vec<frontline::geo::Site<u32>> = towns
        .iter()
        .take(n)
        .map(|&(_, lon, lat)| frontline::geo::Site {
            lon,
            lat,
            key: truth
                .iter()
                .find(|(_, r)| r.contains(lon, lat))
                .map(|(k, _)| *k),
        })
        .collect();
    (real_basis(), case.stale(&sites, 0.06, 1))
}

fn territories(c: &mut Criterion) {
    let mut group = c.benchmark_group("territory");
    for size in 0..SIZES.len() {
        tune(&mut group, size);
        let loaded = &fixture(size).loaded;
        let cursor = loaded.timeline.at(middle(loaded));
        group.bench_function(BenchmarkId::new("territory_day", label(size)), |b| {
            b.iter(|| black_box(frontline::view::territory::territory(loaded, &cursor)));
        });
    }
    // 650 real towns: Ukraine's most populous GeoNames places, each given the holder of a
    // winding front drawn over the country, 6 % of them stale; the theatre Ukraine and Russia
    // (as a dataset whose Crimea Natural Earth draws in Russia derives it), cut to the map.
    let (basis, sites) = real_towns(650);
    group.bench_function("real_650", |b| {
        b.iter(|| {
            black_box(frontline::geo::approximate(
                &sites,
                basis.theatre(),
                &Params::default(),
            ))
        });
    });
    group.bench_function("basis_ua_ru", |b| b.iter(|| black_box(real_basis())));
    // Degenerate place sets (issue #25): 2,000 places on one diagonal line with holders
    // alternating, and 2,000 in 20 piles of 100 within about 100 m (budget: 200 ms).
    let area = frontline::geo::MapArea::new(29.0, 41.0, 29.0, 38.0).expect("a valid area");
    let rect = geo::Rect::new(
        geo::coord! { x: 29.0, y: 29.0 },
        geo::coord! { x: 41.0, y: 38.0 },
    );
    let mask = frontline::geo::Mask::new(geo::MultiPolygon(vec![rect.to_polygon()]), area);
    let n = 2000;
    let line: Vec<frontline::geo::Site<u8>> = (0..n)
        .map(|i| {
            let t = f64::from(i) / f64::from(n);
            frontline::geo::Site {
                lon: 30.0 + 10.0 * t,
                lat: 30.0 + 7.0 * t,
                key: Some((i % 2) as u8),
            }
        })
        .collect();
    let piles: Vec<frontline::geo::Site<u8>> = (0..n)
        .map(|i| {
            let (c, j) = (f64::from(i / 100), f64::from(i % 100));
            frontline::geo::Site {
                lon: 30.0 + c * 0.4 + (j * 0.37).sin() * 1e-3,
                lat: 30.0 + c * 0.3 + (j * 0.71).cos() * 1e-3,
                key: Some((i % 3) as u8),
            }
        })
        .collect();
    for (name, sites) in [("collinear_2000", &line), ("clustered_2000", &piles)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                black_box(frontline::geo::approximate(
                    sites,
                    &mask,
                    &Params::default(),
                ))
            });
        });
    }
    group.finish();
    let mut group = c.benchmark_group("territory_quality");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(3));
    let world = World::builtin().expect("the embedded basemap");
    for shape in [Shape::Straight, Shape::Enclave, Shape::Pocket, Shape::Front] {
        let case = Case::new(world, "UA", shape, 7).expect("Ukraine's outline");
        let towns = case.towns(600, 1);
        let ours = case.score(&case.approximate(&towns, &Params::default()));
        let base = case.baseline(&towns, 60.0);
        eprintln!(
            "{}: IoU {:.3} (baseline {:.3})",
            case.name, ours.overall, base.overall
        );
        group.bench_function(BenchmarkId::new("approximate_600", &case.name), |b| {
            b.iter(|| black_box(case.approximate(&towns, &Params::default())));
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    geometry::geometry,
    drafting,
    territories,
    importing,
    gazetteer,
    builtin_first_frame,
    world_frames,
    timeline,
    loading,
    frames,
    searches,
    exports
);
criterion_main!(benches);
