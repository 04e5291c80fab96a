//! The assembled dataset as `dataset.toml` text, laid out entry by entry in the usual order
//! (so it loads by the fast path), and the source texts its quotes come from.

use std::fmt::Write as _;

use super::Format;
use super::assemble::Built;
use super::rows::slug;

/// Okabe-Ito (colour-blind safe), then greys; factions beyond them repeat colours, and
/// their glyphs tell them apart.
const COLORS: [&str; 8] = [
    "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#999999",
];

/// 64 glyphs, one per faction (the timeline tells at most 64 factions apart).
const GLYPHS: &str = "■▲●◆▼○□△◇▽◐◑◒◓◧◨◩◪▣▤▥▦▧▨▩◈◉◎◍◌◔◕◖◗◢◣◤◥◭◮◬◫▰▱▮▯▬▭▪▫◊◦◘◙▶◀▷◁▸◂▹◃►◄";

/// A TOML basic string, written straight into the output (no string of its own).
struct Q<'a>(&'a str);

impl std::fmt::Display for Q<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_char('"')?;
        let mut rest = self.0;
        // Runs of characters that need no escape are written whole.
        while let Some(i) = rest.find(|c: char| c == '"' || c == '\\' || c.is_control()) {
            f.write_str(&rest[..i])?;
            let c = rest[i..].chars().next().unwrap_or(' ');
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                c => write!(f, "\\u{:04X}", c as u32)?,
            }
            rest = &rest[i + c.len_utf8()..];
        }
        f.write_str(rest)?;
        f.write_char('"')
    }
}

/// `s` as a TOML basic string.
pub(crate) fn q(s: &str) -> String {
    Q(s).to_string()
}

/// At most 5 capitals: the initials of a name's words, or its first letters.
fn label(name: &str) -> String {
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let initials: String = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase) || words.len() <= 2)
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .take(5)
        .collect();
    if initials.chars().count() >= 2 {
        return initials;
    }
    let letters: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(3)
        .flat_map(char::to_uppercase)
        .collect();
    if letters.is_empty() {
        "?".into()
    } else {
        letters
    }
}

/// The dataset's text and its source files.
#[expect(
    clippy::too_many_lines,
    reason = "the dataset's sections in file order"
)]
pub(super) fn write(b: &Built, format: Format, file: &str) -> (String, Vec<(String, String)>) {
    let how = match format {
        Format::Csv => "csv",
        Format::Acled => "acled",
    };
    let stem = std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = Some(slug(&stem))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "imported".into());
    let mut t = String::with_capacity(b.events.len() * 300 + b.places.len() * 250);
    let _ = write!(
        t,
        "# Made by `frontline import {how}` from {file}: {} row(s), {} event(s).\n\
         # Every quote is in the source texts under sources/, one paragraph per row.\n\
         # Check with `frontline validate dataset.toml`; the format is in frontline's README.\n\n\
         [dataset]\nid = {}\nname = {}\ndescription = {}\nstart = {}\nend = {}\n\n\
         [dataset.map]\nmin_lon = {:?}\nmax_lon = {:?}\nmin_lat = {:?}\nmax_lat = {:?}\n\n",
        b.rows,
        b.events.len(),
        q(&id),
        q(&format!("Imported from {file}")),
        q(&format!(
            "Made by `frontline import {how}` from {file} ({} row(s), {} event(s), {} place(s)). Nobody is known to hold a place before its first row.",
            b.rows,
            b.events.len(),
            b.places.len()
        )),
        b.start,
        b.end,
        b.map.min_lon,
        b.map.max_lon,
        b.map.min_lat,
        b.map.max_lat
    );
    let (credit, what) = match format {
        Format::Csv => (format!("The `outlet` column of {file}."), "quote"),
        Format::Acled => (
            format!(
                "ACLED's `source` field in {file}. The quotes are ACLED's notes of the events, not the outlet's own words."
            ),
            "notes (ACLED's summary of the report)",
        ),
    };
    let mut texts = Vec::with_capacity(b.sources.len());
    for s in &b.sources {
        let name = format!("sources/{}.txt", s.id);
        let _ = write!(
            t,
            "[[sources]]\nid = {}\nfile = {}\noutlet = {}\ncredit = {}\npublished = {}\npublished_basis = {}\n\n",
            q(&s.id),
            q(&name),
            q(&s.outlet),
            q(&credit),
            s.published,
            q(&format!(
                "Not in {file}: the latest date among this source's rows, so that none is after it."
            ))
        );
        let mut text = format!(
            "The rows of {file} whose source is \"{}\" (outlet: {}), gathered by\n\
             `frontline import {how}`: each paragraph is one row's {what}, verbatim, after the\n\
             line the row starts on. This is not the report itself.\n",
            s.name, s.outlet
        );
        for &(line, e) in &s.quotes {
            let _ = write!(text, "\n[line {line}] {}\n", b.events[e].quote);
        }
        texts.push((name, text));
    }
    if b.factions.is_empty() {
        // A dataset needs a faction; these rows only give context.
        t.push_str(
            "[[factions]]\nid = \"none-named\"\nname = \"No faction: no row changes or contests control\"\n\
             label = \"NONE\"\ncolor = \"#999999\"\nglyph = \"■\"\n\n",
        );
    }
    let mut faction_ids = Vec::with_capacity(b.factions.len());
    let mut taken = std::collections::HashSet::new();
    for (i, name) in b.factions.iter().enumerate() {
        let base = Some(slug(name))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "faction".into());
        let mut fid = base.clone();
        let mut n = 1;
        while !taken.insert(fid.clone()) {
            n += 1;
            fid = format!("{base}-{n}");
        }
        let glyph = GLYPHS.chars().nth(i).unwrap_or('?');
        let _ = write!(
            t,
            "[[factions]]\nid = {}\nname = {}\nlabel = {}\ncolor = {}\nglyph = {}\n\n",
            q(&fid),
            q(name),
            q(&label(name)),
            q(COLORS[i % COLORS.len()]),
            q(&glyph.to_string())
        );
        faction_ids.push(fid);
    }
    for p in &b.places {
        let _ = write!(
            t,
            "[[places]]\nid = {}\nname = {}\nkind = {}\nlat = {:?}\nlon = {:?}\ncoords = {}\ninitial = {{ note = {} }}\n\n",
            q(&p.id),
            q(&p.name),
            q(p.kind.as_str()),
            p.lat,
            p.lon,
            q(&p.coords),
            q(&format!(
                "Not stated: {file} says nothing of who held it before its first row."
            ))
        );
    }
    for e in &b.events {
        let _ = write!(
            t,
            "[[events]]\nid = {}\nplace = {}\nkind = {}\n",
            Q(&e.id),
            Q(&b.places[e.place].id),
            Q(e.kind.as_str())
        );
        if let Some(f) = e.faction {
            let _ = writeln!(t, "faction = {}", Q(&faction_ids[f]));
        }
        if let Some(f) = e.from {
            let _ = writeln!(t, "from = {}", Q(&faction_ids[f]));
        }
        let _ = writeln!(t, "source = {}", Q(&b.sources[e.source].id));
        match e.earliest {
            Some(first) => {
                let _ = writeln!(t, "earliest = {first}\nlatest = {}", e.date);
            }
            None => {
                let _ = writeln!(t, "date = {}", e.date);
            }
        }
        let _ = writeln!(t, "quote = {}", Q(&e.quote));
        if !e.note.is_empty() {
            let _ = writeln!(t, "note = {}", Q(&e.note));
        }
        t.push('\n');
    }
    for c in &b.contradictions {
        let events: Vec<String> = c.events.iter().map(|&e| q(&b.events[e].id)).collect();
        let _ = write!(
            t,
            "[[contradictions]]\nid = {}\nplace = {}\ntopic = {}\nsummary = {}\nevents = [{}]\n\n",
            q(&c.id),
            q(&b.places[c.place].id),
            q(&c.topic),
            q(&c.summary),
            events.join(", ")
        );
    }
    (t, texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_short_capitals() {
        assert_eq!(label("Military Forces of Syria (2000-2024)"), "MFS");
        assert_eq!(label("Hayat Tahrir al-Sham"), "HTS");
        assert_eq!(label("gov"), "GOV");
        assert_eq!(label("Islamic State (Syria)"), "ISS");
    }

    #[test]
    fn glyphs_are_64_distinct_characters() {
        let g: Vec<char> = GLYPHS.chars().collect();
        assert_eq!(g.len(), 64);
        let set: std::collections::HashSet<char> = g.iter().copied().collect();
        assert_eq!(set.len(), 64);
    }

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(q("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
    }
}
