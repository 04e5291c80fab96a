//! `frontline quality`: how well the territory approximation recovers known control, beside
//! the nearest-place shading it replaced ([`crate::geo::territory::quality`]).

use std::fmt::Write as _;

use crate::geo::territory::quality::{Case, Scores, Shape};
use crate::geo::{Params, World};

/// The nearest-place baseline's cap, as the map used before.
const BASELINE_CAP_KM: f64 = 60.0;

/// The cases: each shape over Ukraine's and Syria's outlines.
const CASES: [(&str, Shape); 8] = [
    ("UA", Shape::Straight),
    ("UA", Shape::Enclave),
    ("UA", Shape::Pocket),
    ("UA", Shape::Front),
    ("SY", Shape::Straight),
    ("SY", Shape::Enclave),
    ("SY", Shape::Pocket),
    ("SY", Shape::Front),
];

fn mean(all: &[Scores]) -> Scores {
    let n = all.len().max(1) as f64;
    let mut per_key: Vec<(u32, f64)> = Vec::new();
    for s in all {
        for (k, v) in &s.per_key {
            match per_key.iter_mut().find(|(o, _)| o == k) {
                Some((_, t)) => *t += v / n,
                None => per_key.push((*k, v / n)),
            }
        }
    }
    per_key.sort_by_key(|(k, _)| *k);
    Scores {
        per_key,
        overall: all.iter().map(|s| s.overall).sum::<f64>() / n,
    }
}

fn keys(s: &Scores) -> String {
    s.per_key
        .iter()
        .map(|(k, v)| format!("{k}: {v:.3}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The scores as a Markdown table, one row per case.
pub fn report(towns: usize, seeds: u64) -> String {
    let mut out = String::new();
    let p = Params::default();
    let _ = writeln!(
        out,
        "Territory approximation (reach {} km, enclose {} km) against the nearest place within {BASELINE_CAP_KM} km; {towns} towns, mean of {seeds} draws.\n",
        p.reach_km, p.enclose_km
    );
    let _ = writeln!(
        out,
        "| case | IoU overall | baseline | IoU per holder (0, 1; 2 the contested belt) | baseline per holder |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|");
    let Some(world) = World::builtin() else {
        out.push_str("the world basemap is damaged: no country outline to draw on\n");
        return out;
    };
    for (code, shape) in CASES {
        let Some(case) = Case::new(world, code, shape, 7) else {
            continue;
        };
        let (mut ours, mut base) = (Vec::new(), Vec::new());
        for seed in 1..=seeds {
            let t = case.towns(towns, seed);
            ours.push(case.score(&case.approximate(&t, &p)));
            base.push(case.baseline(&t, BASELINE_CAP_KM));
        }
        let (o, b) = (mean(&ours), mean(&base));
        let _ = writeln!(
            out,
            "| {} | {:.3} | {:.3} | {} | {} |",
            case.name,
            o.overall,
            b.overall,
            keys(&o),
            keys(&b)
        );
    }
    out
}
