//! The timeline's unit: one slot per day, week (Monday to Sunday), month or year, so that a
//! dataset of years fits the bottom of the screen. Pure date arithmetic, shared by drawing and
//! mouse clicks.

use chrono::{Datelike, Days, NaiveDate};

use super::layout::MIN_SLOT;

/// What one slot of the timeline stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// The finest of days, weeks, months and years at which every slot fits.
    Auto,
    /// One day per slot.
    Day,
    /// One week per slot, Monday to Sunday.
    Week,
    /// One calendar month per slot.
    Month,
    /// One calendar year per slot.
    Year,
}

impl Unit {
    /// The unit after this one, as `u` cycles them.
    pub(crate) fn next(self) -> Unit {
        match self {
            Unit::Auto => Unit::Day,
            Unit::Day => Unit::Week,
            Unit::Week => Unit::Month,
            Unit::Month => Unit::Year,
            Unit::Year => Unit::Auto,
        }
    }

    /// The unit's name in the plural, for the status line.
    pub(crate) fn plural(self) -> &'static str {
        match self {
            Unit::Auto => "automatic",
            Unit::Day => "days",
            Unit::Week => "weeks",
            Unit::Month => "months",
            Unit::Year => "years",
        }
    }
}

/// The periods of a unit over a dataset's days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Periods {
    /// The unit (never [`Unit::Auto`]).
    pub unit: Unit,
    first: NaiveDate,
    last: NaiveDate,
}

fn monday(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

fn month_number(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

impl Periods {
    /// The periods of `unit` from `first` to `last`; [`Unit::Auto`] picks the finest unit
    /// whose periods all fit `width` columns.
    pub(crate) fn new(unit: Unit, first: NaiveDate, last: NaiveDate, width: u16) -> Periods {
        let last = last.max(first);
        let make = |unit| Periods { unit, first, last };
        if unit != Unit::Auto {
            return make(unit);
        }
        let fits = |p: &Periods| p.count() * usize::from(MIN_SLOT) <= usize::from(width);
        [Unit::Day, Unit::Week, Unit::Month]
            .into_iter()
            .map(make)
            .find(fits)
            .unwrap_or_else(|| make(Unit::Year))
    }

    /// How many periods there are.
    pub fn count(&self) -> usize {
        self.index_of(self.last) + 1
    }

    /// The period holding `date` (clamped into the dataset).
    pub fn index_of(&self, date: NaiveDate) -> usize {
        let d = date.clamp(self.first, self.last);
        let n = match self.unit {
            Unit::Auto | Unit::Day => (d - self.first).num_days(),
            Unit::Week => (monday(d) - monday(self.first)).num_days() / 7,
            Unit::Month => month_number(d) - month_number(self.first),
            Unit::Year => i64::from(d.year() - self.first.year()),
        };
        n.max(0) as usize
    }

    /// The first day of period `i` that is in the dataset.
    pub fn start_of(&self, i: usize) -> NaiveDate {
        let i = i.min(self.count().saturating_sub(1));
        let start = match self.unit {
            Unit::Auto | Unit::Day => self.first.checked_add_days(Days::new(i as u64)),
            Unit::Week => monday(self.first).checked_add_days(Days::new(7 * i as u64)),
            Unit::Month => {
                let m = month_number(self.first) + i as i64;
                NaiveDate::from_ymd_opt((m / 12) as i32, (m % 12) as u32 + 1, 1)
            }
            Unit::Year => NaiveDate::from_ymd_opt(self.first.year() + i as i32, 1, 1),
        };
        start.unwrap_or(self.last).clamp(self.first, self.last)
    }

    /// The last day of period `i` that is in the dataset.
    pub(crate) fn end_of(&self, i: usize) -> NaiveDate {
        if i + 1 >= self.count() {
            return self.last;
        }
        self.start_of(i + 1).pred_opt().unwrap_or(self.last)
    }

    /// The days of period `i` that are in the dataset.
    pub fn days(&self, i: usize) -> impl Iterator<Item = NaiveDate> + use<> {
        let (start, end) = (self.start_of(i), self.end_of(i));
        start.iter_days().take_while(move |d| *d <= end)
    }

    /// A label of period `i` in fewer than `width` columns (longest first that fits). Narrow
    /// month slots name the year in the first slot and in each January.
    pub(crate) fn label(&self, i: usize, width: usize) -> String {
        let start = self.start_of(i);
        let year_slot = i == 0 || start.month() == 1;
        let formats: &[&str] = match self.unit {
            Unit::Auto | Unit::Day => &["%a %d %b", "%a %d", "%d"],
            Unit::Week => &["%d %b %Y", "%d %b", "%d"],
            Unit::Month if year_slot => &["%b %Y", "%Y", "%b", "%m"],
            Unit::Month => &["%b %Y", "%b", "%m"],
            Unit::Year => &["%Y", "%y"],
        };
        let labels = formats.iter().map(|f| start.format(f).to_string());
        let mut last = String::new();
        for l in labels {
            if l.chars().count() < width.max(2) {
                return l;
            }
            last = l;
        }
        last.chars().take(width.saturating_sub(1).max(1)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods_cover_every_day_once() {
        let (first, last) = (d(2020, 1, 1), d(2022, 6, 17));
        for unit in [Unit::Day, Unit::Week, Unit::Month, Unit::Year] {
            let p = Periods::new(unit, first, last, 100);
            let mut next = first;
            for i in 0..p.count() {
                assert_eq!(p.start_of(i), next, "{unit:?} {i}");
                for day in p.days(i) {
                    assert_eq!(p.index_of(day), i, "{unit:?} {day}");
                }
                next = p.end_of(i).succ_opt().unwrap();
            }
            assert_eq!(
                next,
                last.succ_opt().unwrap(),
                "{unit:?} ends on the last day"
            );
        }
    }

    #[test]
    fn weeks_run_monday_to_sunday_and_months_are_calendar_months() {
        let p = Periods::new(Unit::Week, d(2024, 11, 29), d(2024, 12, 7), 100);
        assert_eq!(p.count(), 2, "Fri 29 Nov is in the week of Mon 25 Nov");
        assert_eq!(p.end_of(0), d(2024, 12, 1));
        assert_eq!(p.start_of(1), d(2024, 12, 2));
        let m = Periods::new(Unit::Month, d(2020, 1, 15), d(2022, 6, 17), 100);
        assert_eq!(m.count(), 30);
        assert_eq!(m.start_of(1), d(2020, 2, 1));
        assert_eq!(m.end_of(1), d(2020, 2, 29));
        assert_eq!(m.label(1, 10), "Feb 2020");
        assert_eq!(m.label(1, 4), "Feb");
        assert_eq!(m.label(12, 5), "2021", "a narrow January names its year");
        assert_eq!(m.label(0, 5), "2020", "so does the first slot");
    }

    #[test]
    fn auto_picks_the_finest_unit_that_fits() {
        let (first, last) = (d(2020, 1, 1), d(2022, 6, 17)); // 899 days
        assert_eq!(Periods::new(Unit::Auto, first, first, 80).unit, Unit::Day);
        assert_eq!(Periods::new(Unit::Auto, first, last, 160).unit, Unit::Month);
        assert_eq!(Periods::new(Unit::Auto, first, last, 400).unit, Unit::Week);
        assert_eq!(Periods::new(Unit::Auto, first, last, 3000).unit, Unit::Day);
        assert_eq!(
            Periods::new(Unit::Auto, d(1900, 1, 1), last, 60).unit,
            Unit::Year
        );
    }
}
