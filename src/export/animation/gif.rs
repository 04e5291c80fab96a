//! The GIF: one global palette ([`super::palette`]) for every frame, and frame differencing:
//! after the first frame, each frame is only the rectangle that changed, with the pixels that
//! did not change inside it transparent, drawn over the previous frame (disposal "keep"). So
//! a day that changes one town costs a few kilobytes.

use std::borrow::Cow;

use gif::{DisposalMethod, Encoder, Frame, Repeat};

use super::palette::Palette;
use super::{Canvas, fail};
use crate::export::ExportError;

/// The index unchanged pixels get: transparent, so the previous frame shows through.
const TRANSPARENT: u8 = 255;

/// A GIF being written.
pub(crate) struct GifWriter {
    encoder: Encoder<Vec<u8>>,
    palette: Palette,
    canvas: Canvas,
    previous: Option<Vec<u8>>,
}

impl GifWriter {
    /// Start a GIF of `canvas` size that loops forever, with `palette` for every frame.
    ///
    /// # Errors
    /// [`ExportError::Render`] if the size does not fit a GIF (at most 65535 pixels a side).
    pub(crate) fn new(canvas: Canvas, palette: Palette) -> Result<GifWriter, ExportError> {
        let (w, h) = canvas.gif_size()?;
        let mut encoder = Encoder::new(Vec::new(), w, h, &palette.rgb()).map_err(fail("gif"))?;
        encoder.set_repeat(Repeat::Infinite).map_err(fail("gif"))?;
        Ok(GifWriter {
            encoder,
            palette,
            canvas,
            previous: None,
        })
    }

    /// Add a frame (RGBA, the canvas's size) shown for `delay_ms`.
    ///
    /// # Errors
    /// [`ExportError::Render`] if the frame is not the canvas's size or cannot be encoded.
    pub(crate) fn frame(&mut self, rgba: &[u8], delay_ms: u32) -> Result<(), ExportError> {
        self.canvas.check(rgba, "gif")?;
        let indices = self.palette.indices(rgba);
        let delay = (delay_ms / 10).min(u32::from(u16::MAX)) as u16;
        let w = self.canvas.width as usize;
        let mut frame = match &self.previous {
            None => Frame {
                width: self.canvas.width as u16,
                height: self.canvas.height as u16,
                buffer: Cow::Borrowed(&indices),
                ..Frame::default()
            },
            Some(prev) => {
                let rect = self.canvas.changed_box(|i| prev[i] != indices[i]);
                // No change: one transparent pixel holds the picture for the delay.
                let (x, y, rw, rh) = rect.unwrap_or((0, 0, 1, 1));
                let mut buffer = Vec::with_capacity(rw * rh);
                for row in y..y + rh {
                    for col in x..x + rw {
                        let i = row * w + col;
                        buffer.push(if rect.is_some() && prev[i] != indices[i] {
                            indices[i]
                        } else {
                            TRANSPARENT
                        });
                    }
                }
                Frame {
                    left: x as u16,
                    top: y as u16,
                    width: rw as u16,
                    height: rh as u16,
                    transparent: Some(TRANSPARENT),
                    buffer: Cow::Owned(buffer),
                    ..Frame::default()
                }
            }
        };
        frame.delay = delay;
        frame.dispose = DisposalMethod::Keep;
        self.encoder.write_frame(&frame).map_err(fail("gif"))?;
        self.previous = Some(indices);
        Ok(())
    }

    /// The finished file.
    ///
    /// # Errors
    /// [`ExportError::Render`] if the trailer cannot be written.
    pub(crate) fn finish(self) -> Result<Vec<u8>, ExportError> {
        self.encoder.into_inner().map_err(fail("gif"))
    }
}
