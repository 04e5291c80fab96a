//! The world basemap, embedded: Natural Earth countries, land, first-level divisions, lakes
//! and rivers for the whole world, decoded only where a map needs it, at the detail its scale
//! needs (see `assets/README.md` for the sources and how the blob is built).

mod blob;
mod lookup;

use std::sync::{Arc, Mutex, OnceLock};

use blob::{Blob, DIVLINES, GBox, LINE_LAYERS};

use super::{Basemap, GeoError, Line, MapArea, Polygon, Region};

/// The polygon layers, as indices into the blob's tables.
const COUNTRIES: usize = 0;
const LAND: usize = 1;
const DIVISIONS: usize = 2;
const LAKES: usize = 3;

/// Parts kept by [`World::view`]: a few views back and forth stay decoded.
const CACHED_PARTS: usize = 4;

/// A country of the basemap, without its geometry.
#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    /// Natural Earth's short name (`Syria`, `S. Sudan`, `Dem. Rep. Congo`).
    pub name: String,
    /// ISO 3166-1 alpha-2 code; `None` for areas Natural Earth draws that have none
    /// (`Somaliland`, `N. Cyprus`, `Siachen Glacier`).
    pub code: Option<String>,
    /// Bounding box.
    pub bbox: MapArea,
}

impl Country {
    /// How a theatre names it: the code if it has one, else the name.
    pub fn key(&self) -> &str {
        self.code.as_deref().unwrap_or(&self.name)
    }
}

/// The embedded world basemap: a compact blob read in place (see [`World::part`]).
#[derive(Debug)]
pub struct World<'a> {
    blob: Blob<'a>,
    /// The parts [`World::view`] decoded last, most recent first.
    cache: Mutex<Vec<Arc<Basemap>>>,
}

static BUILTIN: OnceLock<Result<World<'static>, GeoError>> = OnceLock::new();
static BYTES: &[u8] = include_bytes!("../../assets/basemap/world.bin");

impl World<'static> {
    /// The embedded basemap (its header and tables are read on first use, in under a
    /// millisecond).
    ///
    /// # Errors
    /// The error of [`World::from_bytes`], kept for every later call.
    pub fn try_builtin() -> Result<&'static World<'static>, &'static GeoError> {
        BUILTIN.get_or_init(|| World::from_bytes(BYTES)).as_ref()
    }

    /// The embedded basemap, or `None` if it is damaged (a tested build never is; drawing
    /// code then draws no geography instead of failing).
    pub fn builtin() -> Option<&'static World<'static>> {
        World::try_builtin().ok()
    }

    /// The embedded blob's bytes, for checking them against `assets/basemap/world.manifest`.
    pub fn builtin_bytes() -> &'static [u8] {
        BYTES
    }
}

impl<'a> World<'a> {
    /// Reads a blob made by `assets/build-basemap.py`.
    ///
    /// # Errors
    /// [`GeoError::Blob`] when the header, a table or an offset is not what the format says.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<World<'a>, GeoError> {
        let blob = Blob::parse(bytes).map_err(|reason| GeoError::Blob { reason })?;
        Ok(World {
            blob,
            cache: Mutex::new(Vec::new()),
        })
    }

    /// The simplification tolerance of each level of detail, in km (level 0: none).
    pub fn levels_km(&self) -> Vec<f64> {
        self.blob
            .levels_m
            .iter()
            .map(|&m| f64::from(m) / 1000.0)
            .collect()
    }

    /// The coarsest level whose simplification stays within half of `resolution_km` (the
    /// size of a pixel or a Braille dot on the ground), so that it moves a line by less than
    /// half a dot: full detail when zoomed in.
    pub fn level_for(&self, resolution_km: f64) -> usize {
        self.blob
            .levels_m
            .iter()
            .rposition(|&m| f64::from(m) / 1000.0 <= resolution_km / 2.0)
            .unwrap_or(0)
    }

    /// Everything reaching into `area`, at `level` (see [`Basemap`] for what is exact where).
    pub fn part(&self, area: &MapArea, level: usize) -> Basemap {
        let gb = self.grid_box(area);
        let level = level.min(self.blob.levels_m.len() - 1);
        let regions = |layer| self.regions(layer, &gb, level);
        let lines = |name: &str| {
            let layer = LINE_LAYERS.iter().position(|l| *l == name).unwrap_or(0);
            self.lines(layer, &gb, level)
        };
        Basemap {
            area: *area,
            level,
            countries: regions(COUNTRIES),
            land: regions(LAND),
            lakes: regions(LAKES),
            borders: lines("borders"),
            coast: lines("coast"),
            division_lines: lines("divlines"),
            lake_shores: lines("lakelines"),
            rivers: lines("rivers"),
        }
    }

    /// The part for a view of `area` at `resolution_km`, decoded once for a somewhat larger,
    /// rounded area and kept: panning a little, stepping through days and redrawing reuse it.
    pub fn view(&self, area: &MapArea, resolution_km: f64) -> Arc<Basemap> {
        let level = self.level_for(resolution_km);
        let holds = |b: &Basemap| {
            b.level == level
                && b.area.min_lon <= area.min_lon
                && b.area.max_lon >= area.max_lon
                && b.area.min_lat <= area.min_lat
                && b.area.max_lat >= area.max_lat
        };
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(i) = cache.iter().position(|b| holds(b)) {
            let hit = cache.remove(i);
            cache.insert(0, Arc::clone(&hit));
            return hit;
        }
        let part = Arc::new(self.part(&widen(area), level));
        cache.insert(0, Arc::clone(&part));
        cache.truncate(CACHED_PARTS);
        part
    }

    /// Drops the parts [`World::view`] keeps, so that the next view decodes afresh (what a
    /// first frame costs; benchmarks use it).
    pub fn forget_views(&self) {
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }

    /// The smallest grid box holding `area`.
    fn grid_box(&self, area: &MapArea) -> GBox {
        let g = self.blob.grid;
        let (x0, y0) = g.grid_of(area.min_lon, area.min_lat);
        let (x1, y1) = g.grid_of(area.max_lon, area.max_lat);
        // Saturating float-to-int casts: a box off the grid stays off it.
        GBox {
            min_x: x0.floor() as i32,
            min_y: y0.floor() as i32,
            max_x: x1.ceil() as i32,
            max_y: y1.ceil() as i32,
        }
    }

    fn regions(&self, layer: usize, gb: &GBox, level: usize) -> Vec<Region> {
        let t = self.blob.layers[layer];
        (0..t.n)
            .filter(|&i| {
                self.blob
                    .record_box(&t, i)
                    .is_some_and(|b| b.intersects(gb))
            })
            .filter_map(|i| self.region(layer, i, gb, level))
            .collect()
    }

    /// Feature `i` of a polygon layer, exact inside `gb`: chunks outside it are replaced by the
    /// straight line between their ends. A chunk outside the box lies beyond one of its sides,
    /// and so does that line, so every point inside the box is inside the result exactly when
    /// it is inside the feature.
    fn region(&self, layer: usize, i: usize, gb: &GBox, level: usize) -> Option<Region> {
        let f = self.blob.feature(layer, i)?;
        let g = self.blob.grid;
        let mut r = f.shape;
        let limit = 1 << 24;
        let mut polygons = Vec::new();
        let mut pts: Vec<(i32, i32)> = Vec::new();
        let mut reaches_in = false;
        for _ in 0..r.count(limit)? {
            let mut rings: Vec<Vec<[f64; 2]>> = Vec::new();
            let mut outer_ok = true;
            for k in 0..r.count(limit)? {
                pts.clear();
                for _ in 0..r.count(limit)? {
                    let raw = r.z()?;
                    let (c, rev) = if raw >= 0 {
                        (raw as usize, false)
                    } else {
                        ((!raw) as usize, true)
                    };
                    let start = pts.len();
                    if self.blob.record_box(&self.blob.chunks, c)?.intersects(gb) {
                        self.blob.chunk_points(c, level, rev, &mut pts)?;
                        reaches_in = true;
                    } else {
                        let (a, b) = self.blob.chunk_ends(c)?;
                        pts.extend(if rev { [b, a] } else { [a, b] });
                    }
                    if start > 0 && pts.get(start) == pts.get(start - 1) {
                        pts.remove(start);
                    }
                }
                pts.dedup();
                if pts.len() >= 4 {
                    rings.push(pts.iter().map(|&p| g.lonlat(p)).collect());
                } else if k == 0 {
                    outer_ok = false;
                }
            }
            if outer_ok && !rings.is_empty() {
                let exterior = rings.remove(0);
                polygons.push(Polygon::new(exterior, rings));
            }
        }
        let mut region = Region::new(f.name, polygons);
        // No outline passes through the box: the feature covers all of it or none of it.
        let centre = g.lonlat((gb.min_x / 2 + gb.max_x / 2, gb.min_y / 2 + gb.max_y / 2));
        if !reaches_in && !region.contains(centre[0], centre[1]) {
            return None;
        }
        region.iso = (!f.iso.is_empty()).then(|| f.iso.to_string());
        region.country = (!f.country.is_empty()).then(|| f.country.to_string());
        region.label = f.label.map(|p| g.lonlat(p));
        Some(region)
    }

    fn lines(&self, layer: usize, gb: &GBox, level: usize) -> Vec<Line> {
        let g = self.blob.grid;
        let mut pts = Vec::new();
        self.blob
            .line_ids(layer)
            .enumerate()
            .filter_map(|(i, c)| {
                let c = c as usize;
                if !self.blob.record_box(&self.blob.chunks, c)?.intersects(gb) {
                    return None;
                }
                pts.clear();
                self.blob.chunk_points(c, level, false, &mut pts)?;
                let country = if layer == DIVLINES {
                    Some(self.blob.division_country(i)?.to_string())
                } else {
                    None
                };
                Some(Line {
                    points: pts.iter().map(|&p| g.lonlat(p)).collect(),
                    country,
                })
            })
            .collect()
    }

    /// The whole of feature `i` of a layer at full detail.
    fn whole(&self, layer: usize, i: usize) -> Option<Region> {
        let everything = GBox {
            min_x: i32::MIN,
            min_y: i32::MIN,
            max_x: i32::MAX,
            max_y: i32::MAX,
        };
        self.region(layer, i, &everything, 0)
    }
}

/// `area` grown by an eighth of its size or more on each side, rounded out to a power-of-two
/// grid of degrees: a view panned a little stays inside the part decoded for it, and the part
/// is not much larger than the view (decoding costs in proportion to its size).
fn widen(area: &MapArea) -> MapArea {
    let span = (area.max_lon - area.min_lon).max(area.max_lat - area.min_lat);
    let step = 2f64.powf((span / 8.0).max(1.0 / 64.0).log2().floor());
    let down = |v: f64| ((v / step).floor() - 1.0) * step;
    let up = |v: f64| ((v / step).ceil() + 1.0) * step;
    MapArea {
        min_lon: down(area.min_lon).max(-180.0),
        max_lon: up(area.max_lon).min(180.0),
        min_lat: down(area.min_lat).max(-90.0),
        max_lat: up(area.max_lat).min(90.0),
    }
}
