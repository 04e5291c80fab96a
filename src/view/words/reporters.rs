//! The independent reporters behind a state, in words, and how many of them name its holder.

use crate::dataset::Dataset;
use crate::dataset::provenance::ReporterGroup;
use crate::timeline::PlaceState;

/// Independent reporters in words (see [`crate::timeline::Timeline::state_reporters`]): `2 independent reporters: Reuters, AFP
/// (000, 002, 003, 004); 001`.
pub(crate) fn reporters(ds: &Dataset, groups: &[ReporterGroup]) -> String {
    reporters_at_most(ds, groups, usize::MAX)
}

/// [`reporters`] naming at most `max` of them, then how many more: a panel line stays short
/// when years of reports stand behind a state (the CLI and the exports name them all).
pub(crate) fn reporters_at_most(ds: &Dataset, groups: &[ReporterGroup], max: usize) -> String {
    reporters_aside(ds, groups, max, "")
}

/// [`reporters_at_most`] saying how many of them name the holder where fewer do: `3
/// independent reporters, 1 naming KUR: Sky News (000); 001; Reuters (003, 004)`.
pub(crate) fn reporters_naming(
    ds: &Dataset,
    state: &PlaceState,
    groups: &[ReporterGroup],
    naming: &[ReporterGroup],
    max: usize,
) -> String {
    let aside = match state.holder {
        Some(h) if naming.len() < groups.len() => {
            let label = &ds.faction(h).label;
            match naming.len() {
                0 => format!(", none naming {label}"),
                n => format!(", {n} naming {label}"),
            }
        }
        _ => String::new(),
    };
    reporters_aside(ds, groups, max, &aside)
}

fn reporters_aside(ds: &Dataset, groups: &[ReporterGroup], max: usize, aside: &str) -> String {
    let mut parts: Vec<String> = groups
        .iter()
        .take(max)
        .map(|g| {
            let ids: Vec<&str> = g
                .sources
                .iter()
                .map(|s| ds.source(*s).id.as_str())
                .collect();
            let names = g.names.join(", ");
            if ids.len() == 1 && ids[0] == names {
                names
            } else {
                format!("{names} ({})", ids.join(", "))
            }
        })
        .collect();
    if groups.len() > max {
        parts.push(format!("{} more", groups.len() - max));
    }
    match groups.len() {
        0 => "no report".to_string(),
        1 => format!("1 independent reporter{aside}: {}", parts.join("; ")),
        n => format!("{n} independent reporters{aside}: {}", parts.join("; ")),
    }
}

/// Who names the holder, where fewer reporters do than stand behind the state: `1 of them
/// names KUR: Reuters (003, 004)`; `None` where every reporter does.
pub(crate) fn captor(
    ds: &Dataset,
    state: &PlaceState,
    all: &[ReporterGroup],
    naming: &[ReporterGroup],
) -> Option<String> {
    if naming.len() == all.len() {
        return None;
    }
    let holder = ds.faction(state.holder?).label.as_str();
    let named = reporters(ds, naming);
    let list = named.split_once(": ").map_or("", |(_, l)| l);
    Some(match naming.len() {
        0 => format!("none names {holder}"),
        1 => format!("1 of them names {holder}: {list}"),
        n => format!("{n} of them name {holder}: {list}"),
    })
}
