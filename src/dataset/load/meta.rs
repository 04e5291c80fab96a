//! The `[dataset]` header: what the dataset is called, the dates it covers and the map area
//! its places lie in; later entries are checked against these.

use std::ops::Range;

use chrono::NaiveDate;
use toml::de::DeTable;

use crate::dataset::fields::Cx;
use crate::geo::MapArea;

/// The `[dataset]` table, read before any entry.
pub(super) struct Meta {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) description: String,
    pub(super) start: NaiveDate,
    pub(super) end: NaiveDate,
    pub(super) map: MapArea,
}

pub(super) fn read_meta(cx: &mut Cx, t: &DeTable, span: &Range<usize>) -> Option<Meta> {
    const W: &str = "[dataset]";
    let [id, name, description, start, end, map] =
        cx.fields(t, ["id", "name", "description", "start", "end", "map"], W);
    let id = cx.string(id, "id", span, W, true);
    let name = cx.string(name, "name", span, W, true);
    let description = cx.opt_string(description, "description", span, W);
    let start = cx.date(start, "start", span, W, true);
    let end = cx.date(end, "end", span, W, true);
    let map = cx
        .table(map, "map", span, W, true)
        .and_then(|(t, s)| read_map(cx, t, &s));
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
    })
}

fn read_map(cx: &mut Cx, t: &DeTable, span: &Range<usize>) -> Option<MapArea> {
    const W: &str = "[dataset.map]";
    let keys = ["min_lon", "max_lon", "min_lat", "max_lat"];
    let vals = cx.fields(t, keys, W);
    let mut nums = [0.0; 4];
    let mut ok = true;
    for (i, key) in keys.iter().enumerate() {
        match cx.number(vals[i], key, span, W) {
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
            }
            None => ok = false,
        }
    }
    if ok && (nums[0] >= nums[1] || nums[2] >= nums[3]) {
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
