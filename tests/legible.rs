//! Labels are legible: a label's cells are the label's (no basemap line runs through it, and
//! it never takes the line's colour), and every label colour has a WCAG contrast ratio of at
//! least 4.5:1 against every shading colour, at every colour depth, for the built-in
//! factions and for any colours a dataset may choose.

use frontline::dataset::Rgb;
use frontline::loaded;
use frontline::screen::app::{Action, App};
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
            let placed = render::placed(&a, &vp);
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
