//! Geography: the embedded world basemap, the projection, regions of the world, and the
//! territory approximation.
//!
//! One test binary for these modules (each used to link the crate on its own).

#[path = "../support/mod.rs"]
mod support;

mod basemap;
mod regions;
mod territory;
mod world;
