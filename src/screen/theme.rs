//! Colours and text styles. Under `NO_COLOR` no colour is set at all (crossterm's reset on
//! every colour change would also wipe bold and reverse; see PITFALLS.md): selection is
//! reverse video, changes are bold and underlined, and factions are told apart by glyph.

use ratatui::style::{Color, Modifier, Style};

use crate::dataset::Rgb;

/// The styles the renderers use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// False under `NO_COLOR`.
    pub color: bool,
}

impl Theme {
    /// The theme for the environment: monochrome if `NO_COLOR` is set and not empty.
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    /// True if territory can be shaded: shading is a background colour.
    pub fn shades(self) -> bool {
        self.color
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    /// A faction's marker.
    pub fn faction(self, rgb: Rgb) -> Style {
        self.fg(Color::Rgb(rgb.0, rgb.1, rgb.2))
            .add_modifier(Modifier::BOLD)
    }

    /// Background of territory held by a faction: its colour, darkened so text stays legible.
    pub fn tint(self, rgb: Rgb) -> Option<Color> {
        let dark = |v: u8| (f64::from(v) * 0.33) as u8;
        self.color
            .then(|| Color::Rgb(dark(rgb.0), dark(rgb.1), dark(rgb.2)))
    }

    /// Country borders.
    pub fn border_line(self) -> Color {
        if self.color {
            Color::Gray
        } else {
            Color::Reset
        }
    }

    /// Governorate boundaries, drawn faintly.
    pub fn admin_line(self) -> Color {
        if self.color {
            Color::Rgb(90, 90, 90)
        } else {
            Color::Reset
        }
    }

    /// Coastline.
    pub fn coast_line(self) -> Color {
        if self.color {
            Color::Rgb(120, 160, 200)
        } else {
            Color::Reset
        }
    }

    /// Rivers.
    pub fn river_line(self) -> Color {
        if self.color {
            Color::Rgb(70, 130, 200)
        } else {
            Color::Reset
        }
    }

    /// Panel borders.
    pub fn frame(self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// Secondary text.
    pub fn dim(self) -> Style {
        if self.color {
            Style::default().fg(Color::Gray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }

    /// Headings.
    pub fn heading(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    /// The selected place and the shown day.
    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// Places whose state changed on the shown day.
    pub fn changed(self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Warnings: reports disagree, a denial.
    pub fn warn(self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    /// Quotes from the reports.
    pub fn quote(self) -> Style {
        self.fg(Color::White).add_modifier(Modifier::ITALIC)
    }

    /// Country names on the map.
    pub fn country_label(self) -> Style {
        self.fg(Color::DarkGray).add_modifier(Modifier::ITALIC)
    }
}
