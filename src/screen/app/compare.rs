//! Comparing two days on screen (mark one with `v`, step to another), and what `e` exports:
//! the shown day, the comparison on screen, or the shown range of days animated.

use chrono::NaiveDate;

use super::{App, Effect};
use crate::view::words::short_day;

impl App {
    /// Mark the shown day, or stop comparing if a day is marked.
    pub(super) fn mark_day(&mut self) {
        self.marked = match self.marked {
            Some(_) => {
                self.message = Some("stopped comparing".to_string());
                None
            }
            None => {
                self.message = Some(format!(
                    "marked {}: step to another day to see what changed (v stops)",
                    short_day(self.date())
                ));
                Some(self.date())
            }
        };
    }

    /// The two days compared on screen, earlier first: the marked day and the shown one,
    /// when they differ. (The comparison itself is [`crate::screen::derived::Derived`]'s.)
    pub fn compared_days(&self) -> Option<(NaiveDate, NaiveDate)> {
        let marked = self.marked.filter(|m| *m != self.date())?;
        Some((marked.min(self.date()), marked.max(self.date())))
    }

    /// The days on screen, first and last: from the marked day to the shown one, else the
    /// days the timeline shows (all of them when they fit).
    pub fn shown_range(&self) -> (NaiveDate, NaiveDate) {
        let date = self.date();
        if let Some(m) = self.marked.filter(|m| *m != date) {
            return (m.min(date), m.max(date));
        }
        let areas = crate::screen::layout::Areas::of(self.size);
        let periods = self.periods();
        let window = crate::screen::layout::TimelineWindow::new(
            areas.timeline.width,
            periods.count(),
            periods.index_of(date),
        );
        (
            periods.start_of(window.first),
            periods.end_of(window.first + window.len - 1),
        )
    }

    /// What `e` asks for: an animation of the shown range (gif, apng), the comparison on
    /// screen (svg, png, with a day marked), else the shown day.
    pub(super) fn export_effect(&self, force: bool) -> Effect {
        let format = self.export_format;
        let (mut date, mut compare, mut from) = (self.date(), None, None);
        if format.is_animation() {
            let (first, last) = self.shown_range();
            (date, from) = (last, Some(first));
        } else if let (true, Some((from, to))) = (format.is_picture(), self.compared_days()) {
            (date, compare) = (to, Some(from));
        }
        Effect::Export {
            date,
            compare,
            from,
            format,
            view: self.map_view(),
            dir: self.export_dir.clone(),
            force,
            unit: self.periods().unit,
            confirmed: false,
        }
    }

    /// What the footer says when the export format changes: what `e` will write.
    pub(super) fn export_hint(&self) -> String {
        let format = self.export_format;
        let ext = format.extension();
        if format.is_animation() {
            let (first, last) = self.shown_range();
            format!(
                "export format: {ext} (e animates the shown days, {} to {})",
                short_day(first),
                short_day(last)
            )
        } else if let (true, Some((from, to))) = (format.is_picture(), self.compared_days()) {
            format!(
                "export format: {ext} (e draws what changed from {} to {})",
                short_day(from),
                short_day(to)
            )
        } else {
            format!("export format: {ext} (e exports the shown day)")
        }
    }
}
