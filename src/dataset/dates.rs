//! Resolving a report's own wording of when something happened ("on Friday evening",
//! "a week ago") against the report's publication date.
//!
//! The vocabulary is small on purpose: every phrase it knows is listed in [`PHRASES`]
//! and documented in the README, so a reviewer can check each resolved date by hand.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::model::Precision;

/// The wording used when a report gives no time at all: the event happened no later than
/// the publication date.
pub const NOT_STATED: &str = "not stated";

/// Phrases understood besides weekday names, with how they resolve.
pub const PHRASES: &[(&str, &str)] = &[
    (
        "<weekday> (on Friday, late on Friday, Friday evening, Saturday morning)",
        "the latest such day on or before publication",
    ),
    ("today, this morning, now, tonight", "the publication day"),
    ("yesterday", "the day before publication"),
    (
        "within 24 hours",
        "the day before or the day of publication (approximate)",
    ),
    (
        "over the past few days",
        "the three days before publication up to it (approximate)",
    ),
    (
        "a week ago",
        "seven days before publication, give or take a day (approximate)",
    ),
    (
        "last week",
        "Monday to Sunday of the week before publication (approximate)",
    ),
    (
        "not stated",
        "no later than publication: from the dataset's start to publication (approximate)",
    ),
];

/// A resolved date: the most likely day and how precise it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    /// The most likely day; the timeline uses it.
    pub date: NaiveDate,
    /// Exact, or a range.
    pub precision: Precision,
}

impl Resolved {
    fn day(date: NaiveDate) -> Self {
        Resolved {
            date,
            precision: Precision::Day,
        }
    }
    fn range(date: NaiveDate, earliest: NaiveDate, latest: NaiveDate) -> Self {
        Resolved {
            date,
            precision: Precision::Approximate { earliest, latest },
        }
    }
}

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

fn minus(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(d)
}

/// Resolve `wording` against `published`; `start` is the dataset's first day (for "not stated").
/// Returns `None` for wording outside the vocabulary.
pub fn resolve(wording: &str, published: NaiveDate, start: NaiveDate) -> Option<Resolved> {
    let w = wording.trim().to_lowercase();
    let has_word = |word: &str| {
        w.split(|c: char| !c.is_alphanumeric())
            .any(|token| token == word)
    };
    if w == NOT_STATED {
        return Some(Resolved::range(published, start.min(published), published));
    }
    if w.contains("a week ago") {
        return Some(Resolved::range(
            minus(published, 7),
            minus(published, 8),
            minus(published, 6),
        ));
    }
    if w.contains("last week") {
        let days_since_monday = u64::from(published.weekday().num_days_from_monday());
        let monday = minus(published, days_since_monday + 7);
        let sunday = minus(published, days_since_monday + 1);
        return Some(Resolved::range(minus(sunday, 3), monday, sunday));
    }
    if w.contains("within 24 hours") {
        return Some(Resolved::range(published, minus(published, 1), published));
    }
    if w.contains("past few days") {
        return Some(Resolved::range(published, minus(published, 3), published));
    }
    if has_word("yesterday") {
        return Some(Resolved::day(minus(published, 1)));
    }
    // A weekday name: the latest such day on or before publication.
    let named: Vec<Weekday> = WEEKDAYS
        .iter()
        .filter(|(name, _)| has_word(name))
        .map(|(_, wd)| *wd)
        .collect();
    if let [weekday] = named.as_slice() {
        let back =
            (7 + published.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        return Some(Resolved::day(minus(published, u64::from(back))));
    }
    if !named.is_empty() {
        return None; // "on Friday and Saturday": ambiguous, give `date` explicitly
    }
    if has_word("today") || has_word("now") || has_word("tonight") || w.contains("this morning") {
        return Some(Resolved::day(published));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    const SAT: &str = "2024-12-07";
    fn r(w: &str) -> Resolved {
        resolve(w, d(SAT), d("2024-11-25")).unwrap()
    }

    #[test]
    fn weekdays_resolve_to_the_latest_such_day_on_or_before_publication() {
        assert_eq!(r("on Thursday").date, d("2024-12-05"));
        assert_eq!(r("on Friday evening").date, d("2024-12-06"));
        assert_eq!(r("late on Friday").date, d("2024-12-06"));
        assert_eq!(r("on Saturday").date, d(SAT));
        assert_eq!(r("Saturday morning").date, d(SAT));
        assert_eq!(r("Sunday").date, d("2024-12-01"));
        assert_eq!(r("on Thursday").precision, Precision::Day);
    }

    #[test]
    fn relative_phrases() {
        assert_eq!(r("yesterday").date, d("2024-12-06"));
        assert_eq!(r("this morning").date, d(SAT));
        assert_eq!(r("now").date, d(SAT));
        let week = r("a week ago");
        assert_eq!(week.date, d("2024-11-30"));
        assert_eq!(
            week.precision,
            Precision::Approximate {
                earliest: d("2024-11-29"),
                latest: d("2024-12-01")
            }
        );
        let last = r("last week");
        assert_eq!(
            last.precision,
            Precision::Approximate {
                earliest: d("2024-11-25"),
                latest: d("2024-12-01")
            }
        );
        assert_eq!(
            r("within 24 hours").precision,
            Precision::Approximate {
                earliest: d("2024-12-06"),
                latest: d(SAT)
            }
        );
        assert_eq!(
            r(NOT_STATED).precision,
            Precision::Approximate {
                earliest: d("2024-11-25"),
                latest: d(SAT)
            }
        );
    }

    #[test]
    fn unknown_or_ambiguous_wording_is_refused() {
        let p = d(SAT);
        assert_eq!(resolve("soon", p, p), None);
        assert_eq!(resolve("on Friday and Saturday", p, p), None);
        // "now" must be a word, not part of "known"
        assert_eq!(resolve("known", p, p), None);
    }
}
