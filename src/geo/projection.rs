//! Equirectangular projection centred on the map area.

use super::{KM_PER_DEGREE, MapArea};

/// Lon/lat to x/y in kilometres from the area's centre: x east, y north.
///
/// Equirectangular with x scaled by cos(centre latitude), so distances near the centre are
/// true and east-west distances at the area's top and bottom edges are off by a few percent
/// (about 4% at ±2.75° from 34.75° N). Both axes are linear in degrees: a uniform lon/lat
/// grid stays uniform in x/y. A renderer adds the terminal cell aspect on top of this.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    area: MapArea,
    lon0: f64,
    lat0: f64,
    /// Kilometres per degree of longitude at the centre latitude.
    kx: f64,
}

impl Projection {
    /// The projection for `area`, centred on [`MapArea::center`].
    pub fn new(area: MapArea) -> Self {
        let (lon0, lat0) = area.center();
        let kx = KM_PER_DEGREE * lat0.to_radians().cos();
        Projection {
            area,
            lon0,
            lat0,
            kx,
        }
    }

    /// The area this projection was built for.
    pub fn area(&self) -> MapArea {
        self.area
    }

    /// `(x, y)` in km east and north of the centre of the area.
    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            (lon - self.lon0) * self.kx,
            (lat - self.lat0) * KM_PER_DEGREE,
        )
    }

    /// The inverse of [`Projection::project`]: `(lon, lat)` of a point `(x, y)`.
    pub fn unproject(&self, x: f64, y: f64) -> (f64, f64) {
        (self.lon0 + x / self.kx, self.lat0 + y / KM_PER_DEGREE)
    }

    /// The area's extent as `([x_min, x_max], [y_min, y_max])`, ready for canvas bounds.
    pub fn bounds(&self) -> ([f64; 2], [f64; 2]) {
        let (x0, y0) = self.project(self.area.min_lon, self.area.min_lat);
        let (x1, y1) = self.project(self.area.max_lon, self.area.max_lat);
        ([x0, x1], [y0, y1])
    }

    /// Width and height of the area in km: the aspect ratio the map should keep.
    pub(crate) fn size_km(&self) -> (f64, f64) {
        let ([x0, x1], [y0, y1]) = self.bounds();
        (x1 - x0, y1 - y0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centre_maps_to_origin_and_north_is_up() {
        let p = Projection::new(MapArea::SYRIA);
        assert_eq!(p.project(38.75, 34.75), (0.0, 0.0));
        let (x, y) = p.project(39.0, 35.0);
        assert!(x > 0.0 && y > 0.0);
        let ([x0, x1], [y0, y1]) = p.bounds();
        assert!(x0 < 0.0 && x1 > 0.0 && y0 < 0.0 && y1 > 0.0);
        assert!((x0 + x1).abs() < 1e-9 && (y0 + y1).abs() < 1e-9);
    }

    #[test]
    fn one_degree_of_latitude_is_about_111_km() {
        let p = Projection::new(MapArea::SYRIA);
        let (_, y0) = p.project(38.0, 34.0);
        let (_, y1) = p.project(38.0, 35.0);
        assert!((y1 - y0 - 111.195).abs() < 0.01);
        let (w, h) = p.size_km();
        // 7.5 degrees of longitude at 34.75 N, 5.5 degrees of latitude.
        assert!((w - 685.3).abs() < 1.0, "{w}");
        assert!((h - 611.6).abs() < 1.0, "{h}");
    }
}
