//! The PNG: the SVG document rasterised in pure Rust (usvg + resvg + tiny-skia) with the
//! embedded DejaVu fonts, so it looks the same on every machine and needs no system library.

use std::sync::Arc;

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use super::ExportError;
use super::font::{BOLD, FAMILY, REGULAR};
use super::svg::Layout;

fn fail(reason: impl std::fmt::Display) -> ExportError {
    ExportError::Render {
        format: "png",
        reason: reason.to_string(),
    }
}

/// Turns SVG documents into pixels: usvg and resvg with the embedded fonts and no access to
/// files. Made once and used for every frame of an animation.
pub(crate) struct Rasterizer {
    options: usvg::Options<'static>,
}

impl Default for Rasterizer {
    fn default() -> Self {
        Rasterizer::new()
    }
}

impl Rasterizer {
    /// A rasteriser with DejaVu Sans loaded.
    pub(crate) fn new() -> Rasterizer {
        let mut db = fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(BOLD.to_vec());
        db.set_sans_serif_family(FAMILY);
        let options = usvg::Options {
            font_family: FAMILY.to_string(),
            fontdb: Arc::new(db),
            // The document has no images; resolve none, so no file is ever read.
            image_href_resolver: usvg::ImageHrefResolver {
                resolve_data: Box::new(|_, _, _| None),
                resolve_string: Box::new(|_, _| None),
            },
            ..usvg::Options::default()
        };
        Rasterizer { options }
    }

    /// Draw `svg` (made by [`super::svg::document`] for `layout`) on white, on a canvas as
    /// wide as the layout and `height` pixels high (the document's own height if `None`;
    /// below a shorter document the canvas stays white).
    ///
    /// # Errors
    /// [`ExportError::Render`] if usvg refuses the document, it is not as wide as the layout,
    /// or the pixmap cannot be made.
    pub(crate) fn pixmap(
        &self,
        svg: &str,
        layout: &Layout,
        height: Option<u32>,
    ) -> Result<Pixmap, ExportError> {
        let tree = usvg::Tree::from_str(svg, &self.options).map_err(fail)?;
        let size = tree.size().to_int_size();
        if size.width() != layout.width {
            return Err(fail(format!(
                "the document is {} px wide, not {}",
                size.width(),
                layout.width
            )));
        }
        let h = height.unwrap_or(size.height()).max(size.height());
        let mut pixmap = Pixmap::new(size.width(), h)
            .ok_or_else(|| fail(format!("no {}x{h} pixmap", size.width())))?;
        pixmap.fill(resvg::tiny_skia::Color::WHITE);
        resvg::render(&tree, Transform::identity(), &mut pixmap.as_mut());
        Ok(pixmap)
    }
}

/// Rasterise `svg` (made by [`super::svg::document`] for `layout`) to PNG bytes.
///
/// # Errors
/// [`ExportError::Render`] if usvg refuses the document or the pixmap cannot be made.
pub(crate) fn render(svg: &str, layout: &Layout) -> Result<Vec<u8>, ExportError> {
    Rasterizer::new()
        .pixmap(svg, layout, None)?
        .encode_png()
        .map_err(fail)
}
