//! Reading a report: its sentences with their byte offsets, and the boilerplate left out (`Read more:` and the
//! link after it, photo captions, a headline, a sentence the report repeats).

use std::collections::HashMap;

use crate::dataset::text::first_forbidden;

/// Abbreviations after which a point does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "maj", "prof", "rev", "jr",
    "sr", "no", "vol", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "approx", "est", "govt", "dept", "mt", "ft", "gov", "sen", "rep", "adm",
    "brig",
];

/// Wire and picture agencies whose names are fused to a caption (`GettyA rebel fighter…`).
#[rustfmt::skip]
const PICTURE_CREDITS: &[&str] = &[
    "Getty Images", "Getty", "Reuters", "AFP", "AP", "EPA", "Alamy", "Shutterstock",
    "Bloomberg", "Anadolu", "PA", "Xinhua", "SANA",
];

/// One sentence of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just past its last character (its final point included).
    pub end: usize,
    /// 1-based line it starts on.
    pub line: usize,
    /// Paragraph (non-empty line) it belongs to, counted from 0.
    pub para: usize,
    /// Read for context (a headline, a repeated sentence) but not drafted from.
    pub skip: Option<&'static str>,
}

/// The sentences of `text`, in order. Each line is a paragraph; boilerplate lines are
/// left out altogether, headlines and repeated sentences are kept with `skip` set.
pub(crate) fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut after_read_more = false;
    let mut para = 0;
    for (n, raw) in text.split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let (a, b) = (line_start + lead, line_start + lead + trimmed.len());
        if trimmed.to_lowercase().starts_with("read more") {
            after_read_more = true;
            continue;
        }
        if std::mem::take(&mut after_read_more) {
            // The headline of the linked story, not this report's words.
            continue;
        }
        if is_caption(trimmed) {
            continue;
        }
        for (s, e) in split(text, a, b) {
            let t = &text[s..e];
            let skip = if first_forbidden(t, false).is_some() {
                Some("it holds a character a dataset may not quote (a tab, a control)")
            } else if t.chars().count() > super::MAX_QUOTE {
                Some("longer than a dataset's quote may be")
            } else {
                (!ends_sentence(t) && t.split_whitespace().count() < 8)
                    .then_some("a headline or fragment: no sentence of its own")
            };
            out.push(Sentence {
                start: s,
                end: e,
                line: n + 1,
                para,
                skip,
            });
        }
        para += 1;
    }
    mark_repeats(text, &mut out);
    out
}

/// A photo caption: `…[/caption]`, or ending `Photo: Reuters`.
fn is_caption(line: &str) -> bool {
    line.ends_with("[/caption]") || fused_credit(line).is_some() || {
        let lower = line.to_lowercase();
        ["photo:", "photo by", "picture:", "image:"]
            .iter()
            .any(|p| {
                lower
                    .rsplit_once(p)
                    .is_some_and(|(_, rest)| rest.split_whitespace().count() <= 4)
            })
    }
}

/// The length of a picture credit fused to the start of `s` (`GettyA rebel…` → 5).
pub(crate) fn fused_credit(s: &str) -> Option<usize> {
    PICTURE_CREDITS.iter().find_map(|c| {
        let rest = s.strip_prefix(c)?;
        let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
        let mut chars = word.chars();
        let capital = chars.next().is_some_and(char::is_uppercase);
        // "GettyA rebel…", "ReutersRebel fighters…"; not "APCs".
        let fused = capital
            && (word.len() == 1 || chars.next().is_some_and(char::is_lowercase))
            && word.len() != 2;
        fused.then_some(c.len())
    })
}

fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['”', '"', '’', '\'', ')', ']', ' ']);
    s.ends_with(['.', '!', '?', '…', ':'])
}

/// Split the text of one line into sentences: at `.`, `!`, `?` or `…` followed by space and
/// a capital, digit or opening quote, or glued to a capital (`…2014.Recaptured`); never
/// after an abbreviation (`Mr.`), an initial (`J.`) or inside a number (`2.5`). A dated
/// marker (`date 2024-12-07`) stands apart from the words around it.
fn split(text: &str, a: usize, b: usize) -> Vec<(usize, usize)> {
    let s = &text[a..b];
    let mut cuts = vec![0];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Closing quotes and brackets stay with the sentence they close.
        let mut m = k + 1;
        while m < chars.len() && matches!(chars[m].1, '”' | '"' | '’' | '\'' | ')' | ']') {
            m += 1;
        }
        let Some(&(j, next)) = chars.get(m) else {
            continue;
        };
        let word_before = word_before(s, i);
        if c == '.' && is_abbreviation(word_before) {
            continue;
        }
        let glued = next.is_uppercase()
            && (word_before.chars().filter(|x| x.is_lowercase()).count() >= 2
                || word_before
                    .chars()
                    .last()
                    .is_some_and(|x| x.is_ascii_digit())
                || c == '…');
        let spaced = next.is_whitespace() && {
            let after = s[j..].trim_start().chars().next();
            after.is_some_and(|x| {
                x.is_uppercase() || x.is_ascii_digit() || matches!(x, '“' | '"' | '‘' | '\'')
            })
        };
        if glued || spaced {
            cuts.push(j);
        }
    }
    cuts.push(s.len());
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let piece = &s[w[0]..w[1]];
        for (x, y) in around_dateline(piece) {
            let part = &piece[x..y];
            let lead = part.len() - part.trim_start().len();
            let trimmed = part.trim();
            if !trimmed.is_empty() {
                let start = a + w[0] + x + lead;
                out.push((start, start + trimmed.len()));
            }
        }
    }
    out
}

/// `piece` cut around a `date 2024-12-07` marker (a scraped page's dateline), if it has one.
fn around_dateline(piece: &str) -> Vec<(usize, usize)> {
    let lower = piece.to_ascii_lowercase();
    let found = ["date ", "published ", "updated ", "posted "]
        .iter()
        .find_map(|m| {
            let i = lower.find(m)?;
            let rest = &piece[i + m.len()..];
            let iso = rest.get(..10).filter(|d| {
                d.bytes().enumerate().all(|(k, c)| {
                    if k == 4 || k == 7 {
                        c == b'-'
                    } else {
                        c.is_ascii_digit()
                    }
                })
            })?;
            Some((i, i + m.len() + iso.len()))
        });
    match found {
        Some((i, j)) => vec![(0, i), (i, j), (j, piece.len())],
        None => vec![(0, piece.len())],
    }
}

fn word_before(s: &str, i: usize) -> &str {
    let head = &s[..i];
    let start = head
        .rfind(|c: char| !c.is_alphanumeric() && c != '.')
        .map_or(0, |k| {
            k + head[k..].chars().next().map_or(1, char::len_utf8)
        });
    &head[start..]
}

fn is_abbreviation(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    let last = w.rsplit('.').next().unwrap_or("");
    // An initial (`J.`), or letters with points (`U.S.`, `a.m.`).
    (last.chars().count() == 1 && last.chars().all(char::is_alphabetic))
        || ABBREVIATIONS.contains(&last)
}

/// A sentence the report says twice (a scraped standfirst repeating the lead, a copy of
/// a paragraph) is drafted once: where it is longest, else where it comes last.
fn mark_repeats(text: &str, sentences: &mut [Sentence]) {
    let words = |s: &Sentence| -> Vec<String> {
        text[s.start..s.end]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let mut by_opening: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
    let all: Vec<Vec<String>> = sentences.iter().map(words).collect();
    for (i, w) in all.iter().enumerate() {
        if w.len() >= 6 {
            by_opening.entry(w[..4].to_vec()).or_default().push(i);
        }
    }
    for group in by_opening.values().filter(|g| g.len() > 1) {
        for &i in group {
            for &j in group {
                if i == j || sentences[i].skip.is_some() {
                    continue;
                }
                let (a, b) = (&all[i], &all[j]);
                let shared = a.iter().filter(|w| b.contains(w)).count();
                let similar = shared * 10 >= a.len().max(b.len()) * 8;
                let keep_j = b.len() > a.len() || (b.len() == a.len() && j > i);
                if similar && keep_j {
                    sentences[i].skip = Some("the report repeats this sentence; drafted once");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        sentences(s)
            .iter()
            .filter(|x| x.skip.is_none())
            .map(|x| s[x.start..x.end].to_string())
            .collect()
    }

    #[test]
    fn splits_glued_sentences_and_keeps_abbreviations() {
        assert_eq!(
            texts("Captured by Russian forces in 2014.Recaptured by Ukraine on 11 November 2022."),
            [
                "Captured by Russian forces in 2014.",
                "Recaptured by Ukraine on 11 November 2022."
            ]
        );
        assert_eq!(
            texts("Mr. Assad met Dr. Smith in the U.S. today. Rebels took 2.5 km of road."),
            [
                "Mr. Assad met Dr. Smith in the U.S. today.",
                "Rebels took 2.5 km of road."
            ]
        );
        assert_eq!(
            texts("He said: “They took Homs.” Rebels left."),
            ["He said: “They took Homs.”", "Rebels left."]
        );
    }

    #[test]
    fn boilerplate_is_left_out() {
        let text = "Rebels took Homs on Friday.\nRead more:\nWho are the Syrian rebels?\n\
                    GettyA rebel fighter stands in central Hama after it was captured[/caption]\n\
                    Fighters at Homs countryside, Syria. Photo: Reuters\nRebels left Hama.";
        assert_eq!(
            texts(text),
            ["Rebels took Homs on Friday.", "Rebels left Hama."]
        );
        assert_eq!(fused_credit("GettyA rebel"), Some(5));
        assert_eq!(fused_credit("APA fighter"), Some(2));
        assert_eq!(fused_credit("Apart from"), None);
    }

    #[test]
    fn a_dateline_and_a_repeated_lead_are_not_drafted_twice() {
        let text = "Battle for Homs date 2024-12-07 Fighting raged around Homs since Friday with forces using airstrikes\n\
                    Fighting raged around Homs since Friday with forces reinforcing and using airstrikes.";
        let all = sentences(text);
        let kept = texts(text);
        assert_eq!(
            kept,
            [
                "Fighting raged around Homs since Friday with forces reinforcing and using airstrikes."
            ]
        );
        assert!(
            all.iter()
                .any(|s| &text[s.start..s.end] == "date 2024-12-07")
        );
        assert_eq!(all.last().map(|s| s.line), Some(2));
    }
}
