//! Finding the dataset's factions in a sentence: by their names and aliases (longest first,
//! any case, a plural's singular too), by a word only one faction's aliases end with
//! ("army" for "Syrian army"), and by state media for the government. Two mentions side by
//! side of which one is part of the other ("HST rebels") are one mention of the narrower.

use std::collections::HashMap;

use super::lexicon::STATE_MEDIA;
use super::tokens::Token;
use crate::dataset::{Dataset, FactionId};

/// Words too general to name one faction on their own, whoever's aliases end with them.
#[rustfmt::skip]
const GENERIC: &[&str] = &[
    "forces", "force", "troops", "fighters", "fighter", "group", "groups", "units", "unit",
    "militia", "militias", "sources", "source", "officials", "official", "men", "people",
    "soldiers", "alliance", "allies", "coalition", "side", "members", "movement", "army's",
    "command", "room", "operations", "front", "brigade", "brigades", "battalion", "party",
    "and", "of", "the", "led", "by", "backed", "militants", "militant", "insurgents",
    "insurgent", "rebels", "rebel",
];

/// A faction named in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mention {
    /// First token.
    pub start: usize,
    /// Just past the last token.
    pub end: usize,
    /// The faction.
    pub faction: FactionId,
    /// Found through one word of its aliases, or as state media, not a whole alias.
    pub weak: bool,
}

/// The dataset's factions, ready to be found in sentences.
#[derive(Debug)]
pub(crate) struct Factions {
    /// Alias token sequences (lower case) by their first token: (tokens, faction, weak).
    by_first: HashMap<String, Vec<(Vec<String>, FactionId, bool)>>,
}

fn words(s: &str) -> Vec<String> {
    super::tokens::tokenize(s, 0, s.len())
        .into_iter()
        .filter(super::tokens::Token::is_wordlike)
        .map(|t| t.lower)
        .collect()
}

fn singular(w: &str) -> Option<String> {
    let s = w.strip_suffix('s')?;
    (s.len() >= 4 && !s.ends_with('s')).then(|| s.to_string())
}

impl Factions {
    /// The factions of `ds`.
    pub(crate) fn new(ds: &Dataset) -> Factions {
        let mut phrases: Vec<(Vec<String>, FactionId, bool)> = Vec::new();
        for (i, f) in ds.factions.iter().enumerate() {
            let id = FactionId(i as u32);
            for name in std::iter::once(&f.name).chain(&f.aliases) {
                let w = words(name);
                if w.is_empty() {
                    continue;
                }
                if let Some(last) = w.last().and_then(|l| singular(l)) {
                    let mut one = w.clone();
                    if let Some(l) = one.last_mut() {
                        *l = last;
                    }
                    phrases.push((one, id, false));
                }
                phrases.push((w, id, false));
            }
        }
        // A word only one faction's multi-word aliases end (or start) with, in lower case in
        // the alias: "army" (Syrian army), "regime" (Assad regime, regime forces).
        let mut heads: HashMap<String, Vec<FactionId>> = HashMap::new();
        for (i, f) in ds.factions.iter().enumerate() {
            for alias in std::iter::once(&f.name).chain(&f.aliases) {
                let raw: Vec<&str> = alias.split_whitespace().collect();
                if raw.len() < 2 {
                    continue;
                }
                for w in [raw[0], raw[raw.len() - 1]] {
                    if w.chars().all(|c| c.is_lowercase() || c == '-') {
                        let e = heads.entry(w.to_string()).or_default();
                        if !e.contains(&FactionId(i as u32)) {
                            e.push(FactionId(i as u32));
                        }
                    }
                }
            }
        }
        let known: Vec<&Vec<String>> = phrases.iter().map(|p| &p.0).collect();
        let mut extra = Vec::new();
        for (w, fs) in &heads {
            if fs.len() == 1 && !GENERIC.contains(&w.as_str()) {
                let one = vec![w.clone()];
                if !known.contains(&&one) {
                    extra.push((one, fs[0], true));
                    if let Some(s) = singular(w) {
                        extra.push((vec![s], fs[0], true));
                    }
                }
            }
        }
        // The government: the faction whose aliases say "government", "regime", "army" or
        // "military", if exactly one does; state media speak for it.
        let government = {
            let marks = ["government", "regime", "army", "military"];
            let found: Vec<FactionId> = ds
                .factions
                .iter()
                .enumerate()
                .filter(|(_, f)| {
                    std::iter::once(&f.name)
                        .chain(&f.aliases)
                        .any(|a| words(a).iter().any(|w| marks.contains(&w.as_str())))
                })
                .map(|(i, _)| FactionId(i as u32))
                .collect();
            (found.len() == 1).then(|| found[0])
        };
        if let Some(g) = government {
            for p in STATE_MEDIA {
                extra.push((
                    p.iter().map(std::string::ToString::to_string).collect(),
                    g,
                    true,
                ));
            }
        }
        phrases.extend(extra);
        let mut by_first: HashMap<String, Vec<(Vec<String>, FactionId, bool)>> = HashMap::new();
        for p in phrases {
            by_first.entry(p.0[0].clone()).or_default().push(p);
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        }
        Factions { by_first }
    }

    /// Every faction named in `toks`, left to right, longest first.
    pub(crate) fn find(&self, ds: &Dataset, toks: &[Token]) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let found = self.by_first.get(&toks[i].lower).and_then(|cands| {
                cands
                    .iter()
                    .find(|(words, ..)| {
                        let mut k = i;
                        words.iter().all(|w| {
                            // Punctuation inside an alias ("US-backed") is in its words already.
                            while k < toks.len() && !toks[k].is_wordlike() && toks[k].lower != *w {
                                if toks[k].lower == "(" || toks[k].lower == "," {
                                    return false;
                                }
                                k += 1;
                            }
                            let ok = k < toks.len() && toks[k].lower == *w;
                            k += 1;
                            ok
                        })
                    })
                    .map(|(words, f, weak)| (words.len(), *f, *weak))
            });
            match found {
                Some((n, f, weak)) => {
                    let mut end = i;
                    let mut left = n;
                    while left > 0 && end < toks.len() {
                        if toks[end].is_wordlike() {
                            left -= 1;
                        }
                        end += 1;
                    }
                    let m = Mention {
                        start: i,
                        end,
                        faction: f,
                        weak,
                    };
                    // "HST rebels": one group, the narrower of the two.
                    match out.last_mut() {
                        Some(prev)
                            if prev.end == i
                                && ds.related(prev.faction, f)
                                && prev.faction != f =>
                        {
                            if ds.is_within(f, prev.faction) {
                                prev.faction = f;
                            }
                            prev.end = end;
                            prev.weak &= weak;
                        }
                        _ => out.push(m),
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String, bool)> {
        let loaded = crate::loaded::builtin().unwrap();
        let ds = &loaded.dataset;
        let f = Factions::new(ds);
        let toks = super::super::tokens::tokenize(text, 0, text.len());
        f.find(ds, &toks)
            .into_iter()
            .map(|m| {
                (
                    text[toks[m.start].start..toks[m.end - 1].end].to_string(),
                    ds.faction(m.faction).id.clone(),
                    m.weak,
                )
            })
            .collect()
    }

    #[test]
    fn aliases_heads_and_state_media() {
        assert_eq!(
            found("Southern militants took Daraa, army and rebel sources said."),
            [
                ("Southern militants".into(), "south".into(), false),
                ("army".into(), "gov".into(), true),
                ("rebel".into(), "rebels".into(), false),
            ]
        );
        assert_eq!(
            found("HST rebels said; state television reported"),
            [
                ("HST rebels".into(), "hts".into(), false),
                ("state television".into(), "gov".into(), true)
            ]
        );
        assert_eq!(
            found("a US-backed alliance led by Syrian Kurdish fighters captured it"),
            [(
                "US-backed alliance led by Syrian Kurdish fighters".into(),
                "kurdish-led".into(),
                false
            )]
        );
    }
}
