//! Held, lost, gained: what changed for each place between two days, and the events that
//! explain it. `frontline diff`, the comparison picture (`export --compare`), the animation's
//! highlighted changes and the screen's comparison all read this.
//!
//! A change is dated only as the reports date it: where the event that made it gives a range
//! or no day, the words say "changed between 25 Nov and 7 Dec", and where that range starts
//! on or before the first day, that it may have happened before it.

use chrono::NaiveDate;

use crate::dataset::{Dataset, Dating, EventId, FactionId, PlaceId};
use crate::loaded::Loaded;
use crate::timeline::{Cursor, FactionSet, PlaceState, Status};

use super::words::{describe, short_day, window};

/// What happened to a place from the first day to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Same holder, status and others on both days, and no unsettled change between.
    Unchanged,
    /// Not on the map on the first day.
    Appeared,
    /// Another holder: `by` took it from `from` (`None`: no holder).
    Gained {
        /// The new holder.
        by: Option<FactionId>,
        /// The holder on the first day.
        from: Option<FactionId>,
    },
    /// Held on the first day; others entered it or fight for it on the second.
    Contested {
        /// Who contests it.
        by: FactionSet,
    },
    /// Held on the first day; others claim it on the second, unconfirmed.
    Claimed {
        /// Who claims it.
        by: FactionSet,
    },
    /// Same holder, but the reports now name rival captors.
    Disputed {
        /// The rival accounts.
        by: FactionSet,
    },
    /// Contested, claimed or disputed on the first day; held by the same holder on the second.
    Ended {
        /// The status that ended.
        was: Status,
    },
    /// Another change of status or of who else is involved, the holder staying.
    Status,
    /// The same state on both days, but another one in between.
    ChangedBack {
        /// The first state in between that differs.
        via: PlaceState,
    },
    /// The same on the map on both days, but a reported change falls in a range that
    /// includes the second day: it may have happened already.
    Unsettled {
        /// The event reporting that change.
        event: EventId,
    },
}

impl Change {
    /// A short name for data exports: `unchanged`, `appeared`, `gained`, `contested`,
    /// `claimed`, `disputed`, `ended`, `status`, `changed_back`, `unsettled`.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Change::Unchanged => "unchanged",
            Change::Appeared => "appeared",
            Change::Gained { .. } => "gained",
            Change::Contested { .. } => "contested",
            Change::Claimed { .. } => "claimed",
            Change::Disputed { .. } => "disputed",
            Change::Ended { .. } => "ended",
            Change::Status => "status",
            Change::ChangedBack { .. } => "changed_back",
            Change::Unsettled { .. } => "unsettled",
        }
    }

    /// True if the map differs between the two days (or did in between).
    pub(crate) fn is_change(&self) -> bool {
        !matches!(self, Change::Unchanged | Change::Unsettled { .. })
    }

    /// Who the change is about, for its colour: the new holder of a gain, who contests,
    /// claims or disputes, the holder again when a contest ends.
    pub(crate) fn faction(&self, after: Option<&PlaceState>) -> Option<FactionId> {
        match self {
            Change::Gained { by, .. } => *by,
            Change::Contested { by } | Change::Claimed { by } | Change::Disputed { by } => {
                by.iter().next()
            }
            _ => after.and_then(|s| s.holder),
        }
    }
}

/// How the visible state went from `before` to `after` (`None`: not on the map).
pub(crate) fn classify(before: Option<&PlaceState>, after: Option<&PlaceState>) -> Change {
    let (Some(b), Some(a)) = (before, after) else {
        return match (before, after) {
            (None, Some(_)) => Change::Appeared,
            _ => Change::Unchanged,
        };
    };
    if a.holder != b.holder {
        return Change::Gained {
            by: a.holder,
            from: b.holder,
        };
    }
    if !a.differs_from(b) {
        return Change::Unchanged;
    }
    match (b.status, a.status) {
        (Status::Held, Status::Contested) => Change::Contested { by: a.others },
        (Status::Held, Status::Claimed) => Change::Claimed { by: a.others },
        (Status::Held, Status::Disputed) => Change::Disputed { by: a.others },
        (was, Status::Held) => Change::Ended { was },
        _ => Change::Status,
    }
}

/// One place compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The place.
    pub place: PlaceId,
    /// Its state at the end of the first day (`None`: not on the map yet).
    pub before: Option<PlaceState>,
    /// Its state at the end of the second day.
    pub after: Option<PlaceState>,
    /// What happened.
    pub change: Change,
    /// The event that made the change (it began the second day's state), if one did.
    pub by_event: Option<EventId>,
    /// The events that explain the line: those bearing on control that the timeline applies
    /// after the first day up to the second, and an unsettled change that may have happened.
    pub events: Vec<EventId>,
}

/// Every place compared between two days.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The first day.
    pub from: NaiveDate,
    /// The second day (not before the first).
    pub to: NaiveDate,
    /// Every place on the map on the second day, in dataset order.
    pub lines: Vec<Line>,
}

impl Comparison {
    /// Compare the end of `from` with the end of `to` (swapped if `to` is earlier).
    pub fn between(loaded: &Loaded, from: NaiveDate, to: NaiveDate) -> Comparison {
        Comparison::made(loaded, from, to, None)
    }

    /// The same, reading the states of the cursor's day (one of the two) from the cursor
    /// rather than from each place's history: the screen compares the shown day with the
    /// marked one, and at 10,000 places reading every state from the history was a fifth of
    /// a frame.
    pub(crate) fn between_shown(
        loaded: &Loaded,
        from: NaiveDate,
        to: NaiveDate,
        shown: &Cursor,
    ) -> Comparison {
        Comparison::made(loaded, from, to, Some(shown))
    }

    fn made(loaded: &Loaded, from: NaiveDate, to: NaiveDate, shown: Option<&Cursor>) -> Comparison {
        let (from, to) = if to < from { (to, from) } else { (from, to) };
        let ds = &loaded.dataset;
        let tl = &loaded.timeline;
        let mut lines = Vec::with_capacity(ds.places.len());
        lines.extend((0..ds.places.len() as u32).map(PlaceId).filter_map(|p| {
            let (before, after, moved) = tl.states_across(p, from, to, shown);
            let after = after?;
            // Most places have no event between the days: found without reading events.
            let mut events: Vec<EventId> = if moved {
                let all = tl.place_events(p);
                let first = all.partition_point(|e| ds.event(*e).date <= from);
                let last = all.partition_point(|e| ds.event(*e).date <= to);
                all[first..last.max(first)]
                    .iter()
                    .copied()
                    .filter(|e| ds.event(*e).kind.bears_on_control())
                    .collect()
            } else {
                Vec::new()
            };
            let mut change = classify(before.as_ref(), Some(&after));
            if change == Change::Unchanged && !events.is_empty() {
                change = changed_back(loaded, p, before.as_ref(), from, to);
            }
            if change == Change::Unchanged
                && let Some(e) = after.unsettled.filter(|e| ds.event(*e).date > to)
            {
                change = Change::Unsettled { event: e };
                events.push(e);
            }
            let by_event = match change {
                Change::Gained { by, .. } => gained_by(loaded, p, by, from, to),
                Change::Appeared | Change::ChangedBack { .. } => None,
                c if c.is_change() => after.set_by,
                _ => None,
            }
            .filter(|e| ds.event(*e).date > from);
            Some(Line {
                place: p,
                before,
                after: Some(after),
                change,
                by_event,
                events,
            })
        }));
        Comparison { from, to, lines }
    }

    /// The lines whose map changed, then those with an unsettled change, in dataset order.
    pub(crate) fn changes(&self) -> Vec<&Line> {
        let mut out: Vec<&Line> = self.lines.iter().filter(|l| l.change.is_change()).collect();
        out.extend(
            self.lines
                .iter()
                .filter(|l| matches!(l.change, Change::Unsettled { .. })),
        );
        out
    }

    /// Per faction: how many places it held on either day, and which it gained and lost.
    pub(crate) fn tallies(&self, ds: &Dataset) -> Vec<Tally> {
        let mut out: Vec<Tally> = (0..ds.factions.len() as u32)
            .map(|f| Tally {
                faction: FactionId(f),
                before: 0,
                after: 0,
                gained: Vec::new(),
                lost: Vec::new(),
            })
            .collect();
        // Places and areas alike, as `gained` and `lost` list them: the counts and the lists
        // agree (an area gained raises the count it is listed beside). One pass over the
        // lines for every faction at once: at 10,000 places, four per faction were a tenth
        // of a comparing frame.
        let holder = |s: &Option<PlaceState>| s.and_then(|s| s.holder);
        for l in &self.lines {
            if let Some(t) = tally(&mut out, holder(&l.before)) {
                t.before += 1;
            }
            if let Some(t) = tally(&mut out, holder(&l.after)) {
                t.after += 1;
            }
            if let Change::Gained { by, from } = l.change {
                if let Some(t) = tally(&mut out, by) {
                    t.gained.push(l.place);
                }
                if let Some(t) = tally(&mut out, from) {
                    t.lost.push(l.place);
                }
            }
        }
        out
    }
}

/// The tally of faction `f`, if there is one.
fn tally(tallies: &mut [Tally], f: Option<FactionId>) -> Option<&mut Tally> {
    f.and_then(|f| tallies.get_mut(f.index()))
}

/// The first state between `from` and `to` that differs from `before`, if the place changed
/// and changed back.
fn changed_back(
    loaded: &Loaded,
    place: PlaceId,
    before: Option<&PlaceState>,
    from: NaiveDate,
    to: NaiveDate,
) -> Change {
    let Some(before) = before else {
        return Change::Unchanged;
    };
    let (_, within) = loaded.timeline.states_between(place, from, to);
    within
        .filter(|(d, _)| *d < to)
        .find(|(_, s)| s.differs_from(before))
        .map_or(Change::Unchanged, |(_, via)| Change::ChangedBack {
            via: *via,
        })
}

/// The event by which `holder` last took the place between `from` and `to`: a later
/// contest or claim begins another state, but the gain is dated by the capture.
fn gained_by(
    loaded: &Loaded,
    place: PlaceId,
    holder: Option<FactionId>,
    from: NaiveDate,
    to: NaiveDate,
) -> Option<EventId> {
    let (before, within) = loaded.timeline.states_between(place, from, to);
    let mut found = None;
    let mut previous = before.holder;
    for (_, s) in within {
        if s.holder == holder && previous != holder {
            found = s.set_by;
        }
        previous = s.holder;
    }
    found
}

/// One faction's places on both days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tally {
    /// The faction.
    pub faction: FactionId,
    /// How many places and areas it held at the end of the first day (of those on the map on
    /// the second).
    pub before: usize,
    /// How many at the end of the second.
    pub after: usize,
    /// The places it took from others.
    pub gained: Vec<PlaceId>,
    /// The places others took from it.
    pub lost: Vec<PlaceId>,
}

fn labels(ds: &Dataset, set: FactionSet) -> String {
    let l: Vec<&str> = set.iter().map(|f| ds.faction(f).label.as_str()).collect();
    l.join(", ")
}

/// What happened, in words: `gained by HTS from GOV`, `newly contested by HTS`, `claim by
/// REB no longer stands: held by GOV`, `unchanged`.
pub(crate) fn what(ds: &Dataset, line: &Line) -> String {
    let label =
        |f: Option<FactionId>| f.map_or("no holder".to_string(), |f| ds.faction(f).label.clone());
    let now = |s: &Option<PlaceState>| {
        s.as_ref()
            .map_or_else(String::new, |s| describe(ds, line.place, s))
    };
    match line.change {
        Change::Unchanged => "unchanged".to_string(),
        Change::Appeared => format!("on the map since then: {}", now(&line.after)),
        Change::Gained { by: None, from } => {
            format!("no longer held by {}: {}", label(from), now(&line.after))
        }
        Change::Gained { by, from } => {
            let mut s = format!("gained by {} from {}", label(by), label(from));
            if line.after.is_some_and(|a| a.status != Status::Held) {
                s.push_str(&format!("; now {}", now(&line.after)));
            }
            s
        }
        Change::Contested { by } => format!("newly contested by {}", labels(ds, by)),
        Change::Claimed { by } => format!("newly claimed by {}, unconfirmed", labels(ds, by)),
        Change::Disputed { by } => {
            format!(
                "now disputed: reports also name {} as captor",
                labels(ds, by)
            )
        }
        Change::Ended { was } => {
            let whose = line.before.map_or(FactionSet::default(), |b| b.others);
            let what = match was {
                Status::Contested => format!("no longer contested by {}", labels(ds, whose)),
                Status::Claimed => format!("claim by {} no longer stands", labels(ds, whose)),
                Status::Disputed => "dispute settled".to_string(),
                Status::Held => "unchanged".to_string(),
            };
            format!("{what}: {}", now(&line.after))
        }
        Change::Status => format!("now {}; was {}", now(&line.after), now(&line.before)),
        Change::ChangedBack { via } => format!(
            "{} again, after being {}",
            now(&line.after),
            describe(ds, line.place, &via)
        ),
        Change::Unsettled { event } => {
            let ev = ds.event(event);
            format!(
                "unchanged on the map, but may have changed already: {} {}",
                super::words::event_summary(ds, ev),
                window(ev.dating)
            )
        }
    }
}

/// When the change happened, as the reports date it: `on 5 Dec`, `~30 Nov, changed between
/// 29 Nov and 1 Dec`, `changed between 25 Nov and 7 Dec, possibly before 4 Dec`; `None` where
/// no single event made it.
pub(crate) fn when(ds: &Dataset, line: &Line, from: NaiveDate) -> Option<String> {
    let d: Dating = ds.event(line.by_event?).dating;
    let mut s = if d.is_exact() {
        format!("on {}", short_day(d.earliest))
    } else {
        format!("changed {}", window(d))
    };
    if d.earliest <= from {
        s.push_str(&format!(", possibly before {}", short_day(from)));
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 12, d).unwrap()
    }

    #[test]
    fn hama_is_gained_by_hts_on_5_december() {
        let loaded = crate::loaded::builtin().unwrap();
        let ds = &loaded.dataset;
        let c = Comparison::between(&loaded, day(4), day(7));
        let hama = ds.find_place("Hama").unwrap();
        let line = c.lines.iter().find(|l| l.place == hama).unwrap();
        let (gov, hts) = (ds.find_faction("gov"), ds.find_faction("hts"));
        assert_eq!(line.change, Change::Gained { by: hts, from: gov });
        assert_eq!(what(ds, line), "gained by HTS from GOV");
        assert_eq!(when(ds, line, c.from).as_deref(), Some("on 5 Dec"));
        assert!(!line.events.is_empty());
        let tallies = c.tallies(ds);
        let t = tallies.iter().find(|t| Some(t.faction) == hts).unwrap();
        assert!(t.gained.contains(&hama) && t.after > t.before);
        let g = tallies.iter().find(|t| Some(t.faction) == gov).unwrap();
        assert!(g.lost.contains(&hama));
    }

    #[test]
    fn an_undated_change_says_it_may_be_older_than_the_first_day() {
        let loaded = crate::loaded::builtin().unwrap();
        let ds = &loaded.dataset;
        let c = Comparison::between(&loaded, day(4), day(7));
        let palmyra = ds.find_place("Palmyra").unwrap();
        let line = c.lines.iter().find(|l| l.place == palmyra).unwrap();
        assert_eq!(line.change.kind(), "gained");
        assert_eq!(
            when(ds, line, c.from).as_deref(),
            Some("changed between 25 Nov and 7 Dec, possibly before 4 Dec")
        );
        // On 4 December the same change is only possible: unsettled, not a change.
        let early = Comparison::between(&loaded, day(3), day(4));
        let line = early.lines.iter().find(|l| l.place == palmyra).unwrap();
        assert_eq!(line.change.kind(), "unsettled");
        assert!(what(ds, line).contains("may have changed already"));
    }

    /// The comparison reads both days of a place in one search: the same states, unsettled
    /// marks included (the built-in dataset has undated changes), as reading each day.
    #[test]
    fn both_days_read_at_once_are_each_day_read_alone() {
        let loaded = crate::loaded::builtin().unwrap();
        let tl = &loaded.timeline;
        let days: Vec<NaiveDate> = tl
            .first_date()
            .iter_days()
            .take_while(|d| *d <= tl.last_date())
            .collect();
        let cursors: Vec<Cursor> = days.iter().map(|d| tl.at(*d)).collect();
        let mut unsettled = 0;
        for (i, &from) in days.iter().enumerate() {
            for (j, &to) in days.iter().enumerate().skip(i) {
                for p in (0..loaded.dataset.places.len() as u32).map(PlaceId) {
                    let alone = (
                        tl.state_of(p, from),
                        tl.state_of(p, to),
                        tl.has_events_between(p, from, to),
                    );
                    assert_eq!(
                        tl.states_across(p, from, to, None),
                        alone,
                        "{p:?} {from} {to}"
                    );
                    for shown in [&cursors[i], &cursors[j]] {
                        let read = tl.states_across(p, from, to, Some(shown));
                        assert_eq!(read, alone, "{p:?} {from} {to} shown {}", shown.date);
                    }
                    unsettled += usize::from(alone.1.is_some_and(|s| s.unsettled.is_some()));
                }
            }
        }
        assert!(unsettled > 0, "some states are unsettled");
    }

    #[test]
    fn the_same_day_changes_nothing_and_order_does_not_matter() {
        let loaded = crate::loaded::builtin().unwrap();
        let same = Comparison::between(&loaded, day(7), day(7));
        assert!(same.lines.iter().all(|l| !l.change.is_change()));
        assert_eq!(
            Comparison::between(&loaded, day(7), day(4)),
            Comparison::between(&loaded, day(4), day(7))
        );
    }

    #[test]
    fn classify_reads_status_changes() {
        let loaded = crate::loaded::builtin().unwrap();
        let ds = &loaded.dataset;
        let homs = ds.find_place("Homs").unwrap();
        let c = Comparison::between(&loaded, day(4), day(7));
        let line = c.lines.iter().find(|l| l.place == homs).unwrap();
        assert_eq!(line.change.kind(), "contested");
        assert_eq!(what(ds, line), "newly contested by HTS");
        assert_eq!(
            line.change.faction(line.after.as_ref()),
            ds.find_faction("hts")
        );
    }
}
