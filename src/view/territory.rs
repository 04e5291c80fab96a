//! The territory of a day, as polygons: the dataset's areas where they have a state, and
//! elsewhere the approximation from the reported places ([`crate::geo::approximate`]), inside
//! the theatre; the rest of the theatre is "no reports". The screen rasterises it to cells,
//! the pictures draw it, the GeoJSON writes it: all from [`territory`].

use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use geo::orient::{Direction, Orient};
use geo::{BooleanOps, MultiPolygon};

use super::Viewport;
use crate::dataset::{Dataset, FactionId, PlaceId};
use crate::geo::{Params, Projection, Region, Site, World, approximate, region_of};
use crate::loaded::Loaded;
use crate::timeline::{Cursor, FactionSet};

mod shade;
pub use shade::{Firmness, Shade, shade};

/// The approximation's parameters: what the legend, the README and the GeoJSON state.
pub const PARAMS: Params = Params {
    reach_km: 60.0,
    enclose_km: 250.0,
};

/// Inside an area, the reach of a place whose own reports read otherwise than the area's:
/// the area's statement covers the rest, so nothing is enclosed.
pub const AREA_PARAMS: Params = Params {
    reach_km: 20.0,
    enclose_km: 0.0,
};

/// The grey of unsettled land's stripes and of the dots of land with no reports.
pub const NEUTRAL: crate::dataset::Rgb = crate::dataset::Rgb(0x8c, 0x8c, 0x8c);

/// Where a part of the territory comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Approximated from the reported places.
    Approximated,
    /// A named area of the dataset, with its own reports.
    Area(PlaceId),
}

/// One shade's land from one origin.
#[derive(Clone, Debug)]
pub struct Part {
    /// How it is shaded.
    pub shade: Shade,
    /// Who contests or claims it, or the rival accounts (over all the places behind it).
    pub others: FactionSet,
    /// Approximated, or a dataset area.
    pub origin: Origin,
    /// Valid polygons in `[lon, lat]`, exteriors counter-clockwise, holes clockwise.
    pub shape: MultiPolygon<f64>,
    /// The same, for row filling.
    pub region: Region,
}

impl Part {
    /// The faction whose colour the land reads as: its holder where held or contested, the
    /// claimant where claimed; none where the accounts disagree or the change is unsettled.
    pub fn reads_as(&self) -> Option<FactionId> {
        match self.shade.firmness {
            Firmness::Held | Firmness::Contested => self.shade.holder,
            Firmness::Claimed => self.others.iter().next(),
            Firmness::Disputed | Firmness::Unsettled => None,
        }
    }
}

/// The territory of one day.
#[derive(Clone, Debug)]
pub struct Territory {
    /// The day.
    pub date: chrono::NaiveDate,
    /// Areas first (in dataset order), then the approximation, by shade; disjoint.
    pub parts: Vec<Part>,
    /// The theatre's land no part covers: no reported place near enough.
    pub no_reports: MultiPolygon<f64>,
    /// The same, for row filling.
    pub no_reports_region: Region,
    /// The approximation's parameters.
    pub params: Params,
}

/// What fills one cell of a raster of the territory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fill {
    /// The part at this index of [`Territory::parts`].
    Part(usize),
    /// No reports.
    NoReports,
}

impl Territory {
    /// For each cell of the viewport (row by row from the top), what covers its centre.
    pub fn raster(&self, vp: &Viewport) -> Vec<Option<Fill>> {
        let (cols, rows) = (usize::from(vp.cols), usize::from(vp.rows));
        let mut cells = vec![None; cols * rows];
        let lon_of = |col: usize| vp.from_grid(col as f64 + 0.5, 0.5).0;
        let lons: Vec<f64> = (0..cols).map(lon_of).collect();
        let layers = self
            .parts
            .iter()
            .enumerate()
            .map(|(i, p)| (Fill::Part(i), &p.region))
            .chain([(Fill::NoReports, &self.no_reports_region)]);
        let layers: Vec<(Fill, &Region)> = layers.collect();
        for row in 0..rows {
            let lat = vp.from_grid(0.5, row as f64 + 0.5).1;
            for (fill, region) in &layers {
                if region
                    .bbox()
                    .is_none_or(|b| lat < b.min_lat || lat > b.max_lat)
                {
                    continue;
                }
                for (start, end) in region.lon_spans(lat) {
                    let first = lons.partition_point(|&lon| lon < start);
                    let last = lons.partition_point(|&lon| lon < end);
                    for cell in &mut cells[row * cols + first..row * cols + last] {
                        if cell.is_none() {
                            *cell = Some(*fill);
                        }
                    }
                }
            }
        }
        cells
    }

    /// The land that reads differently from `before` (see [`Part::reads_as`]), by what it
    /// reads as now (`None`: in no faction's colour alone, or no reports): what a comparison
    /// of two days hatches.
    pub fn changed_since(&self, before: &Territory) -> Vec<(Option<FactionId>, MultiPolygon<f64>)> {
        let by_reading = |t: &Territory| {
            let mut out: Vec<(Option<FactionId>, MultiPolygon<f64>)> = Vec::new();
            let land = t
                .parts
                .iter()
                .map(|p| (p.reads_as(), &p.shape))
                .chain([(None, &t.no_reports)]);
            for (k, shape) in land {
                match out.iter_mut().find(|(o, _)| *o == k) {
                    Some((_, m)) => m.0.extend(shape.0.iter().cloned()),
                    None => out.push((k, shape.clone())),
                }
            }
            out
        };
        let old = by_reading(before);
        let mut changed = Vec::new();
        for (k, now) in by_reading(self) {
            let then = old.iter().find(|(o, _)| *o == k).map(|(_, m)| m);
            // The parts of one day are disjoint: a union by concatenation is valid for the
            // boolean operations.
            let diff = match then {
                Some(then) => now.difference(then),
                None => now,
            };
            let diff = MultiPolygon(
                diff.0
                    .into_iter()
                    .filter(|p| geo::Area::unsigned_area(p) > 1e-6)
                    .collect(),
            );
            if !diff.0.is_empty() {
                changed.push((k, diff.orient(Direction::Default)));
            }
        }
        changed
    }

    /// The part covering `(lon, lat)`, if any.
    pub fn part_at(&self, lon: f64, lat: f64) -> Option<&Part> {
        self.parts.iter().find(|p| p.region.contains(lon, lat))
    }
}

/// What decides a day's territory (every place's shade and others), hashed: equal keys, equal
/// territory, so a cache can keep it while days step by without changing it.
pub fn key(ds: &Dataset, cursor: &Cursor) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    for (i, s) in cursor.states.iter().enumerate() {
        let shaded = s.as_ref().map(|s| (shade(s), s.others));
        shaded.hash(&mut h);
        if ds.places.get(i).is_some_and(|p| p.is_area()) {
            1u8.hash(&mut h);
        }
    }
    h.finish()
}

/// A theatre (its country codes) and its merged outline.
type Masked = (Vec<String>, Arc<MultiPolygon<f64>>);

/// The theatre's countries at full detail, merged: computed once per theatre.
pub fn theatre_mask(theatre: &[String]) -> Arc<MultiPolygon<f64>> {
    static CACHE: OnceLock<Mutex<Vec<Masked>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, m)) = cache.iter().find(|(t, _)| t.as_slice() == theatre) {
        return Arc::clone(m);
    }
    let regions: Vec<Region> = World::builtin()
        .map(|w| theatre.iter().filter_map(|c| w.country(c)).collect())
        .unwrap_or_default();
    let mask = Arc::new(crate::geo::multipolygon(&regions));
    cache.push((theatre.to_vec(), Arc::clone(&mask)));
    cache.truncate(8);
    mask
}

/// The territory on the cursor's day: the dataset's areas that have a state, then the
/// approximation from every other place inside the rest of the theatre.
pub fn territory(loaded: &Loaded, cursor: &Cursor) -> Territory {
    let ds = &loaded.dataset;
    let theatre = theatre_mask(&ds.theatre);
    let proj = Projection::new(ds.map);
    let mut parts = Vec::new();
    let mut taken: Vec<geo::Polygon<f64>> = Vec::new();
    for (i, place) in ds.places.iter().enumerate() {
        let id = PlaceId(i as u32);
        let (Some(extent), Some(state)) = (&place.extent, cursor.state(id)) else {
            continue;
        };
        let Some(s) = shade(state) else { continue };
        // An area written earlier keeps the land two areas share.
        let own = if taken.is_empty() {
            extent.as_ref().clone()
        } else {
            extent.difference(&MultiPolygon(taken.clone()))
        }
        .orient(Direction::Default);
        if own.0.is_empty() {
            continue;
        }
        taken.extend(own.0.iter().cloned());
        let (own, local) = places_inside(ds, cursor, &own, s, &proj);
        if !own.0.is_empty() {
            parts.push(part(s, state.others, Origin::Area(id), own));
        }
        parts.extend(local);
    }
    let mask = if taken.is_empty() {
        theatre.as_ref().clone()
    } else {
        theatre
            .difference(&MultiPolygon(taken))
            .orient(Direction::Default)
    };
    let sites: Vec<Site<Shade>> = ds
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.is_area())
        .filter_map(|(i, p)| {
            let state = cursor.state(PlaceId(i as u32))?;
            Some(Site {
                lon: p.lon,
                lat: p.lat,
                key: shade(state),
            })
        })
        .collect();
    let mut others: Vec<(Shade, FactionSet)> = Vec::new();
    for (i, p) in ds.places.iter().enumerate() {
        if p.is_area() {
            continue;
        }
        if let Some(state) = cursor.state(PlaceId(i as u32))
            && let Some(s) = shade(state)
        {
            match others.iter_mut().find(|(k, _)| *k == s) {
                Some((_, set)) => set.0 |= state.others.0,
                None => others.push((s, state.others)),
            }
        }
    }
    let approx = approximate(&sites, &mask, &PARAMS, &proj);
    for (s, shape) in approx.areas {
        let set = others
            .iter()
            .find(|(k, _)| *k == s)
            .map_or_else(FactionSet::default, |(_, o)| *o);
        parts.push(part(s, set, Origin::Approximated, shape));
    }
    let no_reports = tidy(approx.no_reports);
    let no_reports_region = region_of("no reports", &no_reports);
    parts.retain(|p| !p.shape.0.is_empty());
    Territory {
        date: cursor.date,
        parts,
        no_reports,
        no_reports_region,
        params: PARAMS,
    }
}

/// Inside an area: the land around the places in it whose own reports read otherwise than
/// the area's (a town the area statement says nothing specific about: Palmyra in the
/// government's "west and centre", a claimed town in the rebels' southwest), within
/// [`AREA_PARAMS`]' reach of them and up to midway to the places that agree with the area.
/// Returns the area's land without theirs, and their parts.
fn places_inside(
    ds: &Dataset,
    cursor: &Cursor,
    own: &MultiPolygon<f64>,
    area: Shade,
    proj: &Projection,
) -> (MultiPolygon<f64>, Vec<Part>) {
    use geo::Contains;
    let mut sites = Vec::new();
    let mut others: Vec<(Shade, FactionSet)> = Vec::new();
    for (i, p) in ds.places.iter().enumerate() {
        if p.is_area() || !own.contains(&geo::Point::new(p.lon, p.lat)) {
            continue;
        }
        let Some(state) = cursor.state(PlaceId(i as u32)) else {
            continue;
        };
        let Some(k) = shade(state) else { continue };
        if k != area {
            match others.iter_mut().find(|(o, _)| *o == k) {
                Some((_, set)) => set.0 |= state.others.0,
                None => others.push((k, state.others)),
            }
        }
        sites.push(Site {
            lon: p.lon,
            lat: p.lat,
            key: Some(k),
        });
    }
    if others.is_empty() {
        return (own.clone(), Vec::new());
    }
    let approx = approximate(&sites, own, &AREA_PARAMS, proj);
    let mut rest = own.clone();
    let mut local = Vec::new();
    for (k, shape) in approx.areas {
        if k == area {
            continue;
        }
        rest = rest.difference(&shape).orient(Direction::Default);
        let set = others
            .iter()
            .find(|(o, _)| *o == k)
            .map_or_else(FactionSet::default, |(_, o)| *o);
        local.push(part(k, set, Origin::Approximated, shape));
    }
    (rest, local)
}

/// Without the slivers boolean operations leave (zero-area holes and polygons, in square
/// degrees; 1e-9 is about 12 m²): they are not land, and RFC 7946 readers refuse some.
pub fn tidy(shape: MultiPolygon<f64>) -> MultiPolygon<f64> {
    use geo::Area;
    const EPS: f64 = 1e-9;
    let polys = shape
        .0
        .into_iter()
        .filter(|p| p.exterior().0.len() >= 4 && p.unsigned_area() > EPS)
        .map(|p| {
            let (ext, holes) = p.into_inner();
            let holes = holes
                .into_iter()
                .filter(|h| {
                    h.0.len() >= 4 && geo::Polygon::new(h.clone(), vec![]).unsigned_area() > EPS
                })
                .collect();
            geo::Polygon::new(ext, holes)
        })
        .collect();
    MultiPolygon(polys).orient(Direction::Default)
}

fn part(shade: Shade, others: FactionSet, origin: Origin, shape: MultiPolygon<f64>) -> Part {
    let shape = tidy(shape);
    let region = region_of("part", &shape);
    Part {
        shade,
        others,
        origin,
        shape,
        region,
    }
}
