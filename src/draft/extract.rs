//! From triggers to events: for each trigger of a sentence, its places, its actor, its kind
//! as the words around it change it (a claim, a denial, a negation, the edge of a place, a
//! modal or condition: no event), who says so, the hedge and the wording of when.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::actor::{self, Actor, Memory};
use super::analyse::{Analysis, Found};
use super::lexicon::{
    ADVERBS, AUX, CLAIM, CONDITIONS, HEDGES, INTENT, MODALS, NEGATIONS, REAL_BEFORE_TO, Shape,
};
use super::objects::{self, Objects};
use super::places::Hit;
use super::read::{self, Sentence};
use super::when::DatePhrase;
use super::{Draft, DraftError, Knowledge, Options, Report};
use crate::dataset::{EventKind, FactionId};

mod targets;
mod trigger;
mod who;

use trigger::trigger_events;

/// An event read from a sentence, its place not yet resolved to the dataset or gazetteer.
#[derive(Debug, Clone)]
pub(crate) struct RawEvent {
    /// What happened.
    pub kind: EventKind,
    /// Where, as the sentence names it ("the city" already made concrete).
    pub place: Hit,
    /// The words naming the place.
    pub place_words: String,
    /// The words are the place's name as the report spells it (not "it", "the city").
    pub spelled: bool,
    /// Who acted.
    pub actor: Actor,
    /// Who lost the place, where the sentence says.
    pub from: Option<FactionId>,
    /// The parties the statement is attributed to.
    pub said_by: Vec<FactionId>,
    /// An outlet the sentence credits.
    pub cites: Option<String>,
    /// The sentence's hedge, as written.
    pub qualifier: Option<String>,
    /// Its wording of when, if it has one.
    pub date: Option<DatePhrase>,
    /// How sure drafting is, 0 to 1.
    pub confidence: f32,
    /// How each part was found.
    pub why: Vec<String>,
    /// The other factions the sentence names: who else the actor could be.
    pub others: Vec<FactionId>,
    /// Byte offsets of the sentence.
    pub span: (usize, usize),
    /// The line the sentence starts on.
    pub line: usize,
    /// The trigger it comes from (its index in the sentence's triggers).
    pub trigger: usize,
    /// Undated so far: a wording of when from this token on, before the next trigger that
    /// gives events, dates it.
    pub date_from: Option<usize>,
}

/// Draft every report, calling `progress(done, total)` after each.
pub(super) fn draft(
    k: &Knowledge,
    reports: &[Report],
    options: &Options,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Draft, DraftError> {
    let mut raws = Vec::with_capacity(reports.len());
    for (done, report) in reports.iter().enumerate() {
        progress(done, reports.len());
        let (published, quote) = match options.published {
            Some(d) => (d, None),
            None => {
                let (d, q) =
                    super::input::published_in(&report.text).ok_or_else(|| DraftError::NoDate {
                        file: report.shown.clone(),
                    })?;
                (d, Some(q))
            }
        };
        let read = report_events(k, &report.text, published);
        // A report whose only places are names the gazetteer lacks still has its events.
        if !read.any_place && read.events.is_empty() {
            return Err(DraftError::NoPlaces {
                file: report.shown.clone(),
            });
        }
        raws.push((published, quote, read));
    }
    progress(reports.len(), reports.len());
    Ok(super::resolve::assemble(k, reports, options, raws))
}

/// What one report gives.
#[derive(Debug)]
pub(crate) struct ReportRead {
    /// Its events, not yet resolved.
    pub events: Vec<RawEvent>,
    /// Sentences read.
    pub sentences: usize,
    /// Whether it names any place at all.
    pub any_place: bool,
    /// The countries it names (ISO codes), in order of first mention.
    pub countries: Vec<&'static str>,
}

/// The events of one report.
pub(crate) fn report_events(k: &Knowledge, text: &str, published: NaiveDate) -> ReportRead {
    let lower: HashSet<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .collect();
    let lowercase = |w: &str| lower.contains(w);
    let sentences = read::sentences(text);
    let mut mem = Memory::default();
    let mut out = Vec::new();
    let mut any_place = false;
    let mut countries: Vec<&'static str> = Vec::new();
    for (n, s) in sentences.iter().enumerate() {
        mem.sentence = n;
        let a = Analysis::new(k, text, s.start..s.end, published, &lowercase);
        any_place |= a.places.iter().any(|m| !matches!(m.hit, Hit::Unknown(_)));
        for (_, c) in &a.countries {
            if !countries.contains(c) {
                countries.push(c);
            }
        }
        if s.skip.is_none() {
            out.extend(sentence_events(k, &a, &mem, s));
        }
        remember(&a, &mut mem, n);
    }
    ReportRead {
        events: out,
        sentences: sentences.len(),
        any_place,
        countries,
    }
}

/// What the next sentences may refer back to.
fn remember(a: &Analysis<'_>, mem: &mut Memory, n: usize) {
    for m in &a.places {
        if matches!(m.hit, Hit::Dataset(_) | Hit::Gazetteer(_)) {
            mem.places.push((m.hit.clone(), n));
        }
    }
    if mem.places.len() > 16 {
        mem.places.drain(..mem.places.len() - 16);
    }
    if let Some(m) = a.factions.first() {
        mem.subject = Some((m.faction, n));
    }
}

/// The events of one sentence.
fn sentence_events(k: &Knowledge, a: &Analysis<'_>, mem: &Memory, s: &Sentence) -> Vec<RawEvent> {
    let mut out: Vec<RawEvent> = Vec::new();
    let mut prev_end = 0;
    for (ti, f) in a.triggers.iter().enumerate() {
        let limit = a.triggers.get(ti + 1).map_or(a.toks.len(), |g| g.start);
        let (events, end) = trigger_events(k, a, mem, (ti, f), limit, prev_end, &out, s);
        prev_end = end.max(f.end);
        out.extend(events);
    }
    // A wording of when after a trigger that gave nothing ("…at the walls of Homs after
    // taking the last village late on Friday") dates the events before it.
    let productive: Vec<usize> = out.iter().map(|e| e.trigger).collect();
    for e in &mut out {
        let Some(from) = e.date_from else { continue };
        let until = productive
            .iter()
            .filter(|&&t| t > e.trigger)
            .map(|&t| a.triggers[t].start)
            .min()
            .unwrap_or(a.toks.len());
        if let Some(d) = a.dates.iter().find(|d| d.start >= from && d.start < until) {
            e.date = Some(d.clone());
            e.why
                .push(format!("“{}”: the wording of when after it", d.wording));
        }
    }
    // "HST captured Hama on Thursday, … capturing the centre": a participle shares the
    // date of the verb it continues.
    for i in 0..out.len() {
        let participle = a.toks[a.triggers[out[i].trigger].start]
            .lower
            .ends_with("ing");
        if out[i].date.is_some() || !participle {
            continue;
        }
        let earlier = out[..i]
            .iter()
            .rev()
            .find(|e| e.trigger < out[i].trigger && e.date.is_some())
            .and_then(|e| e.date.clone());
        if let Some(d) = earlier {
            out[i].why.push(format!(
                "“{}”: the date of the verb it continues",
                d.wording
            ));
            out[i].date = Some(d);
        }
    }
    out
}

/// A place mention made concrete: "the city" is the place named last, "the capital" the
/// dataset's capital; `None` if nothing is known for it.
fn concrete(k: &Knowledge, a: &Analysis<'_>, mem: &Memory, hit: &Hit, at: usize) -> Option<Hit> {
    match hit {
        Hit::Dataset(_) | Hit::Gazetteer(_) | Hit::Compass(..) | Hit::Unknown(_) => {
            Some(hit.clone())
        }
        Hit::Capital => k.places.capital.map(Hit::Dataset),
        Hit::Anaphor => a
            .places
            .iter()
            .rev()
            .find(|m| {
                m.end <= at
                    && matches!(m.hit, Hit::Dataset(_) | Hit::Gazetteer(_) | Hit::Unknown(_))
            })
            .map(|m| m.hit.clone())
            .or_else(|| {
                mem.places
                    .iter()
                    .rev()
                    .find(|(_, n)| mem.sentence - n <= 3)
                    .map(|(h, _)| h.clone())
            }),
        Hit::Around(inner) => concrete(k, a, mem, inner, at).map(|h| Hit::Around(Box::new(h))),
    }
}

/// Why a trigger states nothing that happened: a modal, an intent, a condition, a
/// gerund that is the subject of a hypothetical ("Taking Homs would cut off…").
fn hypothetical(a: &Analysis<'_>, f: &Found) -> Option<&'static str> {
    let toks = &a.toks;
    let mut k = f.start;
    let mut seen = 0;
    while k > 0 && seen < 5 {
        k -= 1;
        let t = &toks[k];
        if t.is_any(&[",", ";", ":", "."]) {
            break;
        }
        if t.is_any(MODALS) {
            return Some("a modal before it (could, would, may…)");
        }
        if t.is("to") && seen <= 1 && f.def.shape != Shape::Position {
            let before = (0..k)
                .rev()
                .find(|&i| toks[i].is_wordlike() && !toks[i].is_any(ADVERBS));
            let real =
                before.is_some_and(|i| toks[i].is_any(REAL_BEFORE_TO) || toks[i].is_any(CLAIM));
            if !real {
                return Some("an infinitive: an intent or purpose, not a fact");
            }
        }
        if t.is_any(INTENT) && toks.get(k + 1).is_some_and(|n| n.is("to")) {
            return Some("an intent (threatened to, aims to…)");
        }
        if t.is_wordlike() {
            seen += 1;
        }
    }
    let clause_start = (0..f.start)
        .rev()
        .find(|&i| toks[i].is_any(&[";", ":"]))
        .map_or(0, |i| i + 1);
    if (clause_start..f.start).any(|i| toks[i].is_any(CONDITIONS)) {
        return Some("a condition (if…)");
    }
    // "Taking Homs would…": a gerund subject.
    let first = (0..f.start).all(|i| !toks[i].is_wordlike());
    if first && toks[f.start].lower.ends_with("ing") {
        let subject = a
            .factions
            .iter()
            .find(|m| m.start > f.end)
            .map_or(toks.len(), |m| m.start);
        if (f.end..subject).any(|i| toks[i].is_any(MODALS)) {
            return Some("a gerund that is the subject of a hypothetical");
        }
    }
    None
}

/// True if a negation stands just before the trigger ("had not entered").
fn negated(a: &Analysis<'_>, at: usize) -> bool {
    let toks = &a.toks;
    let mut k = at;
    let mut seen = 0;
    while k > 0 && seen < 3 {
        k -= 1;
        let t = &toks[k];
        if t.is_any(NEGATIONS) || t.lower.ends_with("n't") {
            return true;
        }
        if !(t.is_any(AUX) || t.is_any(ADVERBS) || t.is_any(&["did", "do", "does", "yet"])) {
            return false;
        }
        seen += 1;
    }
    false
}

/// True if the trigger is a passive: a form of "be" before it, or "by" after it.
fn passive(a: &Analysis<'_>, f: &Found) -> bool {
    let toks = &a.toks;
    let w = toks[f.start].lower.as_str();
    let participle =
        w.ends_with("ed") || w.ends_with("en") || matches!(w, "held" | "overrun" | "seized");
    if f.def.shape != Shape::Object || !f.def.rest.is_empty() || !participle {
        return false;
    }
    let mut k = f.start;
    while k > 0 {
        k -= 1;
        let t = &toks[k];
        if t.is_any(ADVERBS) || (!t.is_wordlike() && !t.is(",")) {
            continue;
        }
        if t.is_any(&["is", "are", "was", "were", "be", "been", "being", "got"]) {
            return true;
        }
        break;
    }
    let mut j = f.end;
    while let Some(d) = a.date_at(j) {
        j = a.dates[d].end;
    }
    toks.get(j).is_some_and(|t| t.is("by")) && a.faction_at(j).is_none()
}

/// The hedge just before a trigger ("reportedly reached"), as the report writes it.
fn hedge_before(a: &Analysis<'_>, at: usize) -> Option<String> {
    (at.saturating_sub(2)..at)
        .find(|&i| {
            a.toks[i].is_any(HEDGES) && !a.toks[i].is_any(&["most", "much", "part", "parts"])
        })
        .map(|i| a.words(i, i + 1).to_string())
}

/// The hedge of an object, as the report writes it.
fn hedge_of(a: &Analysis<'_>, objs: &Objects) -> Option<String> {
    objs.hedge.map(|i| {
        // "most of", "much of": the hedge with its "of".
        let of = a.toks.get(i + 1).is_some_and(|t| t.is("of"))
            && !a.toks[i].is_any(&["almost", "nearly"]);
        a.words(i, if of { i + 2 } else { i + 1 }).to_string()
    })
}

/// A trigger read from objects (used by `trigger`).
fn read_objects(a: &Analysis<'_>, from: usize, limit: usize) -> Objects {
    objects::read(a, from, limit)
}
