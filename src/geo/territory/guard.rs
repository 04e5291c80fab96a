//! A guard around the boolean operations: i_overlay 4.5 (behind `geo` 0.33.1's `BooleanOps`,
//! the newest `geo`, which allows no later i_overlay) can panic binding holes where the
//! operands share a vertex exactly (iShape-Rust/iOverlay#17, #77, #91: "index out of bounds
//! ... the index is 9223372036854775807" in `bind/solver.rs`). i_overlay 9.1 fixes it, but
//! only called directly; `tests/geo/territory.rs` keeps a four-triangle input that panics in
//! `geo`. [`robust`] catches that panic and retries on the operands snapped to a coarser grid,
//! then on one of them moved by a millimetre, which takes the shared vertex apart.
//! While it runs, the panic hook stays silent (see [`quiet`]), so a caught panic neither prints
//! nor restores the terminal under the interactive map.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use geo::{Coord, MultiPolygon};

thread_local! {
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// True while this thread runs a guarded operation: a panic hook should say nothing.
pub(crate) fn quiet() -> bool {
    GUARDED.with(Cell::get)
}

/// Install, once, a hook that passes panics to the previous hook unless they are guarded.
fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !quiet() {
                previous(info);
            }
        }));
    });
}

fn snapped(m: &MultiPolygon<f64>, grid: f64) -> MultiPolygon<f64> {
    super::map_coords(m, |c| Coord {
        x: (c.x / grid).round() * grid,
        y: (c.y / grid).round() * grid,
    })
}

fn shifted(m: &MultiPolygon<f64>, by: f64) -> MultiPolygon<f64> {
    super::map_coords(m, |c| Coord {
        x: c.x + by,
        y: c.y + by * 0.7,
    })
}

/// `op(a, b)`, retried on `a` and `b` snapped to 1 m, then 10 m and 100 m (in the km plane) if
/// it panics, then on `b` moved by a millimetre and a centimetre (the panic needs vertices of
/// the two operands exactly shared, which snapping can make, not unmake); `None` if every
/// try does.
pub fn robust(
    a: &MultiPolygon<f64>,
    b: &MultiPolygon<f64>,
    op: impl Fn(&MultiPolygon<f64>, &MultiPolygon<f64>) -> MultiPolygon<f64>,
) -> Option<MultiPolygon<f64>> {
    install();
    let was = GUARDED.with(|g| g.replace(true));
    let mut out = catch_unwind(AssertUnwindSafe(|| op(a, b))).ok();
    for grid in [1e-3, 1e-2, 1e-1] {
        if out.is_some() {
            break;
        }
        let (sa, sb) = (snapped(a, grid), snapped(b, grid));
        out = catch_unwind(AssertUnwindSafe(|| op(&sa, &sb))).ok();
    }
    for by in [1e-6, 1e-5] {
        if out.is_some() {
            break;
        }
        let sb = shifted(b, by);
        out = catch_unwind(AssertUnwindSafe(|| op(a, &sb))).ok();
    }
    GUARDED.with(|g| g.set(was));
    out
}
