//! Finding places in a sentence: the dataset's names and spellings first (any case, one to
//! six words), then capitalised names the gazetteer knows (never a common English word, a
//! person after a title, a faction or a country), then the phrases that stand for an area
//! ("the southwest of the country", "countryside around Damascus") or for a place named
//! before ("the city", "the capital").

use std::collections::HashMap;

use super::factions::Mention;
use super::lexicon::{ANAPHORS, STOPWORDS, TITLES};
use super::tokens::{Tk, Token};
use crate::dataset::{Dataset, PlaceId, PlaceKind};
use crate::geo::gazetteer::{Candidate, fold, gazetteer};

/// Compass words, as nouns and as adjectives.
pub(crate) const COMPASS: &[(&str, &str)] = &[
    ("north", "northern"),
    ("south", "southern"),
    ("east", "eastern"),
    ("west", "western"),
    ("northeast", "northeastern"),
    ("northwest", "northwestern"),
    ("southeast", "southeastern"),
    ("southwest", "southwestern"),
    ("centre", "central"),
    ("center", "central"),
];

/// Small words inside Arabic, Romance and other place names ("Deir ez Zor", "Ras al Ain").
const PARTICLES: &[&str] = &[
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "ez", "ed", "es", "an", "de", "del", "la",
    "le", "di", "da", "du", "van", "von", "bin", "ibn", "abu", "um", "umm", "bou", "ben", "ul",
];

/// What a place mention stands for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Hit {
    /// A place of the dataset.
    Dataset(PlaceId),
    /// A name the gazetteer knows, with every place it may be.
    Gazetteer(Vec<Candidate>),
    /// A compass part of a country ("the southwest", "southwestern Syria"), with the
    /// country's code if the words name it.
    Compass(&'static str, Option<&'static str>),
    /// The land around a place ("countryside around Damascus", "the surroundings of the
    /// city"): what names that place.
    Around(Box<Hit>),
    /// "the city", "the town": the place named last.
    Anaphor,
    /// "the capital": the dataset's capital.
    Capital,
    /// A capitalised word the gazetteer does not hold as written ("Kupiansk"): looked up by
    /// a close spelling in the theatre's countries only if an event is about it.
    Unknown(String),
}

/// A place named in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlaceMention {
    /// First token.
    pub start: usize,
    /// Just past the last token.
    pub end: usize,
    /// What it stands for.
    pub hit: Hit,
}

/// The dataset's place names, folded, and the countries' names.
#[derive(Debug)]
pub(crate) struct PlaceIndex {
    by_fold: HashMap<String, PlaceId>,
    countries: HashMap<String, &'static str>,
    /// The dataset's capital, if it has one.
    pub capital: Option<PlaceId>,
}

impl PlaceIndex {
    /// The names and spellings of `ds`'s places, and every country's English name.
    pub(crate) fn new(ds: &Dataset) -> PlaceIndex {
        let mut by_fold = HashMap::new();
        for (i, p) in ds.places.iter().enumerate() {
            let id = PlaceId(i as u32);
            for name in std::iter::once(&p.name)
                .chain(&p.aliases)
                .chain(&p.gazetteer_aliases)
            {
                let f = fold(name);
                if !f.is_empty() {
                    by_fold.entry(f).or_insert(id);
                }
                // "The southwest" is also "southwest".
                if let Some(rest) = name.strip_prefix("The ").or(name.strip_prefix("the ")) {
                    by_fold.entry(fold(rest)).or_insert(id);
                }
            }
        }
        let countries = gazetteer()
            .countries()
            .map(|(code, name)| (fold(name), code))
            .chain([
                ("us".to_string(), "US"),
                ("usa".to_string(), "US"),
                ("uk".to_string(), "GB"),
                ("britain".to_string(), "GB"),
            ])
            .collect();
        let capital = ds
            .places
            .iter()
            .position(|p| p.kind == PlaceKind::Capital)
            .map(|i| PlaceId(i as u32));
        PlaceIndex {
            by_fold,
            countries,
            capital,
        }
    }

    /// The country whose English name is `folded`.
    pub(crate) fn country(&self, folded: &str) -> Option<&'static str> {
        self.countries.get(folded).copied()
    }

    /// The dataset place called `folded`, if any.
    pub(crate) fn place(&self, folded: &str) -> Option<PlaceId> {
        self.by_fold.get(folded).copied()
    }
}

/// The folded text of tokens `a..b` (words and numbers only).
fn folded(toks: &[Token], a: usize, b: usize) -> String {
    toks[a..b].iter().map(|t| t.fold.as_str()).collect()
}

/// Places named in `toks` (of `text`), by position. `factions` are the faction mentions (never places);
/// `lowercase` says which words the report also writes in lower case (common words, then).
#[expect(
    clippy::too_many_lines,
    reason = "one left-to-right scan over the tokens, longest names first"
)]
pub(crate) fn find(
    index: &PlaceIndex,
    text: &str,
    toks: &[Token],
    factions: &[Mention],
    lowercase: &dyn Fn(&str) -> bool,
) -> (Vec<PlaceMention>, Vec<(usize, &'static str)>) {
    let in_faction = |i: usize| factions.iter().any(|m| m.start <= i && i < m.end);
    let mut out: Vec<PlaceMention> = Vec::new();
    let mut countries: Vec<(usize, &'static str)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].is_wordlike() || in_faction(i) {
            i += 1;
            continue;
        }
        // The dataset's names first, longest first.
        let longest = (1..=6usize)
            .rev()
            .filter(|n| i + n <= toks.len())
            .filter(|&n| toks[i..i + n].iter().all(Token::is_wordlike))
            .find_map(|n| {
                let key = folded(toks, i, i + n);
                let id = index.place(&key)?;
                // A name that is also a common word counts only with its capital.
                let common = n == 1 && STOPWORDS.contains(&toks[i].lower.as_str());
                (!common || toks[i].cap).then_some((n, id))
            });
        if let Some((n, _)) = longest
            && division_after(toks, i + n)
        {
            // "Donetsk Oblast": a division, named as a place's parent, not a town.
            i += n + 1;
            continue;
        }
        if let Some((n, id)) = longest {
            out.push(PlaceMention {
                start: i,
                end: i + n,
                hit: Hit::Dataset(id),
            });
            i += n;
            continue;
        }
        if toks[i].cap && toks[i].kind == Tk::Word {
            let run_end = capital_run(toks, i, &in_faction);
            let titled = i > 0 && TITLES.contains(&toks[i - 1].lower.trim_end_matches('.'));
            let mut matched = false;
            if !titled {
                for n in (1..=run_end - i).rev() {
                    let key = folded(toks, i, i + n);
                    if let Some(code) = index.country(&key) {
                        countries.push((i, code));
                        i += n;
                        matched = true;
                        break;
                    }
                    if !worth_looking_up(toks, i, i + n, lowercase) || !stands_alone(toks, i, i + n)
                    {
                        continue;
                    }
                    let text: String = toks[i..i + n]
                        .iter()
                        .map(|t| t.lower.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let found = gazetteer().lookup(&text);
                    if !found.is_empty() && division_after(toks, i + n) {
                        i += n + 1;
                        matched = true;
                        break;
                    }
                    if !found.is_empty() {
                        out.push(PlaceMention {
                            start: i,
                            end: i + n,
                            hit: Hit::Gazetteer(found),
                        });
                        i += n;
                        matched = true;
                        break;
                    }
                }
            }
            if !matched {
                // A name the gazetteer lacks ("Moqokori", "Bulo Marer"): kept, to be looked
                // up by a close spelling or shown unplaced, if an event is about it.
                let starts_run = i == 0 || !(toks[i - 1].cap && toks[i - 1].kind == Tk::Word);
                let possessive = toks.get(run_end).is_some_and(|t| t.is_any(&["'s", "'"]));
                let words_ok = (i..run_end).all(|k| {
                    PARTICLES.contains(&toks[k].lower.as_str())
                        || (!STOPWORDS.contains(&toks[k].lower.as_str())
                            && !lowercase(&toks[k].lower))
                });
                let short = run_end - i <= 3;
                if starts_run
                    && !titled
                    && !possessive
                    && words_ok
                    && short
                    && worth_looking_up(toks, i, run_end, lowercase)
                    && (run_end > i + 1 || (stands_alone(toks, i, i + 1) && !toks[i].caps))
                    && toks[i..run_end].iter().map(|t| t.fold.len()).sum::<usize>() >= 4
                    && !in_brackets(toks, i)
                {
                    out.push(PlaceMention {
                        start: i,
                        end: run_end,
                        hit: Hit::Unknown(text[toks[i].start..toks[run_end - 1].end].to_string()),
                    });
                    i = run_end;
                    continue;
                }
                // A later word of the run may still be a name ("The Homs resident").
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    // "Mahaday (Jowhar, Middle Shabelle)": the names in brackets say where, they are not
    // what was taken.
    out.retain(|m| !in_brackets(toks, m.start));
    phrases(index, toks, &mut out, &countries);
    // At one word the longest mention first ("Damascus countryside" before "Damascus").
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    (out, countries)
}

/// The end of a run of capitalised words starting at `i` (particles allowed inside).
fn capital_run(toks: &[Token], i: usize, in_faction: &dyn Fn(usize) -> bool) -> usize {
    let mut end = i + 1;
    while end < toks.len() && !in_faction(end) {
        let t = &toks[end];
        if t.kind == Tk::Word && t.cap {
            end += 1;
        } else if t.kind == Tk::Word
            && PARTICLES.contains(&t.lower.as_str())
            && toks
                .get(end + 1)
                .is_some_and(|n| n.cap && n.kind == Tk::Word)
        {
            end += 2;
        } else {
            break;
        }
    }
    end.min(i + 5)
}

/// True if token `i` stands inside round brackets.
fn in_brackets(toks: &[Token], i: usize) -> bool {
    let open = toks[..i].iter().rposition(|t| t.is("("));
    let close = toks[..i].iter().rposition(|t| t.is(")"));
    match (open, close) {
        (Some(o), Some(c)) => o > c,
        (Some(_), None) => true,
        _ => false,
    }
}

/// True if the word at `i` makes the name before it a first-level division ("Donetsk
/// Oblast", "Homs governorate").
fn division_after(toks: &[Token], i: usize) -> bool {
    toks.get(i).is_some_and(|t| {
        t.is_any(&[
            "oblast",
            "province",
            "governorate",
            "region",
            "state",
            "district",
            "county",
            "raion",
            "prefecture",
            "department",
            "krai",
            "canton",
        ])
    })
}

/// True unless `a..b` is part of a longer capitalised name ("Force" in "Syrian Air Force
/// base"): a capitalised word other than a common one before it, or one after it that is
/// not a kind of place ("Kyiv Oblast" stands).
fn stands_alone(toks: &[Token], a: usize, b: usize) -> bool {
    let cap_word = |t: &Token| t.cap && t.kind == Tk::Word;
    // Function words may open a sentence before a name ("The Homs resident", "In Bucha").
    let function = [
        "the", "a", "an", "in", "of", "at", "on", "from", "to", "and", "near", "outside", "inside",
        "around", "north", "south", "east", "west", "central", "northern", "southern", "eastern",
        "western",
    ];
    let before = a > 0 && cap_word(&toks[a - 1]) && !toks[a - 1].is_any(&function);
    let after = toks.get(b).is_some_and(|t| {
        cap_word(t)
            && !super::lexicon::PLACE_NOUNS.contains(&t.lower.as_str())
            && !t.is_any(&["oblast", "raion", "governorate", "province", "region"])
    });
    !before && !after
}

/// A capitalised name worth asking the gazetteer about: not a common word (by the list,
/// or because the report writes it in lower case too), not an acronym, not all particles.
fn worth_looking_up(toks: &[Token], a: usize, b: usize, lowercase: &dyn Fn(&str) -> bool) -> bool {
    if b - a == 1 {
        let t = &toks[a];
        // HTS, SDF, UN: initials, not towns.
        let acronym = t.caps && t.fold.len() <= 5;
        return !acronym
            && !STOPWORDS.contains(&t.lower.as_str())
            && !lowercase(&t.lower)
            && t.fold.len() >= 3;
    }
    !toks[a..b]
        .iter()
        .all(|t| STOPWORDS.contains(&t.lower.as_str()) || PARTICLES.contains(&t.lower.as_str()))
}

/// Adjectives that may stand between "the" and "city" in a reference ("the key city").
#[rustfmt::skip]
const ANAPHOR_ADJECTIVES: &[&str] = &[
    "key", "strategic", "strategically", "vital", "important", "central", "northern",
    "southern", "eastern", "western", "besieged", "embattled", "coastal", "desert", "historic",
    "ancient", "major", "main", "border", "whole", "entire", "same", "nearby",
];

/// Areas and references: compass parts of a country, the land around a place, "the city".
#[expect(
    clippy::too_many_lines,
    reason = "one left-to-right scan over the tokens"
)]
fn phrases(
    index: &PlaceIndex,
    toks: &[Token],
    out: &mut Vec<PlaceMention>,
    countries: &[(usize, &'static str)],
) {
    let taken = |out: &Vec<PlaceMention>, i: usize| out.iter().any(|m| m.start <= i && i < m.end);
    // A country's name, also where it names a faction ("eastern Ukraine", Ukraine's forces).
    let country_at = |i: usize| {
        countries
            .iter()
            .find(|(k, _)| *k == i)
            .map(|(_, c)| *c)
            .or_else(|| toks.get(i).and_then(|t| index.country(&t.fold)))
    };
    let n = toks.len();
    for i in 0..n {
        if taken(out, i) {
            continue;
        }
        let w = toks[i].lower.as_str();
        // "southwestern Syria"
        if let Some(&(noun, _)) = COMPASS.iter().find(|(_, adj)| *adj == w)
            && let Some(code) = country_at(i + 1)
        {
            out.push(PlaceMention {
                start: i,
                end: i + 2,
                hit: Hit::Compass(noun, Some(code)),
            });
            continue;
        }
        // "the (entire) southwest of the country" / "of Syria"
        if let Some(&(noun, _)) = COMPASS.iter().find(|(noun, _)| *noun == w)
            && i > 0
            && toks[i - 1].is_any(&["the", "entire", "whole"])
            && toks.get(i + 1).is_some_and(|t| t.is("of"))
        {
            let country = match (toks.get(i + 2), toks.get(i + 3)) {
                (Some(a), Some(b)) if a.is("the") && b.is("country") => Some((None, i + 4)),
                _ => country_at(i + 2).map(|c| (Some(c), i + 3)),
            };
            if let Some((code, end)) = country {
                out.push(PlaceMention {
                    start: i,
                    end,
                    hit: Hit::Compass(noun, code),
                });
                continue;
            }
        }
        // "X countryside", "countryside around X", "the surroundings of the city"
        if matches!(w, "countryside" | "surroundings" | "environs") {
            if w == "countryside"
                && let Some(b) = out.iter().find(|m| m.end == i)
            {
                let m = PlaceMention {
                    start: b.start,
                    end: i + 1,
                    hit: Hit::Around(Box::new(b.hit.clone())),
                };
                out.push(m);
                continue;
            }
            let mut k = i + 1;
            while k < n
                && toks[k].is_any(&["around", "of", "near", "the", "entire", "”", "“", "\""])
            {
                k += 1;
            }
            let target = match out.iter().find(|m| m.start == k) {
                Some(m) => Some((m.hit.clone(), m.end)),
                None if k < n && toks[k].is_any(&["city", "town", "capital"]) => Some((
                    if toks[k].is("capital") {
                        Hit::Capital
                    } else {
                        Hit::Anaphor
                    },
                    k + 1,
                )),
                None => None,
            };
            if let Some((hit, end)) = target {
                out.push(PlaceMention {
                    start: i,
                    end,
                    hit: Hit::Around(Box::new(hit)),
                });
            }
            continue;
        }
        // "the city", "the (Syrian) capital", not followed by a name
        if ANAPHORS.contains(&w) && i > 0 {
            let mut k = i - 1;
            while k > 0
                && !taken(out, k)
                && ((toks[k].cap && toks[k].kind == Tk::Word)
                    || ANAPHOR_ADJECTIVES.contains(&toks[k].lower.as_str()))
            {
                k -= 1;
            }
            let opened = toks[k].is("the");
            let named_after = toks
                .get(i + 1)
                .is_some_and(|t| (t.cap && t.kind == Tk::Word) || t.is("of") || t.is("'s"));
            if opened && !named_after && !taken(out, i) {
                out.push(PlaceMention {
                    start: k,
                    end: i + 1,
                    hit: if w == "capital" {
                        Hit::Capital
                    } else {
                        Hit::Anaphor
                    },
                });
            }
        }
    }
}
