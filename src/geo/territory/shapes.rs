//! Between the crate's [`Region`]s and `geo`'s multipolygons.

use geo::orient::{Direction, Orient};
use geo::{Coord, LineString, MultiPolygon, Polygon as GeoPolygon};

use crate::geo::{Polygon, Region};

/// The union of some regions' polygons as one valid multipolygon (`[lon, lat]`; exteriors
/// counter-clockwise, holes clockwise): regions that touch or overlap are merged.
pub fn multipolygon<'a>(regions: impl IntoIterator<Item = &'a Region>) -> MultiPolygon<f64> {
    let ring = |r: &[[f64; 2]]| {
        let mut pts: Vec<Coord<f64>> = r.iter().map(|p| Coord { x: p[0], y: p[1] }).collect();
        if pts.first() != pts.last()
            && let Some(&first) = pts.first()
        {
            pts.push(first);
        }
        LineString(pts)
    };
    let polys: Vec<GeoPolygon<f64>> = regions
        .into_iter()
        .flat_map(super::super::region::Region::polygons)
        .filter(|p| p.exterior().len() >= 3)
        .map(|p| {
            GeoPolygon::new(
                ring(p.exterior()),
                p.holes().iter().map(|h| ring(h)).collect(),
            )
            .orient(Direction::Default)
        })
        .collect();
    if polys.is_empty() {
        return MultiPolygon(vec![]);
    }
    geo::unary_union(&polys).orient(Direction::Default)
}

/// What `m.orient(Direction::Default)` gives (exteriors counter-clockwise, holes clockwise;
/// a ring of no clear turn left as it is), made in place rather than on a copy of every
/// ring.
pub(crate) fn orient_in_place(m: &mut MultiPolygon<f64>) {
    use geo::Winding;
    for p in &mut m.0 {
        p.exterior_mut(Winding::make_ccw_winding);
        p.interiors_mut(|holes| holes.iter_mut().for_each(Winding::make_cw_winding));
    }
}

/// A multipolygon as a [`Region`] named `name` (for point tests and row filling).
pub fn region_of(name: &str, m: &MultiPolygon<f64>) -> Region {
    let ring = |r: &LineString<f64>| r.0.iter().map(|c| [c.x, c.y]).collect::<Vec<_>>();
    Region::new(
        name,
        m.0.iter()
            .map(|p| Polygon::new(ring(p.exterior()), p.interiors().iter().map(ring).collect()))
            .collect(),
    )
}
