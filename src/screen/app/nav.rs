//! Moving through the days and the places: steps, event days, selection, search and clicks.

use chrono::NaiveDate;

use crate::dataset::PlaceId;

use super::{App, Overlay, SearchIndex};
use crate::screen::layout::{Areas, TimelineWindow};
use crate::screen::timescale::Unit;

impl App {
    pub(super) fn go_to(&mut self, date: NaiveDate) {
        self.cursor = self.loaded.timeline.at(date);
    }

    /// `H`/`L`: to the start of the previous or next period of the timeline's unit (a week
    /// when it shows days). They always move while there is a day that way: from the first
    /// period `H` goes to the first day, and from the last `L` goes to the last day (a
    /// dataset shorter than one period included); at the edge the footer says so.
    pub(super) fn step_period(&mut self, n: i32) {
        let periods = self.periods();
        let date = self.date();
        let target = if periods.unit == Unit::Day {
            date.checked_add_signed(chrono::Duration::days(7 * i64::from(n)))
                .unwrap_or(date)
        } else {
            let i = periods.index_of(date) as i64 + i64::from(n);
            periods.start_of(i.clamp(0, periods.count() as i64 - 1) as usize)
        };
        let (first, last) = (periods.start_of(0), periods.end_of(periods.count() - 1));
        let target = match n.signum() {
            1 if target <= date => last,
            -1 if target >= date => first,
            _ => target.clamp(first, last),
        };
        if target == date {
            self.message = Some(
                if n > 0 {
                    "already on the last day"
                } else {
                    "already on the first day"
                }
                .to_string(),
            );
        }
        self.go_to(target);
    }

    pub(super) fn step_days(&mut self, n: i32) {
        for _ in 0..n.unsigned_abs() {
            if !self.loaded.timeline.step(&mut self.cursor, n > 0) {
                break;
            }
        }
    }

    pub(super) fn event_day(&mut self, dir: i32) {
        let tl = &self.loaded.timeline;
        let mut d = self.date();
        loop {
            let next = if dir > 0 { d.succ_opt() } else { d.pred_opt() };
            match next.filter(|n| tl.contains(*n)) {
                Some(n) if !tl.events_on(n).is_empty() => {
                    self.go_to(n);
                    return;
                }
                Some(n) => d = n,
                None => {
                    self.message = Some(format!(
                        "no {} day with events",
                        if dir > 0 { "later" } else { "earlier" }
                    ));
                    return;
                }
            }
        }
    }

    pub(super) fn select_step(&mut self, d: i32) {
        let n = self.order.len() as i32;
        if n == 0 {
            return;
        }
        let i = self
            .selected
            .and_then(|s| self.order.iter().position(|p| *p == s))
            .map_or(0, |i| i as i32 + d);
        self.selected = Some(self.order[i.rem_euclid(n) as usize]);
        self.place_scroll = 0;
    }

    pub(super) fn submit_search(&mut self) {
        let Overlay::Search(q) = std::mem::replace(&mut self.overlay, Overlay::None) else {
            return;
        };
        let found = self.search_index.matches(&q);
        // The same search again goes on to the next of the places it matches.
        let next = self
            .selected
            .and_then(|s| found.iter().position(|p| *p == s))
            .filter(|_| self.last_search.as_deref() == Some(q.trim()))
            .map_or(0, |i| (i + 1) % found.len().max(1));
        self.last_search = Some(q.trim().to_string());
        let Some(&p) = found.get(next) else {
            self.message = Some(format!("no place matches \"{q}\""));
            return;
        };
        self.selected = Some(p);
        self.place_scroll = 0;
        if found.len() > 1 {
            let ds = &self.loaded.dataset;
            let shown: Vec<String> = found
                .iter()
                .take(4)
                .map(|&p| crate::dataset::namesakes::label(ds, p))
                .collect();
            let more = if found.len() > 4 { ", …" } else { "" };
            self.message = Some(format!(
                "{} of {} places match \"{}\" ({}{more}): search again for the next",
                next + 1,
                found.len(),
                q.trim(),
                shown.join(", ")
            ));
        }
    }

    /// The place best matching `query`: an exact name or spelling, else one starting with
    /// it, else one containing it (ignoring case); north to south among equals. The names are
    /// lower-cased once ([`SearchIndex`]), so a search allocates nothing but the query.
    pub fn search(&self, query: &str) -> Option<PlaceId> {
        self.search_index.best(query)
    }

    pub(super) fn click(&mut self, col: u16, row: u16) {
        let areas = Areas::of(self.size);
        let periods = self.periods();
        let window = TimelineWindow::new(
            areas.timeline.width,
            periods.count(),
            periods.index_of(self.date()),
        );
        if let Some(i) = areas.timeline_day_at(col, row, window) {
            // A click on the shown period keeps the shown day; another goes to its start.
            if i != periods.index_of(self.date()) {
                self.go_to(periods.start_of(i));
            }
            return;
        }
        let Some((c, r)) = areas.map_cell(col, row) else {
            return;
        };
        let (cols, rows) = areas.map_size();
        let vp = self.viewport(cols, rows);
        let ds = &self.loaded.dataset;
        // The nearest place on screen, measured in cells (rows count double: cells are tall).
        let nearest = (0..ds.places.len() as u32)
            .map(PlaceId)
            .filter(|p| self.cursor.state(*p).is_some())
            .map(|p| {
                let (pc, pr) = vp.to_grid(ds.place(p).lon, ds.place(p).lat);
                let d =
                    (pc - f64::from(c) - 0.5).powi(2) + (2.0 * (pr - f64::from(r) - 0.5)).powi(2);
                (d, p)
            })
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((d, p)) = nearest
            && d <= 8.0 * 8.0
        {
            self.selected = Some(p);
            self.place_scroll = 0;
        }
    }
}

impl SearchIndex {
    /// Every name and spelling of every place, lower-cased, in the order places are walked:
    /// the spellings [`crate::dataset::Place::matches`] takes (so `quotes`), the gazetteer's
    /// among them, and the id.
    pub(crate) fn new(ds: &crate::dataset::Dataset, order: &[PlaceId]) -> SearchIndex {
        let mut names = Vec::new();
        for &p in order {
            let place = ds.place(p);
            names.push((p, place.name.to_lowercase()));
            names.extend(
                place
                    .aliases
                    .iter()
                    .chain(&place.gazetteer_aliases)
                    .chain(std::iter::once(&place.id))
                    .map(|a| (p, a.to_lowercase())),
            );
        }
        SearchIndex { names }
    }

    /// The best match for `query` (see [`App::search`]).
    pub(crate) fn best(&self, query: &str) -> Option<PlaceId> {
        // The footer asks on every frame while the prompt is open: no allocation but the query.
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return None;
        }
        let tests: [&dyn Fn(&str) -> bool; 3] =
            [&|n| n == q, &|n| n.starts_with(&q), &|n| n.contains(&q)];
        tests
            .iter()
            .find_map(|t| self.names.iter().find(|(_, n)| t(n)).map(|(p, _)| *p))
    }

    /// Every place matching `query` as well as the best one does (an exact name or
    /// spelling, else one starting with it, else one containing it), north to south, each
    /// once: the namesakes a name may stand for.
    pub(crate) fn matches(&self, query: &str) -> Vec<PlaceId> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let tests: [&dyn Fn(&str) -> bool; 3] =
            [&|n| n == q, &|n| n.starts_with(&q), &|n| n.contains(&q)];
        for t in tests {
            let mut found: Vec<PlaceId> = Vec::new();
            // A place's names are next to each other: a place is counted once in one pass.
            for (p, n) in &self.names {
                if t(n) && found.last() != Some(p) {
                    found.push(*p);
                }
            }
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }
}
