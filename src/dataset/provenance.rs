//! Who first reported a statement, so that corroboration counts original reporters and not
//! copies: a quote that credits an outlet ("cited by Reuters") is that outlet's; a source that
//! rewrites wire copy (`derived_from`) speaks for those wires; same-story copies speak for the
//! first of their chain; any other source for its own outlet. A source whose outlet is not
//! stated is a reporter of its own.

use std::collections::HashMap;

use super::model::{Dataset, Event, EventId, SourceId};

/// The outlet recorded when a text credits none.
pub(crate) const NOT_STATED: &str = "not stated";

/// One original reporter of a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    /// An outlet, as written in the dataset (`Reuters`).
    Outlet(String),
    /// A source that names no outlet: it counts as a reporter of its own.
    Source(SourceId),
}

impl Origin {
    /// What identifies the reporter: outlets compare ignoring case and surrounding spaces.
    fn key(&self) -> String {
        match self {
            Origin::Outlet(name) => format!("outlet:{}", name.trim().to_lowercase()),
            Origin::Source(id) => format!("source:{}", id.0),
        }
    }
}

/// The original reporters an event's words come from (one, or several when its source
/// rewrites more than one wire and the quote credits none of them).
pub(crate) fn origins(ds: &Dataset, ev: &Event) -> Vec<Origin> {
    statement_origins(ds, ev.source, ev.cites.as_deref())
}

/// The original reporters of words in `source` that credit `cites` (if they credit an outlet):
/// an event's quote, or the quote that backs a starting holder.
pub(crate) fn statement_origins(
    ds: &Dataset,
    source: SourceId,
    cites: Option<&str>,
) -> Vec<Origin> {
    if let Some(outlet) = cites {
        return vec![Origin::Outlet(outlet.to_string())];
    }
    let root = ds.story_root(source);
    let src = ds.source(root);
    if !src.derived_from.is_empty() {
        return src
            .derived_from
            .iter()
            .map(|o| Origin::Outlet(o.clone()))
            .collect();
    }
    if src.outlet.trim().is_empty() || src.outlet.trim().eq_ignore_ascii_case(NOT_STATED) {
        vec![Origin::Source(root)]
    } else {
        vec![Origin::Outlet(src.outlet.clone())]
    }
}

/// Statements that may come from one original reporter: events whose reporters overlap are
/// counted together (a text rewriting "Reuters/AFP" goes with Reuters' own copy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReporterGroup {
    /// The reporters, in order of first appearance (`Reuters`, `AFP`); a source with no
    /// outlet appears as its id.
    pub names: Vec<String>,
    /// The sources whose events fall in the group, in dataset order.
    pub sources: Vec<SourceId>,
}

/// The independent reporters behind `events`, in order of first appearance.
pub fn reporter_groups(ds: &Dataset, events: &[EventId]) -> Vec<ReporterGroup> {
    statement_groups(
        ds,
        events.iter().map(|&e| {
            let ev = ds.event(e);
            (ev.source, ev.cites.as_deref())
        }),
    )
}

/// The independent reporters behind statements given as (source, outlet the words credit),
/// in order of first appearance.
pub(crate) fn statement_groups<'a>(
    ds: &Dataset,
    statements: impl IntoIterator<Item = (SourceId, Option<&'a str>)>,
) -> Vec<ReporterGroup> {
    // Union-find over reporter keys: each event joins all of its reporters together.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut parent: Vec<usize> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut per_event: Vec<(SourceId, usize)> = Vec::new();
    for (source, cites) in statements {
        let mut first: Option<usize> = None;
        for origin in statement_origins(ds, source, cites) {
            let key = origin.key();
            let i = *index.entry(key).or_insert_with(|| {
                parent.push(parent.len());
                names.push(match &origin {
                    Origin::Outlet(name) => name.trim().to_string(),
                    Origin::Source(id) => ds.source(*id).id.clone(),
                });
                parent.len() - 1
            });
            match first {
                None => first = Some(i),
                Some(f) => {
                    let (a, b) = (find(&mut parent, f), find(&mut parent, i));
                    parent[b.max(a)] = a.min(b);
                }
            }
        }
        if let Some(f) = first {
            per_event.push((source, f));
        }
    }
    let mut groups: Vec<(usize, ReporterGroup)> = Vec::new();
    for (i, name) in names.into_iter().enumerate() {
        let root = find(&mut parent, i);
        match groups.iter_mut().find(|(r, _)| *r == root) {
            Some((_, g)) => g.names.push(name),
            None => groups.push((
                root,
                ReporterGroup {
                    names: vec![name],
                    sources: Vec::new(),
                },
            )),
        }
    }
    for (source, i) in per_event {
        let root = find(&mut parent, i);
        if let Some((_, g)) = groups.iter_mut().find(|(r, _)| *r == root)
            && !g.sources.contains(&source)
        {
            g.sources.push(source);
        }
    }
    let mut out: Vec<ReporterGroup> = groups.into_iter().map(|(_, g)| g).collect();
    for g in &mut out {
        g.sources.sort_unstable();
    }
    out
}

/// How many independent reporters stand behind `events`.
pub(crate) fn independent_count(ds: &Dataset, events: &[EventId]) -> usize {
    reporter_groups(ds, events).len()
}
