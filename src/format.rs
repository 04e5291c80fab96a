//! The formats frontline writes: their names, file extensions and which ones draw the map.
//!
//! A leaf of its own because two layers need the list: the screen, where a user picks one
//! (`x`), and the export, which writes it.

use clap::ValueEnum;

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum)]
pub enum Format {
    /// A map picture (vector).
    Svg,
    /// A map picture (raster), rendered from the SVG.
    Png,
    /// RFC 7946 FeatureCollection: one Point per place with its state and quotes.
    Geojson,
    /// The state table as a JSON array (as `frontline state --format json`).
    Json,
    /// The state table as CSV (as `frontline state --format csv`).
    Csv,
    /// The terminal map as plain text, plus the state table.
    Txt,
    /// A one-page Markdown report: state, changes and every supporting quote.
    Md,
    /// The map animated over a range of days (GIF, 256 colours shared by every frame).
    Gif,
    /// The map animated over a range of days (APNG, full colour).
    Apng,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Format; 9] = [
        Format::Svg,
        Format::Png,
        Format::Geojson,
        Format::Json,
        Format::Csv,
        Format::Txt,
        Format::Md,
        Format::Gif,
        Format::Apng,
    ];

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Geojson => "geojson",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Gif => "gif",
            Format::Apng => "apng",
        }
    }

    /// True for the formats that draw one day's map as a picture (and so take a view, a
    /// size and a day to compare with).
    pub(crate) fn is_picture(self) -> bool {
        matches!(self, Format::Svg | Format::Png)
    }

    /// True for the formats that animate the map over a range of days.
    pub fn is_animation(self) -> bool {
        matches!(self, Format::Gif | Format::Apng)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_its_own_extension() {
        let mut exts: Vec<&str> = Format::ALL.iter().map(|f| f.extension()).collect();
        exts.sort_unstable();
        exts.dedup();
        assert_eq!(exts.len(), Format::ALL.len());
        for f in Format::ALL {
            let name = f.to_possible_value().unwrap().get_name().to_string();
            assert_eq!(name, f.extension(), "the CLI name is the extension");
        }
    }
}
