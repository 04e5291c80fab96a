//! Inputs made of geometry rather than of text: datasets anywhere on Earth (near the poles,
//! across the antimeridian) whose places are degenerate sets (on a line, on a grid, stacked,
//! a metre apart with different holders) and whose areas are hostile polygons (stars that
//! cross themselves, random rings, huge, flat, repeated points, across ±180°); and CSV rows
//! run through `import` first, the dataset it writes then run through everything.

use proptest::prelude::*;

use super::seeds::Input;

/// The minimal fixture's source: its first sentence is the one event's quote.
const QUOTE: &str = "Rebels took Alpha on Friday.";

/// A region of the Earth: its centre and half its size, in degrees.
#[derive(Debug, Clone, Copy)]
struct Region {
    lon: f64,
    lat: f64,
    half: f64,
}

fn region() -> impl Strategy<Value = Region> {
    let lon = prop_oneof![
        3 => -180.0..180.0f64,
        1 => prop_oneof![179.0..180.0f64, -180.0..-179.0f64],
    ];
    let lat = prop_oneof![3 => -60.0..60.0f64, 1 => prop_oneof![75.0..89.9f64, -89.9..-75.0f64]];
    let half = prop_oneof![Just(0.01), Just(0.5), Just(3.0), Just(12.0), Just(40.0)];
    (lon, lat, half).prop_map(|(lon, lat, half)| Region { lon, lat, half })
}

/// How a set of places lies.
#[derive(Debug, Clone, Copy)]
enum Pattern {
    /// On one straight line, `step` degrees apart, in direction `angle`.
    Line { step: f64, angle: f64 },
    /// On a square grid `step` degrees apart (cocircular points everywhere).
    Grid { step: f64 },
    /// All within `radius` degrees of the centre.
    Cluster { radius: f64 },
    /// Pairs on one point (or a hair apart), with different holders.
    Stacked { apart: f64 },
    /// Anywhere in the region.
    Spread,
}

fn pattern() -> impl Strategy<Value = Pattern> {
    let step = prop_oneof![Just(1e-7), Just(1e-5), Just(1e-3), Just(0.05), Just(0.4)];
    prop_oneof![
        3 => (step.clone(), 0.0..std::f64::consts::TAU).prop_map(|(step, angle)| Pattern::Line { step, angle }),
        1 => step.prop_map(|step| Pattern::Grid { step }),
        1 => prop_oneof![Just(1e-6), Just(1e-4), Just(0.01)].prop_map(|radius| Pattern::Cluster { radius }),
        1 => prop_oneof![Just(0.0), Just(1e-9), Just(1e-5)].prop_map(|apart| Pattern::Stacked { apart }),
        1 => Just(Pattern::Spread),
    ]
}

/// How an area's ring is drawn.
#[derive(Debug, Clone, Copy)]
enum Ring {
    /// A star: point `i` at angle `i * skip` of `n` (crosses itself when `skip` > 1).
    Star { skip: usize },
    /// Random points around the centre.
    Random,
    /// A regular polygon.
    Convex,
    /// Every point on one line.
    Flat,
    /// A triangle with its points repeated.
    Repeated,
}

fn ring() -> impl Strategy<Value = (Ring, usize, f64, u64)> {
    let kind = prop_oneof![
        2 => (2usize..7).prop_map(|skip| Ring::Star { skip }),
        2 => Just(Ring::Random),
        1 => Just(Ring::Convex),
        1 => Just(Ring::Flat),
        1 => Just(Ring::Repeated),
    ];
    let vertices = prop_oneof![4 => 3usize..40, 2 => 40usize..600, 1 => 600usize..3000];
    let size = prop_oneof![Just(1e-6), Just(0.05), Just(1.0), Just(30.0), Just(250.0)];
    (kind, vertices, size, any::<u64>())
}

/// A small, deterministic generator for the points of one case (the case's seed is drawn
/// by proptest, so a finding shrinks and replays).
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    fn signed(&mut self) -> f64 {
        self.unit() * 2.0 - 1.0
    }
}

fn points(p: Pattern, n: usize, r: Region, rng: &mut Rng) -> Vec<(f64, f64)> {
    let start = (
        r.lon + rng.signed() * r.half * 0.5,
        r.lat + rng.signed() * r.half * 0.5,
    );
    let side = (n as f64).sqrt().ceil().max(1.0) as usize;
    (0..n)
        .map(|i| match p {
            Pattern::Line { step, angle } => (
                start.0 + i as f64 * step * angle.cos(),
                start.1 + i as f64 * step * angle.sin(),
            ),
            Pattern::Grid { step } => (
                start.0 + (i % side) as f64 * step,
                start.1 + (i / side) as f64 * step,
            ),
            Pattern::Cluster { radius } => (
                start.0 + rng.signed() * radius,
                start.1 + rng.signed() * radius,
            ),
            Pattern::Stacked { apart } => {
                let k = (i / 2) as f64 * 0.01;
                (start.0 + k + (i % 2) as f64 * apart, start.1 + k)
            }
            Pattern::Spread => (r.lon + rng.signed() * r.half, r.lat + rng.signed() * r.half),
        })
        .collect()
}

fn ring_points(
    kind: Ring,
    n: usize,
    size: f64,
    centre: (f64, f64),
    rng: &mut Rng,
) -> Vec<[f64; 2]> {
    let at = |a: f64, rad: f64| [centre.0 + rad * a.cos(), centre.1 + rad * a.sin()];
    let tau = std::f64::consts::TAU;
    (0..n)
        .map(|i| match kind {
            Ring::Star { skip } => at(tau * (i * skip) as f64 / n as f64, size),
            Ring::Random => at(tau * rng.unit(), size * rng.unit()),
            Ring::Convex => at(tau * i as f64 / n as f64, size),
            Ring::Flat => [
                centre.0 + size * i as f64 / n as f64,
                centre.1 + size * i as f64 / n as f64,
            ],
            Ring::Repeated => at(tau * (i % 3) as f64 / 3.0, size),
        })
        .collect()
}

/// Holders for the places: `gov`/`reb` alternating, at random, all one, or some with none.
fn holder(style: u8, i: usize, rng: &mut Rng) -> Option<&'static str> {
    match style % 4 {
        0 => Some(if i.is_multiple_of(2) { "gov" } else { "reb" }),
        1 => Some(if rng.unit() < 0.5 { "gov" } else { "reb" }),
        2 => Some("gov"),
        _ => (rng.unit() < 0.6).then_some("reb"),
    }
}

fn dataset(r: Region, places: &str, event: bool) -> String {
    let (min_lon, max_lon) = (r.lon - r.half, r.lon + r.half);
    let (min_lat, max_lat) = ((r.lat - r.half).max(-90.0), (r.lat + r.half).min(90.0));
    let mut text = format!(
        "[dataset]\nid = \"fuzz\"\nname = \"Fuzz\"\nstart = 2024-12-01\nend = 2024-12-07\n\n\
         [dataset.map]\nmin_lon = {min_lon:?}\nmax_lon = {max_lon:?}\nmin_lat = {min_lat:?}\nmax_lat = {max_lat:?}\n\n\
         [[sources]]\nid = \"s1\"\nfile = \"source.txt\"\noutlet = \"Test Wire\"\npublished = 2024-12-07\npublished_basis = \"Fixture.\"\n\n\
         [[factions]]\nid = \"gov\"\nname = \"Government\"\nlabel = \"GOV\"\ncolor = \"#d55e00\"\nglyph = \"G\"\n\n\
         [[factions]]\nid = \"reb\"\nname = \"Rebels\"\nlabel = \"REB\"\ncolor = \"#009e73\"\nglyph = \"R\"\n\n{places}"
    );
    if event {
        text.push_str(&format!(
            "\n[[events]]\nid = \"e1\"\nplace = \"p0\"\nkind = \"captured\"\nfaction = \"reb\"\nsource = \"s1\"\nwhen = \"on Friday\"\nquote = \"{QUOTE}\"\n"
        ));
    }
    text
}

fn place(id: &str, name: &str, (lon, lat): (f64, f64), holder: Option<&str>) -> String {
    let initial = holder.map_or(String::new(), |h| {
        format!("initial = {{ holder = \"{h}\", note = \"fuzz\" }}\n")
    });
    format!(
        "[[places]]\nid = \"{id}\"\nname = \"{name}\"\nkind = \"town\"\nlat = {lat:?}\nlon = {lon:?}\ncoords = \"fuzz\"\n{initial}\n"
    )
}

/// A dataset of degenerate places and hostile areas somewhere on Earth, on the minimal
/// fixture's source.
pub fn geometry() -> impl Strategy<Value = Input> {
    (
        region(),
        pattern(),
        1usize..120,
        any::<u8>(),
        proptest::collection::vec(ring(), 0..3),
        any::<u64>(),
    )
        .prop_map(|(r, pattern, n, style, rings, seed)| {
            let mut rng = Rng(seed);
            let mut places = String::new();
            for (i, at) in points(pattern, n, r, &mut rng).into_iter().enumerate() {
                let name = if i == 0 { "Alpha".to_string() } else { format!("Place {i}") };
                places.push_str(&place(&format!("p{i}"), &name, at, holder(style, i, &mut rng)));
            }
            for (k, (kind, vertices, size, ring_seed)) in rings.into_iter().enumerate() {
                let mut ring_rng = Rng(ring_seed);
                let ring = ring_points(kind, vertices, size, (r.lon, r.lat), &mut ring_rng);
                let coords: String = ring.iter().map(|[x, y]| format!("[{x:?}, {y:?}], ")).collect();
                let initial = holder(style, k, &mut rng)
                    .map_or(String::new(), |h| format!("initial = {{ holder = \"{h}\", note = \"fuzz\" }}\n"));
                places.push_str(&format!(
                    "[[places]]\nid = \"a{k}\"\nname = \"Area {k}\"\nkind = \"area\"\nnote = \"fuzz\"\n{initial}polygon = [{coords}]\n\n"
                ));
            }
            Input {
                seed: 1,
                text: dataset(r, &places, true),
                extra: String::new(),
                csv: None,
            }
        })
}

/// CSV rows, which the case runs through `import csv`, then the dataset it writes through
/// everything.
/// Rows are degenerate as above (on a line, stacked, with and without coordinates), with odd
/// names, dates at the range's ends and statuses of every kind.
pub fn imported() -> impl Strategy<Value = Input> {
    let name = prop_oneof![
        3 => "[A-Z][a-z]{1,8}",
        1 => "[A-Za-z ,;\"'=+@-]{0,12}",
        1 => any::<String>(),
    ];
    let date = prop_oneof![
        4 => (1u32..28).prop_map(|d| format!("2024-11-{d:02}")),
        1 => prop_oneof![Just("1900-01-01".to_string()), Just("9999-12-31".to_string()), Just("2024-02-30".to_string()), Just(String::new())],
    ];
    let status = prop_oneof![
        Just("held"),
        Just("contested"),
        Just("claimed"),
        Just("denied"),
        Just("withdrew"),
        Just("advanced"),
        Just("unrest"),
        Just("other"),
        Just("seized"),
        Just(""),
    ];
    let row = (name, date, status, any::<bool>(), 0u8..4);
    (
        region(),
        pattern(),
        proptest::collection::vec(row, 1..60),
        any::<u64>(),
    )
        .prop_map(|(r, pattern, rows, seed)| {
            let mut rng = Rng(seed);
            let at = points(pattern, rows.len(), r, &mut rng);
            let mut csv = String::from("place,lat,lon,date,holder,status,quote,source\n");
            for ((name, date, status, coords, holder), (lon, lat)) in rows.into_iter().zip(at) {
                let (lat, lon) = if coords {
                    (format!("{lat:?}"), format!("{lon:?}"))
                } else {
                    (String::new(), String::new())
                };
                let holder = ["gov", "reb", "", "GOV;REB"][usize::from(holder)];
                let quote = format!("{name} was {status} on {date}.");
                let cell = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
                csv.push_str(&format!(
                    "{},{lat},{lon},{date},{holder},{status},{},wire\n",
                    cell(&name),
                    cell(&quote)
                ));
            }
            Input {
                seed: 1,
                text: String::new(),
                extra: String::new(),
                csv: Some(csv),
            }
        })
}
