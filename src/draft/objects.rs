//! The places a trigger acts on: the object after it, a list of them ("Aleppo in the north,
//! Hama in the centre and Deir al-Zor in the east"), each with its own wording of when where
//! it has one ("Deraa and Suweida on Friday, followed by Quneitra on Saturday"). The place
//! must head the object: "three men", "weapons near Y" and "a village near Y" are not
//! captures of a place (the last is a reference: an advance on Y).

use super::analyse::Analysis;
use super::lexicon::{CLAUSE_WORDS, DETERMINERS, EDGES, HEDGES, PLACE_NOUNS, REFERENCE, SITES};
use super::places::COMPASS;

/// One place of an object list.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    /// The place mention (index into the analysis' places).
    pub place: usize,
    /// Its own wording of when (index into the analysis' dates), if it has one.
    pub date: Option<usize>,
    /// Which part of the list: "followed by" starts another.
    pub segment: usize,
}

/// What follows a trigger.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Objects {
    /// The places acted on.
    pub items: Vec<Item>,
    /// A place named only as a reference point ("a village near Y"), if any.
    pub reference: Option<usize>,
    /// A hedge before the place (token index): "almost", "most of".
    pub hedge: Option<usize>,
    /// The object is the place's edge ("the outskirts of X"), not the place.
    pub edge: bool,
    /// The token just past what was read.
    pub end: usize,
}

fn hard_stop(a: &Analysis<'_>, k: usize) -> bool {
    let t = &a.toks[k];
    t.is_any(&[".", ";", ":", "(", ")", "!", "?", "—", "–"]) || t.is_any(CLAUSE_WORDS)
}

fn adjective_like(w: &str) -> bool {
    [
        "ern",
        "ic",
        "al",
        "ian",
        "ese",
        "ish",
        "ive",
        "ous",
        "-held",
        "-controlled",
        "-run",
    ]
    .iter()
    .any(|s| w.ends_with(s))
}

/// Read the object starting at token `from`, up to `limit` (the next trigger or the
/// sentence's end).
#[expect(
    clippy::too_many_lines,
    reason = "the grammar of a trigger's objects, one case after another"
)]
pub(crate) fn read(a: &Analysis<'_>, from: usize, limit: usize) -> Objects {
    let toks = &a.toks;
    let mut out = Objects {
        end: from,
        ..Objects::default()
    };
    let mut k = from;
    let mut segment = 0;
    'items: loop {
        // Before the place: determiners, adjectives, "the key city of", hedges.
        let first = out.items.is_empty();
        let mut pre_start = k;
        let mut place = None;
        let mut skipped = false;
        while k < limit {
            if let Some(d) = a.date_at(k) {
                k = a.dates[d].end;
                continue;
            }
            if let Some(p) = a.place_at(k) {
                place = Some(p);
                break;
            }
            let t = &toks[k];
            // "control Syria's border with Israel and almost the entire southwest": a first
            // part that names no place is passed over, once.
            if first && !skipped && t.is("and") && k > pre_start {
                skipped = true;
                k += 1;
                pre_start = k;
                continue;
            }
            let too_far = k - pre_start >= if first { 8 } else { 4 };
            let faction = a.faction_at(k).is_some_and(|m| !m.weak);
            let stop = hard_stop(a, k) && !t.is("with");
            if faction || stop || too_far || (t.is(",") && first) {
                break 'items;
            }
            if a.triggers.iter().any(|f| f.start == k) {
                break 'items;
            }
            k += 1;
        }
        let Some(p) = place else { break };
        let pre: Vec<usize> = (pre_start..a.places[p].start)
            .filter(|&i| a.toks[i].is_wordlike() && a.date_at(i).is_none())
            .collect();
        match classify(a, &pre) {
            Pre::Reference => {
                out.reference = Some(p);
                out.end = a.places[p].end;
                break;
            }
            Pre::NotPlace => break,
            Pre::Object { hedge, edge } => {
                out.hedge = out.hedge.or(hedge);
                out.edge |= edge;
            }
        }
        let mut item = Item {
            place: p,
            date: None,
            segment,
        };
        k = a.places[p].end;
        out.end = k;
        // After the place: "in the north", its wording of when, up to a separator.
        let mut stop = false;
        let post_start = k;
        while k < limit {
            if let Some(d) = a.date_at(k) {
                item.date = item.date.or(Some(d));
                k = a.dates[d].end;
                out.end = k;
                continue;
            }
            let t = &toks[k];
            if t.is_any(&[",", "and", "or"]) || t.is("followed") {
                break;
            }
            if a.faction_at(k).is_some()
                || hard_stop(a, k)
                || a.triggers.iter().any(|f| f.start == k)
                || a.place_at(k).is_some()
                || k - post_start >= 6
            {
                stop = true;
                break;
            }
            k += 1;
        }
        out.items.push(item);
        if stop || k >= limit {
            break;
        }
        // Separators: ",", "and", "or", "as well as", "followed by".
        while k < limit {
            let t = &toks[k];
            if t.is_any(&[",", "and", "or", "as", "well"]) {
                k += 1;
            } else if t.is("followed") && toks.get(k + 1).is_some_and(|n| n.is("by")) {
                segment += 1;
                k += 2;
            } else {
                break;
            }
        }
    }
    out
}

enum Pre {
    Object { hedge: Option<usize>, edge: bool },
    Reference,
    NotPlace,
}

/// What the words before a place make of it: things taken are not the place ("weapons
/// near Y"); a reference word makes the place a landmark ("villages outside the city"),
/// and so does a site near it ("an army camp outside the city"); otherwise the place is
/// the object, with the hedge or edge the words give.
fn classify(a: &Analysis<'_>, pre: &[usize]) -> Pre {
    let toks = &a.toks;
    let word = |n: usize| toks[pre[n]].lower.as_str();
    let of_next = |n: usize| pre.get(n + 1).is_some_and(|&j| toks[j].is("of"));
    let compass = |w: &str| COMPASS.iter().any(|(noun, _)| *noun == w);
    let reference = (0..pre.len()).any(|n| {
        let w = word(n);
        // "north of X" is outside X; "the north of X" is in it.
        let the_before = n > 0 && word(n - 1) == "the";
        (compass(w) && of_next(n) && !the_before) || (!compass(w) && REFERENCE.contains(&w))
    });
    if (0..pre.len()).any(|n| THINGS.contains(&word(n))) {
        return Pre::NotPlace;
    }
    if reference {
        return Pre::Reference;
    }
    let mut hedge = None;
    let mut edge = false;
    for n in 0..pre.len() {
        let t = &toks[pre[n]];
        let w = word(n);
        if w == "to" || SITES.contains(&w) {
            return Pre::NotPlace;
        }
        let partial = matches!(w, "part" | "parts" | "most" | "much");
        if HEDGES.contains(&w) && hedge.is_none() && (!partial || of_next(n)) {
            hedge = Some(pre[n]);
        }
        edge |= EDGES.contains(&w);
        let known = DETERMINERS.contains(&w)
            || HEDGES.contains(&w)
            || EDGES.contains(&w)
            || PLACE_NOUNS.contains(&w)
            || compass(w)
            || COMPASS.iter().any(|(_, adj)| *adj == w)
            || t.cap
            || adjective_like(w)
            || OTHER_KNOWN.contains(&w)
            || !t.is_wordlike();
        // An unknown word is an adjective only if a place noun follows it ("the historic
        // desert city of Palmyra"); else it is what was taken ("footage of Homs").
        let noun_follows = pre[n + 1..]
            .iter()
            .any(|&j| PLACE_NOUNS.contains(&toks[j].lower.as_str()));
        if !known && !noun_follows {
            return Pre::NotPlace;
        }
    }
    Pre::Object { hedge, edge }
}

/// Small words an object may hold before its place.
#[rustfmt::skip]
const OTHER_KNOWN: &[&str] = &[
    "of", "'s", "'", "and", "just", "only", "mere", "also", "now", "even", "still", "rest",
    "remainder", "large", "big", "small", "smaller", "larger", "city's", "town's", "areas",
];

/// Things and people: taking these is not taking the place they are in or near.
#[rustfmt::skip]
const THINGS: &[&str] = &[
    "weapons", "weapon", "arms", "ammunition", "men", "man", "women", "woman", "people",
    "soldiers", "soldier", "prisoners", "prisoner", "hostages", "hostage", "civilians",
    "members", "member", "equipment", "vehicles", "vehicle", "tanks", "tank", "cache", "caches",
    "drones", "drone", "aircraft", "plane", "helicopter", "responsibility", "money", "cash",
    "documents", "drugs", "goods", "oil", "lives", "life", "statue", "statues", "power",
    "talks", "meeting", "elections", "election", "vote", "steps", "seats", "seat", "fighters",
    "officials", "official", "leaders", "leader", "commander", "commanders", "residents",
    "refugees", "children", "suspects", "suspect", "journalists", "journalist", "workers",
    "crew", "ship", "ships", "vessel", "vessels", "boat", "boats", "cargo", "shipment", "fuel",
    "supplies", "aid", "food", "footage", "images", "photos", "video", "attention", "credit",
    "victory", "lead", "hearts", "minds", "initiative",
];
