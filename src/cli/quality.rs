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

/// The share of towns given a stale holder in the noisy runs (real town lists carry 5-8 %).
pub(crate) const STALE: f64 = 0.06;

/// The sparse cases: a straight front over a large country, few towns drawn evenly.
const SPARSE: [(&str, usize); 6] = [
    ("SD", 2),
    ("SD", 3),
    ("SD", 10),
    ("ML", 5),
    ("ML", 30),
    ("UA", 8),
];

/// The scores as Markdown tables: one row per case, IoU with and without stale rows against
/// the nearest place within the cap and the plain Voronoi diagram; then the sparse cases,
/// with the land shaded where no true place of its holder gives a reason.
pub(crate) fn report(towns: usize, seeds: u64) -> String {
    let mut out = String::new();
    let p = Params::default();
    let _ = writeln!(
        out,
        "Territory approximation (reach {} km, enclose {} km, isolated reports {} km) on synthetic fronts; {towns} towns, mean of {seeds} draws; stale: {:.0} % of the towns carry the other side's holder.\n",
        p.reach_km,
        p.enclose_km,
        p.local_km,
        STALE * 100.0
    );
    let _ = writeln!(
        out,
        "| case | IoU | stale | nearest within {BASELINE_CAP_KM} km | stale | plain Voronoi | stale | IoU per holder (0, 1; 2 the contested belt) |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|");
    let Some(world) = World::builtin() else {
        out.push_str("the world basemap is damaged: no country outline to draw on\n");
        return out;
    };
    for (code, shape) in CASES {
        let Some(case) = Case::new(world, code, shape, 7) else {
            continue;
        };
        let mut runs: [Vec<Scores>; 6] = Default::default();
        for seed in 1..=seeds {
            let clean = case.towns(towns, seed);
            let stale = case.stale(&clean, STALE, seed);
            for (i, t) in [&clean, &stale].into_iter().enumerate() {
                runs[i].push(case.score(&case.approximate(t, &p)));
                runs[2 + i].push(case.baseline(t, BASELINE_CAP_KM));
                runs[4 + i].push(case.voronoi(t));
            }
        }
        let m: Vec<Scores> = runs.iter().map(|r| mean(r)).collect();
        let _ = writeln!(
            out,
            "| {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {} |",
            case.name,
            m[0].overall,
            m[1].overall,
            m[2].overall,
            m[3].overall,
            m[4].overall,
            m[5].overall,
            keys(&m[0])
        );
    }
    let _ = writeln!(
        out,
        "\nSparse cases (a straight front, towns drawn evenly over the country; target: no invented land):\n"
    );
    let _ = writeln!(
        out,
        "| case | towns | shaded km² | invented km² | IoU | plain Voronoi |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for (code, n) in SPARSE {
        let Some(case) = Case::new(world, code, Shape::Straight, 7) else {
            continue;
        };
        let (mut shaded, mut invented, mut ours, mut vor) = (0.0, 0.0, Vec::new(), Vec::new());
        for seed in 1..=seeds {
            let t = case.sparse_towns(n, seed);
            let a = case.approximate(&t, &p);
            shaded += case.shaded_km2(&a) / seeds as f64;
            invented += case.invented_km2(&a, &t, &p) / seeds as f64;
            ours.push(case.score(&a));
            vor.push(case.voronoi(&t));
        }
        let _ = writeln!(
            out,
            "| {} | {n} | {shaded:.0} | {invented:.0} | {:.3} | {:.3} |",
            case.name,
            mean(&ours).overall,
            mean(&vor).overall
        );
    }
    out
}
