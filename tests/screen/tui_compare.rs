//! Comparing two days on screen: mark a day with `v`, step to another, and the day panel lists
//! what changed between them; `e` then exports the comparison (svg, png) or animates the
//! shown days (gif, apng).

use crossterm::event::KeyCode;
use frontline::export::Format;
use frontline::screen::app::App;
use frontline::screen::layout::Areas;
use frontline::screen::render;
use ratatui::style::Modifier;
use support::{app, press, text};

use crate::support::app as support;

fn screen(app: &App) -> (ratatui::buffer::Buffer, String) {
    let buf = render::draw(app);
    let out = text(&buf);
    (buf, out)
}

/// The text of the day panel, inside its border, lines joined.
fn day_panel(app: &App) -> String {
    let (buf, _) = screen(app);
    let r = Areas::of(app.size).day;
    let mut out = String::new();
    for y in r.y..r.y + r.height {
        let line: String = (r.x..r.x + r.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        out.push_str(line.trim());
        out.push('\n');
    }
    out
}

fn go_to_day(app: &mut App, day: u32) {
    press(app, KeyCode::Home);
    while app.date().format("%d").to_string() != format!("{day:02}") {
        press(app, KeyCode::Right);
    }
}

#[test]
fn marking_a_day_and_stepping_lists_the_changes_between() {
    let mut a = app((160, 50));
    go_to_day(&mut a, 4);
    press(&mut a, KeyCode::Char('v'));
    assert!(a.message.as_deref().unwrap().starts_with("marked 4 Dec"));
    assert!(
        a.compared_days().is_none(),
        "the same day: nothing to compare yet"
    );
    press(&mut a, KeyCode::Right);
    let panel = day_panel(&a);
    assert!(panel.contains("Wed 04 Dec → Thu 05 Dec"), "{panel}");
    assert!(
        panel.contains("Hama gained by HTS from GOV, on 5 Dec"),
        "{panel}"
    );
    press(&mut a, KeyCode::End);
    let panel = day_panel(&a);
    assert!(panel.contains("Wed 04 Dec → Sat 07 Dec"), "{panel}");
    assert!(
        panel.contains("Deir ez-Zor gained by KUR from GOV"),
        "{panel}"
    );
    // Areas count as places do (HTS holds an area on both days): the tallies agree with
    // the gained and lost lists.
    assert!(panel.contains("▲HTS 2→3"), "the tallies: {panel}");
    let (buf, text) = screen(&a);
    assert!(text.contains("compared with Wed 04 Dec"), "{text}");
    // Hama's label is underlined: changed since the marked day, not on the shown day.
    let (x, y) = find(&text, "Hama").unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    // Stepping back before the mark compares the other way round, earlier day first.
    go_to_day(&mut a, 2);
    assert!(day_panel(&a).contains("Mon 02 Dec → Wed 04 Dec"));
    press(&mut a, KeyCode::Char('v'));
    assert!(a.compared_days().is_none());
    assert!(!day_panel(&a).contains("→"), "back to the day's own news");
}

/// The first cell of `word` on the map (the left part of the screen).
fn find(text: &str, word: &str) -> Option<(u16, u16)> {
    text.lines().enumerate().find_map(|(y, l)| {
        let chars: Vec<char> = l.chars().collect();
        let w: Vec<char> = word.chars().collect();
        (0..chars.len().saturating_sub(w.len()))
            .find(|&i| chars[i..i + w.len()] == w[..] && i < 90)
            .map(|x| (x as u16, y as u16))
    })
}

#[test]
fn the_export_key_draws_the_comparison_and_animates_the_shown_days() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app((120, 40));
    a.export_dir = dir.path().to_path_buf();
    go_to_day(&mut a, 5);
    press(&mut a, KeyCode::Char('v'));
    press(&mut a, KeyCode::End);
    while a.export_format != Format::Svg {
        press(&mut a, KeyCode::Char('x'));
    }
    assert!(
        a.message
            .as_deref()
            .unwrap()
            .contains("what changed from 5 Dec to 7 Dec"),
        "{:?}",
        a.message
    );
    press(&mut a, KeyCode::Char('e'));
    let svg = dir.path().join("syria-2024_2024-12-05_to_2024-12-07.svg");
    assert!(
        a.message.as_deref().unwrap().starts_with("wrote "),
        "{:?}",
        a.message
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("Changes from 5 December to 7 December"));
    while a.export_format != Format::Gif {
        press(&mut a, KeyCode::Char('x'));
    }
    assert!(
        a.message
            .as_deref()
            .unwrap()
            .contains("animates the shown days, 5 Dec to 7 Dec"),
        "{:?}",
        a.message
    );
    press(&mut a, KeyCode::Char('e'));
    let gif = dir.path().join("syria-2024_2024-12-05_to_2024-12-07.gif");
    assert!(
        a.message.as_deref().unwrap().starts_with("wrote "),
        "{:?}",
        a.message
    );
    let data = std::fs::read(&gif).unwrap();
    let mut decoder = gif::DecodeOptions::new()
        .read_info(data.as_slice())
        .unwrap();
    let mut frames = 0;
    while decoder.read_next_frame().unwrap().is_some() {
        frames += 1;
    }
    assert_eq!(frames, 3, "5, 6 and 7 December");
    // Without a mark the shown range is every day the timeline shows: all of them here.
    press(&mut a, KeyCode::Char('v'));
    let (first, last) = a.shown_range();
    assert_eq!(
        (first, last),
        (a.loaded.dataset.start, a.loaded.dataset.end)
    );
}

/// An animation of more than 300 frames is written only when `e` is pressed again right
/// after the map says how many frames it has; a frame stands for the period the timeline
/// shows, so showing months makes a short one, written at once.
#[test]
fn a_long_animation_asks_first_and_a_frame_is_a_period_of_the_timeline() {
    let g = frontline::synth::generate(&frontline::synth::GenSpec {
        places: 30,
        events: 400,
        seed: 5,
        events_per_day: 1,
    });
    let loaded = g.load().unwrap();
    let days = (loaded.dataset.end - loaded.dataset.start).num_days() + 1;
    assert!(days > 300, "{days} days");
    let dir = tempfile::tempdir().unwrap();
    let mut a = App::new(loaded, (160, 50), false);
    a.export_dir = dir.path().to_path_buf();
    while a.timeline_unit != frontline::screen::timescale::Unit::Day {
        press(&mut a, KeyCode::Char('u'));
    }
    press(&mut a, KeyCode::Home);
    press(&mut a, KeyCode::Char('v'));
    press(&mut a, KeyCode::End);
    while a.export_format != Format::Gif {
        press(&mut a, KeyCode::Char('x'));
    }
    let written = || std::fs::read_dir(dir.path()).unwrap().count();
    press(&mut a, KeyCode::Char('e'));
    let asked = a.message.clone().unwrap_or_default();
    assert!(
        asked.contains(&format!("{days} frames")) && asked.contains("e again"),
        "{asked:?}"
    );
    assert_eq!(written(), 0, "nothing written before the answer");
    // Something else in between: `e` asks again.
    press(&mut a, KeyCode::Char('?'));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('e'));
    assert!(a.message.as_deref().unwrap_or_default().contains("e again"));
    assert_eq!(written(), 0);
    // Months: a frame a month, few enough to write at once.
    while a.timeline_unit != frontline::screen::timescale::Unit::Month {
        press(&mut a, KeyCode::Char('u'));
    }
    press(&mut a, KeyCode::Char('e'));
    assert!(
        a.message
            .as_deref()
            .unwrap_or_default()
            .starts_with("wrote "),
        "{:?}",
        a.message
    );
    let gif = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let data = std::fs::read(&gif).unwrap();
    let mut decoder = gif::DecodeOptions::new()
        .read_info(data.as_slice())
        .unwrap();
    let mut frames = 0;
    while decoder.read_next_frame().unwrap().is_some() {
        frames += 1;
    }
    assert!(
        (13..=15).contains(&frames),
        "{frames} frames, a frame a month"
    );
}
