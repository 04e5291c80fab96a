//! Finding the passage of a source a mistyped quote was meant to be, for the hint.

use std::collections::HashMap;

/// Typographic characters folded to plain ones when comparing.
fn fold(c: char) -> char {
    match c {
        '‘' | '’' | '`' | '´' => '\'',
        '“' | '”' => '"',
        '–' | '—' => '-',
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// `s` with typographic characters folded and runs of white space made one space.
fn folded(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().map(fold));
    }
    out
}

/// The words of `s` (runs of letters and digits), each as a hash of its lowercase form: no
/// string is built per word, so a 16 MiB source is one pass of hashing.
fn word_hashes(s: &str) -> impl Iterator<Item = u64> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.chars()
                .flat_map(char::to_lowercase)
                .fold(0xcbf2_9ce4_8422_2325, |h, c| {
                    (h ^ u64::from(u32::from(c))).wrapping_mul(0x100_0000_01b3)
                })
        })
}

/// A hint naming the passage of `text` closest to `quote`: the sentence holding the most of
/// the quote's words. Linear in the lengths of both: each sentence's distinct words are looked
/// up in a table of the quote's, so a 1 MB quote costs one pass, not one per sentence.
pub fn closest_passage(text: &str, quote: &str) -> String {
    if folded(text).contains(&folded(quote)) {
        return "the words match but punctuation, case or spacing differs (curly vs straight quotes, dashes?): copy the passage exactly".to_string();
    }
    // How often each word occurs in the quote.
    let mut qwords: HashMap<u64, usize> = HashMap::new();
    for w in word_hashes(quote) {
        *qwords.entry(w).or_default() += 1;
    }
    let mut distinct: Vec<u64> = Vec::new();
    let best = text
        .split(['\n', '.'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|sentence| {
            distinct.clear();
            distinct.extend(word_hashes(sentence));
            distinct.sort_unstable();
            distinct.dedup();
            // The quote's words (counted as often as the quote has them) found in the sentence.
            let common: usize = distinct.iter().filter_map(|w| qwords.get(w)).sum();
            (common, sentence)
        })
        .max_by_key(|(common, _)| *common);
    match best {
        Some((common, sentence)) if common > 0 => {
            let shown: String = sentence.chars().take(160).collect();
            let more = if sentence.chars().count() > 160 {
                "…"
            } else {
                ""
            };
            format!("the closest passage is: \"{shown}{more}\"")
        }
        _ => "no passage of the source shares a word with the quote: is it the right source?"
            .to_string(),
    }
}

/// Whether each of `quotes` occurs verbatim in `text`, as `text.contains(quote)` says, in one
/// pass over the text for all of them.
///
/// A rolling hash of each quote's first `w` bytes (`w`: the shortest quote's length, at most
/// 32) is looked up at every position of the text; a hit is confirmed by comparing the whole
/// quote. Building this costs the total length of the quotes, where an Aho-Corasick automaton
/// (the fallback) costs several allocations per byte of every quote, which made it the largest
/// part of loading a large dataset. Confirmations are capped at a few times the text's length,
/// so texts crafted to make many prefixes collide cannot make it quadratic: past the cap, or
/// with quotes too short to hash usefully, the automaton decides.
pub(crate) fn occurrences(text: &str, quotes: &[&str]) -> Vec<bool> {
    let mut found: Vec<bool> = quotes.iter().map(|q| q.is_empty()).collect();
    let hay = text.as_bytes();
    let fits = |q: &str| !q.is_empty() && q.len() <= hay.len();
    let Some(w) = quotes.iter().filter(|q| fits(q)).map(|q| q.len()).min() else {
        return found; // every quote is empty or longer than the text
    };
    let w = w.min(32);
    if w >= 8 && by_prefix_hash(hay, quotes, w, &mut found) {
        return found;
    }
    by_automaton(text, quotes, &mut found);
    found
}

/// Multiplier of the rolling hash (odd, so multiplication by it is invertible mod 2^64).
const BASE: u64 = 0x100_0000_01b3;

fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0u64, |h, &b| {
        h.wrapping_mul(BASE).wrapping_add(u64::from(b))
    })
}

/// [`occurrences`] by the prefix hash; false if the confirmation budget ran out (`found` then
/// holds only true answers, and the rest is left to the caller).
fn by_prefix_hash(hay: &[u8], quotes: &[&str], w: usize, found: &mut [bool]) -> bool {
    let mut candidates: std::collections::HashMap<u64, Vec<u32>> =
        std::collections::HashMap::with_capacity(quotes.len());
    let mut total = 0usize;
    for (i, q) in quotes.iter().enumerate() {
        if !q.is_empty() && q.len() <= hay.len() {
            candidates
                .entry(hash(&q.as_bytes()[..w]))
                .or_default()
                .push(i as u32);
            total += q.len();
        }
    }
    // A bit per bucket of hashes, about 16 buckets per quote: most positions stop here.
    let bits = (candidates.len() * 16).next_power_of_two().max(64);
    let shift = 64 - bits.trailing_zeros();
    let bucket = |h: u64| (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize;
    let mut filter = vec![0u64; bits / 64];
    for h in candidates.keys() {
        filter[bucket(*h) / 64] |= 1 << (bucket(*h) % 64);
    }
    let mut budget = 4 * hay.len() + 2 * total + 4096;
    let mut left = quotes.len() - found.iter().filter(|f| **f).count();
    // BASE^(w-1): what the byte leaving the window contributed.
    let top = (1..w).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut h = hash(&hay[..w]);
    for start in 0..=hay.len() - w {
        if start > 0 {
            h = h
                .wrapping_sub(u64::from(hay[start - 1]).wrapping_mul(top))
                .wrapping_mul(BASE)
                .wrapping_add(u64::from(hay[start + w - 1]));
        }
        let b = bucket(h);
        if filter[b / 64] & (1 << (b % 64)) == 0 {
            continue;
        }
        let Some(list) = candidates.get(&h) else {
            continue;
        };
        for &i in list {
            let i = i as usize;
            if found[i] {
                continue;
            }
            let q = quotes[i].as_bytes();
            budget = match budget.checked_sub(q.len()) {
                Some(b) => b,
                None => return false,
            };
            if hay[start..].starts_with(q) {
                found[i] = true;
                left -= 1;
                if left == 0 {
                    return true;
                }
            }
        }
    }
    true
}

/// [`occurrences`] by an Aho-Corasick automaton (or, if it cannot be built, one search per
/// quote), for the quotes not found yet.
fn by_automaton(text: &str, quotes: &[&str], found: &mut [bool]) {
    let pending: Vec<usize> = (0..quotes.len()).filter(|i| !found[*i]).collect();
    let patterns: Vec<&str> = pending.iter().map(|i| quotes[*i]).collect();
    match aho_corasick::AhoCorasick::new(&patterns) {
        Ok(ac) => {
            for m in ac.find_overlapping_iter(text) {
                found[pending[m.pattern().as_usize()]] = true;
            }
        }
        Err(_) => {
            // Too many or too long patterns for the automaton: plain search.
            for (k, q) in patterns.iter().enumerate() {
                found[pending[k]] = text.contains(q);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(text: &str, quotes: &[&str]) -> Vec<bool> {
        quotes.iter().map(|q| text.contains(q)).collect()
    }

    #[test]
    fn occurrences_agree_with_contains() {
        let text = "Rebels took Hama on Thursday. Homs is next.\nDamascus waits. Assad’s father — ";
        let quotes = [
            "Rebels took Hama on Thursday.",
            "Homs is next.\nDamascus",
            "Rebels took Homs on Thursday.",
            "",
            "Damascus waits. Assad’s father — ",
            "Damascus waits. Assad’s father — and more text than there is",
            "Rebels took Hama on Thursday.",
            "took Hama",
            "Hama",
            "x",
        ];
        assert_eq!(occurrences(text, &quotes), naive(text, &quotes));
        assert_eq!(occurrences("", &quotes), naive("", &quotes));
        assert_eq!(occurrences(text, &[]), Vec::<bool>::new());
    }

    #[test]
    fn colliding_prefixes_fall_back_and_stay_right() {
        // Every position of the text starts like every quote: the budget runs out.
        let text = "a".repeat(5000);
        let long: Vec<String> = (0..200)
            .map(|i| {
                format!(
                    "{}{}",
                    "a".repeat(40 + i % 7),
                    if i % 2 == 0 { "b" } else { "" }
                )
            })
            .collect();
        let quotes: Vec<&str> = long.iter().map(String::as_str).collect();
        assert_eq!(occurrences(&text, &quotes), naive(&text, &quotes));
    }

    #[test]
    fn random_texts_agree_with_contains() {
        let mut rng = fastrand::Rng::with_seed(42);
        for _ in 0..300 {
            let alphabet = ['a', 'b', 'é', ' ', '.'];
            let len = rng.usize(0..400);
            let text: String = (0..len)
                .map(|_| alphabet[rng.usize(0..alphabet.len())])
                .collect();
            let chars: Vec<char> = text.chars().collect();
            let quotes: Vec<String> = (0..rng.usize(0..30))
                .map(|_| {
                    if !chars.is_empty() && rng.bool() {
                        let a = rng.usize(0..chars.len());
                        let b = (a + rng.usize(0..40)).min(chars.len());
                        chars[a..b].iter().collect()
                    } else {
                        (0..rng.usize(0..30))
                            .map(|_| alphabet[rng.usize(0..alphabet.len())])
                            .collect()
                    }
                })
                .collect();
            let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
            assert_eq!(
                occurrences(&text, &quotes),
                naive(&text, &quotes),
                "{text:?}"
            );
            // The hash path on its own, with the quotes long enough for it.
            let long: Vec<&str> = quotes.iter().copied().filter(|q| q.len() >= 8).collect();
            if long.iter().any(|q| q.len() <= text.len()) {
                let mut found = vec![false; long.len()];
                assert!(by_prefix_hash(text.as_bytes(), &long, 8, &mut found));
                assert_eq!(found, naive(&text, &long), "{text:?}");
            }
        }
    }

    #[test]
    fn names_the_nearest_sentence() {
        let text = "Rebels took Hama on Thursday. Homs is next.\nDamascus waits.";
        let hint = closest_passage(text, "Rebels captured Hama on Thursday");
        assert!(hint.contains("Rebels took Hama on Thursday"), "{hint}");
    }

    #[test]
    fn spots_typographic_differences() {
        let hint = closest_passage("Assad’s father", "Assad's father");
        assert!(hint.contains("punctuation"), "{hint}");
    }
}
