//! Who gave the places' coordinates, in the words pictures and reports credit them with.

use crate::dataset::Dataset;

/// Licences of the gazetteers datasets commonly take coordinates from, by the word a place's
/// `coords` starts with (compared ignoring case).
const GAZETTEER_LICENCES: [(&str, &str); 5] = [
    ("GeoNames", "GeoNames (CC BY 4.0)"),
    ("OpenStreetMap", "OpenStreetMap contributors (ODbL)"),
    ("OSM", "OpenStreetMap contributors (ODbL)"),
    ("Wikidata", "Wikidata (CC0)"),
    ("airportsdata", "airportsdata (MIT)"),
];

/// Who gave the places' coordinates, from what the dataset says of each place: `Place
/// coordinates: GeoNames (CC BY 4.0) for 16 places; airportsdata (MIT) for 1.`
pub(crate) fn coordinate_credits(ds: &Dataset) -> String {
    let parts: Vec<String> = ds
        .coordinate_sources()
        .iter()
        .enumerate()
        .map(|(i, (word, n))| {
            let name = GAZETTEER_LICENCES
                .iter()
                .find(|(w, _)| w.eq_ignore_ascii_case(word))
                .map_or(word.as_str(), |(_, credit)| credit);
            let places = if i == 0 && *n != 1 {
                " places"
            } else if i == 0 {
                " place"
            } else {
                ""
            };
            format!("{name} for {n}{places}")
        })
        .collect();
    if parts.is_empty() {
        return "Place coordinates: none (the dataset has no places).".to_string();
    }
    format!("Place coordinates: {}.", parts.join("; "))
}
