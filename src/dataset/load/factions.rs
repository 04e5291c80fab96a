//! `[[factions]]` entries: who can hold a place, and how the map and the timeline tell them
//! apart.

use std::ops::Range;

use toml::de::DeTable;

use super::{Builder, ids};
use crate::dataset::fields::{Cx, Entry};
use crate::dataset::model::{Faction, Rgb};

pub(crate) use crate::dataset::limits::MAX_FACTIONS;

pub(super) fn read_faction(cx: &mut Cx, b: &mut Builder, t: &DeTable, span: &Range<usize>) {
    let mut e = Entry::new(cx, t, span, "a [[factions]] entry");
    let id = e.required_str("id");
    let name = e.required_str("name");
    let label = e.required_str("label");
    let aliases = e.strings("aliases");
    let color = e.required_str("color");
    let glyph = e.required_str("glyph");
    let part_of = e.opt_str("part_of");
    let vague = e.boolean("vague");
    e.finish();
    if let Some(id) = &id {
        ids(&mut b.faction_ids, "faction").add(cx, id);
    }
    if b.factions.len() == MAX_FACTIONS {
        cx.err(
            span,
            format!("more than {MAX_FACTIONS} factions"),
            Some(format!(
                "frontline tells at most {MAX_FACTIONS} factions apart; merge small groups into one faction (its `aliases` keep their names) or into a `vague` one"
            )),
        );
    }
    if let Some((l, s)) = &label
        && l.chars().count() > 5
    {
        cx.err(
            s,
            format!("label `{l}` is longer than 5 characters"),
            Some("labels are printed beside places on the map".into()),
        );
    }
    let color = color.and_then(|(c, s)| {
        let rgb = parse_hex(&c);
        if rgb.is_none() {
            cx.err(&s, format!("color `{c}` is not of the form #rrggbb"), None);
        }
        rgb
    });
    let glyph = glyph.and_then(|(g, s)| {
        let mut chars = g.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if crate::dataset::text::visible(c) => Some(c),
            _ => {
                cx.err(
                    &s,
                    format!(
                        "glyph `{g}` ({}) must be exactly one visible character",
                        code_points(&g)
                    ),
                    Some("not a space, a combining mark, a joiner or another invisible character: the glyph tells factions apart without colour".into()),
                );
                None
            }
        }
    });
    b.part_of_refs.push(part_of);
    b.factions.push(Faction {
        id: id.map(|x| x.0).unwrap_or_default(),
        name: name.map(|x| x.0).unwrap_or_default(),
        label: label.map(|x| x.0).unwrap_or_default(),
        aliases: aliases.into_iter().map(|x| x.0).collect(),
        color: color.unwrap_or(Rgb(128, 128, 128)),
        glyph: glyph.unwrap_or('?'),
        part_of: None,
        vague,
    });
}

/// `U+25B2 U+200D`: what a glyph is made of, visible or not.
fn code_points(s: &str) -> String {
    let all: Vec<String> = s.chars().map(|c| format!("U+{:04X}", c as u32)).collect();
    all.join(" ")
}

fn parse_hex(s: &str) -> Option<Rgb> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 || !h.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
}
