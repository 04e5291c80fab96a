//! The built-in dataset: traceable to its five reports, and telling the story they tell.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use frontline::dataset::EventKind;
use frontline::loaded::{self, Loaded};
use frontline::timeline::Status;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn builtin() -> Loaded {
    loaded::builtin().expect("the built-in dataset validates")
}

#[test]
fn every_quote_occurs_verbatim_in_its_source_file() {
    let l = builtin();
    let ds = &l.dataset;
    for ev in &ds.events {
        let src = ds.source(ev.source);
        let on_disk = std::fs::read_to_string(format!("data/{}", src.file)).unwrap();
        assert!(
            on_disk.contains(&ev.quote),
            "{}: quote not in {}",
            ev.id,
            src.file
        );
        assert!(!ev.quote.trim().is_empty(), "{}: empty quote", ev.id);
    }
    for p in &ds.places {
        if let (Some(s), Some(q)) = (p.initial_basis.source, &p.initial_basis.quote) {
            let on_disk = std::fs::read_to_string(format!("data/{}", ds.source(s).file)).unwrap();
            assert!(on_disk.contains(q.as_str()), "{}: basis quote", p.id);
        }
    }
}

#[test]
fn the_sources_are_the_five_reports_verbatim_and_each_is_cited() {
    let l = builtin();
    let ds = &l.dataset;
    assert_eq!(ds.sources.len(), 5);
    for (i, src) in ds.sources.iter().enumerate() {
        let shared = format!(
            "../shared/seeds/{}",
            src.file.trim_start_matches("sources/")
        );
        if let Ok(seed) = std::fs::read_to_string(&shared) {
            assert_eq!(seed, src.text, "{} differs from the seed report", src.file);
        }
        let cited = ds.events.iter().filter(|e| e.source.index() == i).count();
        assert!(cited >= 3, "{} is cited only {cited} times", src.id);
    }
}

#[test]
fn every_place_is_used_by_an_event_or_marked_as_reference() {
    let l = builtin();
    let used: BTreeSet<usize> = l.dataset.events.iter().map(|e| e.place.index()).collect();
    for (i, p) in l.dataset.places.iter().enumerate() {
        assert!(
            used.contains(&i) || p.reference,
            "{} is neither used nor a reference",
            p.id
        );
    }
}

#[test]
fn relative_dates_are_resolved_against_saturday_7_december() {
    let l = builtin();
    let ds = &l.dataset;
    let date_of = |id: &str| ds.events.iter().find(|e| e.id == id).unwrap().date;
    assert_eq!(date_of("hama-001"), d("2024-12-05")); // "On Thursday"
    assert_eq!(date_of("daraa-001"), d("2024-12-06")); // "on Friday evening"
    assert_eq!(date_of("aleppo-001"), d("2024-11-30")); // "a week ago"
    assert_eq!(date_of("quneitra-004"), d("2024-12-07")); // "on Saturday"
}

fn state(l: &Loaded, place: &str, date: &str) -> (Option<String>, Status, Vec<String>) {
    let ds = &l.dataset;
    let p = ds.find_place(place).unwrap();
    let s = l.timeline.state_of(p, d(date)).unwrap();
    let others = s.others.iter().map(|f| ds.faction(f).id.clone()).collect();
    (s.holder.map(|h| ds.faction(h).id.clone()), s.status, others)
}

#[test]
fn the_story_the_reports_tell() {
    let l = builtin();
    let gov = Some("gov".to_string());
    assert_eq!(state(&l, "Aleppo", "2024-11-29").0, gov);
    assert_eq!(state(&l, "Aleppo", "2024-11-30").0.as_deref(), Some("hts"));
    assert_eq!(state(&l, "Hama", "2024-12-04").0, gov);
    assert_eq!(state(&l, "Hama", "2024-12-05").0.as_deref(), Some("hts"));
    assert_eq!(state(&l, "Deraa", "2024-12-06").0.as_deref(), Some("south"));
    assert_eq!(
        state(&l, "Damascus", "2024-12-07"),
        (gov.clone(), Status::Held, vec![])
    );
    assert_eq!(
        state(&l, "Palmyra", "2024-12-07").0.as_deref(),
        Some("other-rebels")
    );
    assert_eq!(state(&l, "Zakyah", "2024-12-07").1, Status::Claimed);
    assert_eq!(state(&l, "Sanamayn", "2024-12-07").1, Status::Claimed);
}

#[test]
fn contradictions_stay_visible_in_the_state() {
    let l = builtin();
    // Who took Deir ez-Zor: one report says the Kurdish-led alliance, others say rebels.
    let (holder, status, others) = state(&l, "Deir el-Zor", "2024-12-07");
    assert_eq!(status, Status::Disputed);
    assert_eq!(holder.as_deref(), Some("kurdish-led"));
    assert_eq!(others, vec!["rebels".to_string()]);
    // Homs: entered per several reports, denied by state television: contested, not captured.
    let (holder, status, _) = state(&l, "Homs", "2024-12-07");
    assert_eq!(
        (holder.as_deref(), status),
        (Some("gov"), Status::Contested)
    );
    let homs = l.dataset.find_place("homs").unwrap();
    assert!(l.timeline.state_of(homs, d("2024-12-07")).unwrap().denied);
    assert_eq!(l.dataset.contradictions.len(), 3);
    for c in &l.dataset.contradictions {
        let sources: BTreeSet<_> = c
            .events
            .iter()
            .map(|e| l.dataset.event(*e).source)
            .collect();
        assert!(
            sources.len() >= 2,
            "{}: a contradiction needs two reports",
            c.id
        );
    }
}

#[test]
fn the_place_outside_the_conflict_has_no_holder() {
    let l = builtin();
    assert_eq!(state(&l, "al-Qaem", "2024-12-07").0, None);
}

#[test]
fn every_spelling_from_the_reports_finds_its_place() {
    let l = builtin();
    for (spelling, id) in [
        ("Deraa", "daraa"),
        ("daraa", "daraa"),
        ("Deir el Zor", "deir-ez-zor"),
        ("Deir al-Zor", "deir-ez-zor"),
        ("Deir el-Zor", "deir-ez-zor"),
        ("Suweida", "suwayda"),
        ("as-Suwayda", "suwayda"),
        ("al-Qaem", "al-qaem"),
    ] {
        let p = l
            .dataset
            .find_place(spelling)
            .unwrap_or_else(|| panic!("{spelling}"));
        assert_eq!(l.dataset.place(p).id, id);
    }
    let hts = l.dataset.find_faction("hts").unwrap();
    assert!(l.dataset.faction(hts).aliases.iter().any(|a| a == "HST"));
}

#[test]
fn captures_name_who_acted_and_claims_are_kept_apart_from_captures() {
    let l = builtin();
    for ev in &l.dataset.events {
        if ev.kind.needs_faction() {
            assert!(ev.faction.is_some(), "{}", ev.id);
        }
        if ev.kind == EventKind::Claimed {
            let q = ev.quote.to_lowercase();
            assert!(
                q.contains("claim") || q.contains("said"),
                "{}: a claim should read as one",
                ev.id
            );
        }
    }
}
