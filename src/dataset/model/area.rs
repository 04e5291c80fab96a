//! What a named area's extent is built from: its divisions, its own polygon, a disc.

use super::Place;

/// A disc on the Earth's surface: what an area's `radius_km` makes of its extent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Radius {
    /// The radius, in km along the surface.
    pub km: f64,
    /// The centre's longitude.
    pub lon: f64,
    /// The centre's latitude.
    pub lat: f64,
}

impl Place {
    /// For an area: what its extent is built from, in words: `divisions SY-DR, SY-SU`, `its
    /// own polygon of 3 points`, `divisions SY-RD within 30 km of 33.510N 36.291E`; `None`
    /// for a place.
    pub fn area_basis(&self) -> Option<String> {
        if !self.is_area() {
            return None;
        }
        let mut parts = Vec::new();
        if !self.divisions.is_empty() {
            parts.push(format!(
                "first-level division{} {}",
                if self.divisions.len() == 1 { "" } else { "s" },
                self.divisions.join(", ")
            ));
        }
        if let Some(ring) = &self.polygon {
            parts.push(format!("its own polygon of {} points", ring.len()));
        }
        let mut basis = parts.join(" and ");
        if let Some(r) = self.radius {
            let disc = format!("within {} km of {:.3}N {:.3}E", r.km, r.lat, r.lon);
            basis = if basis.is_empty() {
                disc
            } else {
                format!("{basis}, {disc}")
            };
        }
        Some(basis)
    }
}
