//! A one-page Markdown report of one day: the state table, the day's changes and events, and
//! every quote behind every place's state, each with its source.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::dataset::{Dataset, PlaceId};
use crate::loaded::Loaded;
use crate::snapshot::PlaceRow;
use crate::view::day::Day;
use crate::view::words;

/// Dataset text made inert in Markdown ([`crate::dataset::text::markdown`]).
pub(crate) fn md(s: &str) -> String {
    crate::dataset::text::markdown(s)
}

fn since(r: &PlaceRow) -> String {
    match (r.since, r.since_earliest, r.since_latest, r.since_likely) {
        (None, ..) => "before the dataset".into(),
        (Some(_), Some(a), Some(b), Some(l)) => format!("~{l} (between {a} and {b})"),
        (Some(_), Some(a), Some(b), None) => format!("between {a} and {b}"),
        (Some(d), ..) => d.to_string(),
    }
}

/// The reporters behind a state, and how many of them name its holder where fewer do: `3 (1
/// names KUR)`.
fn sources(ds: &Dataset, r: &PlaceRow) -> String {
    let holder = r.holder.as_deref().and_then(|h| ds.find_faction(h));
    match holder {
        Some(h) if r.captor_sources < r.sources => {
            let label = md(&ds.faction(h).label);
            match r.captor_sources {
                0 => format!("{} (none names {label})", r.sources),
                1 => format!("{} (1 names {label})", r.sources),
                n => format!("{} ({n} name {label})", r.sources),
            }
        }
        _ => r.sources.to_string(),
    }
}

/// The report.
pub(crate) fn document(loaded: &Loaded, date: NaiveDate) -> String {
    let ds = &loaded.dataset;
    let rows: Vec<(PlaceId, PlaceRow)> = crate::snapshot::place_rows(loaded, date).collect();
    let r = Report {
        loaded,
        date,
        // Places that share a name are told apart by division (and coordinates).
        labels: crate::dataset::namesakes::labels(ds),
        cursor: loaded.timeline.at(date),
        day: Day::of(loaded, date),
    };
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(&ds.name));
    let _ = writeln!(
        out,
        "Who held each place at the end of **{}**. Every state below is backed by the \
         verbatim quotes listed under it; where reports disagree the place is shown as \
         contested, claimed or disputed.\n",
        date.format("%A %-d %B %Y")
    );
    r.state(&mut out, &rows);
    areas(&mut out, loaded, &rows);
    r.changes(&mut out);
    r.dated(&mut out);
    r.also(&mut out);
    r.unsettled(&mut out, &rows);
    r.disagreements(&mut out);
    out.push_str("\n## The quotes behind each place's state\n");
    for (p, _) in &rows {
        place_quotes(&mut out, loaded, *p, &r.labels[p.0 as usize], date);
    }
    out.push_str("\n## Sources\n\n");
    for s in &ds.sources {
        let _ = writeln!(out, "- {}", crate::report::source_item(s));
    }
    let _ = writeln!(
        out,
        "\nMade with frontline from {} ({}). {}",
        md(&crate::export::dataset_file_name(ds)),
        md(&ds.id),
        md(&words::coordinate_credits(ds))
    );
    out
}

/// What the report's sections share: the day, its state and the names of its places.
struct Report<'a> {
    loaded: &'a Loaded,
    date: NaiveDate,
    labels: Vec<String>,
    cursor: crate::timeline::Cursor,
    day: Day,
}

impl Report<'_> {
    /// A place's name, told apart from its namesakes, escaped.
    fn name(&self, p: PlaceId) -> String {
        md(&self.labels[p.0 as usize])
    }

    /// The state of every place, as a table.
    fn state(&self, out: &mut String, rows: &[(PlaceId, PlaceRow)]) {
        let ds = &self.loaded.dataset;
        out.push_str("## State\n\n");
        out.push_str("| Place | Holder | Status | Others | Since | Sources |\n");
        out.push_str("|---|---|---|---|---|---:|\n");
        for (p, r) in rows {
            let holder = r.holder_name.as_deref().map_or_else(|| "—".to_string(), md);
            let others: Vec<String> = r
                .others
                .iter()
                .filter_map(|id| ds.find_faction(id))
                .map(|f| md(&ds.faction(f).label))
                .collect();
            let _ = writeln!(
                out,
                "| {} | {holder} | {} | {} | {} | {} |",
                self.name(*p),
                r.status,
                if others.is_empty() {
                    "—".to_string()
                } else {
                    others.join(", ")
                },
                since(r),
                sources(ds, r)
            );
        }
        let _ = writeln!(
            out,
            "\n{} (The map export shades them; this table does not.)\n",
            crate::view::area_note()
        );
    }

    /// The day's changes of hands or status.
    fn changes(&self, out: &mut String) {
        let ds = &self.loaded.dataset;
        out.push_str("## Changes on this day\n\n");
        if self.day.changed.is_empty() {
            out.push_str("No report dates a change of hands or status to this day.\n");
        }
        for p in &self.day.changed {
            if let Some(state) = self.cursor.state(*p) {
                let _ = writeln!(
                    out,
                    "- **{}**: {}, {}",
                    self.name(*p),
                    md(&words::describe(ds, *p, state)),
                    md(&words::since(ds, state))
                );
            }
        }
    }

    /// The events dated to the day.
    fn dated(&self, out: &mut String) {
        let ds = &self.loaded.dataset;
        let _ = writeln!(
            out,
            "\n## Dated to this day ({} events)\n",
            self.day.dated.len()
        );
        if self.day.dated.is_empty() {
            out.push_str("No report dates anything to this day.\n");
        }
        for &id in &self.day.dated {
            let ev = ds.event(id);
            let _ = writeln!(
                out,
                "- **{}**, {} \\[{}\\] — {}, when: “{}”, date: {}\n\n  > {}\n",
                self.name(ev.place),
                md(&words::event_summary(ds, ev)),
                md(&words::event_status(ds, ev)),
                md(&words::cite(ds, ev)),
                md(&ev.when),
                md(&words::event_date(ev)),
                md(&ev.quote)
            );
        }
    }

    /// What the day's reports say with no day of its own.
    fn also(&self, out: &mut String) {
        let ds = &self.loaded.dataset;
        let _ = writeln!(
            out,
            "\n## Also reported in this day's reports, with no day of their own ({} events)\n",
            self.day.also.iter().map(|m| m.events.len()).sum::<usize>()
        );
        if self.day.also.is_empty() && self.day.settled.is_empty() {
            if ds.sources.iter().any(|s| s.published == self.date) {
                out.push_str("Nothing: every statement in them is dated.\n");
            } else {
                out.push_str("No report in the dataset was published on this day.\n");
            }
        }
        for p in &self.day.settled {
            if let Some(state) = self.cursor.state(*p) {
                let _ = writeln!(
                    out,
                    "- **{}** is now {}: {}, so it is not a change of this day.",
                    self.name(*p),
                    md(&words::describe(ds, *p, state)),
                    md(&words::since(ds, state))
                );
            }
        }
        for m in &self.day.also {
            let sources: Vec<String> = m.sources.iter().map(|s| md(&ds.source(*s).id)).collect();
            let _ = writeln!(
                out,
                "- **{}**, {} \\[{}\\] — {}",
                self.name(m.place),
                md(&m.summary),
                md(&m.status),
                sources.join(", ")
            );
        }
    }

    /// The places whose state the day leaves unsettled.
    fn unsettled(&self, out: &mut String, rows: &[(PlaceId, PlaceRow)]) {
        let ds = &self.loaded.dataset;
        let unsettled: Vec<String> = rows
            .iter()
            .filter_map(|(p, _)| {
                let state = self.cursor.state(*p)?;
                let u = words::unsettled(ds, state, self.date)?;
                Some(format!("- **{}**: {}", self.name(*p), md(&u)))
            })
            .collect();
        if !unsettled.is_empty() {
            out.push_str("\n## Not settled on this day\n\n");
            for line in unsettled {
                let _ = writeln!(out, "{line}");
            }
        }
    }

    /// The contradictions among the reports known by the day.
    fn disagreements(&self, out: &mut String) {
        let ds = &self.loaded.dataset;
        let contradictions = self.loaded.contradictions_on(self.date, None);
        out.push_str("\n## Where the reports disagree\n\n");
        if contradictions.is_empty() {
            out.push_str("No contradiction among the reports known by this day.\n");
        }
        for c in contradictions {
            let events: Vec<String> = c
                .events
                .iter()
                .map(|e| {
                    let ev = ds.event(*e);
                    format!("{} ({})", md(&ev.id), md(&ds.source(ev.source).id))
                })
                .collect();
            let _ = writeln!(
                out,
                "- **{}** — {}: {} Accounts: {}.",
                self.name(c.place),
                md(&c.topic),
                md(&c.summary),
                events.join(", ")
            );
        }
    }
}

/// The named areas on the map that day: how each is drawn, and that it is the dataset's
/// reading of the reports' words.
fn areas(out: &mut String, loaded: &Loaded, rows: &[(PlaceId, PlaceRow)]) {
    let ds = &loaded.dataset;
    let lines: Vec<String> = rows
        .iter()
        .filter_map(|(p, _)| {
            let reading = words::area_reading(ds, *p)?;
            Some(format!(
                "- **{}**: {}",
                md(&ds.place(*p).name),
                md(&reading)
            ))
        })
        .collect();
    if lines.is_empty() {
        return;
    }
    out.push_str("## Areas\n\nThe reports name these regions without bounds; how each is drawn is the dataset's reading.\n\n");
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');
}

/// The quotes behind `p`'s state, under a heading naming it `label`.
fn place_quotes(out: &mut String, loaded: &Loaded, p: PlaceId, label: &str, date: NaiveDate) {
    let ds = &loaded.dataset;
    let Some(state) = loaded.timeline.state_of(p, date) else {
        return;
    };
    let place = ds.place(p);
    let _ = writeln!(
        out,
        "\n### {} — {}, {}\n",
        md(label),
        md(&words::describe(ds, p, &state)),
        md(&words::since(ds, &state))
    );
    if let Some(u) = words::unsettled(ds, &state, date) {
        let _ = writeln!(out, "Not settled on this day: {}\n", md(&u));
    }
    let support = loaded.timeline.support(ds, p, &state);
    if support.is_empty() {
        let basis = &place.initial_basis;
        let _ = writeln!(
            out,
            "No report since the dataset began. {}",
            md(&basis.note)
        );
        if let (Some(s), Some(q)) = (basis.source, &basis.quote) {
            let _ = writeln!(out, "\n> {}\n>\n> — {}", md(q), md(&ds.source(s).id));
        }
        return;
    }
    let all = loaded.timeline.state_reporters(ds, p, &state);
    let naming = loaded.timeline.captor_reporters(ds, p, &state);
    let captor =
        words::captor(ds, &state, &all, &naming).map_or_else(String::new, |c| format!("; {c}"));
    let _ = writeln!(out, "{}{}.\n", md(&words::reporters(ds, &all)), md(&captor));
    for e in support {
        let ev = ds.event(e);
        let _ = writeln!(out, "{}", crate::report::quote_block(ds, ev));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(md("a|b <i>*x*</i>"), r"a\|b \<i\>\*x\*\</i\>");
        assert_eq!(md("bell\u{7}\nnext"), "bell next");
    }
}
