//! Geography: map area, projection, basemap layers and the territory approximation.
//!
//! Pure functions of numbers: nothing here draws. Positions are always `(lon, lat)` in
//! degrees (WGS84), in that order, as in GeoJSON; `[f64; 2]` vertices are `[lon, lat]` too.
//!
//! - [`MapArea`]: a lon/lat box, the visible map.
//! - [`Projection`]: lon/lat to kilometre-like x/y for a canvas.
//! - [`World`]: the world basemap embedded from `assets/basemap/world.bin` (Natural Earth
//!   countries, land, first-level divisions, lakes, rivers), decoded into a [`Basemap`] only
//!   for the area a map shows and at the detail its scale needs; countries and divisions
//!   looked up by ISO code.
//! - [`Region::contains`] and [`Region::lon_spans`]: point-in-polygon and row filling.
//! - [`approximate`]: who holds the land between the reported places, as polygons per key
//!   (see [`territory`]); [`TerritoryGrid`], the nearest place within a limit, is the baseline.
//! - [`gazetteer`]: GeoNames' populated places of every country, searched by any spelling.

mod basemap;
pub mod gazetteer;
mod projection;
mod region;
pub mod territory;
mod world;

pub(crate) use basemap::Basemap;

pub use basemap::Line;
pub use projection::Projection;
pub(crate) use region::Polygon;
pub use region::Region;
pub(crate) use territory::AreaLand;
pub use territory::Basis;
pub use territory::GridSpec;
pub(crate) use territory::Key;
pub(crate) use territory::METHOD;
pub use territory::Mask;
pub use territory::Params;
pub use territory::PointIndex;
pub use territory::Site;
pub use territory::TerritoryGrid;
pub use territory::approximate;
pub use territory::multipolygon;
pub use territory::nearest_within;
pub(crate) use territory::orient_in_place;
pub use territory::region_of;
pub use world::World;

use serde::{Deserialize, Serialize};

/// Mean Earth radius in km (IUGG), used by [`distance_km`] and [`Projection`].
pub(crate) const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Kilometres per degree of latitude (and of longitude at the equator) on that sphere.
pub const KM_PER_DEGREE: f64 = EARTH_RADIUS_KM * std::f64::consts::PI / 180.0;

/// Errors of the geography layer: a bad map area or a basemap blob that does not read.
#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    /// A map area that is not a finite, non-empty box on the globe.
    #[error("invalid map area: {reason}")]
    InvalidArea {
        /// What is wrong, naming the field and its value.
        reason: String,
    },
    /// A basemap blob that is not what `assets/build-basemap.py` writes.
    #[error("world basemap: {reason}")]
    Blob {
        /// What is wrong, naming the section, chunk or feature.
        reason: String,
    },
}

/// A lon/lat box: the map's visible area, a bounding box, a grid's extent. Bounds inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapArea {
    /// Western edge, degrees east.
    pub min_lon: f64,
    /// Eastern edge, degrees east.
    pub max_lon: f64,
    /// Southern edge, degrees north.
    pub min_lat: f64,
    /// Northern edge, degrees north.
    pub max_lat: f64,
}

impl MapArea {
    /// The default view: Syria with a margin (lon 35..42.5, lat 32..37.5).
    pub const SYRIA: MapArea = MapArea {
        min_lon: 35.0,
        max_lon: 42.5,
        min_lat: 32.0,
        max_lat: 37.5,
    };

    #[cfg(test)]
    /// The whole globe.
    pub(crate) const WORLD: MapArea = MapArea {
        min_lon: -180.0,
        max_lon: 180.0,
        min_lat: -90.0,
        max_lat: 90.0,
    };

    /// A checked area: finite, `min < max`, latitudes within -90..=90, longitudes -180..=180.
    ///
    /// # Errors
    /// [`GeoError::InvalidArea`] naming the first field that is out of range or out of order.
    pub fn new(min_lon: f64, max_lon: f64, min_lat: f64, max_lat: f64) -> Result<Self, GeoError> {
        let area = MapArea {
            min_lon,
            max_lon,
            min_lat,
            max_lat,
        };
        area.validate()?;
        Ok(area)
    }

    /// Checks what [`MapArea::new`] checks, for an area built as a literal or deserialized.
    ///
    /// # Errors
    /// As [`MapArea::new`].
    pub(crate) fn validate(&self) -> Result<(), GeoError> {
        let fields = [
            ("min_lon", self.min_lon, 180.0),
            ("max_lon", self.max_lon, 180.0),
            ("min_lat", self.min_lat, 90.0),
            ("max_lat", self.max_lat, 90.0),
        ];
        for (field, value, limit) in fields {
            if !value.is_finite() || value.abs() > limit {
                let reason = format!("{field} = {value} is outside -{limit}..={limit}");
                return Err(GeoError::InvalidArea { reason });
            }
        }
        for (lo, lo_v, hi, hi_v) in [
            ("min_lon", self.min_lon, "max_lon", self.max_lon),
            ("min_lat", self.min_lat, "max_lat", self.max_lat),
        ] {
            if lo_v >= hi_v {
                let reason = format!("{lo} = {lo_v} is not less than {hi} = {hi_v}");
                return Err(GeoError::InvalidArea { reason });
            }
        }
        Ok(())
    }

    /// Whether `(lon, lat)` lies in the box, edges included. NaN is never inside.
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        lon >= self.min_lon && lon <= self.max_lon && lat >= self.min_lat && lat <= self.max_lat
    }

    /// The middle of the box as `(lon, lat)`.
    pub fn center(&self) -> (f64, f64) {
        (
            (self.min_lon + self.max_lon) / 2.0,
            (self.min_lat + self.max_lat) / 2.0,
        )
    }

    #[cfg(test)]
    /// Whether two boxes share at least one point (for culling shapes outside the view).
    pub(crate) fn intersects(&self, other: &MapArea) -> bool {
        self.min_lon <= other.max_lon
            && other.min_lon <= self.max_lon
            && self.min_lat <= other.max_lat
            && other.min_lat <= self.max_lat
    }

    /// The smallest box holding all `points` (`[lon, lat]`); `None` if there are none.
    pub(crate) fn around<'a>(points: impl IntoIterator<Item = &'a [f64; 2]>) -> Option<MapArea> {
        let mut it = points.into_iter();
        let first = it.next()?;
        let start = MapArea {
            min_lon: first[0],
            max_lon: first[0],
            min_lat: first[1],
            max_lat: first[1],
        };
        Some(it.fold(start, |b, p| MapArea {
            min_lon: b.min_lon.min(p[0]),
            max_lon: b.max_lon.max(p[0]),
            min_lat: b.min_lat.min(p[1]),
            max_lat: b.max_lat.max(p[1]),
        }))
    }
}

/// Great-circle distance in km between two `(lon, lat)` points (haversine, mean radius).
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lon1, lat1) = (a.0.to_radians(), a.1.to_radians());
    let (lon2, lat2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    // Rounding can push h a hair above 1 for antipodal points; asin would give NaN.
    2.0 * EARTH_RADIUS_KM * h.clamp(0.0, 1.0).sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_validation_names_the_field() {
        assert!(MapArea::new(35.0, 42.5, 32.0, 37.5).is_ok());
        let swapped = MapArea::new(42.5, 35.0, 32.0, 37.5)
            .unwrap_err()
            .to_string();
        assert_eq!(
            swapped,
            "invalid map area: min_lon = 42.5 is not less than max_lon = 35"
        );
        let nan = MapArea::new(35.0, 42.5, f64::NAN, 37.5)
            .unwrap_err()
            .to_string();
        assert!(nan.contains("min_lat = NaN"), "{nan}");
        assert!(MapArea::new(35.0, 42.5, 32.0, 95.0).is_err());
        assert!(MapArea::SYRIA.validate().is_ok() && MapArea::WORLD.validate().is_ok());
    }

    #[test]
    fn area_contains_edges_but_not_nan() {
        let a = MapArea::SYRIA;
        assert!(a.contains(35.0, 32.0) && a.contains(42.5, 37.5));
        assert!(!a.contains(34.99, 33.0) && !a.contains(f64::NAN, 33.0));
        assert_eq!(a.center(), (38.75, 34.75));
        assert!(a.intersects(&MapArea::WORLD));
    }

    #[test]
    fn around_is_the_bounding_box() {
        let b = MapArea::around(&[[36.0, 33.0], [37.0, 32.0], [35.5, 34.0]]).unwrap();
        assert_eq!(
            b,
            MapArea {
                min_lon: 35.5,
                max_lon: 37.0,
                min_lat: 32.0,
                max_lat: 34.0
            }
        );
        assert!(MapArea::around(&[]).is_none());
    }

    #[test]
    fn distance_basics() {
        assert_eq!(distance_km((36.0, 33.0), (36.0, 33.0)), 0.0);
        let one_degree = distance_km((36.0, 33.0), (36.0, 34.0));
        assert!((one_degree - KM_PER_DEGREE).abs() < 1e-9, "{one_degree}");
        let antipode = distance_km((0.0, 0.0), (180.0, 0.0));
        assert!((antipode - EARTH_RADIUS_KM * std::f64::consts::PI).abs() < 1e-6);
    }
}
