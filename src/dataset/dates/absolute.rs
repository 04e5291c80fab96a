//! Calendar dates written out in a report's wording: `24 February 2022`, `February 24, 2022`,
//! `between 17–19 October 2023`, `17 October – 2 November 2023`, `in early September 2022`,
//! `in 2022`. A wording without a year takes the latest such date on or before publication,
//! as a weekday does.

use chrono::{Datelike, NaiveDate};

use crate::dataset::model::Dating;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// What one word of a wording is, for calendar dates.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    Day(u32),
    Month(u32),
    Year(i32),
    /// `early`, `mid`, `late`: a third of a month.
    Third(u8),
}

fn month(word: &str) -> Option<u32> {
    if let Some(i) = MONTHS.iter().position(|m| *m == word) {
        return Some(i as u32 + 1);
    }
    // Abbreviations; "may" is only ever the whole word.
    Some(match word {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

fn parts(wording: &str) -> Vec<Part> {
    wording
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter_map(|w| {
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &w[digits.len()..];
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
                    return None;
                }
                let n: i64 = digits.parse().ok()?;
                return match n {
                    1..=31 if digits.len() <= 2 => Some(Part::Day(n as u32)),
                    1900..=2199 if suffix.is_empty() => Some(Part::Year(n as i32)),
                    _ => None,
                };
            }
            match w {
                "early" | "beginning" => Some(Part::Third(0)),
                "mid" | "middle" => Some(Part::Third(1)),
                "late" | "end" => Some(Part::Third(2)),
                _ => month(w).map(Part::Month),
            }
        })
        .collect()
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// A calendar wording resolved, if it is one: it names a month, or a year alone, and gives a
/// number. `None` for anything else, so the relative wordings are tried next.
pub(super) fn resolve(wording: &str, published: NaiveDate) -> Option<Dating> {
    if !wording.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let parts = parts(wording);
    let months: Vec<u32> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Month(m) => Some(*m),
            _ => None,
        })
        .collect();
    let days: Vec<u32> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Day(d) => Some(*d),
            _ => None,
        })
        .collect();
    let years: Vec<i32> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Year(y) => Some(*y),
            _ => None,
        })
        .collect();
    let third = parts.iter().find_map(|p| match p {
        Part::Third(t) => Some(*t),
        _ => None,
    });
    if days.is_empty() && years.is_empty() {
        // "May 40": digits, but neither a day nor a year.
        return None;
    }
    match (months.as_slice(), years.as_slice()) {
        ([], [year]) if days.is_empty() => {
            let first = NaiveDate::from_ymd_opt(*year, 1, 1)?;
            Some(Dating::range(first, last_day(*year, 12)?, None))
        }
        ([], _) => None,
        ([m], _) => one_month(*m, &days, years.first().copied(), third, published),
        ([m1, m2], _) => {
            let (y1, y2) = match years.as_slice() {
                [] => {
                    let y2 = year_for(*m2, days.last().copied().unwrap_or(1), published);
                    (if m1 > m2 { y2 - 1 } else { y2 }, y2)
                }
                [y] => (if m1 > m2 { *y - 1 } else { *y }, *y),
                [y1, y2, ..] => (*y1, *y2),
            };
            let (first, last) = match days.as_slice() {
                [] => (NaiveDate::from_ymd_opt(y1, *m1, 1)?, last_day(y2, *m2)?),
                [d1, d2] => (
                    NaiveDate::from_ymd_opt(y1, *m1, *d1)?,
                    NaiveDate::from_ymd_opt(y2, *m2, *d2)?,
                ),
                _ => return None,
            };
            (first <= last).then(|| Dating::range(first, last, None))
        }
        _ => None,
    }
}

/// The year of a day and month given without one: the latest on or before publication.
fn year_for(month: u32, day: u32, published: NaiveDate) -> i32 {
    let year = published.year();
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) if d <= published => year,
        _ => year - 1,
    }
}

fn one_month(
    m: u32,
    days: &[u32],
    year: Option<i32>,
    third: Option<u8>,
    published: NaiveDate,
) -> Option<Dating> {
    let y = year.unwrap_or_else(|| year_for(m, days.first().copied().unwrap_or(1), published));
    match days {
        [] => {
            let end = last_day(y, m)?;
            let (a, b) = match third {
                Some(0) => (1, 10),
                Some(1) => (11, 20),
                Some(_) => (21, end.day()),
                None => (1, end.day()),
            };
            Some(Dating::range(
                NaiveDate::from_ymd_opt(y, m, a)?,
                NaiveDate::from_ymd_opt(y, m, b)?,
                None,
            ))
        }
        [d] => Some(Dating::day(NaiveDate::from_ymd_opt(y, m, *d)?)),
        [d1, .., d2] => {
            let (a, b) = (
                NaiveDate::from_ymd_opt(y, m, *d1)?,
                NaiveDate::from_ymd_opt(y, m, *d2)?,
            );
            (a <= b).then(|| Dating::range(a, b, None))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn r(w: &str) -> Option<Dating> {
        resolve(&w.to_lowercase(), d("2024-12-07"))
    }

    #[test]
    fn exact_days_in_both_orders() {
        let day = Some(Dating::day(d("2022-02-24")));
        assert_eq!(r("on 24 February 2022"), day);
        assert_eq!(r("February 24, 2022"), day);
        assert_eq!(r("24th Feb 2022"), day);
        assert_eq!(r("on 11 November 2022"), Some(Dating::day(d("2022-11-11"))));
    }

    #[test]
    fn ranges_and_parts_of_months() {
        let oct = Some(Dating::range(d("2023-10-17"), d("2023-10-19"), None));
        assert_eq!(r("between 17–19 October 2023"), oct);
        assert_eq!(r("between 17 and 19 October 2023"), oct);
        assert_eq!(r("October 17-19, 2023"), oct);
        assert_eq!(
            r("17 October – 2 November 2023"),
            Some(Dating::range(d("2023-10-17"), d("2023-11-02"), None))
        );
        assert_eq!(
            r("in early September 2022"),
            Some(Dating::range(d("2022-09-01"), d("2022-09-10"), None))
        );
        assert_eq!(
            r("in mid-September 2022"),
            Some(Dating::range(d("2022-09-11"), d("2022-09-20"), None))
        );
        assert_eq!(
            r("late February 2024"),
            Some(Dating::range(d("2024-02-21"), d("2024-02-29"), None))
        );
        assert_eq!(
            r("in September 2022"),
            Some(Dating::range(d("2022-09-01"), d("2022-09-30"), None))
        );
        assert_eq!(
            r("in 2022"),
            Some(Dating::range(d("2022-01-01"), d("2022-12-31"), None))
        );
    }

    #[test]
    fn a_day_without_a_year_is_the_latest_on_or_before_publication() {
        assert_eq!(r("on 3 December"), Some(Dating::day(d("2024-12-03"))));
        assert_eq!(r("on 24 December"), Some(Dating::day(d("2023-12-24"))));
        assert_eq!(
            r("between 28 December and 2 January"),
            Some(Dating::range(d("2023-12-28"), d("2024-01-02"), None))
        );
    }

    #[test]
    fn other_wordings_are_not_calendar_dates() {
        assert_eq!(r("within 24 hours"), None);
        assert_eq!(r("on Friday"), None);
        assert_eq!(r("may 40"), None);
        assert_eq!(r("31 February 2022"), None);
        assert_eq!(r("in 1850"), None);
    }
}
