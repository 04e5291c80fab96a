//! The places a trigger acts on, before they are made concrete: its object's places, the
//! subject of a passive or of "fell", the place a withdrawal naming none is from.

use super::super::places::PlaceMention;
use super::*;

/// A place a trigger acts on, before it is made concrete.
pub(super) struct Target {
    /// What names the place.
    pub hit: Hit,
    /// `words` spell the place's name.
    pub spelled: bool,
    /// The token the mention starts at (what "the city" refers back from).
    pub at: usize,
    /// The words naming it.
    pub words: String,
    /// Its own wording of when (index into the sentence's dates).
    pub date: Option<usize>,
    /// Its part of an object list ("followed by" starts another).
    pub segment: usize,
}

/// A target from a place mention.
pub(super) fn target(
    a: &Analysis<'_>,
    m: &PlaceMention,
    date: Option<usize>,
    segment: usize,
) -> Target {
    Target {
        spelled: !matches!(m.hit, Hit::Anaphor | Hit::Capital),
        hit: m.hit.clone(),
        at: m.start,
        words: a.words(m.start, m.end).to_string(),
        date,
        segment,
    }
}

/// The targets of an object list.
pub(super) fn from_objects(a: &Analysis<'_>, objs: &Objects) -> Vec<Target> {
    objs.items
        .iter()
        .map(|it| target(a, &a.places[it.place], it.date, it.segment))
        .collect()
}

/// The place a passive or "fell" is about: its subject, right before it (past
/// auxiliaries, adverbs and an apposition: "Kupiansk, a key railway hub, fell"), or the
/// place "it" stands for; for a sentence opening with the verb ("Captured by … on …"), the
/// place named last before.
pub(super) fn subject_place(a: &Analysis<'_>, mem: &Memory, at: usize) -> Option<Target> {
    use super::super::lexicon::{ADVERBS, AUX};
    let toks = &a.toks;
    let mut i = at;
    while i > 0 && (toks[i - 1].is_any(AUX) || toks[i - 1].is_any(ADVERBS)) {
        i -= 1;
    }
    if i > 0
        && toks[i - 1].is(",")
        && let Some(c) = (i.saturating_sub(14)..i - 1)
            .rev()
            .find(|&k| toks[k].is(","))
    {
        i = c;
    }
    if let Some(m) = a.places.iter().find(|m| m.end == i) {
        return Some(target(a, m, None, 0));
    }
    if i > 0 && toks[i - 1].is("it") {
        return Some(Target {
            spelled: false,
            hit: Hit::Anaphor,
            at: i - 1,
            words: a.words(i - 1, i).to_string(),
            date: None,
            segment: 0,
        });
    }
    let opens = (0..i).all(|k| !toks[k].is_wordlike());
    let (hit, _) = mem.places.last().filter(|_| opens)?;
    Some(Target {
        spelled: false,
        hit: hit.clone(),
        at: 0,
        words: "(the place named before)".to_string(),
        date: None,
        segment: 0,
    })
}

/// "seized Palmyra after government troops withdrew": a withdrawal that names no place is
/// from the place the sentence says was taken.
pub(super) fn withdrawn_from(
    earlier: &[RawEvent],
    f: &Found,
    why: &mut Vec<String>,
    confidence: &mut f32,
) -> Option<Target> {
    let e = earlier
        .iter()
        .find(|e| matches!(e.kind, EventKind::Captured | EventKind::Claimed))?;
    why.push("withdrew, naming no place: from the place the sentence says was taken".into());
    *confidence -= 0.15;
    Some(Target {
        spelled: e.spelled,
        hit: e.place.clone(),
        at: f.start,
        words: e.place_words.clone(),
        date: None,
        segment: 0,
    })
}

/// "Our forces operating in Daraa and as-Suwayda implemented a redeployment": the places
/// the subject's forces are in, before the trigger at `at` in its clause.
pub(super) fn forces_in(a: &Analysis<'_>, at: usize) -> Vec<usize> {
    let toks = &a.toks;
    let start = (0..at)
        .rev()
        .find(|&i| toks[i].is_any(&[";", ":", "."]))
        .map_or(0, |i| i + 1);
    let Some(forces) = (start..at)
        .find(|&i| toks[i].is_any(&["forces", "troops", "units", "soldiers", "army", "garrison"]))
    else {
        return Vec::new();
    };
    let Some(first) = (forces..at).find(|&i| toks[i].is("in")) else {
        return Vec::new();
    };
    if first > forces + 4 {
        return Vec::new();
    }
    let objs = objects::read(a, first + 1, at);
    objs.items.iter().map(|it| it.place).collect()
}
