//! The territory of a day, as polygons: the dataset's areas where they have a state, and
//! elsewhere the approximation from the reported places ([`crate::geo::approximate`]), inside
//! the theatre and the map area; the rest of that land is "no reports". The screen rasterises
//! it to cells, the pictures draw it, the GeoJSON writes it: all from [`territory`], over a
//! [`Basis`] prepared once per dataset.

use std::sync::Arc;

use geo::orient::{Direction, Orient};
use geo::{BooleanOps, MultiPolygon};

use super::Viewport;
use crate::dataset::{Dataset, FactionId, Place, PlaceId};
use crate::geo::{Key, Mask, Params, Region, Site, approximate, region_of};
use crate::loaded::Loaded;
use crate::timeline::{Cursor, FactionSet};

mod shade;
pub use shade::Firmness;
pub(crate) use shade::Shade;
pub(crate) use shade::shade;

/// The approximation's parameters: what the legend, the README and the GeoJSON state.
pub(crate) const PARAMS: Params = Params::DEFAULT;

/// Inside an area, the reach of a place whose own reports read otherwise than the area's:
/// the area's statement covers the rest, so nothing is enclosed.
pub(crate) const AREA_PARAMS: Params = Params {
    reach_km: 20.0,
    enclose_km: 0.0,
    local_km: Params::DEFAULT.local_km,
};

/// The grey of unsettled land's stripes and of the dots of land with no reports.
pub(crate) const NEUTRAL: crate::dataset::Rgb = crate::dataset::Rgb(0x8c, 0x8c, 0x8c);

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
    /// The places judged isolated reports that day: their neighbours all read as one other
    /// side, so they keep only a small disc of land.
    pub isolated: Vec<PlaceId>,
    /// The land the territory may cover: the theatre inside the map area.
    theatre: Arc<Mask>,
    /// The same, for row filling.
    theatre_region: Region,
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
    /// The theatre's land no part covers: no reported place near enough. Computed on demand
    /// (a boolean operation over the whole theatre): the screen's cells need only
    /// [`Territory::raster`].
    pub fn no_reports(&self) -> MultiPolygon<f64> {
        tidy(self.theatre.rest(self.parts.iter().map(|p| &p.shape)))
    }

    /// The same as a region, for row filling.
    pub(crate) fn no_reports_region(&self) -> Region {
        region_of("no reports", &self.no_reports())
    }

    /// For each cell of the viewport (row by row from the top), what covers its centre.
    pub(crate) fn raster(&self, vp: &Viewport) -> Vec<Option<Fill>> {
        let (cols, rows) = (usize::from(vp.cols), usize::from(vp.rows));
        let mut cells = vec![None; cols * rows];
        let lon_of = |col: usize| vp.lonlat_at_grid(col as f64 + 0.5, 0.5).0;
        let lons: Vec<f64> = (0..cols).map(lon_of).collect();
        let layers = self
            .parts
            .iter()
            .enumerate()
            .map(|(i, p)| (Fill::Part(i), &p.region))
            .chain([(Fill::NoReports, &self.theatre_region)]);
        let layers: Vec<(Fill, &Region)> = layers.collect();
        for row in 0..rows {
            let lat = vp.lonlat_at_grid(0.5, row as f64 + 0.5).1;
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
    pub(crate) fn changed_since(
        &self,
        before: &Territory,
    ) -> Vec<(Option<FactionId>, MultiPolygon<f64>)> {
        let by_reading = |t: &Territory| {
            let mut out: Vec<(Option<FactionId>, MultiPolygon<f64>)> = Vec::new();
            let no_reports = t.no_reports();
            let land = t
                .parts
                .iter()
                .map(|p| (p.reads_as(), &p.shape))
                .chain([(None, &no_reports)]);
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
pub(crate) fn key(ds: &Dataset, cursor: &Cursor) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    for (i, s) in cursor.states.iter().enumerate() {
        let shaded = s.as_ref().map(|s| (shade(s), s.others));
        shaded.hash(&mut h);
        if ds.places.get(i).is_some_and(Place::is_area) {
            1u8.hash(&mut h);
        }
    }
    h.finish()
}

impl Key for Shade {
    /// Held or contested land reads as its holder's; claimed, disputed and unsettled land as
    /// nobody's alone.
    fn side(self) -> Option<u32> {
        match self.firmness {
            Firmness::Held | Firmness::Contested => self.holder.map(|f| f.0),
            Firmness::Claimed | Firmness::Disputed | Firmness::Unsettled => None,
        }
    }

    /// Fighting in a town does not move the line between the holders around it.
    fn local(self) -> bool {
        self.firmness == Firmness::Contested
    }
}

/// The territory on the cursor's day: the dataset's areas that have a state, then the
/// approximation from every other place inside the rest of the theatre.
pub fn territory(loaded: &Loaded, cursor: &Cursor) -> Territory {
    let ds = &loaded.dataset;
    let basis = loaded.territory_basis();
    let mut parts = Vec::new();
    let mut shown = Vec::new();
    let mut isolated = Vec::new();
    for area in basis.areas() {
        let id = PlaceId(area.id as u32);
        let Some(state) = cursor.state(id) else {
            continue;
        };
        let Some(s) = shade(state) else { continue };
        shown.push(area.id);
        let (own, local, lone) = places_inside(ds, cursor, area, s);
        if !own.0.is_empty() {
            parts.push(part(s, state.others, Origin::Area(id), own));
        }
        parts.extend(local);
        isolated.extend(lone);
    }
    let mask = basis.outside(&shown);
    let mut ids = Vec::new();
    let mut sites = Vec::new();
    let mut others: Vec<(Shade, FactionSet)> = Vec::new();
    for (i, p) in ds.places.iter().enumerate() {
        let id = PlaceId(i as u32);
        if p.is_area() {
            continue;
        }
        let Some(state) = cursor.state(id) else {
            continue;
        };
        let key = shade(state);
        if let Some(s) = key {
            match others.iter_mut().find(|(k, _)| *k == s) {
                Some((_, set)) => set.0 |= state.others.0,
                None => others.push((s, state.others)),
            }
        }
        ids.push(id);
        sites.push(Site {
            lon: p.lon,
            lat: p.lat,
            key,
        });
    }
    let approx = approximate(&sites, &mask, &PARAMS);
    isolated.extend(approx.isolated.iter().map(|&i| ids[i]));
    for (s, shape) in approx.areas {
        let set = others
            .iter()
            .find(|(k, _)| *k == s)
            .map_or_else(FactionSet::default, |(_, o)| *o);
        parts.push(part(s, set, Origin::Approximated, shape));
    }
    parts.retain(|p| !p.shape.0.is_empty());
    isolated.sort();
    isolated.dedup();
    Territory {
        date: cursor.date,
        parts,
        isolated,
        theatre: Arc::clone(basis.theatre()),
        theatre_region: basis.theatre_region().clone(),
        params: PARAMS,
    }
}

/// Inside an area: the land around the places in it whose own reports read otherwise than
/// the area's (a town the area statement says nothing specific about: Palmyra in the
/// government's "west and centre", a claimed town in the rebels' southwest), within
/// [`AREA_PARAMS`]' reach of them and up to midway to the places that agree with the area.
/// Returns the area's land without theirs, their parts, and the isolated reports among them.
fn places_inside(
    ds: &Dataset,
    cursor: &Cursor,
    area: &crate::geo::AreaLand,
    shade_of_area: Shade,
) -> (MultiPolygon<f64>, Vec<Part>, Vec<PlaceId>) {
    use geo::Contains;
    let mut ids = Vec::new();
    let mut sites = Vec::new();
    let mut others: Vec<(Shade, FactionSet)> = Vec::new();
    for (i, p) in ds.places.iter().enumerate() {
        if p.is_area() || !area.own.contains(&geo::Point::new(p.lon, p.lat)) {
            continue;
        }
        let Some(state) = cursor.state(PlaceId(i as u32)) else {
            continue;
        };
        let Some(k) = shade(state) else { continue };
        if k != shade_of_area {
            match others.iter_mut().find(|(o, _)| *o == k) {
                Some((_, set)) => set.0 |= state.others.0,
                None => others.push((k, state.others)),
            }
        }
        ids.push(PlaceId(i as u32));
        sites.push(Site {
            lon: p.lon,
            lat: p.lat,
            key: Some(k),
        });
    }
    if others.is_empty() {
        return (area.own.clone(), Vec::new(), Vec::new());
    }
    let approx = approximate(&sites, &area.mask, &AREA_PARAMS);
    let lone = approx.isolated.iter().map(|&i| ids[i]).collect();
    let mut local = Vec::new();
    let mut theirs: Vec<geo::Polygon<f64>> = Vec::new();
    for (k, shape) in approx.areas {
        if k == shade_of_area {
            continue;
        }
        theirs.extend(shape.0.iter().cloned());
        let set = others
            .iter()
            .find(|(o, _)| *o == k)
            .map_or_else(FactionSet::default, |(_, o)| *o);
        local.push(part(k, set, Origin::Approximated, shape));
    }
    let rest = if theirs.is_empty() {
        area.own.clone()
    } else {
        area.own
            .difference(&MultiPolygon(theirs))
            .orient(Direction::Default)
    };
    (rest, local, lone)
}

/// Without the slivers boolean operations leave (zero-area holes and polygons, in square
/// degrees; 1e-9 is about 12 m²): they are not land, and RFC 7946 readers refuse some.
pub(crate) fn tidy(shape: MultiPolygon<f64>) -> MultiPolygon<f64> {
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
    let mut polys = MultiPolygon(polys);
    crate::geo::orient_in_place(&mut polys);
    polys
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::Status;

    /// Equal shades give equal keys; a day whose shading differs, or one place's rivals or
    /// holder changed, gives another.
    #[test]
    fn the_key_follows_every_place_shade_and_nothing_else() {
        let loaded = crate::loaded::builtin().expect("the built-in dataset loads");
        let ds = &loaded.dataset;
        let days: Vec<_> = ds.start.iter_days().take_while(|d| *d <= ds.end).collect();
        // Each day's key beside what it should stand for: every place's shade and rivals.
        type Shades = Vec<Option<(Option<Shade>, FactionSet)>>;
        let mut keys: Vec<(u64, Shades)> = Vec::new();
        for day in &days {
            let cursor = loaded.timeline.at(*day);
            let shades = cursor
                .states
                .iter()
                .map(|s| s.as_ref().map(|s| (shade(s), s.others)))
                .collect();
            keys.push((key(ds, &cursor), shades));
        }
        for (a, b) in keys.iter().zip(&keys[1..]) {
            assert_eq!(a.0 == b.0, a.1 == b.1, "keys and shades disagree");
        }
        assert!(keys.windows(2).any(|w| w[0].0 != w[1].0), "no day changed");
        let mut cursor = loaded.timeline.at(ds.end);
        let before = key(ds, &cursor);
        let held = cursor
            .states
            .iter()
            .position(|s| s.is_some_and(|s| s.holder.is_some() && s.status == Status::Held))
            .expect("a held place");
        let state = cursor.states[held].as_mut().unwrap();
        state.others.insert(FactionId(0));
        assert_ne!(key(ds, &cursor), before, "a rival added");
        let state = cursor.states[held].as_mut().unwrap();
        state.others = FactionSet::default();
        assert_eq!(key(ds, &cursor), before, "back as it was");
        let state = cursor.states[held].as_mut().unwrap();
        state.holder = Some(FactionId(state.holder.unwrap().0 ^ 1));
        assert_ne!(key(ds, &cursor), before, "another holder");
    }
}
