//! Colours for what the terminal can show: 24-bit, the 256 xterm colours, the 16 ANSI
//! colours, or none. A dataset's faction colours are mapped to the nearest colours the
//! terminal has (in CIELAB), each faction to a colour of its own while there are colours
//! left; the territory tints are kept dark enough, and the label colours drawn over them
//! light enough, that every label has a WCAG contrast ratio of at least 4.5:1 against every
//! tint ([`MIN_CONTRAST`]; `tests/colour.rs` checks it over the palette).

use ratatui::style::Color;

use crate::dataset::Rgb;

/// The lowest contrast ratio between a label and the shading under it (WCAG 2 AA).
pub const MIN_CONTRAST: f64 = 4.5;

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ColorDepth {
    /// No colour at all (`NO_COLOR`, `--color never`, monochrome terminals).
    None,
    /// The 16 ANSI colours (the Linux console).
    Ansi16,
    /// The 256 xterm colours.
    Ansi256,
    /// 24-bit colour.
    TrueColor,
}

/// What a label is: it decides the label's colour over a tint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelRole {
    /// A place's name.
    Place,
    /// The name of a place whose state changed on the shown day.
    Changed,
    /// A country's name.
    Country,
}

impl LabelRole {
    /// Every role.
    pub const ALL: [LabelRole; 3] = [LabelRole::Place, LabelRole::Changed, LabelRole::Country];

    /// The label's colour over a tint, in 24 bits: light enough for every tint.
    fn rgb(self) -> Rgb {
        match self {
            LabelRole::Place => Rgb(235, 235, 235),
            LabelRole::Changed => Rgb(240, 228, 66),
            LabelRole::Country => Rgb(215, 215, 215),
        }
    }
}

/// xterm's default RGB for the 16 ANSI colours.
pub const XTERM_16: [Rgb; 16] = [
    Rgb(0, 0, 0),
    Rgb(205, 0, 0),
    Rgb(0, 205, 0),
    Rgb(205, 205, 0),
    Rgb(0, 0, 238),
    Rgb(205, 0, 205),
    Rgb(0, 205, 205),
    Rgb(229, 229, 229),
    Rgb(127, 127, 127),
    Rgb(255, 0, 0),
    Rgb(0, 255, 0),
    Rgb(255, 255, 0),
    Rgb(92, 92, 255),
    Rgb(255, 0, 255),
    Rgb(0, 255, 255),
    Rgb(255, 255, 255),
];

/// The Linux console's (VGA) RGB for the 16 ANSI colours.
pub const VGA_16: [Rgb; 16] = [
    Rgb(0, 0, 0),
    Rgb(170, 0, 0),
    Rgb(0, 170, 0),
    Rgb(170, 85, 0),
    Rgb(0, 0, 170),
    Rgb(170, 0, 170),
    Rgb(0, 170, 170),
    Rgb(170, 170, 170),
    Rgb(85, 85, 85),
    Rgb(255, 85, 85),
    Rgb(85, 255, 85),
    Rgb(255, 255, 85),
    Rgb(85, 85, 255),
    Rgb(255, 85, 255),
    Rgb(85, 255, 255),
    Rgb(255, 255, 255),
];

/// The 16 ANSI colours as ratatui names them, by index.
const NAMED: [Color; 16] = [
    Color::Black,
    Color::Red,
    Color::Green,
    Color::Yellow,
    Color::Blue,
    Color::Magenta,
    Color::Cyan,
    Color::Gray,
    Color::DarkGray,
    Color::LightRed,
    Color::LightGreen,
    Color::LightYellow,
    Color::LightBlue,
    Color::LightMagenta,
    Color::LightCyan,
    Color::White,
];

/// Tints with 16 colours, and the label colour that reads on each under both xterm's and the
/// Linux console's palettes (yellow and grey are brown or bright depending on the terminal,
/// so neither black nor white is safe on them: they are not used as tints).
const TINTS_16: [(usize, usize); 5] = [(1, 15), (2, 0), (4, 15), (5, 15), (6, 0)];

/// The RGB of a colour of the 256-colour palette (0-15 as xterm shows them).
pub fn xterm_256(i: u8) -> Rgb {
    match i {
        0..=15 => XTERM_16[usize::from(i)],
        16..=231 => {
            let n = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            Rgb(level(n / 36), level((n / 6) % 6), level(n % 6))
        }
        _ => {
            let v = 8 + 10 * (i - 232);
            Rgb(v, v, v)
        }
    }
}

/// The RGB a colour shows as, with `table` for the 16 ANSI colours; `None` for the
/// terminal's default colour.
pub fn rgb_in(c: Color, table: &[Rgb; 16]) -> Option<Rgb> {
    match c {
        Color::Rgb(r, g, b) => Some(Rgb(r, g, b)),
        Color::Indexed(i) if i < 16 => Some(table[usize::from(i)]),
        Color::Indexed(i) => Some(xterm_256(i)),
        Color::Reset => None,
        named => NAMED.iter().position(|n| *n == named).map(|i| table[i]),
    }
}

/// Relative luminance (WCAG 2).
pub fn luminance(c: Rgb) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
}

/// WCAG contrast ratio between two colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// CIELAB of an sRGB colour (D65).
fn lab(c: Rgb) -> [f64; 3] {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    let (r, g, b) = (lin(c.0), lin(c.1), lin(c.2));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 0.008856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// How different two colours look (CIE76 ΔE).
pub fn distance(a: Rgb, b: Rgb) -> f64 {
    let (p, q) = (lab(a), lab(b));
    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
}

/// Give each wanted colour the nearest candidate, nearest pairs first, each candidate to one
/// wanted colour while any is free (then the nearest, shared).
fn assign(wanted: &[Rgb], candidates: &[(Color, Rgb)]) -> Vec<Color> {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (w, want) in wanted.iter().enumerate() {
        for (c, (_, rgb)) in candidates.iter().enumerate() {
            pairs.push((distance(*want, *rgb), w, c));
        }
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<Option<Color>> = vec![None; wanted.len()];
    let mut taken = vec![false; candidates.len()];
    for &(_, w, c) in &pairs {
        if out[w].is_none() && !taken[c] {
            out[w] = Some(candidates[c].0);
            taken[c] = true;
        }
    }
    out.iter()
        .enumerate()
        .map(|(w, c)| {
            c.or_else(|| pairs.iter().find(|p| p.1 == w).map(|p| candidates[p.2].0))
                .unwrap_or(Color::Reset)
        })
        .collect()
}

/// The nearest candidate to one colour.
fn nearest(want: Rgb, candidates: &[(Color, Rgb)]) -> Color {
    candidates
        .iter()
        .min_by(|a, b| distance(want, a.1).total_cmp(&distance(want, b.1)))
        .map_or(Color::Reset, |c| c.0)
}

/// A faction colour darkened into a tint that every label colour reads on.
fn dark_tint(c: Rgb) -> Rgb {
    let bound = darkest_label_bound();
    let mut k = 0.33;
    loop {
        let t = Rgb(
            (f64::from(c.0) * k) as u8,
            (f64::from(c.1) * k) as u8,
            (f64::from(c.2) * k) as u8,
        );
        if luminance(t) <= bound || k < 0.01 {
            return t;
        }
        k *= 0.9;
    }
}

/// The highest luminance a tint may have for every label colour to keep [`MIN_CONTRAST`].
fn darkest_label_bound() -> f64 {
    LabelRole::ALL
        .iter()
        .map(|r| (luminance(r.rgb()) + 0.05) / MIN_CONTRAST - 0.05)
        .fold(f64::INFINITY, f64::min)
}

/// 256-colour tints: each channel of the 24-bit tint rounded to the colour cube's nearest
/// level, which keeps the hue (the nearest colour by ΔE to a dark colour is often a grey);
/// if that is too light for the labels, too close to the faction's own marker (under 3:1),
/// or already taken, the nearest dark colour that is none of these.
fn tints_256(faction_colors: &[Rgb], marks: &[Color], dark: &[(Color, Rgb)]) -> Vec<Color> {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    let bound = darkest_label_bound();
    let level = |v: u8| {
        (0..6)
            .min_by_key(|&i| (i16::from(LEVELS[i]) - i16::from(v)).abs())
            .unwrap_or(0) as u8
    };
    let mut out: Vec<Color> = Vec::new();
    for (c, mark) in faction_colors.iter().zip(marks) {
        let t = dark_tint(*c);
        let mark = rgb_in(*mark, &XTERM_16).unwrap_or(*c);
        let fits = |color: Color, rgb: Rgb, out: &[Color]| {
            luminance(rgb) <= bound && contrast(mark, rgb) >= 3.0 && !out.contains(&color)
        };
        let (r, g, b) = (level(t.0), level(t.1), level(t.2));
        let cube = Color::Indexed(16 + 36 * r + 6 * g + b);
        let q = Rgb(
            LEVELS[usize::from(r)],
            LEVELS[usize::from(g)],
            LEVELS[usize::from(b)],
        );
        let pick = if fits(cube, q, &out) {
            cube
        } else {
            let free: Vec<(Color, Rgb)> = dark
                .iter()
                .copied()
                .filter(|(c, rgb)| fits(*c, *rgb, &out))
                .collect();
            let pool = if free.is_empty() { dark } else { &free };
            nearest(t, pool)
        };
        out.push(pick);
    }
    out
}

/// The colours of one dataset on one kind of terminal.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    /// What the terminal shows.
    pub depth: ColorDepth,
    /// Per faction colour: its marker colour and its tint.
    factions: Vec<(Rgb, Color, Color)>,
    /// Per tint: the colour of each [`LabelRole`] over it.
    labels: Vec<(Color, [Color; 3])>,
    /// The basemap's faint lines (governorates, coast, rivers) at this depth.
    lines: [Color; 3],
    /// (marker colour, tint, the colour the marker is drawn in over that tint).
    markers: Vec<(Color, Color, Color)>,
}

/// The basemap's faint line colours in 24 bits: governorates, coast, rivers.
const LINES: [Rgb; 3] = [Rgb(90, 90, 90), Rgb(120, 160, 200), Rgb(70, 130, 200)];

impl Palette {
    /// The palette for these faction colours at this depth.
    pub fn new(faction_colors: &[Rgb], depth: ColorDepth) -> Palette {
        let (marks, tints): (Vec<Color>, Vec<Color>) = match depth {
            ColorDepth::None => (vec![Color::Reset; faction_colors.len()], Vec::new()),
            ColorDepth::TrueColor => faction_colors
                .iter()
                .map(|c| {
                    let t = dark_tint(*c);
                    (Color::Rgb(c.0, c.1, c.2), Color::Rgb(t.0, t.1, t.2))
                })
                .unzip(),
            ColorDepth::Ansi256 => {
                let cube: Vec<(Color, Rgb)> = (16..=255u8)
                    .map(|i| (Color::Indexed(i), xterm_256(i)))
                    .collect();
                let bound = darkest_label_bound();
                let dark: Vec<(Color, Rgb)> = cube
                    .iter()
                    .copied()
                    .filter(|(_, rgb)| luminance(*rgb) <= bound)
                    .collect();
                let marks = assign(faction_colors, &cube);
                let tints = tints_256(faction_colors, &marks, &dark);
                (marks, tints)
            }
            ColorDepth::Ansi16 => {
                // Markers in the bright colours, tints in the dark ones: a marker never takes
                // the colour of the shading under it.
                let marks: Vec<(Color, Rgb)> = (9..16).map(|i| (NAMED[i], XTERM_16[i])).collect();
                let tints: Vec<(Color, Rgb)> = TINTS_16
                    .iter()
                    .map(|(i, _)| (NAMED[*i], XTERM_16[*i]))
                    .collect();
                (
                    assign(faction_colors, &marks),
                    assign(faction_colors, &tints),
                )
            }
        };
        let factions = faction_colors
            .iter()
            .zip(marks)
            .enumerate()
            .map(|(i, (rgb, m))| (*rgb, m, tints.get(i).copied().unwrap_or(Color::Reset)))
            .collect::<Vec<_>>();
        let mut labels: Vec<(Color, [Color; 3])> = Vec::new();
        for &(_, _, tint) in &factions {
            if tint == Color::Reset || labels.iter().any(|(t, _)| *t == tint) {
                continue;
            }
            let colors = match depth {
                ColorDepth::Ansi16 => {
                    let fg = TINTS_16
                        .iter()
                        .find(|(i, _)| NAMED[*i] == tint)
                        .map_or(Color::White, |(_, fg)| NAMED[*fg]);
                    [fg; 3]
                }
                _ => LabelRole::ALL.map(|r| Palette::map(depth, r.rgb())),
            };
            labels.push((tint, colors));
        }
        let mut palette = Palette {
            depth,
            factions,
            labels,
            lines: LINES.map(|c| Palette::map(depth, c)),
            markers: Vec::new(),
        };
        let mut fgs: Vec<Color> = palette.factions.iter().map(|f| f.1).collect();
        fgs.push(Color::Gray); // places without a holder
        let tints = palette.tints();
        let markers = fgs
            .iter()
            .flat_map(|fg| tints.iter().map(move |t| (*fg, *t)))
            .map(|(fg, t)| (fg, t, palette.marker_on_uncached(fg, t)))
            .collect();
        palette.markers = markers;
        palette
    }

    /// Governorate boundaries, coastline and rivers.
    pub fn lines(&self) -> [Color; 3] {
        self.lines
    }

    /// True if any colour is shown.
    pub fn color(&self) -> bool {
        self.depth != ColorDepth::None
    }

    /// A colour of the screen itself (lines, text), as this depth shows it.
    pub fn map(depth: ColorDepth, c: Rgb) -> Color {
        match depth {
            ColorDepth::None => Color::Reset,
            ColorDepth::TrueColor => Color::Rgb(c.0, c.1, c.2),
            ColorDepth::Ansi256 => {
                let cube: Vec<(Color, Rgb)> = (16..=255u8)
                    .map(|i| (Color::Indexed(i), xterm_256(i)))
                    .collect();
                nearest(c, &cube)
            }
            ColorDepth::Ansi16 => {
                let all: Vec<(Color, Rgb)> = (0..16).map(|i| (NAMED[i], XTERM_16[i])).collect();
                nearest(c, &all)
            }
        }
    }

    /// A faction's marker colour (by the faction's colour in the dataset).
    pub fn faction(&self, rgb: Rgb) -> Color {
        self.factions
            .iter()
            .find(|f| f.0 == rgb)
            .map_or_else(|| Palette::map(self.depth, rgb), |f| f.1)
    }

    /// The background of territory held by a faction; `None` without colour.
    pub fn tint(&self, rgb: Rgb) -> Option<Color> {
        if !self.color() {
            return None;
        }
        self.factions
            .iter()
            .find(|f| f.0 == rgb)
            .map(|f| f.2)
            .or_else(|| Some(Palette::map(self.depth, dark_tint(rgb))))
    }

    /// The colour to draw a marker of colour `fg` in over a cell with background `bg`: `fg`
    /// itself if it stands out from the tint by 3:1 (WCAG for graphics) on xterm's palette
    /// and, with 16 colours, on the Linux console's; otherwise the tint's label colour (the
    /// tint itself then shows the faction's colour).
    pub fn marker_on(&self, fg: Color, bg: Color) -> Color {
        if bg == Color::Reset || fg == Color::Reset {
            return fg;
        }
        // Markers and tints are few: their pairs are worked out once.
        if let Some((.., drawn)) = self.markers.iter().find(|m| m.0 == fg && m.1 == bg) {
            return *drawn;
        }
        self.marker_on_uncached(fg, bg)
    }

    fn marker_on_uncached(&self, fg: Color, bg: Color) -> Color {
        let tables: &[&[Rgb; 16]] = if self.depth == ColorDepth::Ansi16 {
            &[&XTERM_16, &VGA_16]
        } else {
            &[&XTERM_16]
        };
        let reads = tables.iter().all(|t| match (rgb_in(fg, t), rgb_in(bg, t)) {
            (Some(f), Some(b)) => contrast(f, b) >= 3.0,
            _ => true,
        });
        if reads {
            fg
        } else {
            self.label(LabelRole::Place, bg).unwrap_or(fg)
        }
    }

    /// Every tint of this palette.
    pub fn tints(&self) -> Vec<Color> {
        self.labels.iter().map(|(t, _)| *t).collect()
    }

    /// The colour of a label drawn over a cell whose background is `bg`: one that reads on
    /// the tint, or `None` to keep the terminal's own colour on an unshaded cell.
    pub fn label(&self, role: LabelRole, bg: Color) -> Option<Color> {
        let i = LabelRole::ALL.iter().position(|r| *r == role).unwrap_or(0);
        self.labels
            .iter()
            .find(|(t, _)| *t == bg)
            .map(|(_, colors)| colors[i])
    }
}
