//! Labels are legible: a label's cells are the label's (no basemap line runs through it, and
//! it never takes the line's colour), and every label colour has a WCAG contrast ratio of at
//! least 4.5:1 against every shading colour, at every colour depth, for the built-in
//! factions and for any colours a dataset may choose.

use frontline::dataset::Rgb;
use frontline::loaded;
use frontline::screen::app::{Action, App};
use frontline::screen::derived::Derived;
use frontline::screen::layout::Areas;
use frontline::screen::palette::{
    ColorDepth, LabelRole, MIN_CONTRAST, Palette, VGA_16, XTERM_16, contrast, rgb_in,
};
use frontline::screen::render;
use frontline::screen::render::draw;
use ratatui::style::Color;

fn is_basemap_glyph(s: &str) -> bool {
    s.chars().any(|c| ('\u{2800}'..='\u{28ff}').contains(&c))
}

/// Colour sets to try: the built-in factions, and many arbitrary ones.
fn colour_sets() -> Vec<Vec<Rgb>> {
    let ds = loaded::builtin().unwrap().dataset;
    let mut sets = vec![ds.factions.iter().map(|f| f.color).collect::<Vec<_>>()];
    let extremes = vec![
        Rgb(255, 255, 255),
        Rgb(0, 0, 0),
        Rgb(255, 0, 0),
        Rgb(0, 255, 0),
        Rgb(0, 0, 255),
        Rgb(255, 255, 0),
        Rgb(0, 255, 255),
        Rgb(255, 0, 255),
        Rgb(128, 128, 128),
    ];
    sets.push(extremes);
    let mut rng = fastrand::Rng::with_seed(12);
    for _ in 0..60 {
        let n = rng.usize(1..9);
        sets.push(
            (0..n)
                .map(|_| Rgb(rng.u8(..), rng.u8(..), rng.u8(..)))
                .collect(),
        );
    }
    sets
}

#[test]
fn every_label_colour_reads_on_every_shading_colour_at_every_depth() {
    let depths = [
        (ColorDepth::TrueColor, &XTERM_16, "24-bit"),
        (ColorDepth::Ansi256, &XTERM_16, "256"),
        (ColorDepth::Ansi16, &XTERM_16, "16, xterm's palette"),
        (
            ColorDepth::Ansi16,
            &VGA_16,
            "16, the Linux console's palette",
        ),
    ];
    let mut checked = 0;
    for set in colour_sets() {
        for (depth, table, name) in depths {
            let palette = Palette::new(&set, depth);
            let tints = palette.tints();
            assert!(!tints.is_empty(), "{name}: {set:?} has tints");
            for c in &set {
                assert!(
                    tints.contains(&palette.tint(*c).unwrap()),
                    "{name}: every faction's tint is listed"
                );
            }
            for tint in tints {
                let bg = rgb_in(tint, table).unwrap();
                for role in LabelRole::ALL {
                    let fg = palette.label(role, tint).expect("a colour on every tint");
                    let fg = rgb_in(fg, table).unwrap();
                    let ratio = contrast(fg, bg);
                    assert!(
                        ratio >= MIN_CONTRAST,
                        "{name}: {role:?} {fg:?} on {bg:?} is {ratio:.2}:1 (factions {set:?})"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 500, "{checked}");
}

#[test]
fn factions_keep_colours_of_their_own_at_every_depth() {
    let ds = loaded::builtin().unwrap().dataset;
    let colours: Vec<Rgb> = ds.factions.iter().map(|f| f.color).collect();
    for depth in [
        ColorDepth::TrueColor,
        ColorDepth::Ansi256,
        ColorDepth::Ansi16,
    ] {
        let p = Palette::new(&colours, depth);
        let marks: Vec<Color> = colours.iter().map(|c| p.faction(*c)).collect();
        for (i, m) in marks.iter().enumerate() {
            assert!(!marks[..i].contains(m), "{depth:?}: {m:?} shared");
            match depth {
                ColorDepth::Ansi256 => assert!(matches!(m, Color::Indexed(16..))),
                ColorDepth::Ansi16 => assert!(!matches!(m, Color::Rgb(..) | Color::Indexed(_))),
                _ => assert!(matches!(m, Color::Rgb(..))),
            }
        }
        let tints: Vec<Color> = colours.iter().map(|c| p.tint(*c).unwrap()).collect();
        let distinct = tints
            .iter()
            .enumerate()
            .filter(|(i, t)| !tints[..*i].contains(t))
            .count();
        // Six factions, six shadings at every depth (16 colours have eleven tints).
        assert_eq!(distinct, 6, "{depth:?}: tints {tints:?}");
        for (c, (m, t)) in colours.iter().zip(marks.iter().zip(&tints)) {
            let drawn = p.marker_on(*m, *t);
            for table in [&XTERM_16, &VGA_16] {
                let (m, t) = (rgb_in(drawn, table).unwrap(), rgb_in(*t, table).unwrap());
                assert!(
                    contrast(m, t) >= 3.0,
                    "{depth:?}: the marker of {c:?} reads on its own shading ({m:?} on {t:?})"
                );
                if depth != ColorDepth::Ansi16 {
                    break;
                }
            }
        }
    }
    assert_eq!(
        Palette::new(&colours, ColorDepth::None).tint(colours[0]),
        None
    );
}

#[test]
fn no_cell_inside_a_label_carries_a_basemap_glyph_or_its_colour() {
    for depth in [
        ColorDepth::TrueColor,
        ColorDepth::Ansi256,
        ColorDepth::Ansi16,
    ] {
        for (size, zoom) in [
            ((120, 40), 0),
            ((160, 50), 0),
            ((80, 24), 0),
            ((120, 40), 3),
        ] {
            let mut a = App::new(loaded::builtin().unwrap(), size, false);
            a.set_colors(depth);
            a.update(Action::LastDay);
            if zoom > 0 {
                a.selected = a.loaded.dataset.find_place("damascus");
                a.update(Action::CenterOnSelected);
            }
            for _ in 0..zoom {
                a.update(Action::Zoom(1));
            }
            let buf = draw(&a);
            let inner = Areas::of(a.size).map_inner();
            let vp = a.viewport(inner.width, inner.height);
            let placed = render::placed(&a, &Derived::of(&a), &vp);
            let mut labels = 0;
            for p in placed {
                let Some((x, y)) = p.label else { continue };
                let name = &a.loaded.dataset.place(p.place).name;
                let (x, y) = (inner.x + x, inner.y + y);
                let w = render::label_width(name) as u16;
                let text: String = (x..x + w)
                    .map(|cx| buf[(cx, y)].symbol().to_string())
                    .collect();
                assert_eq!(&text, name, "{depth:?} {size:?}: the label is whole");
                for cx in x..x + w {
                    let cell = &buf[(cx, y)];
                    assert!(!is_basemap_glyph(cell.symbol()), "{name}: {cell:?}");
                    let fg = rgb_in(cell.fg, &XTERM_16);
                    let bg = rgb_in(cell.bg, &XTERM_16);
                    if let (Some(fg), Some(bg)) = (fg, bg) {
                        assert!(
                            contrast(fg, bg) >= MIN_CONTRAST,
                            "{depth:?} {name}: {fg:?} on {bg:?}"
                        );
                    } else {
                        // Unshaded: the terminal's own colour, or the highlight of a change,
                        // never the colour of a line drawn under it.
                        assert!(
                            matches!(cell.fg, Color::Reset | Color::Yellow),
                            "{depth:?} {name}: {:?}",
                            cell.fg
                        );
                    }
                }
                labels += 1;
            }
            assert!(
                labels >= 5,
                "{depth:?} {size:?} zoom {zoom}: {labels} labels"
            );
        }
    }
}

#[test]
fn khmeimim_and_al_qaem_read_whole_in_their_own_colour() {
    // The two labels the issue saw broken: letters coloured like the lines beneath them.
    let mut a = App::new(loaded::builtin().unwrap(), (140, 48), false);
    a.update(Action::LastDay);
    let buf = draw(&a);
    let screen: Vec<String> = (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        })
        .collect();
    for name in ["Khmeimim Air Base", "al-Qaem"] {
        let (y, line) = screen
            .iter()
            .enumerate()
            .find(|(_, l)| l.contains(name))
            .unwrap_or_else(|| panic!("{name} is labelled"));
        let x = line[..line.find(name).unwrap()].chars().count() as u16;
        let fgs: Vec<Color> = (x..x + name.chars().count() as u16)
            .map(|cx| buf[(cx, y as u16)].fg)
            .collect();
        let first = fgs[0];
        for (i, fg) in fgs.iter().enumerate() {
            let bg = buf[(x + i as u16, y as u16)].bg;
            if bg == buf[(x, y as u16)].bg {
                assert_eq!(*fg, first, "{name}: one colour over one background");
            }
        }
    }
}

/// The cells that keep two words apart: a blank, a basemap dot, a border or the map's edge.
fn separates(symbol: &str) -> bool {
    symbol.chars().all(|c| {
        c == ' ' || ('\u{2800}'..='\u{28ff}').contains(&c) || ('\u{2500}'..='\u{257f}').contains(&c)
    })
}

/// Every drawn place label: it is whole, next to its own marker, and with a separating cell
/// (or its own marker) on each side; returns how many were checked.
fn check_labels(a: &App) -> Result<usize, String> {
    let buf = draw(a);
    let inner = Areas::of(a.size).map_inner();
    let vp = a.viewport(inner.width, inner.height);
    let mut n = 0;
    for p in render::placed(a, &Derived::of(a), &vp) {
        let Some((lx, ly)) = p.label else { continue };
        let name = &a.loaded.dataset.place(p.place).name;
        let w = render::label_width(name) as u16;
        let (mx, my) = p.marker;
        let beside = ly == my && (lx == mx + 2 || lx + w + 1 == mx);
        let over = (ly + 1 == my || my + 1 == ly) && lx <= mx + 1 && mx < lx + w;
        if !(beside || over) {
            return Err(format!(
                "{name}: label at {:?}, its marker at {:?}",
                (lx, ly),
                (mx, my)
            ));
        }
        let y = inner.y + ly;
        let x = inner.x + lx;
        let text: String = (x..x + w)
            .map(|cx| buf[(cx, y)].symbol().to_string())
            .collect();
        if &text != name {
            return Err(format!("{name}: drawn as {text:?}"));
        }
        for cx in [x.checked_sub(1), Some(x + w)].into_iter().flatten() {
            let own = y == inner.y + my && (cx == inner.x + mx + 1 || cx == inner.x + mx);
            let outside = cx < inner.x || cx >= inner.x + inner.width;
            let sym = buf[(cx, y)].symbol();
            if !(own || outside || separates(sym)) {
                let row: String = (inner.x..inner.x + inner.width)
                    .map(|c| buf[(c, y)].symbol().to_string())
                    .collect();
                return Err(format!("{name} touches {sym:?}: {row:?}"));
            }
        }
        n += 1;
    }
    Ok(n)
}

/// The map's drawing area as text.
fn map_text(a: &App) -> String {
    let buf = draw(a);
    let inner = Areas::of(a.size).map_inner();
    (inner.y..inner.y + inner.height)
        .map(|y| {
            let row: String = (inner.x..inner.x + inner.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect();
            format!("{}\n", row.trim_end())
        })
        .collect()
}

#[test]
fn labels_that_used_to_touch_keep_a_gap() {
    // "■ DamascusSYRIA" at zoom ×3.4 on Damascus.
    let mut a = App::new(loaded::builtin().unwrap(), (120, 40), false);
    a.update(Action::LastDay);
    a.selected = a.loaded.dataset.find_place("damascus");
    a.update(Action::CenterOnSelected);
    for _ in 0..3 {
        a.update(Action::Zoom(1));
    }
    assert!((a.zoom - 3.375).abs() < 1e-9);
    let map = map_text(&a);
    assert!(
        map.contains("Damascus") && !map.contains("DamascusSYRIA"),
        "{map}"
    );
    assert!(check_labels(&a).unwrap() >= 5);
    insta::assert_snapshot!("damascus_at_zoom_3_4", map);
    // "PALESTINEJORDAN" at 70x20.
    let a = App::new(loaded::builtin().unwrap(), (70, 20), false);
    let map = map_text(&a);
    assert!(!map.contains("PALESTINEJORDAN"), "{map}");
    check_labels(&a).unwrap();
    insta::assert_snapshot!("map_at_70x20", map);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    #[test]
    fn no_two_labels_touch_at_any_size_or_zoom(
        w in 40u16..220,
        h in 14u16..70,
        zoom in 0u8..9,
        centre in 0usize..40,
        day in 0usize..13,
    ) {
        let loaded = loaded::builtin().unwrap();
        let mut a = App::new(loaded, (w, h), false);
        for _ in 0..day {
            a.update(Action::StepDay(1));
        }
        let places = a.loaded.dataset.places.len();
        a.selected = Some(frontline::dataset::PlaceId((centre % places) as u32));
        a.update(Action::CenterOnSelected);
        for _ in 0..zoom {
            a.update(Action::Zoom(1));
        }
        if let Err(e) = check_labels(&a) {
            return Err(proptest::test_runner::TestCaseError::fail(format!(
                "{w}x{h} zoom {} day {}: {e}",
                a.zoom,
                a.date()
            )));
        }
    }
}

#[test]
fn every_meaning_keeps_a_colour_of_its_own_at_every_depth() {
    // Each faction's tint, unsettled land's stripes and the no-reports dots: no two the same
    // after the terminal's depth is taken into account (the bug: HTS's land became the grey
    // of "unsettled" at 256 colours, and the dots black).
    let black = Rgb(0, 0, 0);
    let white = Rgb(255, 255, 255);
    for set in colour_sets() {
        // Distinct faction colours: a dataset with two factions of one colour asks for a
        // shared shading.
        let mut set = set;
        set.dedup();
        for depth in [
            ColorDepth::TrueColor,
            ColorDepth::Ansi256,
            ColorDepth::Ansi16,
        ] {
            let p = Palette::new(&set, depth);
            let mut meanings: Vec<(String, Color)> = set
                .iter()
                .map(|c| (format!("tint of {c:?}"), p.tint(*c).unwrap()))
                .collect();
            meanings.push(("unsettled".into(), p.unsettled().unwrap()));
            meanings.push(("no reports".into(), p.no_reports().unwrap()));
            let tables: &[&[Rgb; 16]] = if depth == ColorDepth::Ansi16 {
                &[&XTERM_16, &VGA_16]
            } else {
                &[&XTERM_16]
            };
            for table in tables {
                let rgb = |c: Color| rgb_in(c, table).unwrap();
                for (i, (a, ca)) in meanings.iter().enumerate() {
                    for (b, cb) in &meanings[..i] {
                        let (ra, rb) = (rgb(*ca), rgb(*cb));
                        let same_faction_colour =
                            a.starts_with("tint") && b.starts_with("tint") && p.shares_tints();
                        assert!(
                            ra != rb || same_faction_colour,
                            "{depth:?}: {a} and {b} are both {ra:?} ({set:?})"
                        );
                    }
                }
                let dots = rgb(p.no_reports().unwrap());
                for bg in [black, white] {
                    let c = contrast(dots, bg);
                    assert!(
                        c >= 2.0,
                        "{depth:?}: no-reports dots {dots:?} on {bg:?}: {c:.2}"
                    );
                }
            }
            if set.len() <= 6 {
                assert!(!p.shares_tints(), "{depth:?}: {set:?}");
            }
        }
        let none = Palette::new(&set, ColorDepth::None);
        assert_eq!((none.unsettled(), none.no_reports()), (None, None));
        assert!(set.iter().all(|c| none.tint(*c).is_none()));
    }
    // Without colour the meanings are told apart by glyphs alone: one per faction, and status
    // marks none of them use.
    let ds = loaded::builtin().unwrap().dataset;
    let glyphs: Vec<char> = ds.factions.iter().map(|f| f.glyph).collect();
    for (i, g) in glyphs.iter().enumerate() {
        assert!(!glyphs[..i].contains(g));
        assert!(!['×', '?', '≠', '~', '·'].contains(g));
    }
}
