//! The part of the world basemap a map needs, decoded: polygons for filling and
//! point-in-polygon tests, lines for drawing. Made by [`World::part`](super::World::part).

use super::{MapArea, Region};

/// A polyline in lon/lat: a stretch of border, coast, division boundary, lake shore or river.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Vertices, `[lon, lat]`.
    pub points: Vec<[f64; 2]>,
    /// For a division boundary: the ISO 3166-1 alpha-2 code of the country it divides.
    pub country: Option<String>,
}

/// The geography drawn under the places, for one map area at one level of detail.
///
/// Every feature reaching into [`Basemap::area`] is here. Inside the area the geometry is the
/// level's; outside it, a feature's outline may be cut short to straight lines that stay
/// outside the area, so fills and point-in-polygon tests are exact only inside it.
///
/// Lines are drawn once each: a border between two countries is one line in
/// [`Basemap::borders`], not one per country; likewise for division boundaries. (The
/// divisions' own polygons are not drawn, so a part leaves them out: see
/// [`World::divisions`](super::World::divisions) and [`World::division`](super::World::division).)
#[derive(Clone, Debug, PartialEq)]
pub struct Basemap {
    /// The area this part was decoded for.
    pub area: MapArea,
    /// Its level of detail (0 = full 1:10m detail).
    pub level: usize,
    /// Countries (admin-0), with Natural Earth's names (`Syria`, `S. Sudan`) and, in
    /// [`Region::iso`], their ISO 3166-1 alpha-2 code where they have one (`SY`, `SS`).
    pub countries: Vec<Region>,
    /// Land polygons: their outlines are the coastline.
    pub land: Vec<Region>,
    /// Major lakes (1:50m).
    pub lakes: Vec<Region>,
    /// Land borders between countries.
    pub borders: Vec<Line>,
    /// Coastlines (including islands).
    pub coast: Vec<Line>,
    /// Boundaries between two divisions of one country (not the country's own outline).
    pub division_lines: Vec<Line>,
    /// Lake shores.
    pub lake_shores: Vec<Line>,
    /// Major rivers and lake centre lines (1:50m).
    pub rivers: Vec<Line>,
}

impl Basemap {
    /// Who to credit for the basemap, named once here for every picture and report.
    pub(crate) const CREDIT: &'static str = "Basemap: Natural Earth (public domain)";

    /// A basemap of `area` with nothing in it.
    pub(crate) fn empty(area: MapArea) -> Self {
        Basemap {
            area,
            level: 0,
            countries: Vec::new(),
            land: Vec::new(),
            lakes: Vec::new(),
            borders: Vec::new(),
            coast: Vec::new(),
            division_lines: Vec::new(),
            lake_shores: Vec::new(),
            rivers: Vec::new(),
        }
    }

    /// Whether the basemap draws anything in `area`: a line passing through it, or land under
    /// its centre. A picture of open sea credits no geography.
    pub fn covers(&self, area: &MapArea) -> bool {
        let lines = [&self.borders, &self.coast, &self.division_lines];
        let crosses = lines
            .iter()
            .flat_map(|l| l.iter())
            .flat_map(|l| &l.points)
            .any(|p| area.contains(p[0], p[1]));
        let (lon, lat) = area.center();
        crosses || self.land.iter().any(|r| r.contains(lon, lat))
    }

    /// The country with this ISO 3166-1 alpha-2 code (`"SY"`) or Natural Earth name
    /// (`"Syria"`), if it reaches into the area.
    pub fn country(&self, code_or_name: &str) -> Option<&Region> {
        self.countries
            .iter()
            .find(|r| r.iso.as_deref() == Some(code_or_name))
            .or_else(|| self.countries.iter().find(|r| r.name == code_or_name))
    }

    /// The countries of a theatre (codes or names, as [`Basemap::country`] takes them) that
    /// reach into the area.
    pub(crate) fn theatre<'b>(
        &'b self,
        theatre: &'b [String],
    ) -> impl Iterator<Item = &'b Region> + 'b {
        self.countries.iter().filter(|r| {
            theatre
                .iter()
                .any(|t| r.iso.as_deref() == Some(t.as_str()) || r.name == *t)
        })
    }

    /// The division boundaries inside the theatre's countries: a map draws those, and leaves
    /// the provinces of the neighbours out.
    pub(crate) fn theatre_division_lines<'b>(
        &'b self,
        theatre: &'b [String],
    ) -> impl Iterator<Item = &'b Line> + 'b {
        let codes: Vec<&str> = self
            .theatre(theatre)
            .filter_map(|r| r.iso.as_deref())
            .collect();
        self.division_lines
            .iter()
            .filter(move |l| l.country.as_deref().is_some_and(|c| codes.contains(&c)))
    }
}
