//! Live editing, end to end: the real binary in a pseudo-terminal on a dataset file that the
//! test edits as an analyst would in another pane. A valid change shows on screen with the
//! shown day, the selection and the zoom kept; a broken file leaves the last valid map drawn
//! and lists its problem as file:line:col; fixing it takes the problems panel away.

use crate::support::pty as support;

use std::path::Path;

use support::Session;

/// Copy the built-in dataset and its sources into `dir`.
fn copy_dataset(dir: &Path) -> std::path::PathBuf {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    for entry in std::fs::read_dir(data.join("sources")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join("sources").join(path.file_name().unwrap())).unwrap();
    }
    let file = dir.join("syria-2024.toml");
    std::fs::copy(data.join("syria-2024.toml"), &file).unwrap();
    file
}

/// Save as many editors do: a new file renamed over the old one.
fn save_by_rename(file: &Path, text: &str) {
    let tmp = file.with_extension("toml.swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, file).unwrap();
}

#[test]
fn the_map_follows_the_file_keeps_the_view_and_lists_problems_until_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_dataset(dir.path());
    let path = file.to_str().unwrap();
    let mut s = Session::spawn(&["--data", path], &[("TERM", "xterm-256color")], (120, 40));
    s.wait_for("the map", |t| {
        t.contains("Mon 2024-11-25") && t.contains("Palmyra")
    });
    // What the user was looking at: the last day, Homs selected, zoomed in once.
    s.send("G");
    s.send("/homs\r");
    s.send("+");
    s.wait_for("the view", |t| {
        t.contains("Sat 2024-12-07") && t.contains("Homs  city") && t.contains("zoom ×1.5")
    });

    // A valid edit, written in place: Palmyra gets another name.
    let original = std::fs::read_to_string(&file).unwrap();
    assert!(original.contains("name = \"Palmyra\""));
    let renamed = original.replace("name = \"Palmyra\"", "name = \"Tadmur\"");
    std::fs::write(&file, &renamed).unwrap();
    s.wait_for("the new name", |t| t.contains("Tadmur"));
    let screen = s.screen();
    assert!(!screen.contains("Palmyra"), "{screen}");
    for kept in ["Sat 2024-12-07", "Homs  city", "zoom ×1.5"] {
        assert!(
            screen.contains(kept),
            "`{kept}` survives the reload:\n{screen}"
        );
    }

    // A broken edit, saved by renaming: Damascus's latitude is not a number.
    let line = renamed
        .lines()
        .position(|l| l == "lat = 33.5102")
        .expect("Damascus's latitude")
        + 1;
    let broken = renamed.replace("lat = 33.5102", "lat = \"north\"");
    save_by_rename(&file, &broken);
    let at = format!("syria-2024.toml:{line}:7");
    s.wait_for("the problem, located", |t| t.contains(&at));
    let screen = s.screen();
    assert!(screen.contains("problem(s)"), "{screen}");
    assert!(screen.contains("last valid version"), "{screen}");
    assert!(
        screen.contains("Tadmur") && screen.contains("Sat 2024-12-07"),
        "the old map stays:\n{screen}"
    );
    assert!(
        screen.contains("Homs  city"),
        "and the selection:\n{screen}"
    );

    // Fixed: the panel goes, the map is the file's again.
    let fixed = renamed.replace("name = \"Tadmur\"", "name = \"Tudmur\"");
    save_by_rename(&file, &fixed);
    s.wait_for("the fixed file", |t| {
        t.contains("Tudmur") && !t.contains("problem(s)")
    });
    assert!(!s.screen().contains(&at));

    // A source text edited so that a quote is no longer in it: a problem too.
    let source = dir.path().join("sources/000_a5c7d65549deb71f.txt");
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(&source, text.replace("Assad", "Asad")).unwrap();
    s.wait_for("the source's problem", |t| t.contains("problem(s)"));
    std::fs::write(&source, &text).unwrap();
    s.wait_for("the source restored", |t| !t.contains("problem(s)"));

    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn no_watch_leaves_the_map_as_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_dataset(dir.path());
    let path = file.to_str().unwrap();
    let mut s = Session::spawn(
        &["--data", path, "--no-watch"],
        &[("TERM", "xterm-256color")],
        (120, 40),
    );
    s.wait_for("the map", |t| t.contains("Palmyra"));
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("name = \"Palmyra\"", "name = \"Tadmur\""),
    )
    .unwrap();
    // Nothing to wait for but time: give a watcher, were there one, several debounce periods.
    // Then a key proves the loop is alive and has redrawn.
    std::thread::sleep(std::time::Duration::from_millis(800));
    s.send("G");
    s.wait_for("the last day", |t| t.contains("Sat 2024-12-07"));
    assert!(s.screen().contains("Palmyra"));
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_reload_keeps_the_view_and_an_invalid_version_keeps_the_map() {
    use frontline::loaded;
    use frontline::screen::app::{Action, App};
    let text = frontline::dataset::builtin_text();
    let load =
        |t: &str| loaded::load_str("edited.toml", t, &|f| frontline::dataset::builtin_source(f));
    let mut a = App::new(loaded::builtin().unwrap(), (120, 40), false);
    a.update(Action::LastDay);
    a.selected = a.loaded.dataset.find_place("homs");
    a.update(Action::Zoom(1));
    frontline::tui::handle(
        &mut a,
        Action::ScrollPlace(frontline::screen::app::Scroll::Lines(3)),
    );
    let (date, zoom) = (a.date(), a.zoom);
    a.reloaded(
        "edited.toml",
        load(&text.replace("name = \"Palmyra\"", "name = \"Tadmur\"")),
    );
    assert!(a.problems.is_none());
    assert_eq!((a.date(), a.zoom, a.place_scroll), (date, zoom, 3));
    let homs = a.selected.map(|p| a.loaded.dataset.place(p).id.clone());
    assert_eq!(homs.as_deref(), Some("homs"));
    assert!(a.loaded.dataset.find_place("Tadmur").is_some());
    let before = a.loaded.dataset.places.len();
    a.reloaded(
        "edited.toml",
        load(&text.replace("lat = 33.5102", "lat = 95.0")),
    );
    let problems = a.problems.clone().expect("problems listed");
    assert!(
        problems.lines[0].starts_with("edited.toml:"),
        "{problems:?}"
    );
    assert!(
        a.loaded.dataset.find_place("Tadmur").is_some(),
        "the last valid version stays"
    );
    assert_eq!(a.loaded.dataset.places.len(), before);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let derived = frontline::screen::derived::Derived::of(&a);
    t.draw(|f| frontline::screen::render::render(f, &a, &derived))
        .unwrap();
    let screen: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(screen.contains("problem(s)"), "the panel is drawn");
    let line = problems.lines[0].split(':').nth(1).unwrap().to_string();
    assert!(
        screen.contains(&format!("edited.toml:{line}:")),
        "located on screen"
    );
    a.reloaded("edited.toml", load(text));
    assert!(a.problems.is_none(), "fixed: the panel goes");
    assert!(a.loaded.dataset.find_place("Palmyra").is_some());
}

/// How many reloads the map started, by its trace file.
fn reloads(trace: &Path) -> usize {
    std::fs::read_to_string(trace).map_or(0, |t| t.lines().count())
}

/// The reload settles: an untouched dataset is never read again (frontline's own reads of
/// its files are not changes), one edit reloads exactly once, saving the same text again
/// reloads nothing, and a FIFO renamed over the file is refused at once with `q` still live.
#[test]
fn the_reload_settles_and_never_blocks() {
    use std::time::Duration;
    let dir = tempfile::tempdir().unwrap();
    let file = copy_dataset(dir.path());
    let trace = dir.path().join("reloads.log");
    let (path, trace_s) = (file.to_str().unwrap(), trace.to_str().unwrap());
    let mut s = Session::spawn(
        &["--data", path],
        &[
            ("TERM", "xterm-256color"),
            ("FRONTLINE_RELOAD_TRACE", trace_s),
        ],
        (120, 40),
    );
    s.wait_for("the map", |t| t.contains("Palmyra"));
    // Untouched, and used: days stepped, places selected (the map reads nothing, but a
    // reload would read every file and so see its own reads).
    for key in ["G", "g", "/homs\r", "]"] {
        s.send(key);
    }
    std::thread::sleep(Duration::from_secs(10));
    assert_eq!(
        reloads(&trace),
        0,
        "an untouched dataset reloads 0 times in 10 s"
    );

    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("name = \"Palmyra\"", "name = \"Tadmur\""),
    )
    .unwrap();
    s.wait_for("the edit", |t| t.contains("Tadmur"));
    std::thread::sleep(Duration::from_secs(5));
    assert_eq!(
        reloads(&trace),
        1,
        "one edit, exactly one reload in the next 5 s"
    );

    // The same text saved again (and touched): nothing changed, nothing read again.
    let now = std::fs::read_to_string(&file).unwrap();
    save_by_rename(&file, &now);
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(reloads(&trace), 1, "saving the same text reloads nothing");

    // A FIFO in the file's place: refused at once, never opened (it would wait for a writer).
    let fifo = dir.path().join("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::fs::rename(&fifo, &file).unwrap();
    s.wait_for("the refusal", |t| t.contains("not a regular file"));
    s.send("q");
    assert!(
        s.wait_exit_within(Duration::from_secs(5)).success(),
        "q quits at once"
    );
}
