//! The checks that need every entry of a kind, run once reading has moved past it: links
//! within a collection (`same_story_as`, `part_of`), distinct glyphs, unambiguous spellings,
//! and quotes that occur verbatim in their sources.

use std::collections::HashMap;
use std::ops::Range;

use super::{Builder, Ids, ids};
use crate::dataset::fields::{Cx, Sp};
use crate::dataset::model::{FactionId, Source, SourceId};
use crate::dataset::quotes::{closest_passage, occurrences};

/// Resolve links from entries to other entries of the same collection (`same_story_as`,
/// `part_of`): unknown ids and links to oneself are reported, and so is a link that is part
/// of a loop (`field` names it); those links are dropped.
fn link_within(
    cx: &mut Cx,
    ids: &Ids,
    refs: &[Option<Sp<String>>],
    field: &str,
) -> Vec<Option<u32>> {
    let mut links: Vec<Option<u32>> = refs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let r = r.as_ref()?;
            let j = ids.get(cx, r)?;
            if j as usize == i {
                cx.err(
                    &r.1,
                    format!("`{field}` cannot name the entry itself"),
                    None,
                );
                return None;
            }
            Some(j)
        })
        .collect();
    // A chain that has not ended after n steps goes round a loop.
    for i in 0..links.len() {
        let mut cur = links[i];
        for _ in 0..links.len() {
            cur = cur.and_then(|c| links.get(c as usize).copied().flatten());
        }
        if cur.is_some()
            && let Some(Some(r)) = refs.get(i)
        {
            cx.err(
                &r.1,
                format!("`{field}` links form a loop"),
                Some(format!(
                    "following `{field}` from here comes back round; a chain must end at an entry without it"
                )),
            );
            links[i] = None;
        }
    }
    links
}

pub(super) fn link_stories(cx: &mut Cx, b: &mut Builder) {
    let source_ids = ids(&mut b.source_ids, "source");
    let links = link_within(cx, source_ids, &b.story_refs, "same_story_as");
    for (source, link) in b.sources.iter_mut().zip(links) {
        source.same_story_as = link.map(SourceId);
    }
}

pub(super) fn link_factions(cx: &mut Cx, b: &mut Builder) {
    let faction_ids = ids(&mut b.faction_ids, "faction");
    let links = link_within(cx, faction_ids, &b.part_of_refs, "part_of");
    for (faction, link) in b.factions.iter_mut().zip(links) {
        faction.part_of = link.map(FactionId);
    }
    let glyphs: Vec<char> = b.factions.iter().map(|f| f.glyph).collect();
    for (i, g) in glyphs.iter().enumerate() {
        if glyphs[..i].contains(g) {
            let id = b.factions[i].id.clone();
            let span = ids(&mut b.faction_ids, "faction")
                .map
                .get(&id)
                .map(|x| x.1.clone())
                .unwrap_or(0..0);
            cx.err(
                &span,
                format!("faction `{id}` uses the glyph `{g}` of another faction"),
                Some("glyphs tell factions apart without colour, so each must differ".into()),
            );
        }
    }
}

/// Spellings must be unambiguous, and a place's `aliases` (the reports' spellings) must each
/// occur in a source text, ignoring case; the gazetteer's go in `gazetteer_aliases`.
pub(super) fn check_spellings(cx: &mut Cx, b: &Builder) {
    if b.alias_spans.iter().any(|a| !a.is_empty()) {
        let texts: Vec<String> = b.sources.iter().map(|s| s.text.to_lowercase()).collect();
        let readable = b.sources.iter().all(|s| !s.text.is_empty());
        for (alias, span) in b.alias_spans.iter().flatten() {
            let needle = alias.to_lowercase();
            if readable && !texts.iter().any(|t| contains_word(t, &needle)) {
                cx.err(
                    span,
                    format!("the spelling `{alias}` occurs in no source text"),
                    Some("`aliases` are the reports' own spellings; put a gazetteer's in `gazetteer_aliases`".into()),
                );
            }
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, p) in b.places.iter().enumerate() {
        let mut names: Vec<String> = p
            .aliases
            .iter()
            .chain(&p.gazetteer_aliases)
            .map(|a| a.to_lowercase())
            .collect();
        names.push(p.name.to_lowercase());
        names.sort();
        names.dedup();
        for n in names {
            if let Some(&j) = seen.get(&n)
                && j != i
            {
                cx.err(
                    &b.place_spans[i],
                    format!(
                        "the spelling `{n}` names both `{}` and `{}`",
                        b.places[j].id, p.id
                    ),
                    Some("place searches must be unambiguous".into()),
                );
            }
            seen.insert(n, i);
        }
    }
}

/// True if `needle` occurs in `text` as whole words: not inside a longer word ("Hmeimim" is
/// not in "Khmeimim").
fn contains_word(text: &str, needle: &str) -> bool {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(needle).any(|(i, m)| {
        boundary(text[..i].chars().next_back()) && boundary(text[i + m.len()..].chars().next())
    })
}

/// Check every event quote against its source: one pass over each source's text finds all
/// of its quotes at once (see [`occurrences`]), so checking costs the size of the texts plus
/// the quotes instead of one substring search per quote.
pub(super) fn check_event_quotes(cx: &mut Cx, b: &Builder) {
    let mut by_source: Vec<Vec<(usize, Range<usize>)>> = vec![Vec::new(); b.sources.len()];
    for (src, event, span) in &b.pending_quotes {
        by_source[src.index()].push((*event, span.clone()));
    }
    for (s, pending) in by_source.iter().enumerate() {
        let source = &b.sources[s];
        if pending.is_empty() || source.text.is_empty() {
            continue; // an unreadable source is reported already
        }
        let quotes: Vec<&str> = pending
            .iter()
            .map(|(e, _)| b.events[*e].quote.as_str())
            .collect();
        let found = occurrences(&source.text, &quotes);
        for (i, (_, span)) in pending.iter().enumerate() {
            if !found[i] {
                let q = (quotes[i].to_string(), span.clone());
                check_quote(cx, source, &q);
            }
        }
    }
}

pub(super) fn check_quote(cx: &mut Cx, source: &Source, (q, span): &Sp<String>) -> bool {
    if source.text.is_empty() || source.text.contains(q.as_str()) {
        return true;
    }
    cx.err(
        span,
        format!(
            "the quote does not occur verbatim in {} ({})",
            source.id, source.file
        ),
        Some(closest_passage(&source.text, q)),
    );
    false
}
