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

/// Rasterise `svg` (made by [`super::svg::document`] for `layout`) to PNG bytes.
///
/// # Errors
/// [`ExportError::Render`] if usvg refuses the document or the pixmap cannot be made.
pub fn render(svg: &str, layout: &Layout) -> Result<Vec<u8>, ExportError> {
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
    let tree = usvg::Tree::from_str(svg, &options).map_err(fail)?;
    let size = tree.size().to_int_size();
    if size.width() != layout.width {
        return Err(fail(format!(
            "the document is {} px wide, not {}",
            size.width(),
            layout.width
        )));
    }
    let mut pixmap = Pixmap::new(size.width(), size.height())
        .ok_or_else(|| fail(format!("no {}x{} pixmap", size.width(), size.height())))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(&tree, Transform::identity(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(fail)
}
