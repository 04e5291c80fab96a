//! The APNG: full colour (RGBA), with frame differencing: after the first frame, each frame is
//! only the rectangle that changed, the pixels that did not change inside it transparent and
//! blended over the previous frame.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use png::{BlendOp, ColorType, DisposeOp, Encoder, Writer};

use super::{Canvas, fail};
use crate::export::ExportError;

/// A byte buffer the PNG writer writes into and that is read back when it is done (the
/// writer keeps what it writes to until it is dropped).
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// An APNG being written, frame by frame.
pub(crate) struct ApngWriter {
    canvas: Canvas,
    writer: Writer<Shared>,
    out: Shared,
    previous: Option<Vec<u8>>,
}

impl ApngWriter {
    /// Start an APNG of `canvas` size with `frames` frames, playing forever.
    ///
    /// # Errors
    /// [`ExportError::Render`] if the encoder refuses the header (no frame).
    pub(crate) fn new(canvas: Canvas, frames: usize) -> Result<ApngWriter, ExportError> {
        let out = Shared::default();
        let mut encoder = Encoder::new(out.clone(), canvas.width, canvas.height);
        encoder.set_color(ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let frames = u32::try_from(frames).unwrap_or(u32::MAX);
        encoder.set_animated(frames, 0).map_err(fail("apng"))?;
        let writer = encoder.write_header().map_err(fail("apng"))?;
        Ok(ApngWriter {
            canvas,
            writer,
            out,
            previous: None,
        })
    }

    /// Add a frame (RGBA, the canvas's size) shown for `delay_ms`.
    ///
    /// # Errors
    /// [`ExportError::Render`] if the frame is not the canvas's size, or there are more
    /// frames than announced.
    pub(crate) fn frame(&mut self, rgba: &[u8], delay_ms: u32) -> Result<(), ExportError> {
        self.canvas.check(rgba, "apng")?;
        let w = self.canvas.width as usize;
        let wr = &mut self.writer;
        wr.reset_frame_position().map_err(fail("apng"))?;
        let delay = delay_ms.min(u32::from(u16::MAX)) as u16;
        wr.set_frame_delay(delay, 1000).map_err(fail("apng"))?;
        wr.set_dispose_op(DisposeOp::None).map_err(fail("apng"))?;
        match &self.previous {
            None => {
                wr.reset_frame_dimension().map_err(fail("apng"))?;
                wr.set_blend_op(BlendOp::Source).map_err(fail("apng"))?;
                wr.write_image_data(rgba).map_err(fail("apng"))?;
            }
            Some(prev) => {
                let same = |i: usize| prev[4 * i..4 * i + 4] == rgba[4 * i..4 * i + 4];
                let rect = self.canvas.changed_box(|i| !same(i));
                // No change: one transparent pixel holds the picture for the delay.
                let (x, y, rw, rh) = rect.unwrap_or((0, 0, 1, 1));
                let mut data = Vec::with_capacity(rw * rh * 4);
                for row in y..y + rh {
                    for col in x..x + rw {
                        let i = row * w + col;
                        if rect.is_some() && !same(i) {
                            data.extend_from_slice(&rgba[4 * i..4 * i + 4]);
                        } else {
                            data.extend_from_slice(&[0, 0, 0, 0]);
                        }
                    }
                }
                wr.set_frame_dimension(rw as u32, rh as u32)
                    .map_err(fail("apng"))?;
                wr.set_frame_position(x as u32, y as u32)
                    .map_err(fail("apng"))?;
                wr.set_blend_op(BlendOp::Over).map_err(fail("apng"))?;
                wr.write_image_data(&data).map_err(fail("apng"))?;
            }
        }
        self.previous = Some(rgba.to_vec());
        Ok(())
    }

    /// The finished file.
    ///
    /// # Errors
    /// [`ExportError::Render`] if fewer frames were written than announced.
    pub(crate) fn finish(self) -> Result<Vec<u8>, ExportError> {
        self.writer.finish().map_err(fail("apng"))?;
        Ok(std::mem::take(&mut *self.out.0.borrow_mut()))
    }
}
