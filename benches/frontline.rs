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
//! - `export_svg_1600`, `export_png_1600`: a picture of the middle day.
//! - `builtin_first_frame`: the built-in dataset loaded, validated and drawn once at 160x50.

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::Duration;

use chrono::{Days, NaiveDate};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use frontline::dataset::{self};
use frontline::export::{self, Format, Options};
use frontline::loaded::{self, Loaded};
use frontline::screen::app::{Action, App};
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
    loaded: Loaded,
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
        let loaded = load(&generated);
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
            b.iter(|| black_box(t.at(black_box(day))))
        });
        let week_before = day - Days::new(7);
        group.bench_function(BenchmarkId::new("compare_week", label(size)), |b| {
            b.iter(|| {
                black_box(frontline::view::compare::Comparison::between(
                    loaded,
                    black_box(week_before),
                    day,
                ))
            })
        });
        let cursor = t.at(day);
        for (name, forward) in [("step_forward", true), ("step_backward", false)] {
            group.bench_function(BenchmarkId::new(name, label(size)), |b| {
                b.iter_batched_ref(
                    || cursor.clone(),
                    |c| black_box(t.step(c, forward)),
                    BatchSize::SmallInput,
                )
            });
        }
    }
    group.finish();
}

/// One frame of the real app on a test backend.
fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| frontline::screen::render::render(frame, app))
        .map(drop)
        .expect("drawing on a test backend")
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    for size in 0..SIZES.len() {
        let loaded = &fixture(size).loaded;
        tune(&mut group, size);
        let mut app = App::new(loaded.clone(), (250, 70), false);
        app.cursor = loaded.timeline.at(middle(loaded));
        let mut terminal = Terminal::new(TestBackend::new(250, 70)).expect("a test backend");
        group.bench_function(BenchmarkId::new("render_frame_250x70", label(size)), |b| {
            b.iter(|| draw(&mut terminal, &app))
        });
        // After a zoom, a pan or a resize: the territory tint is computed afresh.
        group.bench_function(BenchmarkId::new("render_cold_250x70", label(size)), |b| {
            b.iter(|| {
                app.territory_cache.borrow_mut().take();
                draw(&mut terminal, &app)
            })
        });
        // Comparing the shown day with one a week before (`v`): the comparison is made afresh
        // for every frame (as after a day step), and both the map and the day panel read it.
        let mut comparing = App::new(loaded.clone(), (250, 70), false);
        comparing.cursor = loaded.timeline.at(middle(loaded));
        comparing.marked = Some(middle(loaded) - Days::new(7));
        group.bench_function(
            BenchmarkId::new("render_compare_250x70", label(size)),
            |b| {
                b.iter(|| {
                    comparing.compare_cache.borrow_mut().take();
                    draw(&mut terminal, &comparing)
                })
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
                    draw(&mut terminal, &app)
                })
            },
        );
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
                })
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
            let loaded = loaded::builtin().expect("the built-in dataset loads");
            let app = App::new(loaded, (160, 50), false);
            let mut terminal = Terminal::new(TestBackend::new(160, 50)).expect("a test backend");
            draw(&mut terminal, &app);
            black_box(terminal)
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    builtin_first_frame,
    timeline,
    loading,
    frames,
    exports
);
criterion_main!(benches);
