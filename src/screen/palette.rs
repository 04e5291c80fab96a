//! Colours for what the terminal can show: 24-bit, the 256 xterm colours, the 16 ANSI
//! colours, or none. A faction's marker takes the nearest colour the terminal has (in
//! CIELAB), each faction its own while there are colours left. The shading is chosen by
//! meaning from a table per depth ([`tables`]): a tint per faction (dark, with a hue), a grey
//! for unsettled land and a middle grey for land with no reports, never the same colour for
//! two meanings while the table lasts. The tints are dark enough, and the label colours drawn
//! over them light enough, that every label has a WCAG contrast ratio of at least 4.5:1
//! against every shading colour ([`MIN_CONTRAST`]; `tests/screen/legible.rs` checks it).

use ratatui::style::Color;

use crate::dataset::Rgb;

mod tables;

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

/// The RGB of a colour of the 256-colour palette (0-15 as xterm shows them).
pub(crate) fn xterm_256(i: u8) -> Rgb {
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
pub(crate) fn luminance(c: Rgb) -> f64 {
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
pub(crate) fn distance(a: Rgb, b: Rgb) -> f64 {
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

/// Candidates for [`assign_unique`]: a pool of colours and the handicap its colours carry
/// (added to their distance, so a later pool is used when it is much nearer, or when the
/// earlier ones are spent).
type Handicapped<'a> = (&'a [(Color, Rgb)], f64);

/// Give each wanted colour a candidate of its own, nearest pairs first (by distance plus the
/// pool's handicap); only when every candidate is taken do the rest share their nearest one.
/// The flag says whether any did. (The markers need not stand out from their own tint here:
/// [`Palette::marker_on`] gives a marker that does not a label colour.)
fn assign_unique(wanted: &[Rgb], pools: &[Handicapped]) -> (Vec<Color>, bool) {
    let mut pairs: Vec<(f64, usize, Color)> = Vec::new();
    for (w, want) in wanted.iter().enumerate() {
        for (pool, handicap) in pools {
            for (color, rgb) in *pool {
                pairs.push((distance(*want, *rgb) + handicap, w, *color));
            }
        }
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<Option<Color>> = vec![None; wanted.len()];
    let mut taken: Vec<Color> = Vec::new();
    for (_, w, color) in pairs {
        if out[w].is_none() && !taken.contains(&color) {
            out[w] = Some(color);
            taken.push(color);
        }
    }
    let all: Vec<(Color, Rgb)> = pools.iter().flat_map(|p| p.0.iter().copied()).collect();
    let shared = out.iter().any(Option::is_none);
    let colors = out
        .iter()
        .zip(wanted)
        .map(|(c, want)| c.unwrap_or_else(|| nearest(*want, &all)))
        .collect();
    (colors, shared)
}

/// How much further (ΔE) a bright 16-colour tint may be than a dark one and still be
/// preferred to it.
const BRIGHT_HANDICAP: f64 = 40.0;

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
    /// Unsettled land's stripes.
    unsettled: Color,
    /// The dots of land with no reports.
    no_reports: Color,
    /// More factions than the depth has tints: some share one (their markers differ).
    shared: bool,
}

/// The basemap's faint line colours in 24 bits: governorates, coast, rivers.
const LINES: [Rgb; 3] = [Rgb(90, 90, 90), Rgb(120, 160, 200), Rgb(70, 130, 200)];

impl Palette {
    /// The palette for these faction colours at this depth: markers by the nearest colour,
    /// shading from each depth's table ([`tables`]), one tint per faction while there are
    /// tints, none of them the grey of unsettled land or of land with no reports.
    pub fn new(faction_colors: &[Rgb], depth: ColorDepth) -> Palette {
        let bound = darkest_label_bound();
        let ((marks, tints), shared): ((Vec<Color>, Vec<Color>), bool) = match depth {
            ColorDepth::None => (
                (vec![Color::Reset; faction_colors.len()], Vec::new()),
                false,
            ),
            ColorDepth::TrueColor => {
                let pairs: (Vec<Color>, Vec<Color>) = faction_colors
                    .iter()
                    .map(|c| {
                        let t = dark_tint(*c);
                        (Color::Rgb(c.0, c.1, c.2), Color::Rgb(t.0, t.1, t.2))
                    })
                    .unzip();
                let shared = pairs
                    .1
                    .iter()
                    .enumerate()
                    .any(|(i, t)| pairs.1[..i].contains(t));
                (pairs, shared)
            }
            ColorDepth::Ansi256 => {
                let cube: Vec<(Color, Rgb)> = (16..=255u8)
                    .map(|i| (Color::Indexed(i), xterm_256(i)))
                    .collect();
                let marks = assign(faction_colors, &cube);
                let pool = tables::pool_256(bound);
                let dark: Vec<Rgb> = faction_colors.iter().map(|c| dark_tint(*c)).collect();
                let (tints, shared) = assign_unique(&dark, &[(&pool, 0.0)]);
                ((marks, tints), shared)
            }
            ColorDepth::Ansi16 => {
                // Markers in the bright colours, tints in the dark ones first, then in the
                // bright ones that a label colour reads on in both palettes.
                let marks: Vec<(Color, Rgb)> = (9..16).map(|i| (NAMED[i], XTERM_16[i])).collect();
                let (dark, bright) = tables::tints_16();
                // A bright background shouts: used where it is much nearer the faction's
                // colour than any dark one left, or when the dark ones are spent.
                let (tints, shared) =
                    assign_unique(faction_colors, &[(&dark, 0.0), (&bright, BRIGHT_HANDICAP)]);
                ((assign(faction_colors, &marks), tints), shared)
            }
        };
        let factions = faction_colors
            .iter()
            .zip(marks)
            .enumerate()
            .map(|(i, (rgb, m))| (*rgb, m, tints.get(i).copied().unwrap_or(Color::Reset)))
            .collect::<Vec<_>>();
        let (unsettled, over_unsettled) = tables::unsettled(depth);
        let mut labels: Vec<(Color, [Color; 3])> = Vec::new();
        for &(_, _, tint) in &factions {
            if tint == Color::Reset || labels.iter().any(|(t, _)| *t == tint) {
                continue;
            }
            let colors = match depth {
                ColorDepth::Ansi16 => [tables::label_16(tint); 3],
                _ => LabelRole::ALL.map(|r| Palette::map(depth, r.rgb())),
            };
            labels.push((tint, colors));
        }
        if depth != ColorDepth::None {
            labels.push((unsettled, [over_unsettled; 3]));
        }
        let mut palette = Palette {
            depth,
            factions,
            labels,
            lines: LINES.map(|c| Palette::map(depth, c)),
            markers: Vec::new(),
            unsettled,
            no_reports: tables::no_reports(depth),
            shared,
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

    /// The stripes of unsettled land; `None` without colour.
    pub fn unsettled(&self) -> Option<Color> {
        self.color().then_some(self.unsettled)
    }

    /// The dots of land with no reports; `None` without colour.
    pub fn no_reports(&self) -> Option<Color> {
        self.color().then_some(self.no_reports)
    }

    /// True if there are more factions than this depth has tints, so some share one.
    pub fn shares_tints(&self) -> bool {
        self.shared
    }

    /// Governorate boundaries, coastline and rivers.
    pub(crate) fn lines(&self) -> [Color; 3] {
        self.lines
    }

    /// True if any colour is shown.
    pub(crate) fn color(&self) -> bool {
        self.depth != ColorDepth::None
    }

    /// A colour of the screen itself (lines, text), as this depth shows it.
    pub(crate) fn map(depth: ColorDepth, c: Rgb) -> Color {
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
        if tables::stands_out(fg, bg, self.depth == ColorDepth::Ansi16) {
            fg
        } else {
            self.label(LabelRole::Place, bg).unwrap_or(fg)
        }
    }

    /// Every shading colour a label may be drawn over: the factions' tints and the stripes of
    /// unsettled land.
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
