//! `[[sources]]` entries: each report's metadata, and its text read from the file it names.

use std::ops::Range;

use toml::de::DeTable;

use super::meta::Meta;
use super::{Builder, ids};
use crate::dataset::fields::{Cx, Entry};
use crate::dataset::model::Source;
use crate::dataset::quotes::closest_passage;
use crate::dataset::text::first_forbidden;

#[expect(
    clippy::too_many_lines,
    reason = "a source's fields in the order the format documents them, each checked where it is read"
)]
pub(super) fn read_source_entry(
    cx: &mut Cx,
    b: &mut Builder,
    t: &DeTable,
    span: &Range<usize>,
    meta: &Meta,
    read_source: &dyn Fn(&str) -> Result<String, String>,
) {
    let mut e = Entry::new(cx, t, span, "a [[sources]] entry");
    let id = e.required_str("id");
    let file = e.required_str("file");
    let outlet = e.required_str("outlet");
    let credit = e.text("credit");
    let published = e.required_date("published");
    let basis = e.required_str("published_basis");
    let published_quote = e.opt_str("published_quote");
    let same = e.opt_str("same_story_as");
    let derived = e.strings("derived_from");
    let note = e.text("note");
    let title = e.opt_str("title");
    let url = e.opt_str("url");
    e.finish();
    if let Some(id) = &id {
        ids(&mut b.source_ids, "source").add(cx, id);
    }
    if let Some((u, uspan)) = &url
        && let Err(why) = check_url(u)
    {
        cx.err(
            uspan,
            format!("`url` {why}"),
            Some(
                "write the report's address as published, e.g. \"https://example.org/story\""
                    .into(),
            ),
        );
    }
    let mut text = String::new();
    if let Some((f, fspan)) = &file {
        match read_source(f) {
            Ok(t) => {
                if let Some((i, c, why)) = first_forbidden(&t, true) {
                    let before = &t[..t.char_indices().nth(i).map_or(t.len(), |(b, _)| b)];
                    let line = before.matches('\n').count() + 1;
                    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    cx.err(
                        fspan,
                        format!(
                            "source text {f} contains {why} (U+{:04X}) at {line}:{col}",
                            c as u32
                        ),
                        Some(
                            "clean the source file: such characters would reach the terminal"
                                .into(),
                        ),
                    );
                }
                text = t;
            }
            Err(why) => cx.err(
                fspan,
                format!("cannot read source text `{f}`: {why}"),
                Some("source files are looked up relative to the dataset file".into()),
            ),
        }
    }
    if let Some((p, pspan)) = &published
        && (*p < meta.start
            || *p
                > meta
                    .end
                    .checked_add_days(chrono::Days::new(366))
                    .unwrap_or(meta.end))
    {
        cx.err(
            pspan,
            format!(
                "published {p} is before the dataset starts ({})",
                meta.start
            ),
            None,
        );
    }
    if let Some((q, qspan)) = &published_quote
        && !text.is_empty()
        && !text.contains(q.as_str())
    {
        cx.err(
            qspan,
            "`published_quote` does not occur verbatim in the source text",
            Some(closest_passage(&text, q)),
        );
    }
    for (outlet, ospan) in &derived {
        if !text.is_empty() && !text.to_lowercase().contains(&outlet.trim().to_lowercase()) {
            cx.err(
                ospan,
                format!("`derived_from` names `{outlet}`, which the source text does not mention"),
                Some("name only the outlets the text itself credits (\"Reuters/AFP\")".into()),
            );
        }
    }
    b.story_refs.push(same);
    b.sources.push(Source {
        id: id.map(|x| x.0).unwrap_or_default(),
        file: file.map(|x| x.0).unwrap_or_default(),
        outlet: outlet.map(|x| x.0).unwrap_or_default(),
        title: title.map(|x| x.0).filter(|t| !t.trim().is_empty()),
        url: url.map(|x| x.0).filter(|u| check_url(u).is_ok()),
        credit,
        published: published.map_or(meta.end, |x| x.0),
        published_basis: basis.map(|x| x.0).unwrap_or_default(),
        same_story_as: None,
        derived_from: derived
            .into_iter()
            .map(|x| x.0.trim().to_string())
            .collect(),
        note,
        text,
    });
}

/// Why `url` is not a web address a report can be cited by: it must be `http://` or
/// `https://`, with a host, and without spaces or the characters that end an address in
/// Markdown or HTML (`<`, `>`, `"`, backslash).
fn check_url(url: &str) -> Result<(), String> {
    let shown = crate::dataset::text::printable(url);
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Err(format!("`{shown}` is not an http:// or https:// address"));
    };
    if rest.split(['/', '?', '#']).next().is_none_or(str::is_empty) {
        return Err(format!("`{shown}` names no host"));
    }
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\\' | '`'))
    {
        return Err(format!("`{shown}` contains {c:?}, which no address holds"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_url;

    #[test]
    fn urls_are_web_addresses() {
        assert!(check_url("https://www.reuters.com/world/middle-east/x-2024-12-07/").is_ok());
        assert!(check_url("http://example.org").is_ok());
        assert!(check_url("ftp://example.org/x").is_err());
        assert!(check_url("https:///path").is_err());
        assert!(check_url("https://example.org/a b").is_err());
        assert!(check_url("https://example.org/<script>").is_err());
        assert!(check_url("javascript:alert(1)").is_err());
    }
}
