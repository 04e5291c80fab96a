//! The draft as TOML entries of the dataset's own format, each after a `# draft:` comment
//! saying how sure drafting is, what else it could be and why. An entry the dataset would
//! refuse as it stands (an event whose actor no faction matches, a place drafting abstained
//! on) is written commented out, to be completed by hand.

use std::fmt::Write as _;

use super::{Draft, DraftEvent, Knowledge, NewPlace, Report};
use crate::dataset::EventKind;
use crate::dataset::text::printable;
use crate::import::toml_string as q;

/// One line of comment text: no line breaks, nothing a terminal would obey.
fn comment(s: &str) -> String {
    printable(&s.replace(['\n', '\r'], " "))
}

/// The entries as TOML, to append to a dataset (or to review).
pub(super) fn toml(k: &Knowledge, d: &Draft, reports: &[Report]) -> String {
    let mut t = String::new();
    let complete = d.events.iter().filter(|e| e.is_complete()).count();
    let _ = write!(
        t,
        "# Drafted by `frontline draft` from {} report(s) against {}: {} event(s) ({} to complete by hand,\n\
         # commented out), {} new place(s), {} name(s) not placed. Every entry is a proposal to review:\n\
         # its `# draft:` comment says how sure drafting is (0 to 1) and why. Check with `frontline validate`.\n\n",
        reports.len(),
        comment(&k.loaded.dataset.origin),
        d.events.len(),
        d.events.len() - complete,
        d.places.len(),
        d.abstained.len()
    );
    for s in &d.sources {
        let report = &reports[s.report];
        let _ = writeln!(
            t,
            "# draft: {} ({} sentence(s) read)",
            comment(&report.shown),
            s.sentences
        );
        let credit = if s.outlet == "not stated" {
            "Not stated: frontline draft was given no outlet (--outlet); review."
        } else {
            "Given with --outlet when drafting; review."
        };
        let _ = write!(
            t,
            "[[sources]]\nid = {}\nfile = {}\noutlet = {}\ncredit = {}\npublished = {}\npublished_basis = {}\n",
            q(&s.id),
            q(&s.file),
            q(&s.outlet),
            q(credit),
            s.published,
            q(&s.published_basis)
        );
        if let Some(pq) = &s.published_quote {
            let _ = writeln!(t, "published_quote = {}", q(pq));
        }
        t.push('\n');
    }
    for p in &d.places {
        place(&mut t, p, reports);
    }
    for a in &d.abstained {
        let _ = writeln!(
            t,
            "# draft: not placed: “{}” ({}, line {}): {}",
            comment(&a.name),
            comment(&a.source),
            a.line,
            comment(&a.why)
        );
        for c in &a.candidates {
            let _ = writeln!(
                t,
                "#   {} ({} {}), population {}: lat = {}, lon = {}, coords = \"GeoNames {}\"",
                comment(&c.name),
                c.country,
                comment(&c.admin1),
                c.population,
                c.lat,
                c.lon,
                c.geonames_id
            );
        }
        t.push('\n');
    }
    for e in &d.events {
        event(&mut t, e);
    }
    t
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", quoted.join(", "))
}

fn place(t: &mut String, p: &NewPlace, reports: &[Report]) {
    let _ = writeln!(
        t,
        "# draft: new {}, confidence {:.2}: {}",
        if p.divisions.is_empty() {
            "place"
        } else {
            "area, divisions to review"
        },
        p.confidence,
        comment(&p.why)
    );
    let _ = write!(t, "[[places]]\nid = {}\nname = {}\n", q(&p.id), q(&p.name));
    if !p.aliases.is_empty() {
        let _ = writeln!(t, "aliases = {}", list(&p.aliases));
    }
    if !p.gazetteer_aliases.is_empty() {
        let _ = writeln!(t, "gazetteer_aliases = {}", list(&p.gazetteer_aliases));
    }
    let _ = writeln!(t, "kind = {}", q(p.kind.as_str()));
    if !p.divisions.is_empty() {
        let _ = writeln!(t, "divisions = {}", list(&p.divisions));
        let _ = writeln!(
            t,
            "note = {}",
            q(&format!("Proposed by frontline draft: {}", p.why))
        );
    }
    if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
        let _ = write!(
            t,
            "lat = {lat:?}\nlon = {lon:?}\ncoords = {}\n",
            q(&p.coords)
        );
        if let Some(n) = p.population {
            let _ = writeln!(t, "population = {n}");
        }
        let files: Vec<&str> = reports.iter().map(|r| r.name.as_str()).collect();
        let _ = writeln!(
            t,
            "initial = {{ note = {} }}",
            q(&format!(
                "Not stated: proposed by frontline draft from {}; who held it before is not known.",
                files.join(", ")
            ))
        );
    }
    t.push('\n');
}

fn event(t: &mut String, e: &DraftEvent) {
    let mut body = String::new();
    let _ = write!(
        body,
        "[[events]]\nid = {}\nplace = {}\nkind = {}\n",
        q(&e.id),
        q(e.place.id.as_deref().unwrap_or("?")),
        q(e.kind.as_str())
    );
    match &e.faction {
        Some(f) => {
            let _ = writeln!(body, "faction = {}", q(f));
        }
        None if e.kind.needs_faction() => {
            let _ = writeln!(body, "faction = \"?\"");
        }
        None => {}
    }
    if let Some(f) = e
        .from_faction
        .as_ref()
        .filter(|f| e.kind == EventKind::Captured && Some(*f) != e.faction.as_ref())
    {
        let _ = writeln!(body, "from = {}", q(f));
    }
    match e.said_by.as_slice() {
        [] => {}
        [one] => {
            let _ = writeln!(body, "said_by = {}", q(one));
        }
        many => {
            let _ = writeln!(body, "said_by = {}", list(many));
        }
    }
    if let Some(c) = &e.cites {
        let _ = writeln!(body, "cites = {}", q(c));
    }
    let _ = writeln!(body, "source = {}\nwhen = {}", q(&e.source), q(&e.when));
    if let Some(w) = &e.qualifier {
        let _ = writeln!(body, "qualifier = {}", q(w));
    }
    let _ = writeln!(body, "quote = {}", q(&e.quote));
    let mut head = format!(
        "# draft: confidence {:.2}, line {}: {}",
        e.confidence,
        e.line,
        comment(&e.why.join("; "))
    );
    if let Some(a) = &e.actor_text {
        let _ = write!(head, "; actor as written: “{}”", comment(a));
    }
    if !e.alternates.is_empty() {
        let _ = write!(head, "; alternates: {}", comment(&e.alternates.join(", ")));
    }
    t.push_str(&head);
    t.push('\n');
    if e.is_complete() {
        t.push_str(&body);
    } else {
        let what = if e.place.id.is_none() {
            format!("drafting did not place “{}”", comment(&e.place.name))
        } else {
            match &e.actor_text {
                Some(a) => format!("no faction matches “{}”", comment(a)),
                None => "no actor named".to_string(),
            }
        };
        let _ = writeln!(
            t,
            "# draft: NOT VALID AS IS ({what}): complete it, then remove the `# ` before each line"
        );
        for line in body.lines() {
            let _ = writeln!(t, "# {line}");
        }
    }
    t.push('\n');
}
