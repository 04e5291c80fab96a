//! Who acted, by position: the subject before an active verb (a faction's name, or a
//! pronoun standing for the last one named), the main clause's subject after a participle
//! ("After capturing X, rebels…"), "by X" after a passive, "to X" after "fell". A faction
//! that is only a preposition's object ("the battle against the army") is not the actor.

use super::analyse::Analysis;
use super::lexicon::{ADVERBS, AUX, CLAUSE_WORDS, MODALS, PARTICIPLE_OPENERS, PRONOUNS};
use crate::dataset::FactionId;

/// The actor of an event.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Actor {
    /// A faction, and how it was found.
    Faction(FactionId, String),
    /// Words naming an actor no faction matches, for review.
    Text(String),
    /// Nobody named.
    Unknown,
}

/// What drafting remembers from the sentences before: the last subject and places.
#[derive(Debug, Default)]
pub(crate) struct Memory {
    /// The first faction the last sentence naming one names, and that sentence's number.
    pub subject: Option<(FactionId, usize)>,
    /// Places named, newest last, each with its sentence's number.
    pub places: Vec<(super::places::Hit, usize)>,
    /// The number of the sentence being read.
    pub sentence: usize,
}

const OBJECT_PREPOSITIONS: &[&str] = &[
    "against", "by", "to", "from", "with", "on", "at", "of", "into", "for", "toward", "towards",
];

/// True if the faction mention starting at `start` is a preposition's object, not a
/// subject ("the battle against the army"); not when a verb follows it ("with rebels
/// claiming…").
fn prepositional(a: &Analysis<'_>, start: usize) -> bool {
    let end = a
        .factions
        .iter()
        .find(|m| m.start == start)
        .map_or(start, |m| m.end);
    if a.toks.get(end).is_some_and(|t| t.lower.ends_with("ing")) {
        return false;
    }
    let mut k = start;
    while k > 0 {
        k -= 1;
        let t = &a.toks[k];
        if t.is_any(&["the", "a", "an"]) || (!t.is_wordlike() && !t.is(",")) {
            continue;
        }
        return t.is_any(OBJECT_PREPOSITIONS);
    }
    false
}

/// The subject faction of a verb at `at`, searching back through the sentence.
pub(crate) fn before(a: &Analysis<'_>, mem: &Memory, at: usize) -> Actor {
    let mut i = at;
    while i > 0 {
        i -= 1;
        let t = &a.toks[i];
        if t.is_any(&[";", ":"]) {
            break;
        }
        if let Some(m) = a.faction_ending(i + 1)
            && !prepositional(a, m.start)
        {
            let how = if m.weak {
                format!(
                    "actor “{}” (a word of its aliases), before the verb",
                    a.words(m.start, m.end)
                )
            } else {
                format!("actor “{}”, the subject", a.words(m.start, m.end))
            };
            return Actor::Faction(m.faction, how);
        }
        if t.is_any(PRONOUNS) && !t.is_any(&["its", "their", "them"]) {
            return pronoun(a, mem, i);
        }
    }
    Actor::Unknown
}

/// The faction a pronoun at `i` stands for: the last named before it in the sentence, or
/// the subject of the sentence before.
pub(crate) fn pronoun(a: &Analysis<'_>, mem: &Memory, i: usize) -> Actor {
    let word = a.words(i, i + 1);
    if let Some(m) = a
        .factions
        .iter()
        .rev()
        .find(|m| m.end <= i && !prepositional(a, m.start))
    {
        return Actor::Faction(
            m.faction,
            format!("“{word}”: {} named before it", a.words(m.start, m.end)),
        );
    }
    match mem.subject {
        Some((f, n)) if mem.sentence - n <= 2 => {
            Actor::Faction(f, format!("“{word}”: the subject of a sentence before"))
        }
        _ => Actor::Text(word.to_string()),
    }
}

/// For a participle opening the sentence ("After capturing X, …, rebels are…"): the main
/// clause's subject, the first faction after `from`.
pub(crate) fn main_subject(a: &Analysis<'_>, from: usize) -> Actor {
    match a
        .factions
        .iter()
        .find(|m| m.start >= from && !prepositional(a, m.start))
    {
        Some(m) => Actor::Faction(
            m.faction,
            format!(
                "actor “{}”, the subject of the main clause",
                a.words(m.start, m.end)
            ),
        ),
        None => Actor::Unknown,
    }
}

/// True if the -ing trigger at `at` opens a participle clause: first in its sentence, or
/// right after "After", "Besides"… at the sentence's start.
pub(crate) fn participle(a: &Analysis<'_>, at: usize) -> bool {
    if !a.toks[at].lower.ends_with("ing") {
        return false;
    }
    let before: Vec<usize> = (0..at).filter(|&i| a.toks[i].is_wordlike()).collect();
    match before.as_slice() {
        [] => true,
        [k] => a.toks[*k].is_any(PARTICIPLE_OPENERS),
        _ => false,
    }
}

/// The faction named right after `at` ("by the rebels", "to Ukraine"), skipping "the".
pub(crate) fn after(a: &Analysis<'_>, at: usize) -> Option<(FactionId, usize, usize)> {
    let mut k = at;
    while k < a.toks.len() {
        // An alias may open with "the" ("the army").
        if let Some(m) = a.faction_at(k) {
            return Some((m.faction, m.start, m.end));
        }
        if !a.toks[k].is_any(&["the", "a", "an"]) && a.toks[k].is_wordlike() {
            break;
        }
        k += 1;
    }
    None
}

/// The words naming an actor no faction matches, before the verb at `at`: back to the
/// clause's start, without auxiliaries and adverbs ("Police", "Russia").
pub(crate) fn words_before(a: &Analysis<'_>, at: usize) -> Option<String> {
    let toks = &a.toks;
    let mut end = at;
    while end > 0
        && (toks[end - 1].is_any(AUX)
            || toks[end - 1].is_any(ADVERBS)
            || toks[end - 1].is_any(MODALS))
    {
        end -= 1;
    }
    let start = (0..end)
        .rev()
        .find(|&i| {
            toks[i].is_any(&[",", ";", ":", "“", "”", "\"", "(", ")"])
                || toks[i].is_any(CLAUSE_WORDS)
        })
        .map_or(0, |i| i + 1);
    // Not a determiner alone ("the fall of…").
    let start = (start..end)
        .find(|&i| toks[i].is_wordlike() && !toks[i].is_any(super::lexicon::DETERMINERS))
        .unwrap_or(end);
    let words = (start..end).filter(|&i| toks[i].is_wordlike()).count();
    (1..=8)
        .contains(&words)
        .then(|| a.words(start, end).to_string())
}

/// The words after a passive's "by" when no faction is named there ("by gunmen").
pub(crate) fn words_after_by(a: &Analysis<'_>, by: usize) -> Option<String> {
    let toks = &a.toks;
    let end = (by + 1..toks.len())
        .find(|&i| {
            !toks[i].is_wordlike()
                || toks[i].is_any(CLAUSE_WORDS)
                || a.date_at(i).is_some()
                || toks[i].is_any(&["on", "in", "at"])
        })
        .unwrap_or(toks.len());
    let n = end.saturating_sub(by + 1);
    (1..=6)
        .contains(&n)
        .then(|| a.words(by + 1, end).to_string())
}
