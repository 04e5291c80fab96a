//! Where each panel goes, as a pure function of the terminal size, so that rendering and
//! mouse clicks agree without rendering having to write anything back.
//!
//! ```text
//! ┌ title: dataset · day · playing ─────────────────────────────────────┐
//! ┌ map ──────────────────────────────────┐┌ place ────────────────────┐
//! │ borders, shaded territory,            ││ name, status, history     │
//! │ places with glyphs and labels         ││ quotes, newest first      │
//! │                                       │├ changes on this day ──────┤
//! │                                       ││ that day's events         │
//! └───────────────────────────────────────┘└───────────────────────────┘
//!  timeline: one slot per day, event counts, the shown day
//!  footer: key hints or a message
//! ```

use ratatui::layout::Rect;

/// Smallest terminal the map is drawn in; below it a "too small" screen shows.
pub const MIN_SIZE: (u16, u16) = (60, 18);

/// Rows the timeline takes.
pub const TIMELINE_ROWS: u16 = 3;

/// The panels' rectangles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// The whole screen.
    pub screen: Rect,
    /// Title line.
    pub title: Rect,
    /// The map, border included.
    pub map: Rect,
    /// The selected place, border included.
    pub place: Rect,
    /// The day's events, border included.
    pub day: Rect,
    /// The timeline.
    pub timeline: Rect,
    /// The footer line.
    pub footer: Rect,
    /// False if the terminal is below [`MIN_SIZE`].
    pub fits: bool,
}

impl Areas {
    /// The layout for a terminal of `(width, height)`.
    pub fn of((w, h): (u16, u16)) -> Areas {
        let screen = Rect::new(0, 0, w, h);
        let fits = w >= MIN_SIZE.0 && h >= MIN_SIZE.1;
        if !fits {
            let z = Rect::new(0, 0, 0, 0);
            return Areas {
                screen,
                title: z,
                map: z,
                place: z,
                day: z,
                timeline: z,
                footer: z,
                fits,
            };
        }
        let middle_h = h - 2 - TIMELINE_ROWS;
        let side_w = (w * 2 / 5).clamp(30, 64);
        let map_w = w - side_w;
        let day_h = (middle_h / 3).clamp(5, 12);
        Areas {
            screen,
            title: Rect::new(0, 0, w, 1),
            map: Rect::new(0, 1, map_w, middle_h),
            place: Rect::new(map_w, 1, side_w, middle_h - day_h),
            day: Rect::new(map_w, 1 + middle_h - day_h, side_w, day_h),
            timeline: Rect::new(0, 1 + middle_h, w, TIMELINE_ROWS),
            footer: Rect::new(0, h - 1, w, 1),
            fits,
        }
    }

    /// The map's drawing area inside its border.
    pub fn map_inner(&self) -> Rect {
        inner(self.map)
    }

    /// Columns and rows of the map's drawing area.
    pub fn map_size(&self) -> (u16, u16) {
        let r = self.map_inner();
        (r.width.max(1), r.height.max(1))
    }

    /// The map cell under a screen cell, if any.
    pub fn map_cell(&self, col: u16, row: u16) -> Option<(u16, u16)> {
        let r = self.map_inner();
        (self.fits && col >= r.x && row >= r.y && col < r.right() && row < r.bottom())
            .then(|| (col - r.x, row - r.y))
    }

    /// The day slot of the timeline under a screen cell, for `days` days.
    pub fn timeline_day_at(&self, col: u16, row: u16, days: usize) -> Option<usize> {
        let t = self.timeline;
        if !self.fits || days == 0 || row < t.y || row >= t.bottom() || col >= t.right() {
            return None;
        }
        let slot = (t.width / days as u16).max(1);
        // Columns left over after the last whole slot belong to the last day.
        Some(usize::from(col.saturating_sub(t.x) / slot).min(days - 1))
    }
}

/// A rectangle without its one-cell border.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x + 1,
        r.y + 1,
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panels_tile_the_screen_without_overlap() {
        for size in [(60, 18), (80, 24), (160, 50), (250, 70)] {
            let a = Areas::of(size);
            assert!(a.fits);
            let rects = [a.title, a.map, a.place, a.day, a.timeline, a.footer];
            let area: u32 = rects
                .iter()
                .map(|r| u32::from(r.width) * u32::from(r.height))
                .sum();
            assert_eq!(area, u32::from(size.0) * u32::from(size.1), "{size:?}");
            for (i, r) in rects.iter().enumerate() {
                assert!(r.right() <= size.0 && r.bottom() <= size.1);
                for o in &rects[..i] {
                    assert!(
                        r.intersection(*o).is_empty(),
                        "{size:?}: {r:?} overlaps {o:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn small_terminals_do_not_fit() {
        assert!(!Areas::of((59, 40)).fits);
        assert!(!Areas::of((1, 1)).fits);
        assert_eq!(Areas::of((10, 5)).map_cell(3, 3), None);
    }
}
