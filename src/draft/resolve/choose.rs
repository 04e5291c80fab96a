//! Choosing among a name's gazetteer places, or abstaining. Candidates that all lie close
//! together are one place (the most populous is taken). Otherwise each rule in turn keeps
//! the candidates it favours, when it favours any: a parent the sentence names (its
//! first-level division or country), the theatre's countries, the countries the report
//! names, nearness to places the report already placed. Population decides only when one
//! candidate has ten times the people of the next. Else drafting abstains: a reviewer fixes
//! an abstention in seconds but may miss a wrong pick.

use super::Context;
use crate::geo::distance_km;
use crate::geo::gazetteer::{Candidate, fold, skeleton};

/// Candidates closer than this are the same place for a reader of the map.
const SAME_PLACE_KM: f64 = 50.0;
/// A place the report already placed makes candidates this near it likelier.
const NEAR_KM: f64 = 150.0;

/// What was decided.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Choice {
    /// This candidate, why, and how sure (0 to 1).
    Pick {
        index: usize,
        why: String,
        confidence: f32,
    },
    /// None: why.
    Abstain(String),
}

fn together(cands: &[Candidate], keep: &[usize]) -> bool {
    let Some(&first) = keep.first() else {
        return false;
    };
    let f = &cands[first].entry;
    keep.iter().all(|&i| {
        distance_km((f.lon, f.lat), (cands[i].entry.lon, cands[i].entry.lat)) <= SAME_PLACE_KM
    })
}

fn most_populous(cands: &[Candidate], keep: &[usize]) -> usize {
    keep.iter()
        .copied()
        .max_by_key(|&i| {
            (
                cands[i].entry.population,
                std::cmp::Reverse(cands[i].entry.geonames_id),
            )
        })
        .unwrap_or(0)
}

/// True if `parent` (folded words of the sentence) names the first-level division `admin1`.
fn names_division(parent: &str, admin1: &str) -> bool {
    let a = fold(admin1);
    if a.is_empty() || parent.len() < 4 {
        return false;
    }
    let common = a
        .bytes()
        .zip(parent.bytes())
        .take_while(|(x, y)| x == y)
        .count();
    let sk = skeleton(&a);
    common >= 5
        || (common >= 4 && common == parent.len().min(a.len()))
        || (sk.len() >= 2 && sk == skeleton(parent))
}

/// Choose among `cands` (one name's places) in the context of the report; `parents` are
/// the capitalised words, folded, of the sentence and of the lines before it, nearest first.
#[expect(
    clippy::too_many_lines,
    reason = "the ranking rules in their order of precedence"
)]
pub(crate) fn choose(cands: &[Candidate], ctx: &Context<'_>, parents: &[Vec<String>]) -> Choice {
    let all: Vec<usize> = (0..cands.len()).collect();
    if all.is_empty() {
        return Choice::Abstain("no candidate".into());
    }
    let name = cands[0].spelling;
    if together(cands, &all) {
        let i = most_populous(cands, &all);
        let why = if cands.len() == 1 {
            format!("the only place the gazetteer calls {name}")
        } else {
            format!(
                "the {} places called {name} lie within {SAME_PLACE_KM} km: the most populous",
                cands.len()
            )
        };
        return Choice::Pick {
            index: i,
            why,
            confidence: if cands.len() == 1 { 0.8 } else { 0.75 },
        };
    }
    type Rule<'r> = (&'static str, Box<dyn Fn(&Candidate) -> bool + 'r>, f32);
    let names_parent = |level: &'_ [String], c: &Candidate| {
        level
            .iter()
            .any(|p| names_division(p, c.entry.admin1) || *p == fold(c.entry.country_name))
    };
    let mut rules: Vec<Rule<'_>> = parents
        .iter()
        .enumerate()
        .map(|(n, level)| -> Rule<'_> {
            let why = if n == 0 {
                "in the division or country the sentence names"
            } else {
                "in the division or country a line before names"
            };
            (
                why,
                Box::new(move |c: &Candidate| names_parent(level, c)),
                0.8,
            )
        })
        .collect();
    rules.extend::<Vec<Rule<'_>>>(vec![
        (
            "in the theatre",
            Box::new(|c: &Candidate| ctx.theatre.contains(&c.entry.country)),
            0.75,
        ),
        (
            "in a country the report names",
            Box::new(|c: &Candidate| ctx.countries.contains(&c.entry.country)),
            0.65,
        ),
        (
            "near places the report names",
            Box::new(|c: &Candidate| {
                ctx.resolved
                    .iter()
                    .any(|&p| distance_km(p, (c.entry.lon, c.entry.lat)) <= NEAR_KM)
            }),
            0.65,
        ),
    ]);
    let mut keep = all;
    let mut reasons: Vec<&str> = Vec::new();
    let mut confidence: f32 = 0.8;
    for (why, rule, c) in &rules {
        let kept: Vec<usize> = keep.iter().copied().filter(|&i| rule(&cands[i])).collect();
        if !kept.is_empty() && kept.len() < keep.len() {
            keep = kept;
            reasons.push(why);
            confidence = confidence.min(*c);
        }
        if together(cands, &keep) {
            let i = most_populous(cands, &keep);
            return Choice::Pick {
                index: i,
                why: format!("{name}: {}", reasons.join(", ")),
                confidence,
            };
        }
    }
    let mut by_people = keep.clone();
    by_people.sort_by_key(|&i| std::cmp::Reverse(cands[i].entry.population));
    let (top, next) = (
        cands[by_people[0]].entry.population,
        cands[by_people[1]].entry.population,
    );
    if top >= 10 * next.max(1) && top >= 10_000 {
        reasons.push("by far the most populous");
        return Choice::Pick {
            index: by_people[0],
            why: format!("{name}: {}", reasons.join(", ")),
            confidence: 0.55,
        };
    }
    let far = by_people
        .iter()
        .take(3)
        .map(|&i| format!("{} ({})", cands[i].entry.name, cands[i].entry.country))
        .collect::<Vec<_>>()
        .join(", ");
    Choice::Abstain(format!(
        "{} places called {name} lie far apart ({far}…) and nothing in the report decides",
        keep.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::gazetteer::gazetteer;

    fn ctx<'a>(theatre: &[&'a str]) -> Context<'a> {
        Context {
            theatre: theatre.to_vec(),
            countries: Vec::new(),
            resolved: Vec::new(),
        }
    }

    fn pick(name: &str, c: &Context<'_>, parents: &[&str]) -> Option<(String, String)> {
        let cands = gazetteer().lookup(name);
        let parents: Vec<Vec<String>> = vec![parents.iter().map(|p| fold(p)).collect()];
        match choose(&cands, c, &parents) {
            Choice::Pick { index, .. } => Some((
                cands[index].entry.name.to_string(),
                cands[index].entry.country.to_string(),
            )),
            Choice::Abstain(_) => None,
        }
    }

    #[test]
    fn namesakes_in_two_countries_take_the_theatres() {
        assert_eq!(
            pick("Tripoli", &ctx(&["LB"]), &[]),
            Some(("Tripoli".into(), "LB".into()))
        );
        assert_eq!(
            pick("Tripoli", &ctx(&["LY"]), &[]),
            Some(("Tripoli".into(), "LY".into()))
        );
        assert_eq!(
            pick("Homs", &ctx(&["SY"]), &[]),
            Some(("Homs".into(), "SY".into()))
        );
        assert_eq!(
            pick("Homs", &ctx(&["LY"]), &[]).map(|p| p.1),
            Some("LY".into())
        );
    }

    #[test]
    fn far_apart_namesakes_with_nothing_to_decide_abstain() {
        assert_eq!(pick("Springfield", &ctx(&["SY"]), &[]), None);
        assert_eq!(pick("Springfield", &ctx(&[]), &[]), None);
    }

    #[test]
    fn a_parent_the_sentence_names_decides() {
        assert_eq!(
            pick("Springfield", &ctx(&[]), &["Illinois"]).map(|p| p.1),
            Some("US".into())
        );
        let mut near = ctx(&[]);
        near.resolved.push((-89.65, 39.8));
        let cands = gazetteer().lookup("Springfield");
        match choose(&cands, &near, &[]) {
            Choice::Pick { index, .. } => assert_eq!(cands[index].entry.admin1, "Illinois"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn population_decides_only_by_far() {
        // Paris, France, against Paris, Texas and the others: far more people.
        assert_eq!(
            pick("Paris", &ctx(&[]), &[]).map(|p| p.1),
            Some("FR".into())
        );
    }
}
