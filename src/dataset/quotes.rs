//! Finding the passage of a source a mistyped quote was meant to be, for the hint.

/// Typographic characters folded to plain ones when comparing.
fn fold(c: char) -> char {
    match c {
        '‘' | '’' | '`' | '´' => '\'',
        '“' | '”' => '"',
        '–' | '—' => '-',
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

fn folded(s: &str) -> String {
    s.split_whitespace()
        .map(|w| w.chars().map(fold).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A hint naming the passage of `text` closest to `quote`.
pub fn closest_passage(text: &str, quote: &str) -> String {
    if folded(text).contains(&folded(quote)) {
        return "the words match but punctuation, case or spacing differs (curly vs straight quotes, dashes?): copy the passage exactly".to_string();
    }
    let qwords = words(quote);
    let best = text
        .split(['\n', '.'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|sentence| {
            let sw = words(sentence);
            let common = qwords.iter().filter(|w| sw.contains(w)).count();
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

#[cfg(test)]
mod tests {
    use super::*;

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
