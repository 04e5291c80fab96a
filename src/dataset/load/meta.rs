//! The `[dataset]` header: what the dataset is called, the dates it covers, the map area
//! its places lie in and the countries its conflict is in; later entries are checked
//! against these.

use std::ops::Range;

use chrono::NaiveDate;
use toml::de::DeTable;

use crate::dataset::fields::{Cx, Entry, Sp, Val, closest_word};
use crate::dataset::model::Place;
use crate::geo::{MapArea, World};

/// The `[dataset]` table, read before any entry.
pub(super) struct Meta {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) description: String,
    pub(super) start: NaiveDate,
    pub(super) end: NaiveDate,
    pub(super) map: MapArea,
    /// The declared theatre, as the basemap's keys; `None` when it is to be derived.
    pub(super) theatre: Option<Vec<String>>,
    /// After how many days an uncorroborated claim lapses; `None`: never.
    pub(super) claims_lapse_days: Option<u32>,
}

pub(super) fn read_meta(cx: &mut Cx, t: &DeTable, span: &Range<usize>) -> Option<Meta> {
    let mut e = Entry::new(cx, t, span, "[dataset]");
    let id = e.required_str("id");
    let name = e.required_str("name");
    let description = e.text("description");
    let start = e.required_date("start");
    let end = e.required_date("end");
    let map = e.table("map", true);
    let theatre = e.raw("theatre");
    let lapse = e.raw("claims_lapse_days");
    e.finish();
    let map = map.and_then(|(t, s)| read_map(cx, t, &s));
    let claims_lapse_days = read_lapse(cx, lapse);
    let theatre = theatre.map(|v| {
        let entries = cx.strings(Some(v), "theatre");
        read_theatre(cx, entries, &cx.abs(v.span()))
    });
    if let (Some((s, _)), Some((e, espan))) = (&start, &end)
        && s > e
    {
        cx.err(
            espan,
            format!("the dataset ends ({e}) before it starts ({s})"),
            None,
        );
        return None;
    }
    if let (Some((s, _)), Some((e, espan))) = (&start, &end)
        && !crate::dataset::limits::check_span(cx, *s, *e, espan)
    {
        return None;
    }
    if let Some((id, ispan)) = &id
        && !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        cx.err(
            ispan,
            format!("dataset id `{id}` may use only ASCII letters, digits, - and _"),
            Some("it becomes part of export file names".into()),
        );
        return None;
    }
    Some(Meta {
        id: id?.0,
        name: name?.0,
        description,
        start: start?.0,
        end: end?.0,
        map: map?,
        theatre,
        claims_lapse_days,
    })
}

/// `claims_lapse_days = N`: a whole number of days from 1 to the longest dataset allowed.
fn read_lapse(cx: &mut Cx, v: Option<&Val<'_>>) -> Option<u32> {
    let n = cx.uint(v, "claims_lapse_days")?;
    let max = crate::dataset::limits::MAX_DAYS;
    match u32::try_from(n) {
        Ok(n) if n >= 1 && i64::from(n) <= max => Some(n),
        _ => {
            if let Some(v) = v {
                cx.err(
                    &cx.abs(v.span()),
                    format!("`claims_lapse_days` = {n} is outside 1..={max}"),
                    Some("the days after its last report that an uncorroborated claim stands; leave it out for claims that never lapse".into()),
                );
            }
            None
        }
    }
}

/// `theatre = ["SD"]`: ISO 3166-1 alpha-2 codes, or Natural Earth's names for areas that have
/// none (`"Somaliland"`), each checked against the basemap and kept as its key.
fn read_theatre(cx: &mut Cx, entries: Vec<Sp<String>>, span: &Range<usize>) -> Vec<String> {
    if entries.is_empty() {
        cx.err(
            span,
            "`theatre` is empty",
            Some("name the countries the conflict is in, or leave `theatre` out to derive them from the places".into()),
        );
    }
    let Some(world) = World::builtin() else {
        return entries.into_iter().map(|(s, _)| s).collect();
    };
    let mut keys = Vec::new();
    for (entry, espan) in entries {
        match world.find_country(&entry) {
            Some(c) => keys.push(c.key().to_string()),
            None => {
                let countries = world.countries();
                let known: Vec<&str> = countries
                    .iter()
                    .flat_map(|c| c.code.as_deref().into_iter().chain([c.name.as_str()]))
                    .collect();
                let hint = match closest_word(&entry, &known, &mut cx.hint_budget) {
                    Some(k) => format!("did you mean `{k}`?"),
                    None => "use ISO 3166-1 alpha-2 codes (`SD` for Sudan, `UA` for Ukraine), or Natural Earth's names for areas without one (`Somaliland`)".into(),
                };
                cx.err(
                    &espan,
                    format!("unknown country `{entry}` in `theatre`"),
                    Some(hint),
                );
            }
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The theatre when the header does not give one: the countries holding the places that take
/// part (reference places and places outside the conflict with no event left out), each
/// place in the country whose outline holds it or passes within 25 km (a port just off
/// Natural Earth's coast). Sorted, each once.
pub(super) fn derive_theatre(places: &[Place], in_events: &[bool]) -> Vec<String> {
    let Some(world) = World::builtin() else {
        return Vec::new();
    };
    let mut keys: Vec<String> = places
        .iter()
        .enumerate()
        .filter(|(i, p)| !p.reference && (p.initial.is_some() || in_events.get(*i) == Some(&true)))
        .filter_map(|(_, p)| world.country_near(p.lon, p.lat, 25.0))
        .map(|c| c.key().to_string())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Mark the places with no starting holder that lie outside the theatre (no country of it
/// holds them or passes within 25 km): those, and only those, are outside the conflict.
pub(super) fn mark_outside(places: &mut [Place], theatre: &[String]) {
    let Some(world) = World::builtin() else {
        return;
    };
    for p in places.iter_mut().filter(|p| p.initial.is_none()) {
        p.outside_theatre = world
            .country_near(p.lon, p.lat, 25.0)
            .is_none_or(|c| !theatre.iter().any(|t| t == c.key()));
    }
}

fn read_map(cx: &mut Cx, t: &DeTable, span: &Range<usize>) -> Option<MapArea> {
    let keys = ["min_lon", "max_lon", "min_lat", "max_lat"];
    let mut e = Entry::new(cx, t, span, "[dataset.map]");
    let vals = keys.map(|key| e.number(key));
    e.finish();
    let mut nums = [0.0; 4];
    let mut spans = [span.clone(), span.clone(), span.clone(), span.clone()];
    let mut ok = true;
    for (i, (key, val)) in keys.iter().zip(vals).enumerate() {
        match val {
            Some((x, s)) => {
                let limit = if key.ends_with("lat") { 90.0 } else { 180.0 };
                if !x.is_finite() || x.abs() > limit {
                    cx.err(
                        &s,
                        format!("`{key}` = {x} is outside -{limit}..={limit}"),
                        None,
                    );
                    ok = false;
                }
                nums[i] = x;
                spans[i] = s;
            }
            None => ok = false,
        }
    }
    if ok && nums[0] > nums[1] {
        cx.err(
            &spans[0],
            format!(
                "`min_lon` = {} is east of `max_lon` = {}: a map area across the antimeridian (180°) is not supported",
                nums[0], nums[1]
            ),
            Some("maps run west to east within -180..180: end the area at 180 or start it at -180".into()),
        );
        ok = false;
    } else if ok && (nums[0] >= nums[1] || nums[2] >= nums[3]) {
        cx.err(
            span,
            "the map area is empty: min_lon must be below max_lon and min_lat below max_lat",
            None,
        );
        ok = false;
    }
    ok.then_some(MapArea {
        min_lon: nums[0],
        max_lon: nums[1],
        min_lat: nums[2],
        max_lat: nums[3],
    })
}

pub(super) fn check_in_range(
    cx: &mut Cx,
    d: NaiveDate,
    span: &Range<usize>,
    meta: &Meta,
    key: &str,
) -> bool {
    if d < meta.start || d > meta.end {
        cx.err(
            span,
            format!(
                "{key} {d} is outside the dataset's dates {}..={}",
                meta.start, meta.end
            ),
            Some("widen [dataset] start/end or fix the date".into()),
        );
        return false;
    }
    true
}
