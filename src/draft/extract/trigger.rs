//! One trigger's events: where, who, what kind, who says so and when.

use super::super::lexicon::{CLAIM, DISTANCE};
use super::targets::{Target, forces_in, from_objects, subject_place, target, withdrawn_from};
use super::who::{actor_confidence, find_actor, holds};
use super::*;

/// The events of the trigger `f`, and the token its object ends at.
#[expect(
    clippy::too_many_arguments,
    reason = "the trigger, its sentence's analysis and what earlier triggers found"
)]
#[expect(
    clippy::too_many_lines,
    reason = "one rule per kind of trigger, read top to bottom like the lexicon"
)]
pub(super) fn trigger_events(
    k: &Knowledge,
    a: &Analysis<'_>,
    mem: &Memory,
    (ti, f): (usize, &Found),
    limit: usize,
    prev_end: usize,
    earlier: &[RawEvent],
    s: &Sentence,
) -> (Vec<RawEvent>, usize) {
    let toks = &a.toks;
    let def = f.def;
    if hypothetical(a, f).is_some() {
        return (Vec::new(), f.end);
    }
    let mut kind = def.kind;
    let mut why = vec![format!("“{}”: {}", a.words(f.start, f.end), kind.as_str())];
    let mut confidence: f32 = if def.state { 0.7 } else { 0.85 };
    let mut actor = Actor::Unknown;
    let mut from = None;
    let mut hedge = hedge_before(a, f.start);
    let mut objs = Objects {
        end: f.end,
        ..Objects::default()
    };
    let mut targets: Vec<Target> = Vec::new();
    let is_passive = passive(a, f);
    match def.shape {
        Shape::Position => {
            let moved = std::ptr::eq(def, &DISTANCE) && f.start > 0 && toks[f.start - 1].is("to");
            if !(a.be_before(f.start) || moved) {
                return (Vec::new(), f.end);
            }
            objs = read_objects(a, f.end, limit);
            targets = from_objects(a, &objs);
        }
        Shape::Object if is_passive => {
            targets.extend(subject_place(a, mem, f.start));
            let mut j = f.end;
            while let Some(d) = a.date_at(j) {
                j = a.dates[d].end;
            }
            if toks.get(j).is_some_and(|t| t.is("by")) {
                actor = match actor::after(a, j + 1) {
                    Some((fid, x, y)) => {
                        Actor::Faction(fid, format!("actor “{}”, after “by”", a.words(x, y)))
                    }
                    None => actor::words_after_by(a, j).map_or(Actor::Unknown, Actor::Text),
                };
            }
            why.push("a passive: the place before it, the actor after “by”".into());
        }
        Shape::Object | Shape::Nominal => {
            objs = read_objects(a, f.end, limit);
            targets = from_objects(a, &objs);
            // "withdrew to defend Homs": a purpose, not where to; withdrew from the place taken.
            let purpose = toks.get(f.end).is_some_and(|t| {
                t.kind == super::super::tokens::Tk::Word
                    && !t.cap
                    && !t.is_any(super::super::lexicon::DETERMINERS)
                    && !t.is_any(super::super::lexicon::PLACE_NOUNS)
                    && !t.lower.ends_with("ern")
            });
            if kind == EventKind::WithdrewTo
                && targets.is_empty()
                && objs.reference.is_none()
                && purpose
            {
                kind = EventKind::Withdrew;
                targets.extend(withdrawn_from(earlier, f, &mut why, &mut confidence));
            }
        }
        Shape::WithdrawFrom => {
            let from_at = (f.end..(f.end + 5).min(limit))
                .take_while(|&i| !toks[i].is_any(&[",", ";", ".", "to", "towards"]))
                .find(|&i| toks[i].is("from"));
            match from_at {
                Some(j) => {
                    objs = read_objects(a, j + 1, limit);
                    targets = from_objects(a, &objs);
                }
                None => {
                    let stationed = forces_in(a, f.start);
                    if stationed.is_empty() {
                        targets.extend(withdrawn_from(earlier, f, &mut why, &mut confidence));
                    } else {
                        why.push(
                            "withdrew, naming no place: from where the forces are said to be"
                                .into(),
                        );
                        targets.extend(stationed.iter().map(|&m| target(a, &a.places[m], None, 0)));
                    }
                }
            }
        }
        Shape::FellTo => {
            targets.extend(subject_place(a, mem, f.start));
            if !def.rest.is_empty()
                && let Some((fid, x, y)) = actor::after(a, f.end)
            {
                actor = Actor::Faction(
                    fid,
                    format!(
                        "actor “{}”, after “{}”",
                        a.words(x, y),
                        a.words(f.end - 1, f.end)
                    ),
                );
            }
        }
        Shape::LostTo => {
            objs = read_objects(a, f.end, limit);
            targets = from_objects(a, &objs);
            if toks.get(objs.end).is_some_and(|t| t.is("to"))
                && let Some((fid, x, y)) = actor::after(a, objs.end + 1)
            {
                actor = Actor::Faction(fid, format!("actor “{}”, after “to”", a.words(x, y)));
            }
            if let Actor::Faction(loser, _) = actor::before(a, mem, f.start) {
                from = Some(loser);
            }
        }
        Shape::Locative => {
            let prep = (f.end..(f.end + 10).min(limit))
                .take_while(|&i| !toks[i].is_any(&[";", ".", ":"]))
                .find(|&i| {
                    toks[i].is_any(&[
                        "in",
                        "for",
                        "around",
                        "at",
                        "over",
                        "inside",
                        "across",
                        "throughout",
                        "on",
                    ])
                });
            if let Some(p) = prep {
                objs = read_objects(a, p + 1, limit);
                targets = from_objects(a, &objs);
            }
        }
        Shape::Breach => {
            // "broke through Russian lines near Balakliia": near it, an advance; else the place
            // whose defences fell, or the sentence's only place.
            objs = read_objects(a, f.end, limit);
            targets = from_objects(a, &objs);
            // "defences from the north and east of the city" are the city's own.
            if let Some(r) = objs.reference {
                let near = (f.end..a.places[r].start).any(|i| {
                    toks[i].is_any(&[
                        "near", "outside", "around", "close", "km", "miles", "off", "beyond",
                    ])
                });
                if !near {
                    targets.push(target(a, &a.places[r], None, 0));
                    objs.reference = None;
                }
            }
            let only = (a.places.len() == 1).then(|| &a.places[0]);
            if targets.is_empty()
                && objs.reference.is_none()
                && let Some(m) = a
                    .places
                    .iter()
                    .find(|m| m.start >= f.end && m.start < limit)
                    .or(only)
            {
                targets.push(target(a, m, None, 0));
                why.push("defences breached: the place the sentence names".into());
            }
        }
    }
    if targets.is_empty()
        && let Some(r) = objs.reference
        && matches!(
            kind,
            EventKind::Captured | EventKind::Contested | EventKind::Advanced
        )
    {
        why.push(format!(
            "what was taken is near {}, not it: an advance on it",
            a.words(a.places[r].start, a.places[r].end)
        ));
        kind = EventKind::Advanced;
        confidence -= 0.2;
        targets.push(target(a, &a.places[r], None, 0));
    }
    if targets.is_empty()
        && let Some(r) = objs.reference
        && kind == EventKind::Withdrew
    {
        why.push(format!(
            "withdrew from near {}, not from it",
            a.words(a.places[r].start, a.places[r].end)
        ));
        confidence -= 0.2;
        targets.push(target(a, &a.places[r], None, 0));
    }
    // "recaptured the town of Mahaday (…) from Al Shabaab": who lost it.
    if kind == EventKind::Captured && from.is_none() {
        let mut j = objs.end;
        let mut depth = 0usize;
        while j < limit.min(objs.end + 14) {
            let t = &toks[j];
            if t.is("(") {
                depth += 1;
            } else if t.is(")") {
                depth = depth.saturating_sub(1);
            } else if depth == 0 && t.is("from") {
                from = actor::after(a, j + 1).map(|(fid, _, _)| fid);
                break;
            } else if depth == 0 && t.is_any(&[".", ";"]) {
                break;
            }
            j += 1;
        }
    }
    // "was captured by X on …, and recaptured by Y on …": the same subject.
    if targets.is_empty()
        && (is_passive || def.shape == Shape::FellTo)
        && f.start > 0
        && toks[f.start - 1].is_any(&["and", ",", "but", "then"])
        && let Some(e) = earlier.last()
    {
        targets.push(Target {
            spelled: e.spelled,
            hit: e.place.clone(),
            at: f.start,
            words: e.place_words.clone(),
            date: None,
            segment: 0,
        });
        why.push("the subject of the verb before it".into());
    }
    if targets.is_empty() {
        return (Vec::new(), objs.end);
    }
    if actor == Actor::Unknown && !is_passive && def.shape != Shape::FellTo {
        actor = find_actor(k, a, mem, f, &objs, &targets);
    }
    // "still held by the army", "now holds Hama" where it held it: who holds it, not a change.
    let still = (f.start.saturating_sub(2)..f.start)
        .any(|i| toks[i].is_any(&["still", "remains", "remained"]));
    if def.state
        && kind == EventKind::Captured
        && let Actor::Faction(fid, _) = &actor
        && (still || targets.iter().any(|t| holds(k, a, &t.hit, *fid)))
    {
        kind = EventKind::Other;
        why.push("who holds it, as it did: not a change of hands".into());
    }
    for late in a
        .late
        .iter()
        .filter(|d| d.start >= prev_end && d.start < limit)
    {
        why.push(format!(
            "“{}” falls after publication: left undated",
            late.wording
        ));
        confidence -= 0.2;
    }
    // A claim governing the capture: "claiming they have taken", "claim to also hold".
    let claim = (f.start.saturating_sub(6)..f.start)
        .rev()
        .take_while(|&i| !toks[i].is_any(&[";", ".", ":"]))
        .any(|i| toks[i].is_any(CLAIM));
    if claim && kind == EventKind::Captured {
        kind = EventKind::Claimed;
        why.push("a claim governs it".into());
    }
    if objs.edge && kind == EventKind::Captured {
        kind = EventKind::Contested;
        why.push("only the place's edge (outskirts, suburbs): contested".into());
        confidence -= 0.1;
    }
    hedge = hedge.or_else(|| hedge_of(a, &objs));
    // Who says so; a denial or a negated statement is its speaker's denial.
    let covering: Vec<&super::super::analyse::Speech> = a
        .speech
        .iter()
        .filter(|sp| sp.scope.contains(&f.start))
        .collect();
    let mut said_by: Vec<FactionId> = Vec::new();
    for sp in covering.iter().filter(|sp| !sp.deny) {
        for f in &sp.factions {
            if !said_by.contains(f) {
                said_by.push(*f);
            }
        }
        if !sp.factions.is_empty() {
            why.push(format!(
                "said by “{}”",
                a.words(sp.speaker.start, sp.speaker.end)
            ));
        }
    }
    let denier = covering
        .iter()
        .find(|sp| sp.deny)
        .map(|sp| sp.factions.first().copied());
    let neg = negated(a, f.start);
    if denier.is_some() || neg {
        let by = match denier {
            Some(d) => d,
            None => said_by.first().copied(),
        };
        let Some(by) = by else {
            return (Vec::new(), objs.end);
        };
        why.push(format!(
            "{}: denied by {}",
            if neg { "negated" } else { "a denial" },
            k.loaded.dataset.faction(by).id
        ));
        kind = EventKind::Denied;
        actor = Actor::Faction(by, "the party denying it".into());
        said_by.retain(|x| *x != by);
    }
    confidence += actor_confidence(&actor);
    if let Actor::Faction(_, how) = &actor {
        why.push(how.clone());
    }
    let clause_date = a
        .dates
        .iter()
        .position(|d| d.start >= objs.end && d.start < limit)
        .or_else(|| {
            a.dates
                .iter()
                .position(|d| d.start >= prev_end && d.end <= f.start)
        });
    let acting = match &actor {
        Actor::Faction(f, _) => Some(*f),
        _ => None,
    };
    let mut others: Vec<FactionId> = Vec::new();
    for m in &a.factions {
        if Some(m.faction) != acting && !others.contains(&m.faction) {
            others.push(m.faction);
        }
    }
    let mut out = Vec::new();
    for (n, t) in targets.iter().enumerate() {
        let date = t
            .date
            .or_else(|| {
                targets[n + 1..]
                    .iter()
                    .filter(|o| o.segment == t.segment)
                    .find_map(|o| o.date)
            })
            .or(clause_date);
        let date_from = date.is_none().then_some(objs.end);
        let Some(place) = concrete(k, a, mem, &t.hit, t.at) else {
            continue;
        };
        let mut c = confidence;
        let mut w = why.clone();
        if matches!(t.hit, Hit::Anaphor | Hit::Capital) {
            c -= 0.15;
            w.push(format!("“{}”: the place named before", t.words));
        }
        out.push(RawEvent {
            kind,
            place,
            place_words: t.words.clone(),
            spelled: t.spelled,
            actor: actor.clone(),
            from,
            said_by: said_by.clone(),
            cites: a.cites.clone(),
            qualifier: hedge.clone(),
            date: date.map(|d| a.dates[d].clone()),
            confidence: c.clamp(0.05, 0.95),
            why: w,
            others: others.clone(),
            span: (s.start, s.end),
            line: s.line,
            trigger: ti,
            date_from,
        });
    }
    (out, objs.end)
}
