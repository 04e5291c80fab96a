//! The map screen without a terminal: [`app::App`] (state, [`app::Action`], `update`), the one
//! key table, the layout, the theme, what is derived from the state ([`derived::Derived`]:
//! territories, grids, the comparison, the panels' extents) and the rendering of both into a
//! ratatui buffer.
//!
//! The interactive loop ([`crate::tui`]) and the text export both draw through
//! [`render::render`], so neither needs the other.

pub mod app;
pub mod derived;
pub mod keys;
pub mod layout;
pub mod palette;
pub mod render;
pub mod theme;
pub mod timescale;
