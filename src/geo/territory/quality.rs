//! How well the approximation recovers known control: synthetic fronts over a real country
//! outline, towns sampled from them, and intersection over union per holder.
//!
//! A [`Case`] is drawn in kilometres over a country of the world basemap: holder 0 west of a
//! front line, holder 1 east of it, with what the case adds (salients, a pocket of 0 behind 1's
//! line, an enclave of 1 deep in 0's land, a contested belt, key 2, along part of the front).
//! [`Case::towns`] samples towns from a density that is higher near the front (as real town
//! lists of a war are: the reports name the places fought over), each with the key of the
//! polygon it falls in. [`Case::score`] rasterises the truth and an answer on a 1 km grid and
//! gives each key's IoU and the pooled IoU (all intersections over all unions). The nearest
//! place within a cap ([`Case::baseline`]) is the method the map used before.

use geo::orient::{Direction, Orient};
use geo::{BooleanOps, Coord, LineString, MultiPolygon, Polygon as GeoPolygon};

use super::{Approximation, Mask, Params, PointIndex, Site, approximate, map_coords, region_of};
use crate::geo::{Projection, Region, World};

/// What a synthetic case puts on the land.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A straight front from north to south.
    Straight,
    /// A straight front, and an enclave of holder 1 deep in holder 0's land.
    Enclave,
    /// A straight front, and a pocket of holder 0 encircled behind holder 1's line.
    Pocket,
    /// A winding front with salients both ways, a pocket, an enclave and a contested belt.
    Front,
}

/// Known control over a country, in the plane of [`Case::projection`].
#[derive(Clone, Debug)]
pub struct Case {
    /// What the case is called in a report.
    pub name: String,
    /// The country outline, `[lon, lat]`.
    pub country: MultiPolygon<f64>,
    /// The plane everything is measured in.
    pub projection: Projection,
    /// The country prepared for the approximation.
    pub mask: Mask,
    /// The true land of each key (0, 1, and 2 for the contested belt), `[lon, lat]`.
    pub truth: Vec<(u32, MultiPolygon<f64>)>,
    /// The front and the rims of pockets and enclaves, in km: towns crowd near them.
    lines: Vec<LineString<f64>>,
}

/// Intersection over union per key and pooled.
#[derive(Clone, Debug, PartialEq)]
pub struct Scores {
    /// Each key of the truth with its IoU.
    pub per_key: Vec<(u32, f64)>,
    /// All keys' intersections over all their unions.
    pub overall: f64,
}

impl Case {
    /// The case `shape` over the country `code` of the world basemap (`"UA"`, `"SY"`), its
    /// random parts drawn from `seed`. `None` if the basemap has no such country.
    #[expect(
        clippy::too_many_lines,
        reason = "one synthetic case built step by step"
    )]
    pub fn new(world: &World, code: &str, shape: Shape, seed: u64) -> Option<Case> {
        let outline = world.country(code)?;
        let country = super::multipolygon([&outline]);
        let bbox = outline.bbox()?;
        let projection = Projection::new(bbox);
        let to_km = |c: Coord<f64>| {
            let (x, y) = projection.project(c.x, c.y);
            Coord { x, y }
        };
        let land = map_coords(&country, to_km);
        let ([x0, x1], [y0, y1]) = projection.bounds();
        let mut rng = fastrand::Rng::with_seed(seed);
        let width = x1 - x0;
        let xc = x0 + width * rng.f64().mul_add(0.2, 0.4);
        let winding = shape == Shape::Front;
        let (a1, l1, p1) = (width * 0.06, (y1 - y0) * 0.8, rng.f64() * 6.3);
        let bumps: Vec<(f64, f64)> = (0..if winding { 4 } else { 0 })
            .map(|i| {
                let y = y0 + (y1 - y0) * (0.15 + 0.23 * f64::from(i));
                let amp = width * 0.07 * if i % 2 == 0 { 1.0 } else { -1.0 };
                (y, amp)
            })
            .collect();
        let front_x = |y: f64| {
            let mut x = xc;
            if winding {
                x += a1 * (std::f64::consts::TAU * y / l1 + p1).sin();
                for &(by, amp) in &bumps {
                    x += amp * (-((y - by) / ((y1 - y0) * 0.05)).powi(2)).exp();
                }
            }
            x
        };
        let steps = 200;
        let front: Vec<Coord<f64>> = (0..=steps)
            .map(|i| {
                let y = y0 - 20.0 + (y1 - y0 + 40.0) * f64::from(i) / f64::from(steps);
                Coord { x: front_x(y), y }
            })
            .collect();
        let mut west = front.clone();
        west.push(Coord {
            x: x0 - 500.0,
            y: y1 + 20.0,
        });
        west.push(Coord {
            x: x0 - 500.0,
            y: y0 - 20.0,
        });
        west.push(front[0]);
        let west = GeoPolygon::new(LineString(west), vec![]).orient(Direction::Default);
        let mut zero = land.intersection(&west);
        let mut one = land.difference(&west);
        let mut two = MultiPolygon(vec![]);
        let mut lines = vec![LineString(front.clone())];
        let ym = (y0 + y1) / 2.0;
        let r = width.min(y1 - y0) * 0.09;
        // A pocket of 0 behind 1's line, and an enclave of 1 deep in 0's land, both on land.
        let on_land = |x: f64, y: f64| {
            let (lon, lat) = projection.unproject(x, y);
            outline.contains(lon, lat)
        };
        let mut circle =
            |cx: f64, cy: f64, from: &mut MultiPolygon<f64>, to: &mut MultiPolygon<f64>| {
                let c = disk(cx, cy, r);
                let c = land.intersection(&c);
                *from = from.difference(&c);
                *to = to.union(&c);
                lines.push(disk(cx, cy, r).exterior().clone());
            };
        if matches!(shape, Shape::Pocket | Shape::Front) {
            let (mut cx, mut cy) = (front_x(ym) + (x1 - front_x(ym)) * 0.45, ym);
            for _ in 0..50 {
                if on_land(cx, cy) {
                    break;
                }
                cx = front_x(ym) + 2.0 * r + rng.f64() * (x1 - front_x(ym) - 3.0 * r).max(1.0);
                cy = y0 + (y1 - y0) * rng.f64();
            }
            circle(cx, cy, &mut one, &mut zero);
        }
        if matches!(shape, Shape::Enclave | Shape::Front) {
            let yq = y0 + (y1 - y0) * 0.3;
            let (mut cx, mut cy) = (x0 + (front_x(yq) - x0) * 0.45, yq);
            for _ in 0..50 {
                if on_land(cx, cy) {
                    break;
                }
                cx = x0 + 2.0 * r + rng.f64() * (front_x(ym) - x0 - 3.0 * r).max(1.0);
                cy = y0 + (y1 - y0) * rng.f64();
            }
            circle(cx, cy, &mut zero, &mut one);
        }
        if shape == Shape::Front {
            // A contested belt 20 km wide along the middle third of the front.
            let part: Vec<Coord<f64>> = front
                .iter()
                .filter(|c| c.y > y0 + (y1 - y0) * 0.4 && c.y < y0 + (y1 - y0) * 0.7)
                .copied()
                .collect();
            let band = GeoPolygon::new(
                LineString(
                    part.iter()
                        .map(|c| Coord {
                            x: c.x - 10.0,
                            y: c.y,
                        })
                        .chain(part.iter().rev().map(|c| Coord {
                            x: c.x + 10.0,
                            y: c.y,
                        }))
                        .collect(),
                ),
                vec![],
            )
            .orient(Direction::Default);
            let band = land.intersection(&band);
            zero = zero.difference(&band);
            one = one.difference(&band);
            two = band;
        }
        let to_deg = |c: Coord<f64>| {
            let (x, y) = projection.unproject(c.x, c.y);
            Coord { x, y }
        };
        let mut truth = vec![
            (0, map_coords(&zero, to_deg)),
            (1, map_coords(&one, to_deg)),
        ];
        if !two.0.is_empty() {
            truth.push((2, map_coords(&two, to_deg)));
        }
        let name = format!("{code} {}", format!("{shape:?}").to_lowercase());
        Some(Case {
            name,
            mask: Mask::new(country.clone(), bbox),
            country,
            projection,
            truth,
            lines,
        })
    }

    /// `n` towns (fewer if the country is tiny), each with the key of the truth at it, drawn
    /// from `seed`: the density falls from 1 at the front to a quarter of that 60 km away.
    pub fn towns(&self, n: usize, seed: u64) -> Vec<Site<u32>> {
        let mut rng = fastrand::Rng::with_seed(seed);
        let regions: Vec<(u32, Region)> = self
            .truth
            .iter()
            .map(|(k, m)| (*k, region_of("truth", m)))
            .collect();
        let country = region_of("country", &self.country);
        let Some(b) = country.bbox() else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(n);
        for _ in 0..n.saturating_mul(200) {
            if out.len() >= n {
                break;
            }
            let lon = b.min_lon + (b.max_lon - b.min_lon) * rng.f64();
            let lat = b.min_lat + (b.max_lat - b.min_lat) * rng.f64();
            if !country.contains(lon, lat) {
                continue;
            }
            let (x, y) = self.projection.project(lon, lat);
            let d = self.distance_to_lines(x, y);
            if rng.f64() > 0.05 + 0.95 * (-d / 40.0).exp() {
                continue;
            }
            let key = regions
                .iter()
                .find(|(_, r)| r.contains(lon, lat))
                .map(|(k, _)| *k);
            if let Some(k) = key {
                out.push(Site {
                    lon,
                    lat,
                    key: Some(k),
                });
            }
        }
        out
    }

    /// `towns` with about `rate` of them (drawn from `seed`) carrying a stale holder, as real
    /// town lists do: a row not updated after the place changed hands. Holders 0 and 1 swap;
    /// a town of the contested belt (2) reads as 0 or 1.
    pub fn stale(&self, towns: &[Site<u32>], rate: f64, seed: u64) -> Vec<Site<u32>> {
        let mut rng = fastrand::Rng::with_seed(seed ^ 0x5eed);
        towns
            .iter()
            .map(|t| {
                let key = match t.key {
                    Some(k) if rng.f64() < rate => Some(if k == 2 { rng.u32(0..2) } else { 1 - k }),
                    k => k,
                };
                Site { key, ..*t }
            })
            .collect()
    }

    /// `n` towns drawn uniformly over the country (no crowding at the front), each with the
    /// key of the truth at it: a dataset's first few places.
    pub fn sparse_towns(&self, n: usize, seed: u64) -> Vec<Site<u32>> {
        let mut rng = fastrand::Rng::with_seed(seed);
        let regions: Vec<(u32, Region)> = self
            .truth
            .iter()
            .map(|(k, m)| (*k, region_of("truth", m)))
            .collect();
        let Some(b) = region_of("country", &self.country).bbox() else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(n);
        for _ in 0..n.saturating_mul(500) {
            if out.len() >= n {
                break;
            }
            let lon = b.min_lon + (b.max_lon - b.min_lon) * rng.f64();
            let lat = b.min_lat + (b.max_lat - b.min_lat) * rng.f64();
            if let Some((k, _)) = regions.iter().find(|(_, r)| r.contains(lon, lat)) {
                out.push(Site {
                    lon,
                    lat,
                    key: Some(*k),
                });
            }
        }
        out
    }

    /// The land an approximation shades, km² (on the scoring grid).
    pub fn shaded_km2(&self, approx: &Approximation<u32>) -> f64 {
        let grid = self.grid();
        let cell = (grid.xs.get(1).copied().unwrap_or(1.0)
            - grid.xs.first().copied().unwrap_or(0.0))
        .abs();
        let answers: Vec<Rows> = approx
            .areas
            .iter()
            .map(|(_, m)| Rows::new(&region_of("answer", m), &grid))
            .collect();
        let mut n = 0usize;
        for (row, &y) in grid.ys.iter().enumerate() {
            for &x in &grid.xs {
                let (lon, _) = self.projection.unproject(x, y);
                n += answers.iter().filter(|r| r.contains(row, lon)).count();
            }
        }
        n as f64 * cell * cell
    }

    /// The plain Voronoi baseline: each point of the country takes the key of the nearest
    /// town, however far.
    pub fn voronoi(&self, towns: &[Site<u32>]) -> Scores {
        self.baseline(towns, f64::INFINITY)
    }

    /// The land an approximation shades where its holder has no reason (km²): farther than
    /// the reach from every true place of that holder (`truth`: the towns with their true
    /// keys), and neither within the reach of the line between two of them nor inside a
    /// triangle of three of them no farther apart than the enclosure distance. Counted on
    /// the scoring grid, with a kilometre of slack for the grid and the plane.
    pub fn invented_km2(
        &self,
        approx: &Approximation<u32>,
        truth: &[Site<u32>],
        params: &Params,
    ) -> f64 {
        let grid = self.grid();
        let cell = (grid.xs.get(1).copied().unwrap_or(1.0)
            - grid.xs.first().copied().unwrap_or(0.0))
        .abs()
        .max(0.5);
        let answers: Vec<(u32, Rows)> = approx
            .areas
            .iter()
            .map(|(k, m)| (*k, Rows::new(&region_of("answer", m), &grid)))
            .collect();
        // Distances on the ground: a plane true within half a percent this near its centre.
        let true_km = super::Plane::new(self.projection.area());
        let plane = |s: &Site<u32>| {
            let (x, y) = true_km.project(s.lon, s.lat);
            [x, y]
        };
        let reach = params.reach_km + cell + 1.0;
        let mut invented = 0.0;
        for (k, rows) in &answers {
            let places: Vec<[f64; 2]> = truth
                .iter()
                .filter(|t| t.key == Some(*k))
                .map(plane)
                .collect();
            for (row, &y) in grid.ys.iter().enumerate() {
                for &x in &grid.xs {
                    let (lon, lat) = self.projection.unproject(x, y);
                    if !rows.contains(row, lon) {
                        continue;
                    }
                    let (px, py) = true_km.project(lon, lat);
                    if !reasoned([px, py], &places, reach, params.enclose_km) {
                        invented += cell * cell;
                    }
                }
            }
        }
        invented
    }

    fn distance_to_lines(&self, x: f64, y: f64) -> f64 {
        use geo::{Distance, Euclidean, Point};
        let p = Point::new(x, y);
        self.lines
            .iter()
            .map(|l| Euclidean.distance(&p, l))
            .fold(f64::INFINITY, f64::min)
    }

    /// The approximation of the map, from `towns`, over the country.
    pub fn approximate(&self, towns: &[Site<u32>], params: &Params) -> Approximation<u32> {
        approximate(towns, &self.mask, params)
    }

    /// The nearest-place baseline: each point of the country takes the key of the nearest
    /// town within `cap_km`, scored on the same grid as [`Case::score`].
    pub fn baseline(&self, towns: &[Site<u32>], cap_km: f64) -> Scores {
        let points: Vec<(f64, f64, u32)> = towns
            .iter()
            .filter_map(|s| Some((s.lon, s.lat, s.key?)))
            .collect();
        let index = PointIndex::new(&points);
        let grid = self.grid();
        self.score_with(&grid, |_, lon, lat| {
            index.nearest_within(lon, lat, cap_km).copied()
        })
    }

    /// IoU of an approximation against the truth.
    pub fn score(&self, approx: &Approximation<u32>) -> Scores {
        let grid = self.grid();
        let answers: Vec<(u32, Rows)> = approx
            .areas
            .iter()
            .map(|(k, m)| (*k, Rows::new(&region_of("answer", m), &grid)))
            .collect();
        self.score_with(&grid, |row, lon, _| {
            answers
                .iter()
                .find(|(_, r)| r.contains(row, lon))
                .map(|(k, _)| *k)
        })
    }

    /// The grid of about 250,000 cells the scores are counted on: its cell size in km, the
    /// cell centres' x (km) and the rows' y (km).
    fn grid(&self) -> Grid {
        let ([x0, x1], [y0, y1]) = self.projection.bounds();
        let cell = ((x1 - x0) * (y1 - y0) / 250_000.0).sqrt().max(0.5);
        let xs = (0..((x1 - x0) / cell) as usize)
            .map(|c| x0 + (c as f64 + 0.5) * cell)
            .collect();
        let ys = (0..((y1 - y0) / cell) as usize)
            .map(|r| y0 + (r as f64 + 0.5) * cell)
            .collect();
        Grid {
            projection: self.projection,
            xs,
            ys,
        }
    }

    /// IoU of any answer (a key or none at each cell: row, lon, lat) on the grid.
    fn score_with(&self, grid: &Grid, answer: impl Fn(usize, f64, f64) -> Option<u32>) -> Scores {
        let truth: Vec<(u32, Rows)> = self
            .truth
            .iter()
            .map(|(k, m)| (*k, Rows::new(&region_of("truth", m), grid)))
            .collect();
        let country = Rows::new(&region_of("country", &self.country), grid);
        let keys: Vec<u32> = truth.iter().map(|(k, _)| *k).collect();
        let mut inter = vec![0u64; keys.len()];
        let mut union = vec![0u64; keys.len()];
        for (row, &y) in grid.ys.iter().enumerate() {
            for &x in &grid.xs {
                let (lon, lat) = self.projection.unproject(x, y);
                if !country.contains(row, lon) {
                    continue;
                }
                let t = truth
                    .iter()
                    .find(|(_, r)| r.contains(row, lon))
                    .map(|(k, _)| *k);
                let a = answer(row, lon, lat);
                for (i, k) in keys.iter().enumerate() {
                    let (in_t, in_a) = (t == Some(*k), a == Some(*k));
                    inter[i] += u64::from(in_t && in_a);
                    union[i] += u64::from(in_t || in_a);
                }
            }
        }
        let ratio = |i: u64, u: u64| if u == 0 { 1.0 } else { i as f64 / u as f64 };
        Scores {
            per_key: keys
                .iter()
                .enumerate()
                .map(|(i, k)| (*k, ratio(inter[i], union[i])))
                .collect(),
            overall: ratio(inter.iter().sum(), union.iter().sum()),
        }
    }
}

/// Cell centres of the scoring grid, in km.
struct Grid {
    projection: Projection,
    xs: Vec<f64>,
    ys: Vec<f64>,
}

/// A region's stretches along each row of a grid, for fast membership tests.
struct Rows(Vec<Vec<(f64, f64)>>);

impl Rows {
    fn new(region: &Region, grid: &Grid) -> Rows {
        Rows(
            grid.ys
                .iter()
                .map(|&y| region.lon_spans(grid.projection.unproject(0.0, y).1))
                .collect(),
        )
    }

    fn contains(&self, row: usize, lon: f64) -> bool {
        let spans = &self.0[row];
        let i = spans.partition_point(|s| s.1 <= lon);
        spans.get(i).is_some_and(|s| s.0 <= lon)
    }
}

/// Whether `p` is within `reach` of one of `places`, of the line between two of them no
/// farther apart than `enclose`, or inside a triangle of three such (all in km).
fn reasoned(p: [f64; 2], places: &[[f64; 2]], reach: f64, enclose: f64) -> bool {
    let d = |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]).hypot(a[1] - b[1]);
    if places.iter().any(|&q| d(p, q) <= reach) {
        return true;
    }
    let near_line = |a: [f64; 2], b: [f64; 2]| {
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let len2 = (dx * dx + dy * dy).max(f64::MIN_POSITIVE);
        let t = (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0);
        (p[0] - a[0] - t * dx).hypot(p[1] - a[1] - t * dy) <= reach
    };
    let side =
        |a: [f64; 2], b: [f64; 2]| (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    let close: Vec<[f64; 2]> = places
        .iter()
        .copied()
        .filter(|&q| d(p, q) <= enclose)
        .collect();
    for (i, &a) in close.iter().enumerate() {
        for (j, &b) in close.iter().enumerate().skip(i + 1) {
            if d(a, b) > enclose {
                continue;
            }
            if near_line(a, b) {
                return true;
            }
            for &c in &close[j + 1..] {
                if d(b, c) > enclose || d(c, a) > enclose {
                    continue;
                }
                let (s1, s2, s3) = (side(a, b), side(b, c), side(c, a));
                if (s1 >= 0.0 && s2 >= 0.0 && s3 >= 0.0) || (s1 <= 0.0 && s2 <= 0.0 && s3 <= 0.0) {
                    return true;
                }
            }
        }
    }
    false
}

fn disk(cx: f64, cy: f64, r: f64) -> GeoPolygon<f64> {
    let n = 96;
    let pts: Vec<Coord<f64>> = (0..=n)
        .map(|i| {
            let a = std::f64::consts::TAU * f64::from(i % n) / f64::from(n);
            Coord {
                x: cx + r * a.cos(),
                y: cy + r * a.sin(),
            }
        })
        .collect();
    GeoPolygon::new(LineString(pts), vec![])
}
