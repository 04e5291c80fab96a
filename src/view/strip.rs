//! A place's history as a strip of a fixed number of cells: one cell per span of days, each
//! showing the state that held longest in its span, so years of days fit one line.

use chrono::{Days, NaiveDate};

use crate::dataset::PlaceId;
use crate::timeline::{PlaceState, Timeline};

/// One cell of a history strip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StripCell {
    /// First day of the span.
    pub start: NaiveDate,
    /// Last day of the span.
    pub end: NaiveDate,
    /// The state that held on most days of the span (the later one on a tie); `None` if the
    /// place had not appeared on most of them.
    pub state: Option<PlaceState>,
}

impl StripCell {
    /// True if `date` is in the cell's span.
    pub(crate) fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

/// Days per cell for `days` days in at most `cells` cells.
pub fn days_per_cell(days: usize, cells: usize) -> usize {
    days.max(1).div_ceil(cells.max(1))
}

/// The history of `place` from the timeline's first day to its last, in at most `cells` cells.
pub(crate) fn history_strip(tl: &Timeline, place: PlaceId, cells: usize) -> Vec<StripCell> {
    let (first, last) = (tl.first_date(), tl.last_date());
    let days = (last - first).num_days().max(0) as usize + 1;
    let per = days_per_cell(days, cells);
    let mut out = Vec::with_capacity(days.div_ceil(per));
    let mut start = first;
    while start <= last {
        let end = start
            .checked_add_days(Days::new(per as u64 - 1))
            .unwrap_or(last)
            .min(last);
        // (state, days held) in order of first appearance within the span.
        let mut tally: Vec<(Option<PlaceState>, usize)> = Vec::new();
        for day in start.iter_days().take_while(|d| *d <= end) {
            let s = tl.state_of(place, day);
            let same = |t: &Option<PlaceState>| match (t, &s) {
                (Some(a), Some(b)) => !a.differs_from(b),
                (None, None) => true,
                _ => false,
            };
            match tally.iter_mut().find(|(t, _)| same(t)) {
                Some((t, n)) => {
                    *t = s; // the latest day's state stands for the run
                    *n += 1;
                }
                None => tally.push((s, 1)),
            }
        }
        let state = tally
            .iter()
            .enumerate()
            .max_by_key(|(i, (_, n))| (*n, *i))
            .and_then(|(_, (s, _))| *s);
        out.push(StripCell { start, end, state });
        match end.succ_opt() {
            Some(next) => start = next,
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_cell_a_day_when_it_fits_and_the_longest_state_when_not() {
        let loaded = crate::loaded::builtin().unwrap();
        let (ds, tl) = (&loaded.dataset, &loaded.timeline);
        let hama = ds.find_place("hama").unwrap();
        let holder = |c: &StripCell| ds.faction(c.state.unwrap().holder.unwrap()).id.clone();
        let daily = history_strip(tl, hama, 40);
        let days = (tl.last_date() - tl.first_date()).num_days() as usize + 1;
        assert_eq!(daily.len(), days, "one cell a day when they fit");
        let dec = |d: u32| chrono::NaiveDate::from_ymd_opt(2024, 12, d).unwrap();
        let cell_of = |strip: &[StripCell], d| *strip.iter().find(|c| c.contains(d)).unwrap();
        assert_eq!(holder(&cell_of(&daily, dec(4))), "gov", "4 December");
        assert_eq!(holder(&cell_of(&daily, dec(5))), "hts", "5 December: taken");
        // Five days a cell: the last one (5 to 7 December) is HTS's.
        let three = history_strip(tl, hama, 3);
        assert_eq!(three.len(), days.div_ceil(days_per_cell(days, 3)));
        let last = three.last().unwrap();
        assert_eq!(
            (last.end, holder(last)),
            (tl.last_date(), "hts".to_string())
        );
        assert_eq!(
            holder(&three[0]),
            "gov",
            "the first days: the government's throughout"
        );
        assert_eq!(three[0].start, tl.first_date());
        assert!(last.contains(tl.last_date()) && !three[0].contains(tl.last_date()));
        assert_eq!(days_per_cell(900, 22), 41);
    }
}
