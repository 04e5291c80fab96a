//! Words, numbers and punctuation of one sentence, each with its byte offsets in the report,
//! so every quote and every `when` wording is cut from the report's own text.

use crate::geo::gazetteer::fold;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tk {
    /// Letters (with digits, inner hyphens and apostrophes: `al-Sham`, `US-backed`).
    Word,
    /// Digits first (`2,000`, `30km`, `24th`).
    Num,
    /// Anything else, one character each (`,` `“` `–` `(`).
    Punct,
}

/// One token of a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// Byte offset of its first character in the report.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// What it is.
    pub kind: Tk,
    /// Lower case, for the lexicon (`’` read as `'`).
    pub lower: String,
    /// Folded as the gazetteer folds names (`Dar‘ā` → `dara`), for place names.
    pub fold: String,
    /// Starts with a capital letter.
    pub cap: bool,
    /// Two letters or more, all capitals (`HTS`, `SYRIAN`).
    pub caps: bool,
}

impl Token {
    /// True if this is the word `w` (lower case).
    pub(crate) fn is(&self, w: &str) -> bool {
        self.lower == w
    }

    /// True if this is one of `words`.
    pub(crate) fn is_any(&self, words: &[&str]) -> bool {
        words.contains(&self.lower.as_str())
    }

    /// True for a word or number (not punctuation).
    pub(crate) fn is_wordlike(&self) -> bool {
        self.kind != Tk::Punct
    }
}

fn joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '‘' | '.')
}

/// The tokens of `text[start..end]`, offsets relative to the whole `text`. A possessive
/// (`rebels'`, `HTS’`, `Assad's`) is split off as a token of its own (`'` or `'s`).
pub(crate) fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let s = &text[start..end];
    let mut out = Vec::with_capacity(s.len() / 5 + 1);
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            push(
                &mut out,
                text,
                start + i,
                start + i + c.len_utf8(),
                Tk::Punct,
            );
            continue;
        }
        let mut j = i + c.len_utf8();
        let digit_first = c.is_ascii_digit();
        while let Some(&(k, d)) = chars.peek() {
            if d.is_alphanumeric() {
                j = k + d.len_utf8();
                chars.next();
                continue;
            }
            // An inner hyphen, apostrophe or (in a number) a comma or point joins what
            // follows only if a letter or digit follows it.
            let joins = joiner(d) && (d != '.' || digit_first) || (digit_first && d == ',');
            let next_alnum = s[k + d.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            if joins && next_alnum {
                // A point joins only digits (`2.5`), a comma only digits of a number.
                let next_digit = s[k + d.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(|x| x.is_ascii_digit());
                if matches!(d, '.' | ',') && !next_digit {
                    break;
                }
                chars.next();
                continue;
            }
            break;
        }
        let word = &s[i..j];
        let kind = if digit_first { Tk::Num } else { Tk::Word };
        // Possessive `'s` split off: `Assad's` → `Assad`, `'s`.
        let cut = ["'s", "’s", "'S", "’S"]
            .iter()
            .find(|p| word.len() > p.len() && word.ends_with(*p))
            .map(|p| j - p.len());
        match cut {
            Some(c) => {
                push(&mut out, text, start + i, start + c, kind);
                push(&mut out, text, start + c, start + j, Tk::Punct);
            }
            None => push(&mut out, text, start + i, start + j, kind),
        }
    }
    out
}

fn push(out: &mut Vec<Token>, text: &str, a: usize, b: usize, kind: Tk) {
    let raw = &text[a..b];
    let lower = raw.to_lowercase().replace(['’', '‘'], "'");
    let fold = if kind == Tk::Punct {
        String::new()
    } else {
        fold(raw)
    };
    out.push(Token {
        start: a,
        end: b,
        kind,
        lower,
        fold,
        cap: raw.chars().next().is_some_and(char::is_uppercase),
        caps: raw.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && raw
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s, 0, s.len())
            .iter()
            .map(|t| s[t.start..t.end].to_string())
            .collect()
    }

    #[test]
    fn words_keep_inner_joiners_and_split_possessives() {
        assert_eq!(
            words("HTS’ sweep into Deir el-Zor, US-backed Assad's 2,000 30km."),
            [
                "HTS",
                "’",
                "sweep",
                "into",
                "Deir",
                "el-Zor",
                ",",
                "US-backed",
                "Assad",
                "'s",
                "2,000",
                "30km",
                "."
            ]
        );
        assert_eq!(
            words("“fast approaching” Damascus"),
            ["“", "fast", "approaching", "”", "Damascus"]
        );
    }

    #[test]
    fn offsets_point_into_the_whole_text() {
        let text = "xx Homs, Syria";
        let t = tokenize(text, 3, text.len());
        assert_eq!(&text[t[0].start..t[0].end], "Homs");
        assert_eq!(t[0].fold, "homs");
        assert!(t[0].cap);
        assert_eq!(t[1].kind, Tk::Punct);
    }
}
