//! State machine scenarios: small datasets under tests/fixtures/scenarios, events in,
//! expected control per date out. Each expectation is checked by jumping to the date and by
//! stepping there day by day from the start.

use std::path::Path;

use chrono::NaiveDate;
use frontline::dataset::{self};
use frontline::loaded::{self, Loaded};
use frontline::snapshot;
use frontline::timeline::ClaimEnd;
use serde::Deserialize;

const DIR: &str = "tests/fixtures/scenarios";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    date: toml::value::Datetime,
    place: String,
    holder: Option<String>,
    status: Option<String>,
    #[serde(default)]
    others: Vec<String>,
    since: Option<toml::value::Datetime>,
    sources: Option<usize>,
    /// Of those, the reporters who name the holder.
    captor_sources: Option<usize>,
    #[serde(default)]
    denied: bool,
    #[serde(default)]
    absent: bool,
    /// The event whose change is unsettled on the day (none if absent).
    unsettled: Option<String>,
    /// Vaguely named groups whose accounts support the holder's capture.
    #[serde(default)]
    vague: Vec<String>,
    /// Listed among the changes dated to the day.
    changed: Option<bool>,
    /// Listed among the changes that day's reports settle without dating them to it.
    settled: Option<bool>,
    /// The event that began the status.
    set_by: Option<String>,
    /// Why a claim no longer stands on the day: `lapsed` or `withdrawn` (none if absent).
    claim_ended: Option<String>,
    /// The change's earliest, latest and most likely day (`likely = "none"` for none).
    earliest: Option<toml::value::Datetime>,
    latest: Option<toml::value::Datetime>,
    likely: Option<toml::Value>,
}

#[derive(Debug, Deserialize)]
struct Expectations {
    expect: Vec<Expect>,
}

fn date(d: &toml::value::Datetime) -> NaiveDate {
    NaiveDate::parse_from_str(&d.to_string(), "%Y-%m-%d").unwrap()
}

/// The fixture's text with its header: `header.inc`, or the one its first line names
/// (`# header: sudan-header.inc`), or none when it has its own `[dataset]`.
fn with_header(data: &str) -> String {
    let header = match data
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# header: "))
    {
        Some(name) => name.trim(),
        None if data.lines().any(|l| l.trim() == "[dataset]") => return data.to_string(),
        None => "header.inc",
    };
    let header = std::fs::read_to_string(Path::new(DIR).join(header)).unwrap();
    format!("{header}\n{data}")
}

fn load(name: &str) -> (Loaded, Vec<Expect>) {
    let file = std::fs::read_to_string(Path::new(DIR).join(name)).unwrap();
    let (data, expect) = file
        .split_once("# --- expect ---")
        .expect("an expect section");
    let text = with_header(data);
    let loaded = loaded::load_str(name, &text, &|f| {
        std::fs::read_to_string(Path::new(DIR).join(f)).map_err(|e| e.to_string())
    })
    .unwrap_or_else(|e| match e {
        dataset::LoadError::Invalid(d) => panic!(
            "{name}: {}",
            d.iter()
                .map(std::string::ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
        other => panic!("{name}: {other}"),
    });
    let expect: Expectations = toml::from_str(expect).unwrap();
    (loaded, expect.expect)
}

fn check(name: &str) {
    let (loaded, expectations) = load(name);
    let tl = &loaded.timeline;
    for e in &expectations {
        let day = date(&e.date);
        let place = loaded.dataset.find_place(&e.place).unwrap();
        let jumped = tl.at(day);
        let mut stepped = tl.at(tl.first_date());
        while stepped.date < day {
            assert!(tl.step(&mut stepped, true));
        }
        assert_eq!(
            jumped, stepped,
            "{name} {day}: stepping and jumping disagree"
        );
        let what = format!("{name}, {} on {day}", e.place);
        let Some(state) = jumped.state(place) else {
            assert!(e.absent, "{what}: the place is absent");
            continue;
        };
        assert!(!e.absent, "{what}: expected the place to be absent");
        let row = snapshot::row(&loaded, place, state, day);
        assert_eq!(row.holder, e.holder, "{what}: holder");
        if let Some(status) = &e.status {
            assert_eq!(&row.status, status, "{what}: status");
        }
        assert_eq!(row.others, e.others, "{what}: others");
        assert_eq!(row.since, e.since.as_ref().map(date), "{what}: since");
        if let Some(n) = e.sources {
            assert_eq!(row.sources, n, "{what}: distinct sources");
        }
        if let Some(n) = e.captor_sources {
            assert_eq!(row.captor_sources, n, "{what}: reporters naming the holder");
        }
        assert_eq!(row.denied, e.denied, "{what}: denied");
        assert_eq!(row.unsettled_event, e.unsettled, "{what}: unsettled");
        assert_eq!(row.vague_accounts, e.vague, "{what}: vague accounts");
        if let Some(changed) = e.changed {
            assert_eq!(
                tl.changed_on(day).contains(&place),
                changed,
                "{what}: listed as a change dated to the day"
            );
        }
        if let Some(settled) = e.settled {
            assert_eq!(
                tl.settled_on(day).contains(&place),
                settled,
                "{what}: listed as settled by the day's reports"
            );
        }
        if let Some(id) = &e.set_by {
            let set_by = state.set_by.map(|ev| loaded.dataset.event(ev).id.clone());
            assert_eq!(set_by.as_ref(), Some(id), "{what}: set by");
        }
        let ended = state.claim_ended.map(|c| match c {
            ClaimEnd::Lapsed { .. } => "lapsed",
            ClaimEnd::Withdrawn { .. } => "withdrawn",
        });
        assert_eq!(ended, e.claim_ended.as_deref(), "{what}: claim ended");
        if let Some(d) = &e.earliest {
            assert_eq!(row.since_earliest, Some(date(d)), "{what}: earliest");
        }
        if let Some(d) = &e.latest {
            assert_eq!(row.since_latest, Some(date(d)), "{what}: latest");
        }
        match &e.likely {
            Some(toml::Value::Datetime(d)) => {
                assert_eq!(row.since_likely, Some(date(d)), "{what}: most likely day");
            }
            Some(_) => assert_eq!(row.since_likely, None, "{what}: no most likely day"),
            None => {}
        }
    }
}

#[test]
fn corroboration_keeps_the_first_date_and_counts_stories_once() {
    check("corroboration.toml");
}

#[test]
fn contest_then_denial_then_the_holder_beats_off_the_attack() {
    check("contest-denial-repelled.toml");
}

#[test]
fn a_claim_stays_unconfirmed_until_a_capture_is_reported() {
    check("claim-then-capture.toml");
}

#[test]
fn two_captors_of_the_same_loss_are_shown_as_disputed() {
    check("disputed-captor.toml");
}

#[test]
fn places_outside_the_conflict_and_places_that_appear_later() {
    check("outside-and-appearing.toml");
}

#[test]
fn an_undated_recap_supports_a_state_by_its_date_not_a_change_on_it() {
    check("undated-recap.toml");
}

#[test]
fn a_ranged_date_leaves_the_change_unsettled_until_its_last_day() {
    check("ranged-date.toml");
}

#[test]
fn a_capture_only_the_captor_states_is_its_claim() {
    check("claim.toml");
}

#[test]
fn a_derived_source_and_a_cited_outlet_count_as_the_wire_once() {
    check("derived-source.toml");
}

#[test]
fn a_vague_account_supports_a_named_captor_instead_of_rivalling_it() {
    check("vague-captor.toml");
}

#[test]
fn a_starting_holder_backed_by_a_quote_counts_as_a_report() {
    check("initial-basis.toml");
}

#[test]
fn a_claim_the_other_side_admits_is_held() {
    check("confirmation.toml");
}

#[test]
fn a_claim_gives_way_to_a_later_contrary_report() {
    check("supersession.toml");
}

#[test]
fn a_claim_no_report_renews_lapses_after_the_datasets_days() {
    check("lapse.toml");
}

#[test]
fn every_scenario_file_has_a_test() {
    let mut names: Vec<String> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    let src = std::fs::read_to_string("tests/data/scenarios.rs").unwrap();
    for n in names {
        assert!(src.contains(&format!("check(\"{n}\")")), "{n} has no test");
    }
}

#[test]
fn an_area_claimed_by_a_party_is_claimed_not_held_by_it() {
    check("area-claim.toml");
}

#[test]
fn a_claimed_place_stays_its_holders_claimed() {
    check("claimed-shading.toml");
}
