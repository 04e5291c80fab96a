//! The basemap layers: parsed from the GeoJSON in `assets/basemap`, embedded in the binary.

use std::sync::OnceLock;

use serde::Deserialize;

use super::{GeoError, Polygon, Region};

/// A named polyline in lon/lat (a river, or one stretch of it).
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The river's name (`Euphrates`, `Tigris`, `Jordan`).
    pub name: String,
    /// Vertices, `[lon, lat]`.
    pub points: Vec<[f64; 2]>,
}

/// The geography drawn under the places: all layers in lon/lat, clipped to
/// [`MapArea::ASSET_BOX`](super::MapArea::ASSET_BOX).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Basemap {
    /// Countries touching the box, with Natural Earth's names (`Syria`, `Turkey`, ...).
    pub countries: Vec<Region>,
    /// Land polygons: their outlines are the coastline.
    pub land: Vec<Region>,
    /// Syria's 14 governorates and the UNDOF zone, with ISO codes and label points.
    pub governorates: Vec<Region>,
    /// Euphrates, Tigris and Jordan, possibly in several stretches each.
    pub rivers: Vec<Line>,
}

/// The GeoJSON text of each layer, for [`Basemap::from_geojson_strs`].
#[derive(Clone, Copy, Debug)]
pub struct BasemapSources<'a> {
    /// FeatureCollection of Polygon/MultiPolygon features with a `name`.
    pub countries: &'a str,
    /// FeatureCollection of Polygon/MultiPolygon features.
    pub land: &'a str,
    /// FeatureCollection of Polygon/MultiPolygon features with `name`, `iso`, `label`.
    pub governorates: &'a str,
    /// FeatureCollection of LineString/MultiLineString features with a `name`.
    pub rivers: &'a str,
}

impl BasemapSources<'static> {
    /// The layers in `assets/basemap`, built by `assets/build-basemap.py`.
    pub const BUILTIN: BasemapSources<'static> = BasemapSources {
        countries: include_str!("../../assets/basemap/countries.geojson"),
        land: include_str!("../../assets/basemap/land.geojson"),
        governorates: include_str!("../../assets/basemap/governorates.geojson"),
        rivers: include_str!("../../assets/basemap/rivers.geojson"),
    };
}

static BUILTIN: OnceLock<Result<Basemap, GeoError>> = OnceLock::new();
static EMPTY: Basemap = Basemap {
    countries: Vec::new(),
    land: Vec::new(),
    governorates: Vec::new(),
    rivers: Vec::new(),
};

impl Basemap {
    /// Parses the four layers.
    ///
    /// # Errors
    /// [`GeoError::Json`] with the layer and the line and column for text that is not the
    /// expected GeoJSON; [`GeoError::Feature`] for a geometry of the wrong kind, a ring that is
    /// not closed or has fewer than 4 points, or a position off the globe.
    pub fn from_geojson_strs(sources: BasemapSources<'_>) -> Result<Basemap, GeoError> {
        Ok(Basemap {
            countries: regions("countries", sources.countries)?,
            land: regions("land", sources.land)?,
            governorates: regions("governorates", sources.governorates)?,
            rivers: lines("rivers", sources.rivers)?,
        })
    }

    /// The embedded basemap, parsed on first use (a few milliseconds) and kept.
    ///
    /// # Errors
    /// The parse error of [`Basemap::from_geojson_strs`], kept for every later call.
    pub fn try_builtin() -> Result<&'static Basemap, &'static GeoError> {
        BUILTIN
            .get_or_init(|| Basemap::from_geojson_strs(BasemapSources::BUILTIN))
            .as_ref()
    }

    /// The embedded basemap, or an empty one if it failed to parse.
    ///
    /// The assets are fixed at compile time and a test parses them, so a tested build never
    /// sees the empty case; it exists so that drawing code need not handle an error that
    /// cannot happen, and so that a broken asset shows a blank map rather than a panic.
    pub fn builtin() -> &'static Basemap {
        Basemap::try_builtin().unwrap_or(&EMPTY)
    }

    /// Who to credit for the basemap, named once here for every picture and report.
    pub const CREDIT: &'static str = "Basemap: Natural Earth (public domain)";

    /// Whether any of the basemap's countries reaches into `area`: a picture of an area the
    /// basemap does not cover draws no geography and credits none.
    pub fn covers(&self, area: &super::MapArea) -> bool {
        self.countries
            .iter()
            .any(|c| c.bbox().is_some_and(|b| b.intersects(area)))
    }

    /// The country with this Natural Earth name (`"Syria"`), if it touches the box.
    pub fn country(&self, name: &str) -> Option<&Region> {
        self.countries.iter().find(|r| r.name == name)
    }

    /// The governorate with this ISO code (`"SY-DI"`) or English name (`"Damascus"`).
    pub fn governorate(&self, iso_or_name: &str) -> Option<&Region> {
        self.governorates
            .iter()
            .find(|r| r.iso.as_deref() == Some(iso_or_name) || r.name == iso_or_name)
    }
}

#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    #[serde(default)]
    properties: Option<Properties>,
    geometry: Geometry,
}

#[derive(Deserialize, Default)]
struct Properties {
    name: Option<String>,
    iso: Option<String>,
    label: Option<[f64; 2]>,
}

type Ring = Vec<[f64; 2]>;

#[derive(Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum Geometry {
    Polygon(Vec<Ring>),
    MultiPolygon(Vec<Vec<Ring>>),
    LineString(Ring),
    MultiLineString(Vec<Ring>),
}

fn parse(layer: &'static str, text: &str) -> Result<Vec<(Properties, Geometry)>, GeoError> {
    let collection: Collection =
        serde_json::from_str(text).map_err(|source| GeoError::Json { layer, source })?;
    Ok(collection
        .features
        .into_iter()
        .map(|f| (f.properties.unwrap_or_default(), f.geometry))
        .collect())
}

fn regions(layer: &'static str, text: &str) -> Result<Vec<Region>, GeoError> {
    let mut out = Vec::new();
    for (index, (props, geometry)) in parse(layer, text)?.into_iter().enumerate() {
        let name = props.name.unwrap_or_else(|| layer.to_string());
        let fail = |reason: String| GeoError::Feature {
            layer,
            index,
            name: name.clone(),
            reason,
        };
        let polygons = match geometry {
            Geometry::Polygon(rings) => vec![rings],
            Geometry::MultiPolygon(polygons) => polygons,
            Geometry::LineString(_) | Geometry::MultiLineString(_) => {
                return Err(fail(
                    "expected a Polygon or MultiPolygon, found a line".to_string(),
                ));
            }
        };
        let mut parsed = Vec::with_capacity(polygons.len());
        for rings in polygons {
            let mut rings = rings.into_iter();
            let Some(exterior) = rings.next() else {
                return Err(fail("a polygon without rings".to_string()));
            };
            let holes: Vec<Ring> = rings.collect();
            for ring in std::iter::once(&exterior).chain(&holes) {
                check_ring(ring).map_err(fail)?;
            }
            parsed.push(Polygon::new(exterior, holes));
        }
        if let Some(label) = props.label {
            check_points(&[label]).map_err(|r| fail(format!("label: {r}")))?;
        }
        let mut region = Region::new(name, parsed);
        region.iso = props.iso;
        region.label = props.label;
        out.push(region);
    }
    Ok(out)
}

fn lines(layer: &'static str, text: &str) -> Result<Vec<Line>, GeoError> {
    let mut out = Vec::new();
    for (index, (props, geometry)) in parse(layer, text)?.into_iter().enumerate() {
        let name = props.name.unwrap_or_else(|| layer.to_string());
        let fail = |reason: String| GeoError::Feature {
            layer,
            index,
            name: name.clone(),
            reason,
        };
        let parts = match geometry {
            Geometry::LineString(points) => vec![points],
            Geometry::MultiLineString(parts) => parts,
            Geometry::Polygon(_) | Geometry::MultiPolygon(_) => {
                return Err(fail(
                    "expected a LineString or MultiLineString, found a polygon".to_string(),
                ));
            }
        };
        for points in parts {
            if points.len() < 2 {
                return Err(fail(format!("a line with {} point(s)", points.len())));
            }
            check_points(&points).map_err(fail)?;
            out.push(Line {
                name: name.clone(),
                points,
            });
        }
    }
    Ok(out)
}

/// A closed ring of at least 4 positions on the globe, as RFC 7946 asks.
fn check_ring(ring: &[[f64; 2]]) -> Result<(), String> {
    if ring.len() < 4 {
        return Err(format!(
            "a ring with {} points (at least 4 needed)",
            ring.len()
        ));
    }
    if ring.first() != ring.last() {
        return Err("a ring that does not end where it starts".to_string());
    }
    check_points(ring)
}

fn check_points(points: &[[f64; 2]]) -> Result<(), String> {
    match points
        .iter()
        .find(|[lon, lat]| !(lon.abs() <= 180.0 && lat.abs() <= 90.0))
    {
        Some([lon, lat]) => Err(format!(
            "position [{lon}, {lat}] is not [lon, lat] on the globe"
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &str = r#"{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Sq","iso":"XX-1","label":[0.5,0.5]},
 "geometry":{"coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]],"type":"Polygon"}}]}"#;
    const RIVER: &str = r#"{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"R"},"geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]}}]}"#;

    fn sources<'a>(countries: &'a str, rivers: &'a str) -> BasemapSources<'a> {
        BasemapSources {
            countries,
            land: SQUARE,
            governorates: SQUARE,
            rivers,
        }
    }

    #[test]
    fn parses_small_layers() {
        let b = Basemap::from_geojson_strs(sources(SQUARE, RIVER)).unwrap();
        let sq = b.country("Sq").unwrap();
        assert_eq!(
            (sq.iso.as_deref(), sq.label),
            (Some("XX-1"), Some([0.5, 0.5]))
        );
        assert!(sq.contains(0.5, 0.5) && !sq.contains(1.5, 0.5));
        assert_eq!(b.governorate("XX-1").map(|r| r.name.as_str()), Some("Sq"));
        assert_eq!(b.rivers.len(), 2);
        assert!(b.country("Nowhere").is_none());
    }

    #[test]
    fn errors_name_layer_and_feature() {
        let open_ring = SQUARE.replace("[0,1],[0,0]]", "[0,1]]");
        let e = Basemap::from_geojson_strs(sources(&open_ring, RIVER))
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "basemap layer countries, feature 0 (Sq): a ring that does not end where it starts"
        );

        let swapped = SQUARE.replace("[1,1]", "[1,100]");
        let e = Basemap::from_geojson_strs(sources(&swapped, RIVER))
            .unwrap_err()
            .to_string();
        assert!(
            e.ends_with("position [1, 100] is not [lon, lat] on the globe"),
            "{e}"
        );

        let e = Basemap::from_geojson_strs(sources(RIVER, RIVER))
            .unwrap_err()
            .to_string();
        assert!(e.contains("expected a Polygon or MultiPolygon"), "{e}");

        let e = Basemap::from_geojson_strs(sources(SQUARE, "{"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("basemap layer rivers: EOF while parsing"),
            "{e}"
        );
    }

    #[test]
    fn builtin_parses() {
        let b = Basemap::try_builtin().unwrap();
        assert!(b.country("Syria").is_some());
        assert_eq!(Basemap::builtin() as *const Basemap, b as *const Basemap);
    }
}
