//! Who acted, for a trigger whose verb says it only by position, and how sure that makes
//! drafting; who the dataset has holding a place before the report.

use super::super::lexicon::{DETERMINERS, WITHDRAWAL_NOUNS};
use super::targets::Target;
use super::*;

/// How much the way the actor was found takes from drafting's confidence.
pub(super) fn actor_confidence(actor: &Actor) -> f32 {
    match actor {
        Actor::Faction(_, how) if how.contains("inferred") => -0.25,
        Actor::Faction(_, how) if how.starts_with('“') => -0.15,
        Actor::Faction(_, how) if how.contains("a word of its aliases") => -0.1,
        Actor::Faction(..) => 0.0,
        Actor::Text(_) => -0.45,
        Actor::Unknown => -0.5,
    }
}

/// The actor of an active trigger: a possessive before a noun ("HTS’ sweep"), "by"/"to"
/// after a noun's object, the main clause's subject after a participle, the subject before
/// the verb; for fighting with nobody named, the one faction named that does not hold the
/// place; else the words before the verb, for review.
pub(super) fn find_actor(
    k: &Knowledge,
    a: &Analysis<'_>,
    mem: &Memory,
    f: &Found,
    objs: &Objects,
    targets: &[Target],
) -> Actor {
    let toks = &a.toks;
    if f.def.shape == Shape::Nominal {
        let poss = f.start > 0 && toks[f.start - 1].is_any(&["'", "'s"]);
        if let Some(m) = poss.then(|| a.faction_ending(f.start - 1)).flatten() {
            return Actor::Faction(
                m.faction,
                format!("actor “{}”, whose it is", a.words(m.start, m.end)),
            );
        }
        if toks.get(objs.end).is_some_and(|t| t.is_any(&["by", "to"]))
            && let Some((fid, x, y)) = actor::after(a, objs.end + 1)
        {
            return Actor::Faction(
                fid,
                format!(
                    "actor “{}”, after “{}”",
                    a.words(x, y),
                    a.words(objs.end, objs.end + 1)
                ),
            );
        }
    }
    // "the withdrawal of clan militias": a noun's actor follows "of"; one that a preposition
    // governs ("following the withdrawal") has no subject before it.
    if toks[f.start].is_any(WITHDRAWAL_NOUNS) {
        if toks.get(f.end).is_some_and(|t| t.is("of")) {
            return match actor::after(a, f.end + 1) {
                Some((fid, x, y)) => {
                    Actor::Faction(fid, format!("actor “{}”, after “of”", a.words(x, y)))
                }
                None => actor::words_after_by(a, f.end).map_or(Actor::Unknown, Actor::Text),
            };
        }
        let governed = (0..f.start)
            .rev()
            .find(|&i| toks[i].is_wordlike() && !toks[i].is_any(DETERMINERS))
            .is_some_and(|i| {
                toks[i].is_any(&[
                    "following",
                    "after",
                    "before",
                    "amid",
                    "despite",
                    "since",
                    "with",
                    "of",
                    "for",
                ])
            });
        if governed {
            return Actor::Unknown;
        }
    }
    let verb = matches!(
        f.def.shape,
        Shape::Object | Shape::WithdrawFrom | Shape::LostTo
    );
    if verb && actor::participle(a, f.start) {
        let found = actor::main_subject(a, objs.end);
        if found != Actor::Unknown {
            return found;
        }
    }
    // "HTS’ sweep into Aleppo": a possessive before the trigger also names its actor.
    if f.start > 0
        && toks[f.start - 1].is_any(&["'", "'s"])
        && let Some(m) = a.faction_ending(f.start - 1)
    {
        return Actor::Faction(
            m.faction,
            format!("actor “{}”, whose it is", a.words(m.start, m.end)),
        );
    }
    let found = actor::before(a, mem, f.start);
    if found != Actor::Unknown {
        return found;
    }
    if f.def.kind == EventKind::Contested
        && let Some(Hit::Dataset(p)) = targets.first().map(|t| &t.hit)
        && let Some(fid) = not_the_holder(k, a, *p)
    {
        return Actor::Faction(
            fid,
            format!(
                "inferred: the one faction named besides {}'s holder",
                k.loaded.dataset.place(*p).name
            ),
        );
    }
    // A noun ("fighting", "the fall of") has no subject to quote.
    if matches!(f.def.shape, Shape::Locative | Shape::Nominal) {
        return Actor::Unknown;
    }
    actor::words_before(a, f.start).map_or(Actor::Unknown, Actor::Text)
}

/// Who the dataset has holding a place the day before the report was published.
fn holder(k: &Knowledge, a: &Analysis<'_>, p: crate::dataset::PlaceId) -> Option<FactionId> {
    let tl = &k.loaded.timeline;
    let before = a.published.pred_opt().unwrap_or(a.published);
    tl.state_of(p, tl.clamp(before))?.holder
}

/// True if the dataset has `f`'s side holding the place before the report.
pub(super) fn holds(k: &Knowledge, a: &Analysis<'_>, hit: &Hit, f: FactionId) -> bool {
    let Hit::Dataset(p) = hit else { return false };
    holder(k, a, *p).is_some_and(|h| k.loaded.dataset.related(h, f))
}

/// The only faction the sentence names that is not on the side of the place's holder.
fn not_the_holder(
    k: &Knowledge,
    a: &Analysis<'_>,
    p: crate::dataset::PlaceId,
) -> Option<FactionId> {
    let ds = &k.loaded.dataset;
    let holder = holder(k, a, p)?;
    let mut others: Vec<FactionId> = Vec::new();
    for m in &a.factions {
        if !ds.related(m.faction, holder) && !others.iter().any(|o| ds.related(*o, m.faction)) {
            others.push(m.faction);
        }
    }
    (others.len() == 1).then(|| others[0])
}
