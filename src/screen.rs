//! The map screen without a terminal: [`app::App`] (state, [`app::Action`], `update`), the one
//! key table, the layout, the theme, and the rendering of an `App` into a ratatui buffer.
//!
//! The interactive loop ([`crate::tui`]) and the text export both draw through
//! [`render::render`], so neither needs the other.

pub mod app;
pub mod keys;
pub mod layout;
pub mod palette;
pub mod render;
pub mod theme;
pub mod timescale;
