//! The fuzz target (issue 11): arbitrary bytes and structure-aware mutations of valid datasets
//! ([`mutate`], from [`seeds`], made of [`alphabet`]), each run through all of frontline ([`pipeline`]): load → validate →
//! timeline → every report → every export format → the map drawn on a `TestBackend`.
//!
//! On stable Rust, driven by proptest (which shrinks a failing input to a small recipe):
//!
//! - `cargo test --test fuzz` runs a short batch from a fixed seed (part of the suite);
//! - `FRONTLINE_FUZZ_SECS=60 cargo test --release --test fuzz -- --nocapture` runs for a
//!   minute from a fresh seed (CI does this; a longer run is the same with more seconds);
//!   `FRONTLINE_FUZZ_SEED=N` repeats a run;
//! - a finding is written, shrunk, as a dataset directory under `target/tmp/fuzz-findings/`,
//!   and the run fails naming it. Moved to `tests/fixtures/fuzz/NAME/`, it becomes a
//!   regression fixture that every run replays through the real file loader.
//!
//! In a timed run a case that takes longer than [`BUDGET`] (2 s in release, of wall and CPU
//! time both) counts as a finding (a path that grows faster than its input), written out
//! unshrunk; one still running after [`HANG`] is written out and the process aborts.
//!
//! Besides text, the inputs are geometry ([`shapes`]): datasets near the poles and across the
//! antimeridian whose places lie on a line, on a grid, stacked or a metre apart with different
//! holders, and whose areas are stars that cross themselves, random, huge, flat or repeated
//! rings of up to 3,000 points; and CSV rows run through `import csv`, whose dataset must
//! then load.

#[path = "fuzz/alphabet.rs"]
mod alphabet;
#[path = "fuzz/mutate.rs"]
mod mutate;
#[path = "fuzz/pipeline.rs"]
mod pipeline;
#[path = "fuzz/seeds.rs"]
mod seeds;
#[path = "fuzz/shapes.rs"]
mod shapes;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pipeline::Depth;
use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngAlgorithm, TestError, TestRng, TestRunner};
use seeds::{Input, seeds};

/// Cases in the short batch of `cargo test`.
const SHORT_CASES: u32 = 48;
/// The longest a case may take in a timed run before it counts as a finding: a path that
/// grows faster than its input. Two seconds in a release build (the timed runs are), of wall
/// time and of the process's CPU time both, so that neither other work on the machine nor the
/// territory's second thread makes a case look slow; a debug build is some ten times slower.
const BUDGET: Duration = Duration::from_secs(if cfg!(debug_assertions) { 30 } else { 2 });
/// A case still running after this long is a hang: it is written out and the run aborts.
const HANG: Duration = Duration::from_secs(60);

/// CPU time of this process, all threads.
fn cpu_time() -> Duration {
    #[cfg(unix)]
    {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes one timespec through a valid pointer.
        if unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &raw mut t) } == 0 {
            return Duration::new(t.tv_sec as u64, t.tv_nsec as u32);
        }
    }
    Duration::ZERO
}

fn check(input: &Input, depth: Depth) -> Result<pipeline::Outcome, String> {
    let Some(csv) = &input.csv else {
        return pipeline::check("dataset.toml", &input.text, &|f| input.source(f), depth);
    };
    // Import's promise: what it writes loads. Rows it cannot use are its own report.
    let format = frontline::import::Format::Csv;
    let Ok(imported) = frontline::import::import(format, csv.as_bytes(), "rows.csv", &mut |_| {})
    else {
        return Ok(pipeline::Outcome::Refused);
    };
    let read = |f: &str| {
        imported
            .sources
            .iter()
            .find(|(name, _)| name == f)
            .map(|(_, text)| text.clone())
            .ok_or_else(|| format!("no source file {f}"))
    };
    match pipeline::check("dataset.toml", &imported.toml, &read, depth)? {
        pipeline::Outcome::Loaded => Ok(pipeline::Outcome::Loaded),
        pipeline::Outcome::Refused => Err("import wrote a dataset that does not load".into()),
    }
}

/// Write `input` as a dataset directory a regression fixture can be made of; returns it.
fn write_finding(input: &Input, why: &str) -> PathBuf {
    let hash = input
        .text
        .bytes()
        .chain(input.extra.bytes())
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("fuzz-findings")
        .join(format!("{}-{hash:016x}", seeds()[input.seed].name));
    for (name, _) in &seeds()[input.seed].sources {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, input.source(name).unwrap()).unwrap();
    }
    std::fs::write(dir.join("dataset.toml"), &input.text).unwrap();
    if let Some(csv) = &input.csv {
        std::fs::write(dir.join("rows.csv"), csv).unwrap();
    }
    std::fs::write(dir.join("FINDING"), why).unwrap();
    dir
}

/// Run cases until `deadline` or `cases` are done, from `seed`.
fn run(seed: u64, cases: u32, deadline: Option<Instant>) {
    let depth = Depth {
        png: !cfg!(debug_assertions),
    };
    let mut rng_seed = [0u8; 32];
    rng_seed[..8].copy_from_slice(&seed.to_le_bytes());
    let config = Config {
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &rng_seed));
    let strategy = mutate::input();
    // What is running now, for the hang watchdog.
    let current: Arc<Mutex<Option<(Instant, Input)>>> = Arc::new(Mutex::new(None));
    if deadline.is_some() {
        let watched = current.clone();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_secs(1));
                let guard = watched
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                if let Some((started, input)) = guard.as_ref()
                    && started.elapsed() > HANG
                {
                    let dir = write_finding(input, "a case ran longer than the hang limit");
                    eprintln!(
                        "fuzz: a case has run for over {HANG:?}; written to {}",
                        dir.display()
                    );
                    std::process::abort();
                }
            }
        });
    }
    let (mut done, mut slowest) = (0u32, Duration::ZERO);
    let loaded = std::sync::atomic::AtomicU32::new(0);
    let started = Instant::now();
    while done < cases && deadline.is_none_or(|d| Instant::now() < d) {
        let tree = strategy
            .new_tree(&mut runner)
            .expect("the strategy always makes a case");
        let case_started = Instant::now();
        let case_cpu = cpu_time();
        let result = runner.run_one(tree, |input| {
            *current
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) =
                Some((Instant::now(), input.clone()));
            let outcome =
                check(&input, depth).map_err(proptest::test_runner::TestCaseError::fail)?;
            if outcome == pipeline::Outcome::Loaded {
                loaded.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            Ok(())
        });
        let last = current
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        let (wall, cpu) = (case_started.elapsed(), cpu_time().saturating_sub(case_cpu));
        slowest = slowest.max(wall);
        if deadline.is_some()
            && wall > BUDGET
            && cpu > BUDGET
            && let Some((_, input)) = last
        {
            let why = format!("a case took {wall:?} ({cpu:?} of CPU), over the {BUDGET:?} budget");
            let dir = write_finding(&input, &why);
            panic!(
                "fuzz finding after {done} cases (seed {seed}): {why}\n  input written to {}",
                dir.display()
            );
        }
        match result {
            Ok(_) => done += 1,
            Err(TestError::Fail(why, input)) => {
                let dir = write_finding(&input, &why.to_string());
                panic!(
                    "fuzz finding after {done} cases (seed {seed}): {why}\n  shrunk input written to {}\n  \
                     to keep it as a regression fixture: mv it to tests/fixtures/fuzz/",
                    dir.display()
                );
            }
            Err(TestError::Abort(why)) => panic!("fuzz run aborted: {why}"),
        }
    }
    eprintln!(
        "fuzz: {done} cases ({} loaded and run through everything) in {:.1} s from seed {seed}, slowest {:.0} ms, PNG {}",
        loaded.into_inner(),
        started.elapsed().as_secs_f64(),
        slowest.as_secs_f64() * 1000.0,
        if depth.png { "on" } else { "off (debug build)" }
    );
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().map(|v| {
        v.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a whole number"))
    })
}

#[test]
fn fuzz() {
    match env_u64("FRONTLINE_FUZZ_SECS") {
        Some(secs) => {
            let seed = env_u64("FRONTLINE_FUZZ_SEED").unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.as_nanos() as u64)
            });
            run(
                seed,
                u32::MAX,
                Some(Instant::now() + Duration::from_secs(secs)),
            );
        }
        None => run(
            env_u64("FRONTLINE_FUZZ_SEED").unwrap_or(11),
            SHORT_CASES,
            None,
        ),
    }
}

/// The seeds themselves are valid and go through everything, the PNG included.
#[test]
fn every_seed_is_valid_and_runs_clean() {
    for (i, seed) in seeds().iter().enumerate() {
        let input = Input {
            seed: i,
            text: seed.text.clone(),
            extra: String::new(),
            csv: None,
        };
        let read = |f: &str| input.source(f);
        assert!(
            frontline::loaded::load_str("dataset.toml", &seed.text, &read).is_ok(),
            "{} does not load",
            seed.name
        );
        if let Err(why) = check(&input, Depth { png: i == 1 }) {
            panic!("{}: {why}", seed.name);
        }
    }
}

/// Every finding kept under `tests/fixtures/fuzz/` runs clean, loaded from disk as a user's
/// dataset is.
#[test]
fn the_findings_kept_as_fixtures_run_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let case = entry.unwrap().path();
        let toml = case.join("dataset.toml");
        if !toml.is_file() {
            continue;
        }
        let origin = toml.display().to_string();
        let text = match frontline::dataset::read_text(&toml) {
            Ok(t) => t,
            Err(e) => panic!("{origin}: {e}"),
        };
        let sources = frontline::dataset::files::SourceDir::of(&toml);
        if let Err(why) = pipeline::check(&origin, &text, &|f| sources.read(f), Depth { png: true })
        {
            panic!("{origin}: {why}");
        }
        count += 1;
    }
    assert!(count > 0, "no fixture under {}", dir.display());
}
