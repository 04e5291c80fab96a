//! Finding things in the world basemap: countries and divisions by code or name, the country
//! at a point, and a full decode of everything (for tests).

use super::blob::GBox;
use super::{COUNTRIES, Country, DIVISIONS, LAKES, LAND, World};
use crate::geo::{GeoError, MapArea, Region, distance_km};

/// What [`World::check_all`] decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Totals {
    /// Chunks (pieces of shared arcs).
    pub chunks: usize,
    /// Points per level of detail, summed over all chunks.
    pub points: [usize; 8],
    /// Features per polygon layer: countries, land, divisions, lakes.
    pub features: [usize; 4],
}

impl World<'_> {
    /// Every country, without geometry, in the blob's order (by name).
    pub fn countries(&self) -> Vec<Country> {
        (0..self.blob.layers[COUNTRIES].n)
            .filter_map(|i| self.country_info(i))
            .collect()
    }

    fn country_info(&self, i: usize) -> Option<Country> {
        let f = self.blob.feature(COUNTRIES, i)?;
        let b = self.blob.record_box(&self.blob.layers[COUNTRIES], i)?;
        let g = self.blob.grid;
        let [min_lon, min_lat] = g.lonlat((b.min_x, b.min_y));
        let [max_lon, max_lat] = g.lonlat((b.max_x, b.max_y));
        Some(Country {
            name: f.name.to_string(),
            code: (!f.iso.is_empty()).then(|| f.iso.to_string()),
            bbox: MapArea {
                min_lon,
                max_lon,
                min_lat,
                max_lat,
            },
        })
    }

    /// Index of the feature whose ISO code is `key` (ignoring case), else whose name is.
    fn find(&self, layer: usize, key: &str) -> Option<usize> {
        let n = self.blob.layers[layer].n;
        let by = |f: &dyn Fn(&super::blob::FeatureRecord<'_>) -> bool| {
            (0..n).find(|&i| self.blob.feature(layer, i).is_some_and(|r| f(&r)))
        };
        by(&|r| !r.iso.is_empty() && r.iso.eq_ignore_ascii_case(key))
            .or_else(|| by(&|r| r.name == key))
            .or_else(|| by(&|r| r.name.eq_ignore_ascii_case(key)))
    }

    /// The country with this ISO 3166-1 alpha-2 code (`"SD"`, any case) or Natural Earth
    /// name (`"Sudan"`, `"Somaliland"`), without geometry.
    pub fn find_country(&self, code_or_name: &str) -> Option<Country> {
        self.country_info(self.find(COUNTRIES, code_or_name)?)
    }

    /// The whole country, at full detail.
    pub fn country(&self, code_or_name: &str) -> Option<Region> {
        self.whole(COUNTRIES, self.find(COUNTRIES, code_or_name)?)
    }

    /// The first-level division with this ISO 3166-2 code (`"SY-DI"`, `"UA-14"`, `"SD-KH"`)
    /// or English name (`"Damascus"`), anywhere in the world, at full detail.
    #[doc(alias = "governorate")]
    pub fn division(&self, iso_or_name: &str) -> Option<Region> {
        self.whole(DIVISIONS, self.find(DIVISIONS, iso_or_name)?)
    }

    /// Every first-level division's ISO 3166-2 code (empty if it has none), English name and
    /// country code, in the blob's order, without geometry: for resolving many codes at once.
    pub fn division_names(&self) -> Vec<(String, String, String)> {
        (0..self.blob.layers[DIVISIONS].n)
            .filter_map(|i| {
                let f = self.blob.feature(DIVISIONS, i)?;
                Some((f.iso.to_string(), f.name.to_string(), f.country.to_string()))
            })
            .collect()
    }

    /// The whole of division number `i` of [`World::division_names`], at full detail.
    pub(crate) fn division_at(&self, i: usize) -> Option<Region> {
        self.whole(DIVISIONS, i)
    }

    /// The first-level divisions reaching into `area`, at `level` (exact inside the area, as
    /// the layers of a [`World::part`](super::World::part)).
    pub fn divisions(&self, area: &MapArea, level: usize) -> Vec<Region> {
        let level = level.min(self.blob.levels_m.len() - 1);
        self.regions(DIVISIONS, &self.grid_box(area), level)
    }

    /// The countries whose outline holds `(lon, lat)` (one, except on a shared edge).
    pub fn countries_at(&self, lon: f64, lat: f64) -> Vec<Country> {
        let t = self.blob.layers[COUNTRIES];
        let (x, y) = self.blob.grid.grid_of(lon, lat);
        (0..t.n)
            .filter(|&i| {
                self.blob.record_box(&t, i).is_some_and(|b| {
                    f64::from(b.min_x) <= x
                        && x <= f64::from(b.max_x)
                        && f64::from(b.min_y) <= y
                        && y <= f64::from(b.max_y)
                })
            })
            .filter(|&i| self.holds(COUNTRIES, i, x, y))
            .filter_map(|i| self.country_info(i))
            .collect()
    }

    /// The first-level division whose outline holds `(lon, lat)`: its ISO 3166-2 code (empty
    /// if it has none) and English name.
    pub(crate) fn division_holding(&self, lon: f64, lat: f64) -> Option<(String, String)> {
        let t = self.blob.layers[DIVISIONS];
        let (x, y) = self.blob.grid.grid_of(lon, lat);
        (0..t.n)
            .filter(|&i| {
                self.blob.record_box(&t, i).is_some_and(|b| {
                    f64::from(b.min_x) <= x
                        && x <= f64::from(b.max_x)
                        && f64::from(b.min_y) <= y
                        && y <= f64::from(b.max_y)
                })
            })
            .find(|&i| self.holds(DIVISIONS, i, x, y))
            .and_then(|i| self.blob.feature(DIVISIONS, i))
            .map(|f| (f.iso.to_string(), f.name.to_string()))
    }

    /// The country holding `(lon, lat)`, or else the one whose outline passes nearest,
    /// within `max_km` (a port or an island town whose point is just off Natural Earth's
    /// coast).
    pub fn country_near(&self, lon: f64, lat: f64, max_km: f64) -> Option<Country> {
        if let Some(c) = self.countries_at(lon, lat).into_iter().next() {
            return Some(c);
        }
        let deg_lat = max_km / crate::geo::KM_PER_DEGREE;
        let deg_lon = deg_lat / lat.to_radians().cos().max(0.01);
        let around = MapArea {
            min_lon: lon - deg_lon,
            max_lon: lon + deg_lon,
            min_lat: lat - deg_lat,
            max_lat: lat + deg_lat,
        };
        let part = self.regions(COUNTRIES, &self.grid_box(&around), 0);
        let mut best: Option<(f64, &Region)> = None;
        for r in &part {
            for ring in r
                .polygons()
                .iter()
                .flat_map(super::super::region::Polygon::rings)
            {
                for w in ring.windows(2) {
                    let d = segment_km((lon, lat), w[0], w[1]);
                    if d <= max_km && best.is_none_or(|(b, _)| d < b) {
                        best = Some((d, r));
                    }
                }
            }
        }
        let (_, r) = best?;
        self.find_country(r.iso.as_deref().unwrap_or(&r.name))
    }

    /// Even-odd test of grid point `(x, y)` against feature `i`, decoding only the chunks a
    /// ray east from the point can cross.
    fn holds(&self, layer: usize, i: usize, x: f64, y: f64) -> bool {
        let Some(f) = self.blob.feature(layer, i) else {
            return false;
        };
        let mut r = f.shape;
        let mut pts = Vec::new();
        let limit = 1 << 24;
        let Some(npoly) = r.count(limit) else {
            return false;
        };
        for _ in 0..npoly {
            let mut odd = false;
            let Some(nrings) = r.count(limit) else {
                return false;
            };
            for _ in 0..nrings {
                let Some(nrefs) = r.count(limit) else {
                    return false;
                };
                for _ in 0..nrefs {
                    let Some(raw) = r.z() else { return false };
                    let c = if raw >= 0 { raw } else { !raw } as usize;
                    let Some(b) = self.blob.record_box(&self.blob.chunks, c) else {
                        return false;
                    };
                    if f64::from(b.min_y) > y || f64::from(b.max_y) < y || f64::from(b.max_x) < x {
                        continue;
                    }
                    pts.clear();
                    if self.blob.chunk_points(c, 0, false, &mut pts).is_none() {
                        return false;
                    }
                    for w in pts.windows(2) {
                        let ((xi, yi), (xj, yj)) = (w[0], w[1]);
                        let (xi, yi, xj, yj) =
                            (f64::from(xi), f64::from(yi), f64::from(xj), f64::from(yj));
                        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
                            odd = !odd;
                        }
                    }
                }
            }
            if odd {
                return true;
            }
        }
        false
    }

    /// Decodes every chunk at every level and every feature of every layer.
    ///
    /// # Errors
    /// [`GeoError::Blob`] naming the first chunk or feature that does not decode.
    pub fn check_all(&self) -> Result<Totals, GeoError> {
        let fail = |reason: String| GeoError::Blob { reason };
        let mut totals = Totals {
            chunks: self.blob.chunks.n,
            points: [0; 8],
            features: [0; 4],
        };
        let mut pts = Vec::new();
        for c in 0..self.blob.chunks.n {
            for level in 0..self.blob.levels_m.len() {
                pts.clear();
                self.blob
                    .chunk_points(c, level, false, &mut pts)
                    .ok_or_else(|| fail(format!("chunk {c} does not decode at level {level}")))?;
                if let Some(slot) = totals.points.get_mut(level) {
                    *slot += pts.len();
                }
            }
        }
        let everything = GBox {
            min_x: i32::MIN,
            min_y: i32::MIN,
            max_x: i32::MAX,
            max_y: i32::MAX,
        };
        for (slot, layer) in totals
            .features
            .iter_mut()
            .zip([COUNTRIES, LAND, DIVISIONS, LAKES])
        {
            for i in 0..self.blob.layers[layer].n {
                for level in 0..self.blob.levels_m.len() {
                    self.region(layer, i, &everything, level).ok_or_else(|| {
                        fail(format!("feature {i} of layer {layer} does not decode"))
                    })?;
                }
                *slot += 1;
            }
        }
        Ok(totals)
    }
}

/// Distance in km from `p` to the segment `a`-`b` (lon/lat), in a local plane around `p`.
fn segment_km(p: (f64, f64), a: [f64; 2], b: [f64; 2]) -> f64 {
    let k = p.1.to_radians().cos();
    let (ax, ay) = ((a[0] - p.0) * k, a[1] - p.1);
    let (bx, by) = ((b[0] - p.0) * k, b[1] - p.1);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0)
    };
    let (cx, cy) = (ax + t * dx, ay + t * dy);
    let q = (p.0 + cx / k.max(1e-9), p.1 + cy);
    distance_km(p, q)
}
