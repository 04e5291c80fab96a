//! Finding a sentence's wordings of when ("on Friday evening", "a week ago", "between 17–19
//! October 2023") with their offsets. What each means is not decided here: every wording is
//! resolved by the dataset's own resolver ([`crate::dataset::dates::resolve`]) exactly as the
//! loader will resolve the `when` written into the draft, so the two cannot disagree.

use chrono::NaiveDate;

use super::tokens::{Tk, Token};
use crate::dataset::Dating;
use crate::dataset::dates;

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const PARTS_OF_DAY: &[&str] = &["morning", "afternoon", "evening", "night"];
#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
];
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// A wording of when, found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DatePhrase {
    /// First token.
    pub start: usize,
    /// Just past the last token.
    pub end: usize,
    /// The words as the report has them.
    pub wording: String,
    /// What they resolve to against the publication day.
    pub dating: Dating,
}

/// Every wording of when in `toks` (of `text`), resolved against `published` (`start` is
/// the dataset's first day). Wordings that would fall after publication are left out.
pub(crate) fn find(
    text: &str,
    toks: &[Token],
    published: NaiveDate,
    start: NaiveDate,
) -> Vec<DatePhrase> {
    find_all(text, toks, published, start).0
}

/// [`find`], and apart the wordings that fall after publication (never a date of an
/// event: a report cannot tell what has not happened yet).
pub(crate) fn find_all(
    text: &str,
    toks: &[Token],
    published: NaiveDate,
    start: NaiveDate,
) -> (Vec<DatePhrase>, Vec<DatePhrase>) {
    let mut out = Vec::new();
    let mut late = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match span_at(toks, i) {
            Some(end) => {
                let wording = &text[toks[i].start..toks[end - 1].end];
                match dates::resolve(wording, published, start) {
                    Some(dating) => {
                        let phrase = DatePhrase {
                            start: i,
                            end,
                            wording: wording.to_string(),
                            dating,
                        };
                        if dating.latest <= published {
                            out.push(phrase);
                        } else {
                            late.push(phrase);
                        }
                        i = end;
                    }
                    None => i += 1,
                }
            }
            None => i += 1,
        }
    }
    (out, late)
}

fn is(toks: &[Token], i: usize, words: &[&str]) -> bool {
    toks.get(i).is_some_and(|t| t.is_any(words))
}

fn day_number(t: &Token) -> bool {
    t.kind == Tk::Num && {
        let d = t.lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        d.len() <= 2 && d.parse::<u32>().is_ok_and(|n| (1..=31).contains(&n))
    }
}

fn year(t: &Token) -> bool {
    t.kind == Tk::Num
        && t.lower.len() == 4
        && t.lower
            .parse::<u32>()
            .is_ok_and(|y| (1900..2200).contains(&y))
}

fn dash(t: &Token) -> bool {
    t.is_any(&["-", "–", "—", "to", "and"])
}

/// The end of a wording of when starting at token `i`, if one starts there.
fn span_at(toks: &[Token], i: usize) -> Option<usize> {
    let t = &toks[i];
    let w = t.lower.as_str();
    // A calendar date: [on|in|between|from] [early|mid|late] [day [– day]] month [day [– day]] [, year]
    if let Some(end) = calendar(toks, i) {
        return Some(end);
    }
    // late on Friday, on Friday evening, Friday and Saturday
    if (w == "late" || w == "early") && is(toks, i + 1, &["on"]) && is(toks, i + 2, WEEKDAYS) {
        return Some(weekday_end(toks, i + 2));
    }
    if w == "on" && is(toks, i + 1, WEEKDAYS) {
        return Some(weekday_end(toks, i + 1));
    }
    if WEEKDAYS.contains(&w) {
        return Some(weekday_end(toks, i));
    }
    match w {
        "yesterday" | "today" | "tonight" | "overnight" => {
            // "Yesterday and this morning"
            if is(toks, i + 1, &["and"])
                && is(toks, i + 2, &["this"])
                && is(toks, i + 3, PARTS_OF_DAY)
            {
                return Some(i + 4);
            }
            let end = if is(toks, i + 1, PARTS_OF_DAY) {
                i + 2
            } else {
                i + 1
            };
            Some(end)
        }
        "this"
            if is(
                toks,
                i + 1,
                &["morning", "afternoon", "evening", "week", "month"],
            ) =>
        {
            Some(i + 2)
        }
        "earlier" if is(toks, i + 1, &["this"]) && is(toks, i + 2, &["week", "month"]) => {
            Some(i + 3)
        }
        "last" if is(toks, i + 1, &["week", "night", "month"]) => Some(i + 2),
        "a" if is(toks, i + 1, &["week"]) && is(toks, i + 2, &["ago"]) => Some(i + 3),
        "within" if is(toks, i + 1, &["24"]) && is(toks, i + 2, &["hours"]) => Some(i + 3),
        "over"
            if is(toks, i + 1, &["the"])
                && is(toks, i + 2, &["past"])
                && is(toks, i + 3, &["few"])
                && is(toks, i + 4, &["days"]) =>
        {
            Some(i + 5)
        }
        _ if (NUMBER_WORDS.contains(&w) || (t.kind == Tk::Num && day_number(t)))
            && is(toks, i + 1, &["days"])
            && is(toks, i + 2, &["ago"]) =>
        {
            Some(i + 3)
        }
        _ => None,
    }
}

/// Past a weekday at `i`: its part of the day, and a second weekday ("Friday and Saturday").
fn weekday_end(toks: &[Token], i: usize) -> usize {
    let mut end = i + 1;
    if is(toks, end, PARTS_OF_DAY) {
        end += 1;
    }
    if is(toks, end, &["and", "or"]) {
        let k = if is(toks, end + 1, &["on"]) {
            end + 2
        } else {
            end + 1
        };
        if is(toks, k, WEEKDAYS) {
            end = k + 1;
            if is(toks, end, PARTS_OF_DAY) {
                end += 1;
            }
        }
    }
    end
}

/// A calendar wording at `i`, if one starts there; it must hold a month (with a day or a
/// year) or be "in" and a year.
fn calendar(toks: &[Token], i: usize) -> Option<usize> {
    let mut k = i;
    if is(toks, k, &["on", "in", "between", "from", "since"]) {
        k += 1;
    }
    if is(toks, k, &["early", "mid", "late", "the"]) {
        k += 1;
        if is(toks, k, &["-"]) {
            k += 1;
        }
    }
    let lead = k;
    // Years alone: "in 2022".
    if i < lead
        && toks[i].is("in")
        && toks.get(lead).is_some_and(year)
        && !is(toks, lead + 1, MONTHS)
    {
        return Some(lead + 1);
    }
    let mut saw_month = false;
    let mut saw_number = false;
    let mut end = None;
    while k < toks.len() {
        let t = &toks[k];
        let month = t.is_any(MONTHS)
            && (!t.is("may") || saw_number || toks.get(k + 1).is_some_and(|n| n.kind == Tk::Num));
        if month {
            saw_month = true;
            k += 1;
            end = Some(k);
        } else if day_number(t) || year(t) {
            saw_number = true;
            k += 1;
            if saw_month {
                end = Some(k);
            }
        } else if (dash(t) || t.is(",") || t.is("of")) && k > lead {
            k += 1;
        } else {
            break;
        }
    }
    let end = end?;
    (saw_month && saw_number && end > lead).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::tokens::tokenize;

    fn found(s: &str) -> Vec<(String, String)> {
        let p = NaiveDate::from_ymd_opt(2024, 12, 7).unwrap();
        let start = NaiveDate::from_ymd_opt(2024, 11, 25).unwrap();
        find(s, &tokenize(s, 0, s.len()), p, start)
            .into_iter()
            .map(|d| {
                let range = if d.dating.is_exact() {
                    d.dating.earliest.to_string()
                } else {
                    format!("{}..{}", d.dating.earliest, d.dating.latest)
                };
                (d.wording, range)
            })
            .collect()
    }

    fn one(s: &str, wording: &str, range: &str) {
        assert_eq!(found(s), [(wording.to_string(), range.to_string())], "{s}");
    }

    #[test]
    fn weekdays_against_a_saturday() {
        one(
            "Rebels took Daraa on Friday evening and left.",
            "on Friday evening",
            "2024-12-06",
        );
        one(
            "Fighting raged since late on Friday.",
            "late on Friday",
            "2024-12-06",
        );
        one(
            "On Thursday, HST captured Hama.",
            "On Thursday",
            "2024-12-05",
        );
        one(
            "They entered Homs on Saturday.",
            "on Saturday",
            "2024-12-07",
        );
        one(
            "They claimed it on Friday and Saturday.",
            "on Friday and Saturday",
            "2024-12-06..2024-12-07",
        );
    }

    #[test]
    fn relative_wordings_against_a_saturday() {
        one(
            "Yesterday and this morning rebels took towns.",
            "Yesterday and this morning",
            "2024-12-06..2024-12-07",
        );
        one(
            "It captured Aleppo a week ago.",
            "a week ago",
            "2024-11-29..2024-12-01",
        );
        one(
            "They launched it last week.",
            "last week",
            "2024-11-25..2024-12-01",
        );
        one(
            "They seized it within 24 hours.",
            "within 24 hours",
            "2024-12-06..2024-12-07",
        );
        one("They took it two days ago.", "two days ago", "2024-12-05");
        one("They took it yesterday.", "yesterday", "2024-12-06");
    }

    #[test]
    fn calendar_dates_and_ranges() {
        one(
            "Captured by Russian forces on 24 February 2022.",
            "on 24 February 2022",
            "2022-02-24",
        );
        one(
            "Recaptured on 11 November 2022.",
            "on 11 November 2022",
            "2022-11-11",
        );
        one(
            "Fighting between 17–19 October 2023 left it ruined.",
            "between 17–19 October 2023",
            "2023-10-17..2023-10-19",
        );
        one(
            "It fell in early September 2022.",
            "in early September 2022",
            "2022-09-01..2022-09-10",
        );
        one(
            "It fell on February 24, 2022, after shelling.",
            "on February 24, 2022",
            "2022-02-24",
        );
        one("It fell in 2014.", "in 2014", "2014-01-01..2014-12-31");
    }

    #[test]
    fn no_date_after_publication_and_no_false_dates() {
        assert!(found("They will take it on 24 December 2025.").is_empty());
        assert!(found("They may take it; 30 km away; 2,000 soldiers.").is_empty());
        assert!(found("They are now within 30 km.").is_empty());
    }
}
