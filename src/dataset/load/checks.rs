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
    // Each entry has at most one link, so every loop is found by walking each chain once,
    // stopping at entries already walked (linear, where following n links from each of n
    // entries was quadratic). A loop is reported at its first entry in file order, whose link
    // is dropped: the loop is broken there, and chains that ran into it now end.
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; links.len()];
    for i in 0..links.len() {
        let mut path = Vec::new();
        let mut cur = Some(i);
        while let Some(c) = cur.filter(|c| *c < links.len() && state[*c] == NEW) {
            state[c] = ON_PATH;
            path.push(c);
            cur = links[c].map(|l| l as usize);
        }
        let start = cur
            .filter(|c| *c < links.len() && state[*c] == ON_PATH)
            .and_then(|c| path.iter().position(|p| *p == c));
        if let Some(first) = start.and_then(|s| path[s..].iter().min().copied())
            && let Some(Some(r)) = refs.get(first)
        {
            cx.err(
                &r.1,
                format!("`{field}` links form a loop"),
                Some(format!(
                    "following `{field}` from here comes back round; a chain must end at an entry without it"
                )),
            );
            links[first] = None;
        }
        for c in path {
            state[c] = DONE;
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

/// A place's `aliases` (the reports' spellings) must each occur in a source text, ignoring
/// case; the gazetteer's go in `gazetteer_aliases`. Places may share a spelling (namesakes:
/// see `dataset::namesakes`); `validate` warns only about namesakes a few km apart.
pub(super) fn check_spellings(cx: &mut Cx, b: &Builder) {
    if b.alias_spans.iter().any(|a| !a.is_empty()) && b.sources.iter().all(|s| !s.text.is_empty()) {
        let texts: Vec<String> = b.sources.iter().map(|s| s.text.to_lowercase()).collect();
        let needles: Vec<String> = b
            .alias_spans
            .iter()
            .flatten()
            .map(|(alias, _)| alias.to_lowercase())
            .collect();
        let found = words_found(&texts, &needles);
        for ((alias, span), found) in b.alias_spans.iter().flatten().zip(found) {
            if !found {
                cx.err(
                    span,
                    format!("the spelling `{alias}` occurs in no source text"),
                    Some("`aliases` are the reports' own spellings; put a gazetteer's in `gazetteer_aliases`".into()),
                );
            }
        }
    }
}

/// Which of `needles` occur in one of `texts` as whole words: not inside a longer word
/// ("Hmeimim" is not in "Khmeimim"). One automaton pass over each text for all needles, so
/// the cost follows the texts' length, not their length times the number of spellings; at
/// one position only needles of different lengths can match, and spellings are capped in
/// length, so the matches at a position are bounded too.
fn words_found(texts: &[String], needles: &[String]) -> Vec<bool> {
    // The same spelling may stand for several places: search each once.
    let mut unique: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let of: Vec<usize> = needles
        .iter()
        .map(|n| {
            *index.entry(n.as_str()).or_insert_with(|| {
                unique.push(n.as_str());
                unique.len() - 1
            })
        })
        .collect();
    let Ok(automaton) = aho_corasick::AhoCorasick::new(&unique) else {
        // Too large to build: report no spelling rather than every one.
        return vec![true; needles.len()];
    };
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    let mut found = vec![false; unique.len()];
    let mut left = unique.len();
    'texts: for text in texts {
        for m in automaton.find_overlapping_iter(text.as_str()) {
            let i = m.pattern().as_usize();
            if !found[i]
                && boundary(text[..m.start()].chars().next_back())
                && boundary(text[m.end()..].chars().next())
            {
                found[i] = true;
                left -= 1;
                if left == 0 {
                    break 'texts;
                }
            }
        }
    }
    of.iter().map(|&i| found[i]).collect()
}

/// Check every event quote against its source (see [`check_quotes`]).
pub(super) fn check_event_quotes(cx: &mut Cx, b: &Builder) {
    let pending = b
        .pending_quotes
        .iter()
        .map(|(src, event, span)| (*src, b.events[*event].quote.as_str(), span.clone()));
    check_quotes(cx, &b.sources, pending);
}

/// Check every place's `initial` quote against its source (see [`check_quotes`]).
pub(super) fn check_initial_quotes(cx: &mut Cx, b: &Builder) {
    let pending = b
        .pending_initial_quotes
        .iter()
        .map(|(src, (q, span))| (*src, q.as_str(), span.clone()));
    check_quotes(cx, &b.sources, pending);
}

/// Check quotes against their sources: one pass over each source's text finds all of its
/// quotes at once (see [`occurrences`]), so checking costs the size of the texts plus the
/// quotes, not a substring search of a whole source per quote (100,000 places quoting a
/// 16 MiB source would have been hours).
fn check_quotes<'q>(
    cx: &mut Cx,
    sources: &[Source],
    pending: impl Iterator<Item = (SourceId, &'q str, Range<usize>)>,
) {
    let mut by_source: Vec<Vec<(&str, Range<usize>)>> = vec![Vec::new(); sources.len()];
    for (src, quote, span) in pending {
        if let Some(list) = by_source.get_mut(src.index()) {
            list.push((quote, span));
        }
    }
    for (source, pending) in sources.iter().zip(&by_source) {
        if pending.is_empty() || source.text.is_empty() {
            continue; // an unreadable source is reported already
        }
        let quotes: Vec<&str> = pending.iter().map(|(q, _)| *q).collect();
        let found = occurrences(&source.text, &quotes);
        for (i, (q, span)) in pending.iter().enumerate() {
            if !found[i] {
                report_missing_quote(cx, source, q, span);
            }
        }
    }
}

/// Report `q` (at `span`), not found in `source`, with the closest passage as a hint while
/// the hint budget lasts.
fn report_missing_quote(cx: &mut Cx, source: &Source, q: &str, span: &Range<usize>) {
    // The search costs a pass over the source: paid from the hint budget, so a thousand
    // broken quotes against a large source cannot make loading quadratic.
    let cost = (source.text.len() + q.len()) as u64;
    let hint = if cx.hint_budget >= cost {
        cx.hint_budget -= cost;
        closest_passage(&source.text, q)
    } else {
        "copy the passage from the source exactly (no closest passage searched: too many quotes differ)".to_string()
    };
    cx.err(
        span,
        format!(
            "the quote does not occur verbatim in {} ({})",
            source.id, source.file
        ),
        Some(hint),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `link_within` on links given as indices (`None`: no link).
    fn loops(links: &[Option<usize>]) -> (Vec<Option<u32>>, Vec<u32>) {
        let text = "x\n".repeat(links.len());
        let mut cx = Cx::new("x.toml", &text);
        let mut ids = Ids::new("source");
        for i in 0..links.len() {
            ids.add(&mut cx, &(format!("s{i}"), 2 * i..2 * i + 1));
        }
        let refs: Vec<Option<Sp<String>>> = links
            .iter()
            .enumerate()
            .map(|(i, l)| l.map(|l| (format!("s{l}"), 2 * i..2 * i + 1)))
            .collect();
        let out = link_within(&mut cx, &ids, &refs, "same_story_as");
        (out, cx.diags.iter().map(|d| d.line - 1).collect())
    }

    #[test]
    fn a_loop_is_reported_once_at_its_first_entry_and_broken_there() {
        // 0 runs into the loop 1 -> 2 -> 3 -> 1; 4 -> 5 ends; 6 links to itself.
        let (links, reported) =
            loops(&[Some(1), Some(2), Some(3), Some(1), Some(5), None, Some(6)]);
        assert_eq!(
            reported,
            vec![6, 1],
            "the self-link, then the loop at its first entry"
        );
        assert_eq!(
            links,
            vec![Some(1), None, Some(3), Some(1), Some(5), None, None]
        );
    }

    /// Following n links from each of n entries was quadratic: 10^10 steps here.
    #[test]
    fn a_hundred_thousand_linked_entries_are_walked_once() {
        let n = 100_000;
        let mut chain: Vec<Option<usize>> = (0..n).map(|i| Some(i + 1)).collect();
        chain[n - 1] = Some(n / 2); // the tail half is a loop
        let (links, reported) = loops(&chain);
        assert_eq!(reported, vec![n as u32 / 2]);
        assert_eq!(links[n / 2], None);
        assert_eq!(links.iter().filter(|l| l.is_none()).count(), 1);
    }
}
