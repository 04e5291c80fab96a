//! The approximation's plane ([`Plane`]), and mapping a shape's coordinates into it and out.

use geo::{Coord, LineString, MultiPolygon, Polygon as GeoPolygon};

use crate::geo::{EARTH_RADIUS_KM, MapArea};

/// Every coordinate of a multipolygon mapped by `f`.
pub fn map_coords(
    m: &MultiPolygon<f64>,
    f: impl Fn(Coord<f64>) -> Coord<f64>,
) -> MultiPolygon<f64> {
    let map_ring = |r: &LineString<f64>| LineString(r.0.iter().map(|c| f(*c)).collect());
    MultiPolygon(
        m.0.iter()
            .map(|p| {
                GeoPolygon::new(
                    map_ring(p.exterior()),
                    p.interiors().iter().map(map_ring).collect(),
                )
            })
            .collect(),
    )
}

/// The plane the territory is computed in: azimuthal equidistant around the centre of the
/// map area, in km. Distances from the centre are true, and any distance within 1,000 km of
/// it is true within 0.5% (the scale across the lines from the centre grows as
/// `(d / R) / sin(d / R)`), at any latitude: unlike the map's equirectangular projection,
/// whose east-west scale is off by 7% two degrees from the centre at 65° N. So the reach of a
/// place is about the same number of km on the ground wherever the place is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plane {
    lon0: f64,
    sin_lat0: f64,
    cos_lat0: f64,
}

impl Plane {
    /// The plane around the centre of `area`.
    pub fn new(area: MapArea) -> Plane {
        let (lon0, lat0) = area.center();
        let (sin_lat0, cos_lat0) = lat0.to_radians().sin_cos();
        Plane {
            lon0,
            sin_lat0,
            cos_lat0,
        }
    }

    /// `(x, y)` in km east and north of the centre, along the great circles through it.
    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (sin_lat, cos_lat) = lat.to_radians().sin_cos();
        let (sin_dl, cos_dl) = (lon - self.lon0).to_radians().sin_cos();
        let cos_c = (self.sin_lat0 * sin_lat + self.cos_lat0 * cos_lat * cos_dl).clamp(-1.0, 1.0);
        let c = cos_c.acos();
        let k = if c < 1e-12 { 1.0 } else { c / c.sin() };
        let x = EARTH_RADIUS_KM * k * cos_lat * sin_dl;
        let y = EARTH_RADIUS_KM * k * (self.cos_lat0 * sin_lat - self.sin_lat0 * cos_lat * cos_dl);
        (x, y)
    }

    #[cfg(test)]
    /// The inverse of [`Plane::project`]: `(lon, lat)` of a point `(x, y)`.
    pub(crate) fn unproject(&self, x: f64, y: f64) -> (f64, f64) {
        let rho = x.hypot(y);
        if rho < 1e-12 {
            return (self.lon0, self.sin_lat0.atan2(self.cos_lat0).to_degrees());
        }
        let c = rho / EARTH_RADIUS_KM;
        let (sin_c, cos_c) = c.sin_cos();
        let lat = (cos_c * self.sin_lat0 + y * sin_c * self.cos_lat0 / rho)
            .clamp(-1.0, 1.0)
            .asin();
        let dl = (x * sin_c).atan2(rho * self.cos_lat0 * cos_c - y * self.sin_lat0 * sin_c);
        // A map area never crosses ±180°: a hair beyond it is rounding, farther is the other side.
        let lon = self.lon0 + dl.to_degrees();
        let lon = if lon.abs() <= 180.0 + 1e-6 {
            lon.clamp(-180.0, 180.0)
        } else {
            (lon + 180.0).rem_euclid(360.0) - 180.0
        };
        (lon, lat.to_degrees())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::distance_km;

    #[test]
    fn distances_in_the_plane_are_true_on_the_ground() {
        for (lon0, lat0) in [(38.0, 35.0), (172.0, 66.0), (-60.0, -80.0), (0.0, 0.0)] {
            let area = MapArea::new(lon0 - 6.0, lon0 + 6.0, lat0 - 6.0, lat0 + 6.0).unwrap();
            let plane = Plane::new(area);
            let (cx, cy) = plane.project(lon0, lat0);
            assert!(cx.abs() < 1e-6 && cy.abs() < 1e-6);
            for (dlon, dlat) in [(3.0, 2.0), (-5.0, 4.5), (4.0, -5.5), (0.5, 0.5)] {
                let (a, b) = (
                    (lon0 + dlon, lat0 + dlat),
                    (lon0 + dlon + 0.5, lat0 + dlat - 0.4),
                );
                let (pa, pb) = (plane.project(a.0, a.1), plane.project(b.0, b.1));
                let flat = (pa.0 - pb.0).hypot(pa.1 - pb.1);
                let true_km = distance_km(a, b);
                assert!(
                    (flat - true_km).abs() / true_km < 0.005,
                    "{a:?}-{b:?}: {flat} vs {true_km}"
                );
                let back = plane.unproject(pa.0, pa.1);
                assert!(
                    (back.0 - a.0).abs() < 1e-9 && (back.1 - a.1).abs() < 1e-9,
                    "{back:?}"
                );
            }
        }
    }
}
