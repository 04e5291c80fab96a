//! Scoring a draft against a dataset's own events from the same reports (the built-in
//! dataset is the development truth): per event its place, faction, kind, dates and quote.
//! Used by the golden tests, the `draft` benchmark and the README's table.
//!
//! A dataset event and a drafted one *correspond* when they are about the same place, from
//! the same report, and their quotes overlap in the report's text. A capture stated only by
//! the captor's own side counts as a claim on both sides, as the timeline treats it.

use std::fmt::Write as _;

use super::{Draft, Report};
use crate::dataset::{Dataset, Dating, Event, EventKind, FactionId};

/// How a draft compares with a dataset.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    /// Dataset events of the kinds scored (captured, contested, claimed, withdrew) from the
    /// reports drafted.
    pub truth: usize,
    /// Of those, with a corresponding drafted event.
    pub found: usize,
    /// Of those, with a corresponding drafted event of the same kind: the recall's count.
    pub kind_right: usize,
    /// Of `kind_right`, the faction the same (or one part of the other).
    pub faction_right: usize,
    /// Of `kind_right`, the drafted dates holding the dataset's.
    pub date_right: usize,
    /// Place, kind, faction, dates and quote all right.
    pub all_right: usize,
    /// Drafted events.
    pub drafted: usize,
    /// Drafted events corresponding to no dataset event at all.
    pub unmatched: usize,
    /// Dataset events dated by a weekday with a corresponding drafted event, and of those
    /// the drafted dates exactly the same.
    pub weekday: (usize, usize),
    /// Drafted events dated to the publication day that correspond to an undated recap.
    pub recaps_on_publication: usize,
    /// Drafted quotes found verbatim in their reports, of all drafted.
    pub verbatim: usize,
    /// The dataset events missed, for reading.
    pub misses: Vec<String>,
    /// The drafted events corresponding to nothing, for reading.
    pub strays: Vec<String>,
    /// Events found with a wrong faction or dates (and weekday dates not exact), for reading.
    pub wrong: Vec<String>,
}

impl Score {
    /// Share of the dataset's events found with the right kind.
    pub fn recall(&self) -> f64 {
        ratio(self.kind_right, self.truth)
    }

    /// Share of the dataset's events with everything right.
    pub fn strict_recall(&self) -> f64 {
        ratio(self.all_right, self.truth)
    }

    /// Share of drafted events corresponding to nothing.
    pub fn unmatched_share(&self) -> f64 {
        ratio(self.unmatched, self.drafted)
    }

    /// The figures as lines of text.
    pub fn summary(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "recall {:.3} ({} of {} captured/contested/claimed/withdrew events found with the right kind; {} found at all)",
            self.recall(),
            self.kind_right,
            self.truth,
            self.found
        );
        let _ = writeln!(
            s,
            "  of those: faction right {}, dates holding the dataset's {}; all five right {} (strict recall {:.3})",
            self.faction_right,
            self.date_right,
            self.all_right,
            self.strict_recall()
        );
        let _ = writeln!(
            s,
            "drafted {}, matching nothing {} ({:.1} %)",
            self.drafted,
            self.unmatched,
            100.0 * self.unmatched_share()
        );
        let _ = writeln!(
            s,
            "weekday dates exact {} of {}; recaps dated to publication day {}; quotes verbatim {} of {}",
            self.weekday.1, self.weekday.0, self.recaps_on_publication, self.verbatim, self.drafted
        );
        s
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// A kind as the timeline reads it: a capture only its own side states is a claim.
fn kind_of(
    ds: &Dataset,
    kind: EventKind,
    faction: Option<FactionId>,
    said_by: &[FactionId],
) -> EventKind {
    match (kind, faction) {
        (EventKind::Captured, Some(f))
            if !said_by.is_empty() && said_by.iter().all(|s| ds.related(*s, f)) =>
        {
            EventKind::Claimed
        }
        (k, _) => k,
    }
}

fn overlaps(a: (usize, usize), spans: &[(usize, usize)]) -> bool {
    spans.iter().any(|&(s, e)| a.0 < e && s < a.1)
}

fn holds(outer: Dating, inner: Dating) -> bool {
    outer.earliest <= inner.earliest && inner.latest <= outer.latest
}

fn has_weekday(w: &str) -> bool {
    let w = w.to_lowercase();
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .any(|d| w.contains(d))
}

/// Score `draft` (made from `reports`) against the events of `truth` from those reports,
/// matched by file name.
#[expect(
    clippy::too_many_lines,
    reason = "the tallies of one comparison with the truth, kept together"
)]
pub fn score(draft: &Draft, reports: &[Report], truth: &Dataset) -> Score {
    let mut sc = Score::default();
    // The dataset's source of each report.
    let source_of = |r: usize| {
        truth.sources.iter().position(|s| {
            std::path::Path::new(&s.file)
                .file_name()
                .map(|f| f.to_string_lossy())
                == Some(reports[r].name.as_str().into())
        })
    };
    let by_report: Vec<Option<usize>> = (0..reports.len()).map(source_of).collect();
    let spans = |e: &Event| -> Vec<(usize, usize)> {
        let text = &truth.source(e.source).text;
        text.match_indices(e.quote.as_str())
            .map(|(i, m)| (i, i + m.len()))
            .collect()
    };
    let drafted_faction = |id: &Option<String>| id.as_deref().and_then(|f| truth.find_faction(f));
    let corresponds = |e: &Event, d: &super::DraftEvent, sp: &[(usize, usize)]| {
        by_report[d.report] == Some(e.source.index())
            && d.place.id.as_deref() == Some(truth.place(e.place).id.as_str())
            && overlaps(d.span, sp)
    };
    let truth_spans: Vec<Vec<(usize, usize)>> = truth.events.iter().map(spans).collect();
    let reported: Vec<usize> = (0..truth.events.len())
        .filter(|&i| by_report.contains(&Some(truth.events[i].source.index())))
        .collect();
    for &i in &reported {
        let e = &truth.events[i];
        let matches: Vec<&super::DraftEvent> = draft
            .events
            .iter()
            .filter(|d| corresponds(e, d, &truth_spans[i]))
            .collect();
        let truth_kind = kind_of(truth, e.kind, e.faction, &e.said_by);
        let same_kind = |d: &&super::DraftEvent| {
            let said: Vec<FactionId> = d
                .said_by
                .iter()
                .filter_map(|s| truth.find_faction(s))
                .collect();
            kind_of(truth, d.kind, drafted_faction(&d.faction), &said) == truth_kind
        };
        let best = matches.iter().find(|d| same_kind(d)).or(matches.first());
        if has_weekday(&e.when)
            && let Some(d) = best
        {
            sc.weekday.0 += 1;
            sc.weekday.1 += usize::from(d.dating() == e.dating);
            if d.dating() != e.dating {
                sc.wrong.push(format!(
                    "{}: weekday date {:?}, drafted {:?} ({})",
                    e.id,
                    e.dating,
                    d.dating(),
                    d.when
                ));
            }
        }
        if e.when == crate::dataset::dates::NOT_STATED
            && let Some(d) = best
            && d.earliest == d.latest
            && d.latest == truth.source(e.source).published
        {
            sc.recaps_on_publication += 1;
        }
        if !matches!(
            e.kind,
            EventKind::Captured | EventKind::Contested | EventKind::Claimed | EventKind::Withdrew
        ) {
            continue;
        }
        sc.truth += 1;
        let Some(d) = best else {
            sc.misses.push(format!(
                "{} ({} {}): {}",
                e.id,
                e.kind.as_str(),
                truth.place(e.place).id,
                e.quote
            ));
            continue;
        };
        sc.found += 1;
        if !same_kind(d) {
            sc.misses.push(format!(
                "{} ({} {}) drafted as {}: {}",
                e.id,
                e.kind.as_str(),
                truth.place(e.place).id,
                d.kind.as_str(),
                e.quote
            ));
            continue;
        }
        sc.kind_right += 1;
        let faction = match (drafted_faction(&d.faction), e.faction) {
            (Some(a), Some(b)) => truth.related(a, b),
            (None, None) => true,
            _ => false,
        };
        let date = holds(d.dating(), e.dating);
        if !faction || !date {
            sc.wrong.push(format!(
                "{}: faction {} drafted {}{}; dates {}..{} drafted {}..{} ({})",
                e.id,
                e.faction.map_or("-", |f| truth.faction(f).id.as_str()),
                d.faction.as_deref().unwrap_or("-"),
                d.actor_text
                    .as_deref()
                    .map(|a| format!(" [{a}]"))
                    .unwrap_or_default(),
                e.dating.earliest,
                e.dating.latest,
                d.earliest,
                d.latest,
                d.when
            ));
        }
        sc.faction_right += usize::from(faction);
        sc.date_right += usize::from(date);
        sc.all_right += usize::from(faction && date);
    }
    for d in &draft.events {
        sc.drafted += 1;
        let text = &reports[d.report].text;
        sc.verbatim += usize::from(text.get(d.span.0..d.span.1) == Some(d.quote.as_str()));
        let any = reported
            .iter()
            .any(|&i| corresponds(&truth.events[i], d, &truth_spans[i]));
        if !any {
            sc.unmatched += 1;
            sc.strays.push(format!(
                "{} {} {} (line {}): {}",
                d.kind.as_str(),
                d.place.name,
                d.faction.as_deref().unwrap_or("?"),
                d.line,
                d.quote
            ));
        }
    }
    sc
}
