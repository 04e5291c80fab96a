//! Resolving a report's own wording of when something happened ("on Friday evening",
//! "a week ago") against the report's publication date, into a [`Dating`]: the earliest and
//! latest possible day, and a most likely day only where the wording gives one.
//!
//! The vocabulary is small on purpose: every phrase it knows is listed in [`PHRASES`]
//! and documented in the README, so a reviewer can check each resolved date by hand.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::model::Dating;

mod absolute;

/// The wording used when a report gives no time at all: the statement holds *by* the
/// publication date, from the dataset's start at the earliest.
pub const NOT_STATED: &str = "not stated";

const NUMBERS: [&str; 10] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

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

/// Resolve `wording` against `published`; `start` is the dataset's first day (the earliest
/// day of "not stated"). Returns `None` for wording outside the vocabulary.
pub fn resolve(wording: &str, published: NaiveDate, start: NaiveDate) -> Option<Dating> {
    let w = wording.trim().to_lowercase();
    let has_word = |word: &str| {
        w.split(|c: char| !c.is_alphanumeric())
            .any(|token| token == word)
    };
    if w == NOT_STATED {
        return Some(Dating::range(start.min(published), published, None));
    }
    if let Some(dating) = absolute::resolve(&w, published) {
        return Some(dating);
    }
    if let Some(dating) = relative(&w, published) {
        return Some(dating);
    }
    if w.contains("a week ago") {
        return Some(Dating::range(
            minus(published, 8),
            minus(published, 6),
            Some(minus(published, 7)),
        ));
    }
    if w.contains("last week") {
        let days_since_monday = u64::from(published.weekday().num_days_from_monday());
        let monday = minus(published, days_since_monday + 7);
        let sunday = minus(published, days_since_monday + 1);
        return Some(Dating::range(monday, sunday, None));
    }
    if w.contains("within 24 hours") {
        return Some(Dating::range(minus(published, 1), published, None));
    }
    if w.contains("past few days") {
        return Some(Dating::range(minus(published, 3), published, None));
    }
    // Every day the wording names: weekdays (the latest such day on or before publication),
    // yesterday, and the publication day itself.
    let mut named: Vec<NaiveDate> = WEEKDAYS
        .iter()
        .filter(|(name, _)| has_word(name))
        .map(|(_, weekday)| {
            let back = (7 + published.weekday().num_days_from_monday()
                - weekday.num_days_from_monday())
                % 7;
            minus(published, u64::from(back))
        })
        .collect();
    if has_word("yesterday") {
        named.push(minus(published, 1));
    }
    if has_word("today") || has_word("now") || has_word("tonight") || w.contains("this morning") {
        named.push(published);
    }
    named.sort_unstable();
    named.dedup();
    match named.as_slice() {
        [] => None,
        [day] => Some(Dating::day(*day)),
        [first, .., last] => Some(Dating::range(*first, *last, None)),
    }
}

/// Wordings counted from publication in days, weeks or months ("two days ago", "last
/// night", "earlier this week", "last month").
fn relative(w: &str, published: NaiveDate) -> Option<Dating> {
    let words: Vec<&str> = w
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    if let Some(i) = words
        .windows(2)
        .position(|p| matches!(p[0], "days" | "day") && p[1] == "ago")
        && i > 0
    {
        let n = words[i - 1];
        let n = NUMBERS
            .iter()
            .position(|x| *x == n)
            .map(|k| k as u64 + 1)
            .or_else(|| n.parse::<u64>().ok().filter(|k| (1..=31).contains(k)))?;
        return Some(Dating::day(minus(published, n)));
    }
    if w.contains("last night") {
        return Some(Dating::day(minus(published, 1)));
    }
    if w.contains("overnight") {
        return Some(Dating::range(minus(published, 1), published, None));
    }
    if w.contains("this week") {
        let monday = minus(
            published,
            u64::from(published.weekday().num_days_from_monday()),
        );
        return Some(Dating::range(monday, published, None));
    }
    if w.contains("earlier this month") {
        return Some(Dating::range(published.with_day(1)?, published, None));
    }
    if w.contains("last month") {
        let last = published.with_day(1)?.pred_opt()?;
        return Some(Dating::range(last.with_day(1)?, last, None));
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
    fn r(w: &str) -> Dating {
        resolve(w, d(SAT), d("2024-11-25")).unwrap()
    }
    fn range(a: &str, b: &str, likely: Option<&str>) -> Dating {
        Dating::range(d(a), d(b), likely.map(d))
    }

    #[test]
    fn weekdays_resolve_to_the_latest_such_day_on_or_before_publication() {
        assert_eq!(r("on Thursday"), Dating::day(d("2024-12-05")));
        assert_eq!(r("on Friday evening"), Dating::day(d("2024-12-06")));
        assert_eq!(r("late on Friday"), Dating::day(d("2024-12-06")));
        assert_eq!(r("on Saturday"), Dating::day(d(SAT)));
        assert_eq!(r("Saturday morning"), Dating::day(d(SAT)));
        assert_eq!(r("Sunday"), Dating::day(d("2024-12-01")));
    }

    #[test]
    fn relative_phrases() {
        assert_eq!(r("yesterday"), Dating::day(d("2024-12-06")));
        assert_eq!(r("this morning"), Dating::day(d(SAT)));
        assert_eq!(r("now"), Dating::day(d(SAT)));
        assert_eq!(
            r("a week ago"),
            range("2024-11-29", "2024-12-01", Some("2024-11-30"))
        );
        assert_eq!(r("last week"), range("2024-11-25", "2024-12-01", None));
        assert_eq!(r("within 24 hours"), range("2024-12-06", SAT, None));
        assert_eq!(r("over the past few days"), range("2024-12-04", SAT, None));
    }

    #[test]
    fn an_undated_statement_holds_by_publication_and_names_no_day() {
        let undated = r(NOT_STATED);
        assert_eq!(undated, range("2024-11-25", SAT, None));
        assert_eq!(undated.on(), None, "not dated to any day");
        assert_eq!(undated.effective(), d(SAT), "applied by publication");
    }

    #[test]
    fn two_days_named_make_a_range_without_a_most_likely_day() {
        assert_eq!(r("on Friday and Saturday"), range("2024-12-06", SAT, None));
        assert_eq!(
            r("Yesterday and this morning"),
            range("2024-12-06", SAT, None)
        );
        assert_eq!(
            r("on Thursday and Friday"),
            range("2024-12-05", "2024-12-06", None)
        );
    }

    #[test]
    fn days_weeks_and_months_counted_back() {
        assert_eq!(r("two days ago"), Dating::day(d("2024-12-05")));
        assert_eq!(r("3 days ago"), Dating::day(d("2024-12-04")));
        assert_eq!(r("last night"), Dating::day(d("2024-12-06")));
        assert_eq!(r("overnight"), range("2024-12-06", SAT, None));
        assert_eq!(r("earlier this week"), range("2024-12-02", SAT, None));
        assert_eq!(r("last month"), range("2024-11-01", "2024-11-30", None));
        assert_eq!(r("earlier this month"), range("2024-12-01", SAT, None));
    }

    #[test]
    fn calendar_dates_come_before_weekdays() {
        assert_eq!(
            r("on Friday, 6 December 2024"),
            Dating::day(d("2024-12-06"))
        );
        assert_eq!(
            r("between 17–19 October 2023"),
            range("2023-10-17", "2023-10-19", None)
        );
    }

    #[test]
    fn unknown_wording_is_refused() {
        let p = d(SAT);
        assert_eq!(resolve("soon", p, p), None);
        // "now" must be a word, not part of "known"
        assert_eq!(resolve("known", p, p), None);
    }
}
