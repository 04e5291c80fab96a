//! The data exports stream: GeoJSON, JSON and CSV are written a feature or a row at a time,
//! so the memory an export takes beyond the loaded dataset stays far below the size of what it
//! writes. Measured with a counting allocator, which is why this is a test binary of its own
//! (an allocator is global to its binary) with a single test (tests in parallel would count
//! each other's allocations).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use frontline::export::{self, Format, Options};

/// The system allocator, counting the bytes in use and the most ever in use.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; the counters are only
// arithmetic on the side.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as the caller promised for `layout`.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as the caller promised for `ptr` and `layout`.
        unsafe { System.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Counts what goes through it and keeps nothing.
#[derive(Default)]
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn data_exports_take_memory_of_a_row_not_of_the_file() {
    let generated = frontline::synth::generate(&frontline::synth::GenSpec {
        places: 4_000,
        events: 8_000,
        seed: 7,
        events_per_day: 400,
    });
    let loaded = generated.load().expect("the generated dataset loads");
    let date = loaded.dataset.end;
    // What the day's state takes: every export needs it, whatever it writes.
    let before = IN_USE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    drop(loaded.timeline.at(date));
    let state = PEAK.load(Ordering::Relaxed).saturating_sub(before);
    for format in [Format::Geojson, Format::Json, Format::Csv] {
        let mut out = Counter::default();
        let before = IN_USE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let written = export::write_to(
            &loaded,
            date,
            format,
            &Options::default(),
            &mut |_, _| {},
            &mut out,
        );
        assert!(written.is_ok(), "{format:?} export failed");
        let extra = PEAK.load(Ordering::Relaxed).saturating_sub(before);
        // Made whole, the export would need at least its own size (and serde_json's value
        // tree several times that); streamed, it needs the day's state, a row and buffers.
        // Buffered whole, the export would take the state and its own size: more than the
        // allowance, as long as it is larger than the slack.
        let slack = 128 * 1024;
        let allowance = state + slack;
        assert!(
            out.0 > 2 * slack,
            "{format:?}: {} bytes is too small a test",
            out.0
        );
        assert!(
            extra < allowance,
            "{format:?}: {extra} bytes of memory to write {} bytes (the day's state: {state})",
            out.0
        );
    }
}
