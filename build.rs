//! Packs the gazetteer (`assets/gazetteer/*.tsv`, made by `assets/build-gazetteer.py`) into the
//! compact form `src/geo/gazetteer.rs` reads, embedded with `include_bytes!`. Little-endian:
//!
//! - `FLGZ`, the number of places (u32);
//! - one 18-byte record per place, in the order of `places.tsv`: GeoNames id (u32), latitude
//!   and longitude in 1e-5 degrees (i32), population (u32), and the line of its `CC.code` in
//!   `admin1.tsv` (u16);
//! - the number of checkpoints (u32), then the offset in the names of every 4096th place
//!   (u32 each), so that a search can be split between threads;
//! - the names: per place the number of its names (u8), then for each, its name first, the
//!   name's length in bytes (u8), the length of its folded form (u8, see
//!   `src/geo/gazetteer/fold.rs`) and its UTF-8 bytes. A search skips, by that length, every
//!   name too long or too short to match, without reading it.
//!
//! The TSV text is about 11 MB; packed it is about 8.4 MB, numbers being fixed-size.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

#[path = "src/geo/gazetteer/fold.rs"]
mod fold;

/// Places between two checkpoints.
const CHECKPOINT: usize = 4096;

fn main() {
    divisions();
    let dir = Path::new("assets/gazetteer");
    for f in ["places.tsv", "admin1.tsv"] {
        println!("cargo::rerun-if-changed=assets/gazetteer/{f}");
    }
    println!("cargo::rerun-if-changed=src/geo/gazetteer/fold.rs");
    let read = |f: &str| {
        std::fs::read_to_string(dir.join(f)).unwrap_or_else(|e| panic!("assets/gazetteer/{f}: {e}"))
    };
    let admin1 = read("admin1.tsv");
    let admin: HashMap<&str, u16> = admin1
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let code = l.split('\t').next().unwrap_or_default();
            (
                code,
                u16::try_from(i).expect("fewer than 65,536 admin-1 codes"),
            )
        })
        .collect();
    let places = read("places.tsv");
    let n = places.lines().count();
    let mut records = Vec::with_capacity(n * 18 + 8);
    records.extend_from_slice(b"FLGZ");
    records.extend_from_slice(
        &u32::try_from(n)
            .expect("fewer than 2^32 places")
            .to_le_bytes(),
    );
    let mut names: Vec<u8> = Vec::with_capacity(places.len() / 2);
    let mut checkpoints: Vec<u32> = Vec::new();
    let mut code = String::new();
    let mut key = Vec::new();
    for (i, line) in places.lines().enumerate() {
        let at = || format!("assets/gazetteer/places.tsv:{}", i + 1);
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 8, "{}: expected 8 fields", at());
        let int = |s: &str| -> u32 { s.parse().unwrap_or_else(|_| panic!("{}: `{s}`", at())) };
        let deg = |s: &str| -> i32 {
            let x: f64 = s.parse().unwrap_or_else(|_| panic!("{}: `{s}`", at()));
            (x * 1e5).round() as i32
        };
        code.clear();
        let _ = write!(code, "{}.{}", f[4], f[5]);
        let a = *admin
            .get(code.as_str())
            .unwrap_or_else(|| panic!("{}: admin-1 `{code}` not in admin1.tsv", at()));
        records.extend_from_slice(&int(f[0]).to_le_bytes());
        records.extend_from_slice(&deg(f[2]).to_le_bytes());
        records.extend_from_slice(&deg(f[3]).to_le_bytes());
        records.extend_from_slice(&int(f[6]).to_le_bytes());
        records.extend_from_slice(&a.to_le_bytes());
        if i % CHECKPOINT == 0 {
            checkpoints.push(u32::try_from(names.len()).expect("names under 4 GB"));
        }
        let all: Vec<&str> = std::iter::once(f[1])
            .chain(f[7].split('|').filter(|a| !a.is_empty()))
            .collect();
        names.push(u8::try_from(all.len()).unwrap_or_else(|_| panic!("{}: over 255 names", at())));
        for name in all {
            key.clear();
            fold::fold_bytes(name, &mut key);
            names.push(
                u8::try_from(name.len())
                    .unwrap_or_else(|_| panic!("{}: name over 255 bytes", at())),
            );
            names.push(u8::try_from(key.len()).unwrap_or(u8::MAX));
            names.extend_from_slice(name.as_bytes());
        }
    }
    records.extend_from_slice(&u32::try_from(checkpoints.len()).unwrap_or(0).to_le_bytes());
    for c in &checkpoints {
        records.extend_from_slice(&c.to_le_bytes());
    }
    records.extend_from_slice(&names);
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("gazetteer.bin");
    std::fs::write(&out, records).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

/// Check the basemap's division codes against ISO 3166-2 (`assets/basemap/iso3166-2.tsv`):
/// every correction in `division-fixes.tsv` must name an ISO code, and every code listed in
/// `division-codes.tsv` (the blob's, corrections applied; `tests/world.rs` holds it to the
/// blob) must be ISO when marked `iso` and not ISO when marked `natural-earth`. Writes the
/// corrections as a Rust table for `src/geo/world/blob.rs`.
fn divisions() {
    let dir = Path::new("assets/basemap");
    for f in ["iso3166-2.tsv", "division-fixes.tsv", "division-codes.tsv"] {
        println!("cargo::rerun-if-changed=assets/basemap/{f}");
    }
    let read = |f: &str| {
        std::fs::read_to_string(dir.join(f)).unwrap_or_else(|e| panic!("assets/basemap/{f}: {e}"))
    };
    let rows = |text: &str| -> Vec<Vec<String>> {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect()
    };
    let iso_text = read("iso3166-2.tsv");
    let iso: std::collections::HashSet<String> =
        rows(&iso_text).into_iter().map(|r| r[0].clone()).collect();
    let mut problems = Vec::new();
    let mut table = String::from(
        "/// Natural Earth's (code, name) -> ISO 3166-2 code, from assets/basemap/division-fixes.tsv.\n\
         pub(super) const DIVISION_FIXES: &[(&str, &str, &str)] = &[\n",
    );
    for r in rows(&read("division-fixes.tsv")) {
        let [ne, name, code, ..] = r.as_slice() else {
            problems.push(format!("division-fixes.tsv: short row {r:?}"));
            continue;
        };
        if !iso.contains(code) {
            problems.push(format!(
                "division-fixes.tsv: {code} (for {name}) is no ISO 3166-2 code"
            ));
        }
        let _ = writeln!(table, "    ({ne:?}, {name:?}, {code:?}),");
    }
    table.push_str("];\n");
    for r in rows(&read("division-codes.tsv")) {
        let [code, name, _, status] = r.as_slice() else {
            problems.push(format!("division-codes.tsv: not four columns {r:?}"));
            continue;
        };
        match (status.as_str(), iso.contains(code)) {
            ("iso", true) | ("natural-earth", false) => {}
            ("iso", false) => problems.push(format!(
                "{code} ({name}) is marked iso but ISO 3166-2 has no such code: map it in division-fixes.tsv or mark it natural-earth"
            )),
            ("natural-earth", true) => problems.push(format!(
                "{code} ({name}) is an ISO 3166-2 code now: mark it iso (and check it names the same division)"
            )),
            (other, _) => problems.push(format!("{code}: unknown status {other:?}")),
        }
    }
    assert!(
        problems.is_empty(),
        "division codes against ISO 3166-2:\n{}",
        problems.join("\n")
    );
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("division_fixes.rs");
    std::fs::write(out, table).expect("OUT_DIR is writable");
}
