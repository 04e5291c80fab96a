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
pub(crate) const MIN_SIZE: (u16, u16) = (60, 18);

/// Rows the timeline takes.
pub(crate) const TIMELINE_ROWS: u16 = 3;

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
    pub(crate) fn map_size(&self) -> (u16, u16) {
        let r = self.map_inner();
        (r.width.max(1), r.height.max(1))
    }

    /// The map cell under a screen cell, if any.
    pub(crate) fn map_cell(&self, col: u16, row: u16) -> Option<(u16, u16)> {
        let r = self.map_inner();
        (self.fits && col >= r.x && row >= r.y && col < r.right() && row < r.bottom())
            .then(|| (col - r.x, row - r.y))
    }

    /// The day under a screen cell of the timeline, as an index from the first day.
    pub(crate) fn timeline_day_at(
        &self,
        col: u16,
        row: u16,
        window: TimelineWindow,
    ) -> Option<usize> {
        let t = self.timeline;
        if !self.fits || row < t.y || row >= t.bottom() || col < t.x || col >= t.right() {
            return None;
        }
        window.day_at(col - t.x)
    }
}

/// Narrowest slot of a day on the timeline: a two-digit day and a space, or `●` and a count.
pub(crate) const MIN_SLOT: u16 = 3;

/// The days the timeline shows: all of them when each gets at least [`MIN_SLOT`] columns,
/// otherwise as many as fit, in a window that keeps the shown day in the middle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelineWindow {
    /// Index of the first day shown.
    pub first: usize,
    /// How many days are shown.
    pub len: usize,
    /// Columns per day.
    pub slot: u16,
}

impl TimelineWindow {
    /// The window for `days` days in `width` columns, with the day at index `current` shown.
    pub fn new(width: u16, days: usize, current: usize) -> TimelineWindow {
        let days = days.max(1);
        let width = usize::from(width.max(1));
        let slot = (width / days).max(usize::from(MIN_SLOT)).min(width);
        let len = (width / slot).clamp(1, days);
        let first = current
            .min(days - 1)
            .saturating_sub(len / 2)
            .min(days - len);
        TimelineWindow {
            first,
            len,
            slot: slot as u16,
        }
    }

    /// The day (index from the first day) at column `col` of the timeline. Columns left over
    /// after the last whole slot belong to the last day shown.
    pub(crate) fn day_at(&self, col: u16) -> Option<usize> {
        let i = usize::from(col / self.slot.max(1)).min(self.len.checked_sub(1)?);
        Some(self.first + i)
    }

    /// True if some days are not shown.
    pub(crate) fn is_partial(&self, days: usize) -> bool {
        self.len < days
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

    #[test]
    fn a_short_timeline_shows_every_day_in_wide_slots() {
        let w = TimelineWindow::new(200, 9, 4);
        assert_eq!((w.first, w.len, w.slot), (0, 9, 22));
        assert_eq!(w.day_at(0), Some(0));
        assert_eq!(w.day_at(22), Some(1));
        assert_eq!(
            w.day_at(199),
            Some(8),
            "leftover columns belong to the last day"
        );
    }

    #[test]
    fn a_long_timeline_is_a_window_that_keeps_the_shown_day_in_it() {
        let days = 2500;
        for current in [0, 1, 33, 1249, 2498, 2499] {
            let w = TimelineWindow::new(200, days, current);
            assert_eq!(w.slot, MIN_SLOT);
            assert_eq!(w.len, 66);
            assert!(w.is_partial(days));
            assert!(
                (w.first..w.first + w.len).contains(&current),
                "{current}: {w:?}"
            );
            assert!(w.first + w.len <= days);
        }
        assert_eq!(TimelineWindow::new(200, days, 1249).first, 1249 - 33);
        assert_eq!(TimelineWindow::new(200, days, 2499).day_at(199), Some(2499));
    }

    #[test]
    fn degenerate_sizes_do_not_panic() {
        for (width, days) in [(0, 0), (1, 1), (2, 70_000), (u16::MAX, 1), (3, 65_536)] {
            let w = TimelineWindow::new(width, days, days);
            assert!(w.len >= 1 && w.slot >= 1);
            assert!(w.day_at(u16::MAX).is_some());
        }
    }
}
