//! Colours and text styles, over a [`Palette`] made for the terminal's colour depth. Without
//! colour (`NO_COLOR`, `--color never`) no colour is set at all (crossterm's reset on every
//! colour change would also wipe bold and reverse; see PITFALLS.md): selection is reverse
//! video, changes are bold and underlined, and factions are told apart by glyph.

use ratatui::style::{Color, Modifier, Style};

use ratatui::text::{Line, Span};

use super::palette::{LabelRole, Palette};
use crate::dataset::Rgb;
use crate::view::panel::{Ink, PanelLine};

/// The styles the renderers use.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme<'a> {
    palette: &'a Palette,
}

impl<'a> Theme<'a> {
    /// The theme over a palette.
    pub(crate) fn new(palette: &'a Palette) -> Theme<'a> {
        Theme { palette }
    }

    /// False without colour.
    pub(crate) fn color(self) -> bool {
        self.palette.color()
    }

    /// True if territory can be shaded: shading is a background colour.
    pub(crate) fn shades(self) -> bool {
        self.color()
    }

    /// The palette under the theme.
    pub(crate) fn palette(self) -> &'a Palette {
        self.palette
    }

    fn fg(self, c: Color) -> Style {
        if self.color() {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    fn line_color(self, c: Color) -> Color {
        if self.color() { c } else { Color::Reset }
    }

    /// A faction's marker.
    pub(crate) fn faction(self, rgb: Rgb) -> Style {
        self.fg(self.palette.faction(rgb))
            .add_modifier(Modifier::BOLD)
    }

    /// Background of territory held by a faction: its colour, darkened so labels stay legible.
    pub fn tint(self, rgb: Rgb) -> Option<Color> {
        self.palette.tint(rgb)
    }

    /// The stripes of unsettled land; `None` without colour.
    pub(crate) fn unsettled(self) -> Option<Color> {
        self.palette.unsettled()
    }

    /// The dots of land with no reports; `None` without colour.
    pub(crate) fn no_reports(self) -> Option<Color> {
        self.palette.no_reports()
    }

    /// The colour of a label over a cell with background `bg`: one with enough contrast on a
    /// tint; `None` on an unshaded cell (the terminal's own colours, or the role's colour).
    pub(crate) fn label(self, role: LabelRole, bg: Color) -> Option<Color> {
        self.palette.label(role, bg)
    }

    /// Country borders.
    pub(crate) fn border_line(self) -> Color {
        self.line_color(Color::Gray)
    }

    /// Governorate boundaries, drawn faintly.
    pub(crate) fn admin_line(self) -> Color {
        self.line_color(self.palette.lines()[0])
    }

    /// Coastline.
    pub(crate) fn coast_line(self) -> Color {
        self.line_color(self.palette.lines()[1])
    }

    /// Rivers.
    pub(crate) fn river_line(self) -> Color {
        self.line_color(self.palette.lines()[2])
    }

    /// Panel borders.
    pub(crate) fn frame(self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// Secondary text.
    pub(crate) fn dim(self) -> Style {
        if self.color() {
            Style::default().fg(Color::Gray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }

    /// Headings.
    pub(crate) fn heading(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    /// The selected place and the shown day.
    pub(crate) fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// Places whose state changed on the shown day.
    pub(crate) fn changed(self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Warnings: reports disagree, a denial.
    pub(crate) fn warn(self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    /// Quotes from the reports.
    pub(crate) fn quote(self) -> Style {
        self.fg(Color::White).add_modifier(Modifier::ITALIC)
    }

    /// Country names on the map.
    pub(crate) fn country_label(self) -> Style {
        self.fg(Color::DarkGray).add_modifier(Modifier::ITALIC)
    }

    /// How a piece of panel text looks.
    pub(crate) fn ink(self, ink: Ink) -> Style {
        match ink {
            Ink::Plain => Style::default(),
            Ink::Dim => self.dim(),
            Ink::Heading => self.heading(),
            Ink::Quote => self.quote(),
            Ink::Warn => self.warn(),
            Ink::Changed => self.changed(),
            Ink::Faction { color, shown } => {
                let style = color.map_or(self.dim(), |c| self.faction(c));
                if shown {
                    style.patch(self.selected())
                } else {
                    style
                }
            }
        }
    }

    /// A panel line as ratatui draws it.
    pub(crate) fn line(self, pieces: &PanelLine) -> Line<'static> {
        Line::from(
            pieces
                .iter()
                .map(|p| Span::styled(p.text.clone(), self.ink(p.ink)))
                .collect::<Vec<_>>(),
        )
    }
}
