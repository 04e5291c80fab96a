//! An area's own `polygon`: a ring that crosses or touches itself is refused at the point
//! where the sweep first meets the fault, however many points it has; a simple ring of the
//! largest size loads; integers keep their radix.

use frontline::dataset::LoadError;
use frontline::loaded;
use proptest::prelude::*;

const BASE: &str = include_str!("../../fixtures/valid/minimal.toml");
const SOURCE: &str = include_str!("../../fixtures/valid/source.txt");

/// The minimal dataset with an area drawn by `ring`, one point a line so that errors name
/// their point's line: the ring starts on line `first_line()`.
fn with_ring(ring: &str) -> String {
    format!(
        "{BASE}\n[[places]]\nid = \"zone\"\nname = \"Zone\"\nkind = \"area\"\nnote = \"test\"\npolygon = [\n{ring}]\n"
    )
}

fn first_line() -> usize {
    with_ring("").lines().count() - 1
}

fn points(ring: &[[f64; 2]]) -> String {
    ring.iter()
        .map(|[x, y]| format!("  [{x:?}, {y:?}],\n"))
        .collect()
}

fn load(text: &str) -> Result<loaded::Loaded, Vec<String>> {
    loaded::load_str("x.toml", text, &|_| Ok(SOURCE.to_string())).map_err(|e| match e {
        LoadError::Invalid(d) => d.iter().map(ToString::to_string).collect(),
        other => vec![other.to_string()],
    })
}

/// `n` points round (38.5, 34.5) joined `k` apart: a simple star when `k` is 1 and the radius
/// alternates, a ring crossing itself about n²/4 times for `k` near n/2.
fn star(n: usize, k: usize, alternate: bool) -> Vec<[f64; 2]> {
    (0..n)
        .map(|i| {
            let a = ((i * k) % n) as f64 * std::f64::consts::TAU / n as f64;
            let r = if alternate && i % 2 == 1 { 0.6 } else { 1.5 };
            [38.5 + r * a.cos(), 34.5 + r * a.sin()]
        })
        .collect()
}

#[test]
fn a_crossing_star_of_ten_thousand_points_is_refused_at_its_first_crossing() {
    let ring = star(9_999, 4_999, false);
    let errors = load(&with_ring(&points(&ring))).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert!(
        e.contains("`polygon` crosses itself: the edge from point "),
        "{e}"
    );
    assert!(
        e.contains("hint: an area's ring must not cross or touch itself"),
        "{e}"
    );
    // Reported at the first edge's point, on the line that point is written on.
    let (at, rest) = e.split_once(": error: ").unwrap();
    let line: usize = at.split(':').nth(1).unwrap().parse().unwrap();
    let point: usize = rest
        .trim_start_matches("`polygon` crosses itself: the edge from point ")
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(line, first_line() + point, "{e}");
    assert_eq!(at.split(':').nth(2), Some("3"), "{e}");
}

#[test]
fn a_simple_star_of_the_largest_size_loads_and_one_more_point_is_refused() {
    let max = frontline::dataset::limits::MAX_AREA_VERTICES;
    let ring = star(max, 1, true);
    let loaded = load(&with_ring(&points(&ring))).unwrap();
    let zone = loaded.dataset.find_place("zone").unwrap();
    let p = loaded.dataset.place(zone);
    assert!(p.extent.is_some());
    let bigger = star(max + 2, 1, true);
    let errors = load(&with_ring(&points(&bigger))).unwrap_err();
    assert!(
        errors[0].contains(&format!("at most {max}")) && errors[0].contains("hint: simplify"),
        "{errors:?}"
    );
}

#[test]
fn a_figure_eight_and_a_spike_are_refused() {
    let eight = [
        [37.0, 33.0],
        [39.0, 33.0],
        [38.0, 34.0],
        [39.0, 35.0],
        [37.0, 35.0],
        [38.0, 34.0],
    ];
    let errors = load(&with_ring(&points(&eight))).unwrap_err();
    assert!(
        errors[0].contains("`polygon` touches itself: point 6 is point 3 again, [38, 34]"),
        "{errors:?}"
    );
    let spike = [[37.0, 33.0], [39.0, 33.0], [39.0, 35.0], [39.0, 34.0]];
    let errors = load(&with_ring(&points(&spike))).unwrap_err();
    // Its tip lies on the edge before it, so the sweep may meet either fault first.
    assert!(
        errors[0].contains("turns straight back") || errors[0].contains("crosses itself"),
        "{errors:?}"
    );
    // A closed ring (its first point repeated last) and a point given twice in a row are fine.
    let closed = [
        [37.0, 33.0],
        [39.0, 33.0],
        [39.0, 33.0],
        [38.0, 35.0],
        [37.0, 33.0],
    ];
    assert!(load(&with_ring(&points(&closed))).is_ok());
}

#[test]
fn hex_and_octal_coordinates_keep_their_radix() {
    // 0x24 is 36 and 0o42 is 34; read as decimal they would be 24 and 42, outside the map.
    let text = with_ring("  [0x24, 0o42],\n  [39.0, 34.0],\n  [0b100110, 35.0],\n");
    let loaded = load(&text).unwrap();
    let p = loaded
        .dataset
        .place(loaded.dataset.find_place("zone").unwrap());
    assert_eq!(p.polygon.as_deref().unwrap()[0], [36.0, 34.0]);
    assert_eq!(p.polygon.as_deref().unwrap()[2], [38.0, 35.0]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any ring loads, or is refused with one located message; a star joined `k` apart is
    /// simple exactly when `k` is 1 (or n - 1).
    #[test]
    fn a_star_is_simple_or_refused(n in 5usize..400, k in 1usize..200) {
        let k = k % n;
        prop_assume!(k != 0 && num_gcd(n, k) == 1);
        let ring = star(n, k, false);
        match load(&with_ring(&points(&ring))) {
            Ok(_) => prop_assert!(k == 1 || k == n - 1, "n {n} k {k} loaded"),
            Err(e) => {
                prop_assert!(k != 1 && k != n - 1, "n {n} k {k}: {e:?}");
                prop_assert_eq!(e.len(), 1);
                prop_assert!(e[0].starts_with("x.toml:") && e[0].contains("`polygon` crosses itself"), "{:?}", e);
            }
        }
    }
}

fn num_gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { num_gcd(b, a % b) }
}
