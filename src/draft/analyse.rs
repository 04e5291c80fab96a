//! One sentence taken apart: its tokens, the factions, places and wordings of when it names,
//! its trigger phrases, and who it says is speaking about what (attributions and denials).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::Knowledge;
use super::factions::Mention;
use super::lexicon::{
    BE, DENY, DISTANCE, NUMBER_WORDS, OUTLETS, SPEECH, Shape, TAKE_NOT, TRIGGERS, TriggerDef, UNITS,
};
use super::places::{self, PlaceMention};
use super::tokens::{Token, tokenize};
use super::when::{self, DatePhrase};
use crate::dataset::FactionId;

/// A trigger phrase found in a sentence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    /// Which phrase.
    pub def: &'static TriggerDef,
    /// Its first token.
    pub start: usize,
    /// Just past its last token.
    pub end: usize,
}

/// Words attributed to a speaker: "X said (that) …", "…, X said", "according to X, …".
#[derive(Debug, Clone)]
pub(crate) struct Speech {
    /// The tokens naming the speaker.
    pub speaker: Range<usize>,
    /// The factions among them.
    pub factions: Vec<FactionId>,
    /// The tokens the attribution covers.
    pub scope: Range<usize>,
    /// A denial ("denied that …").
    pub deny: bool,
}

/// A sentence taken apart.
#[derive(Debug)]
pub(crate) struct Analysis<'t> {
    /// The whole report.
    pub text: &'t str,
    /// Its tokens.
    pub toks: Vec<Token>,
    /// Factions named, left to right.
    pub factions: Vec<Mention>,
    /// Places named, left to right (at one token the longest first).
    pub places: Vec<PlaceMention>,
    /// Countries named: (token, ISO code).
    pub countries: Vec<(usize, &'static str)>,
    /// Wordings of when.
    pub dates: Vec<DatePhrase>,
    /// Wordings of when that fall after publication: never an event's date.
    pub late: Vec<DatePhrase>,
    /// Trigger phrases.
    pub triggers: Vec<Found>,
    /// Attributions.
    pub speech: Vec<Speech>,
    /// An outlet the sentence credits ("cited by Reuters", "told Reuters").
    pub cites: Option<String>,
    /// The report's publication day.
    pub published: NaiveDate,
}

fn by_head() -> &'static HashMap<&'static str, Vec<&'static TriggerDef>> {
    static MAP: OnceLock<HashMap<&'static str, Vec<&'static TriggerDef>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m: HashMap<&'static str, Vec<&'static TriggerDef>> = HashMap::new();
        for d in TRIGGERS {
            for h in d.heads {
                m.entry(*h).or_default().push(d);
            }
        }
        m
    })
}

/// Opening and closing quotes, which may stand inside a phrase ("were “at the walls” of").
fn quote_mark(t: &Token) -> bool {
    matches!(t.lower.as_str(), "“" | "”" | "\"" | "'" | "‘" | "’")
}

/// The end of `def` matched at `i`, if it matches there.
fn match_at(toks: &[Token], i: usize, def: &TriggerDef) -> Option<usize> {
    let mut k = i + 1;
    for part in def.rest {
        let (optional, words) = match part.strip_prefix('?') {
            Some(w) => (true, w),
            None => (false, *part),
        };
        while k < toks.len() && quote_mark(&toks[k]) {
            k += 1;
        }
        let hit = toks
            .get(k)
            .is_some_and(|t| words.split('|').any(|w| t.lower == w));
        match (hit, optional) {
            (true, _) => k += 1,
            (false, true) => {}
            (false, false) => return None,
        }
    }
    Some(k)
}

impl<'t> Analysis<'t> {
    /// Take apart the sentence `text[start..end]`.
    pub(crate) fn new(
        k: &Knowledge,
        text: &'t str,
        range: Range<usize>,
        published: NaiveDate,
        lowercase: &dyn Fn(&str) -> bool,
    ) -> Analysis<'t> {
        let toks = tokenize(text, range.start, range.end);
        let ds = &k.loaded.dataset;
        let factions = k.factions.find(ds, &toks);
        let (places, countries) = places::find(&k.places, text, &toks, &factions, lowercase);
        let (dates, late) = when::find_all(text, &toks, published, ds.start);
        let triggers = triggers(&toks);
        let mut a = Analysis {
            text,
            toks,
            factions,
            places,
            countries,
            dates,
            late,
            triggers,
            speech: Vec::new(),
            cites: None,
            published,
        };
        a.speech = a.attributions();
        a.cites = a.outlet();
        a
    }

    /// The faction mention ending just before token `i` (`end == i`), if any.
    pub(crate) fn faction_ending(&self, i: usize) -> Option<&Mention> {
        self.factions.iter().find(|m| m.end == i)
    }

    /// The faction mention starting at token `i`, if any.
    pub(crate) fn faction_at(&self, i: usize) -> Option<&Mention> {
        self.factions.iter().find(|m| m.start == i)
    }

    /// The place mention starting at token `i` (the longest), if any.
    pub(crate) fn place_at(&self, i: usize) -> Option<usize> {
        self.places.iter().position(|m| m.start == i)
    }

    /// The text of tokens `a..b`.
    pub(crate) fn words(&self, a: usize, b: usize) -> &'t str {
        if a >= b || b > self.toks.len() {
            return "";
        }
        &self.text[self.toks[a].start..self.toks[b - 1].end]
    }

    /// The attributions of the sentence.
    fn attributions(&self) -> Vec<Speech> {
        let toks = &self.toks;
        let n = toks.len();
        let mut out = Vec::new();
        for k in 0..n {
            let t = &toks[k];
            let according = t.is("according") && toks.get(k + 1).is_some_and(|x| x.is("to"));
            let deny = t.is_any(DENY);
            if !(according || deny || t.is_any(SPEECH)) {
                continue;
            }
            // "…told Reuters the situation…": an outlet after "told" is not the speaker.
            let (speaker, scope) = if according {
                let comma = (k + 2..n).find(|&i| toks[i].is(",")).unwrap_or(n);
                if k > 0 && toks[..k].iter().any(super::tokens::Token::is_wordlike) && comma == n {
                    // "…, according to X."
                    (k + 2..n, 0..k)
                } else {
                    (k + 2..comma, comma..n)
                }
            } else {
                let start = (0..k)
                    .rev()
                    .find(|&i| toks[i].is_any(&[",", ";", ":", "that", "“", "\""]))
                    .map_or(0, |i| i + 1);
                if forward_scope(self, k) {
                    (start..k, k + 1..n)
                } else {
                    (start..k, 0..start)
                }
            };
            let factions = self
                .factions
                .iter()
                .filter(|m| m.start >= speaker.start && m.end <= speaker.end)
                .map(|m| m.faction)
                .fold(Vec::new(), |mut v, f| {
                    if !v.contains(&f) {
                        v.push(f);
                    }
                    v
                });
            out.push(Speech {
                speaker,
                factions,
                scope,
                deny,
            });
        }
        out
    }

    /// The date phrase starting at token `i`, if any.
    pub(crate) fn date_at(&self, i: usize) -> Option<usize> {
        self.dates.iter().position(|d| d.start == i)
    }

    /// The outlet the sentence credits, if it names one with "cited by", "told", "according
    /// to", "reported" or "said".
    fn outlet(&self) -> Option<String> {
        let toks = &self.toks;
        for name in OUTLETS {
            let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
            for i in 0..toks.len() {
                let fits = words
                    .iter()
                    .enumerate()
                    .all(|(j, w)| toks.get(i + j).is_some_and(|t| t.lower == *w));
                if !fits || !toks[i].cap {
                    continue;
                }
                let before = |w: &[&str]| i > 0 && toks[i - 1].is_any(w);
                let after = toks.get(i + words.len()).is_some_and(|t| {
                    t.is_any(&[
                        "reported", "reports", "said", "says", "news", "quoted", "cited",
                    ])
                });
                let cited = before(&["by", "told", "to"]) || after;
                if cited {
                    return Some(self.words(i, i + words.len()).to_string());
                }
            }
        }
        None
    }

    /// True if a form of "be" stands just before token `i` (past adverbs and quotes).
    pub(crate) fn be_before(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0 {
            k -= 1;
            let t = &self.toks[k];
            if quote_mark(t)
                || t.is_any(super::lexicon::ADVERBS)
                || t.is_any(&["about", "some", "roughly", "around", "a", "mere", "only"])
            {
                continue;
            }
            return t.is_any(BE);
        }
        false
    }
}

/// True if the speech verb at `k` governs what follows it ("said (that) they took…"), false
/// if it closes what came before ("…, rebels said."). A date, an outlet told and "in a
/// statement" may stand between.
fn forward_scope(a: &Analysis<'_>, k: usize) -> bool {
    let toks = &a.toks;
    let mut i = k + 1;
    while i < toks.len() {
        if let Some(d) = a.date_at(i) {
            i = a.dates[d].end;
            continue;
        }
        let t = &toks[i];
        let outlet = t.cap && toks[k].is_any(&["told", "tells", "tell"]);
        // "said in a televised statement", "told followers on Telegram".
        let aside = t.is_any(&["in", "a", "an", "statement", "televised", "on", "telegram"]);
        if outlet || aside {
            i += 1;
            continue;
        }
        return t.is_wordlike() || t.is_any(&["“", "\"", ":"]);
    }
    false
}

/// The trigger phrases of a sentence, longest first at each word, not overlapping.
fn triggers(toks: &[Token]) -> Vec<Found> {
    let heads = by_head();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(end) = distance_at(toks, i) {
            out.push(Found {
                def: &DISTANCE,
                start: i,
                end,
            });
            i = end;
            continue;
        }
        let best = heads.get(toks[i].lower.as_str()).and_then(|defs| {
            defs.iter()
                .filter_map(|d| match_at(toks, i, d).map(|end| (end, *d)))
                .max_by_key(|(end, d)| (*end, d.rest.len()))
        });
        match best {
            Some((end, def)) if !excluded(toks, i, end, def) => {
                out.push(Found { def, start: i, end });
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The end of a distance from a place at `i` ("within 30 km of", "six miles from",
/// "30km (20 miles) from"), just past its "of" or "from".
fn distance_at(toks: &[Token], i: usize) -> Option<usize> {
    let within = toks[i].is("within");
    let j = measure(toks, if within { i + 1 } else { i })?;
    let mut k = j;
    if toks.get(k).is_some_and(|t| t.is("away")) {
        k += 1;
    }
    let to = toks.get(k)?;
    (to.is("from") || (within && to.is("of"))).then_some(k + 1)
}

/// Past a measure of distance at `i` ("30 km", "30km", "six miles", "30km (20 miles)").
fn measure(toks: &[Token], i: usize) -> Option<usize> {
    let t = toks.get(i)?;
    let numeric = |t: &Token| t.kind == super::tokens::Tk::Num || t.is_any(NUMBER_WORDS);
    let fused = t.kind == super::tokens::Tk::Num
        && UNITS.iter().any(|u| {
            t.lower.ends_with(u)
                && t.lower[..t.lower.len() - u.len()]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        });
    let mut k = if fused {
        i + 1
    } else if numeric(t) && toks.get(i + 1).is_some_and(|u| u.is_any(UNITS)) {
        i + 2
    } else {
        return None;
    };
    // A conversion in brackets: "(20 miles)".
    if toks.get(k).is_some_and(|t| t.is("("))
        && let Some(close) = (k + 1..(k + 5).min(toks.len())).find(|&c| toks[c].is(")"))
    {
        k = close + 1;
    }
    Some(k)
}

/// Uses of a trigger's words that are not its sense: "took part", "taking place".
fn excluded(toks: &[Token], i: usize, end: usize, def: &TriggerDef) -> bool {
    let next = toks.get(end);
    let take = toks[i].is_any(&["take", "takes", "took", "taken", "taking"]) && def.rest.is_empty();
    if take && next.is_some_and(|t| t.is_any(TAKE_NOT)) {
        return true;
    }
    // "control" and "hold" as nouns: "under government control", "their hold on".
    if def.state
        && i > 0
        && toks[i - 1].is_any(&[
            "the",
            "their",
            "its",
            "under",
            "of",
            "a",
            "government",
            "rebel",
        ])
    {
        return true;
    }
    // "the approaching winter", "a fall in prices".
    if def.shape == Shape::Object
        && def.rest.is_empty()
        && i > 0
        && toks[i - 1].is_any(&["the", "a", "an"])
    {
        return true;
    }
    false
}
