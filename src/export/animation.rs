//! Animated export (GIF, APNG): the map over a range of days, one frame per day or per
//! `step` days, each frame the same SVG picture as a PNG snapshot of its day
//! ([`super::svg::picture`]) with a large date caption and the changes of its days ringed,
//! rasterised by the same renderer ([`super::png::Rasterizer`]). The last frame holds longer.
//!
//! Every frame has the picture's landscape layout, the legend beside the map. Both formats
//! write only the
//! rectangle that changed from one frame to the next; the GIF shares one palette across all
//! frames ([`palette`]) so that unchanged pixels keep their colour exactly.

mod apng;
mod gif;
mod palette;

use chrono::NaiveDate;

use super::ExportError;
use super::png::Rasterizer;
use super::svg::{self, FrameInfo, Layout, Story};
use crate::format::Format;
use crate::loaded::Loaded;

/// How long each frame shows.
pub const FRAME_MS: u32 = 1000;
/// How long the last frame shows.
pub const LAST_FRAME_MS: u32 = 4000;
/// Most frames an animation may have (a longer range needs a larger `step`).
pub(crate) const MAX_FRAMES: usize = 1000;
/// More frames than this are worth a warning (the command line prints one; the map asks):
/// five minutes of animation, and a minute or more of writing.
pub(crate) const WARN_FRAMES: usize = 300;

/// How long an animation of `frames` frames plays, in words: `13 s`, `11 min 27 s`.
pub(crate) fn play_time(frames: usize) -> String {
    let ms = frames.saturating_sub(1) as u64 * u64::from(FRAME_MS)
        + u64::from(LAST_FRAME_MS) * u64::from(frames > 0);
    let s = ms / 1000;
    if s < 60 {
        format!("{s} s")
    } else {
        format!("{} min {} s", s / 60, s % 60)
    }
}
/// Default width of an animation, in pixels.
pub const DEFAULT_WIDTH: u32 = 800;
/// Widest animation, in pixels (every frame is held in memory while it is encoded).
pub(crate) const MAX_WIDTH: u32 = 2000;
/// Frames rasterised to choose the GIF's palette, spread over the animation.
const PALETTE_SAMPLES: usize = 6;

/// The days of each frame: `(first, last)`, from `from` to `to` in groups of `step` days (the
/// last group may be shorter). A frame shows the end of its last day.
pub(crate) fn frame_days(from: NaiveDate, to: NaiveDate, step: u32) -> Vec<(NaiveDate, NaiveDate)> {
    let step = u64::from(step.max(1));
    let mut out = Vec::new();
    let mut first = from;
    while first <= to {
        let last = first
            .checked_add_days(chrono::Days::new(step - 1))
            .map_or(to, |d| d.min(to));
        out.push((first, last));
        match last.succ_opt() {
            Some(next) => first = next,
            None => break,
        }
    }
    out
}

/// The size every frame is drawn at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Canvas {
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
}

impl Canvas {
    fn check(&self, rgba: &[u8], format: &'static str) -> Result<(), ExportError> {
        let want = self.width as usize * self.height as usize * 4;
        if rgba.len() == want {
            Ok(())
        } else {
            Err(fail(format)(format!(
                "a frame has {} bytes, not {want} ({}x{} RGBA)",
                rgba.len(),
                self.width,
                self.height
            )))
        }
    }

    fn gif_size(&self) -> Result<(u16, u16), ExportError> {
        match (u16::try_from(self.width), u16::try_from(self.height)) {
            (Ok(w), Ok(h)) => Ok((w, h)),
            _ => Err(fail("gif")(format!(
                "{}x{} px does not fit a GIF (at most 65535 a side)",
                self.width, self.height
            ))),
        }
    }

    /// The smallest rectangle `(x, y, width, height)` holding every pixel (by index, row by
    /// row) for which `differs` is true; `None` if there is none.
    fn changed_box(&self, differs: impl Fn(usize) -> bool) -> Option<(usize, usize, usize, usize)> {
        let (w, h) = (self.width as usize, self.height as usize);
        let row_differs = |y: usize| (0..w).any(|x| differs(y * w + x));
        let top = (0..h).find(|&y| row_differs(y))?;
        let bottom = (top..h).rev().find(|&y| row_differs(y))?;
        let col_differs = |x: usize| (top..=bottom).any(|y| differs(y * w + x));
        let left = (0..w).find(|&x| col_differs(x))?;
        let right = (left..w).rev().find(|&x| col_differs(x))?;
        Some((left, top, right - left + 1, bottom - top + 1))
    }
}

/// A function making an [`ExportError::Render`] for `format` from a reason.
fn fail<E: std::fmt::Display>(format: &'static str) -> impl Fn(E) -> ExportError {
    move |e| ExportError::Render {
        format,
        reason: e.to_string(),
    }
}

/// The frame of `days`, numbered `number` of `count`.
fn story(days: (NaiveDate, NaiveDate), number: usize, count: usize) -> Story {
    Story {
        compare: None,
        frame: Some(FrameInfo {
            first: days.0,
            number,
            count,
        }),
    }
}

/// The animation's bytes. `progress(done, total)` is called as the work goes: (for the GIF)
/// a few frames are drawn to choose the palette, then each is drawn and encoded. `cancelled` is asked before each of those steps; once it says yes the work stops.
///
/// # Errors
/// [`ExportError::Render`] if a frame cannot be drawn or encoded; [`ExportError::Cancelled`]
/// once `cancelled` returns true.
pub(crate) fn render(
    loaded: &Loaded,
    format: Format,
    frames: &[(NaiveDate, NaiveDate)],
    layout: &Layout,
    progress: &mut dyn FnMut(usize, usize),
    cancelled: &dyn Fn() -> bool,
) -> Result<Vec<u8>, ExportError> {
    let mut progress = |done: usize, total: usize| {
        if cancelled() {
            return Err(ExportError::Cancelled);
        }
        progress(done, total);
        Ok(())
    };
    let n = frames.len();
    let picture = |i: usize| svg::picture(loaded, frames[i].1, layout, &story(frames[i], i + 1, n));
    // Every frame has the layout's size, so nothing moves but what changed.
    let samples: Vec<usize> = if format == Format::Gif {
        sample_frames(n)
    } else {
        Vec::new()
    };
    let total = n + samples.len();
    let canvas = Canvas {
        width: layout.width,
        height: layout.height,
    };
    let raster = Rasterizer::new();
    let draw = |i: usize| -> Result<Vec<u8>, ExportError> {
        Ok(raster
            .pixmap(&picture(i).svg, layout, Some(layout.height))?
            .take())
    };
    let delay = |i: usize| if i + 1 == n { LAST_FRAME_MS } else { FRAME_MS };
    match format {
        Format::Apng => {
            let mut w = apng::ApngWriter::new(canvas, n)?;
            for i in 0..n {
                progress(i, total)?;
                w.frame(&draw(i)?, delay(i))?;
            }
            progress(total, total)?;
            w.finish()
        }
        _ => {
            // The palette from a few frames spread over the animation, and the dataset's own
            // colours whatever those frames show; the sampled frames are kept for encoding.
            let mut drawn: Vec<(usize, Vec<u8>)> = Vec::new();
            for (k, &i) in samples.iter().enumerate() {
                progress(k, total)?;
                drawn.push((i, draw(i)?));
            }
            let keep = dataset_colors(loaded);
            let views: Vec<&[u8]> = drawn.iter().map(|(_, px)| px.as_slice()).collect();
            let palette = palette::Palette::build(&views, &keep);
            let mut w = gif::GifWriter::new(canvas, palette)?;
            for i in 0..n {
                let px = match drawn.iter().position(|(j, _)| *j == i) {
                    Some(k) => drawn.swap_remove(k).1,
                    None => draw(i)?,
                };
                w.frame(&px, delay(i))?;
                progress(samples.len() + i + 1, total)?;
            }
            w.finish()
        }
    }
}

/// Up to [`PALETTE_SAMPLES`] frame indices, first and last included, evenly spread.
fn sample_frames(n: usize) -> Vec<usize> {
    if n <= PALETTE_SAMPLES {
        return (0..n).collect();
    }
    let mut out: Vec<usize> = (0..PALETTE_SAMPLES)
        .map(|k| k * (n - 1) / (PALETTE_SAMPLES - 1))
        .collect();
    out.dedup();
    out
}

/// The colours the map draws flat: each faction's, its territory tint and its stripes, and
/// the grey of unsettled land and of land with no reports.
fn dataset_colors(loaded: &Loaded) -> Vec<[u8; 3]> {
    let neutral = crate::view::territory::NEUTRAL;
    loaded
        .dataset
        .factions
        .iter()
        .flat_map(|f| [f.color, svg::tint(f.color), svg::stripe_colour(f.color)])
        .chain([neutral, svg::stripe_colour(neutral)])
        .map(|c| [c.0, c.1, c.2])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 12, d).unwrap()
    }

    #[test]
    fn frames_group_days_by_step() {
        assert_eq!(
            frame_days(day(1), day(3), 1),
            vec![(day(1), day(1)), (day(2), day(2)), (day(3), day(3))]
        );
        assert_eq!(
            frame_days(day(1), day(7), 3),
            vec![(day(1), day(3)), (day(4), day(6)), (day(7), day(7))]
        );
        assert_eq!(frame_days(day(5), day(5), 10), vec![(day(5), day(5))]);
        assert!(frame_days(day(5), day(4), 1).is_empty());
    }

    #[test]
    fn samples_spread_over_the_frames() {
        assert_eq!(sample_frames(3), vec![0, 1, 2]);
        let s = sample_frames(13);
        assert_eq!((s.len(), s[0], s[s.len() - 1]), (6, 0, 12));
    }

    #[test]
    fn the_changed_box_is_tight() {
        let c = Canvas {
            width: 10,
            height: 5,
        };
        assert_eq!(c.changed_box(|_| false), None);
        assert_eq!(c.changed_box(|i| i == 23 || i == 36), Some((3, 2, 4, 2)));
    }
}
