//! An index of every folded name of the gazetteer, for looking up many names one at a time
//! (`frontline draft` asks for each place a report names) without a scan per name.
//!
//! Built once, on first use, from one pass over the names split between threads: 442,931
//! names become a sorted array of 16-byte entries (hash of the folded name, place, offset
//! of the name), about 7 MB. A lookup hashes the folded query, finds its run by binary
//! search and folds each spelling found again, so a collision of hashes never gives a
//! wrong place.

use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

use super::{Candidate, Gazetteer, fold_bytes};

/// Hashes folded names; fixed keys, so an index is the same on every run.
fn hash(key: &[u8]) -> u64 {
    let mut h =
        std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default()
            .build_hasher();
    h.write(key);
    h.finish()
}

/// Every name of every place, by the hash of its folded form.
#[derive(Debug)]
pub struct NameIndex {
    /// (hash of the folded name, place, offset of the name's bytes in the names), by hash.
    entries: Vec<(u64, u32, u32)>,
    /// Offset of each place's first name.
    heads: Vec<u32>,
}

impl NameIndex {
    #[cfg(test)]
    /// Number of names indexed.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

impl Gazetteer {
    /// The index of every folded name, built on first use (tens of milliseconds, split
    /// between threads) and kept for the life of the process. There is one gazetteer
    /// ([`super::gazetteer`]), so there is one index.
    pub(crate) fn name_index(&'static self) -> &'static NameIndex {
        static INDEX: OnceLock<NameIndex> = OnceLock::new();
        INDEX.get_or_init(|| self.build_index())
    }

    /// The index built afresh, not kept: what the first [`Gazetteer::name_index`] costs
    /// (for the benchmark).
    #[doc(hidden)]
    pub fn build_name_index(&'static self) -> NameIndex {
        self.build_index()
    }

    fn build_index(&'static self) -> NameIndex {
        let base = self.names.as_ptr() as usize;
        let offset = |s: &str| (s.as_ptr() as usize - base) as u32;
        let mut entries: Vec<(u64, u32, u32)> = self.scan(
            None,
            |_| true,
            |_: &mut (), i, _head, name, key, out: &mut Vec<(u64, u32, u32)>| {
                out.push((hash(key), i as u32, offset(name)));
            },
        );
        entries.sort_unstable();
        let mut heads = vec![0u32; self.len()];
        let mut pos = 0usize;
        for head in &mut heads {
            // Per place: the count of its names, then each as (raw length, folded length,
            // bytes); the first is its name (see build.rs).
            let count = self.names[pos] as usize;
            pos += 1;
            *head = (pos + 2) as u32;
            for _ in 0..count {
                pos += 2 + self.names[pos] as usize;
            }
        }
        NameIndex { entries, heads }
    }

    /// The text of the name whose bytes start at `at` in the names.
    fn name_at(&self, at: u32) -> &'static str {
        let at = at as usize;
        let len = self.names[at - 2] as usize;
        // build.rs wrote whole UTF-8 names; an error would be a bug there.
        std::str::from_utf8(&self.names[at..at + len]).unwrap_or_default()
    }

    /// Every place one of whose names folds to the same as `query` (see [`super::fold`]),
    /// by GeoNames id, one candidate per place; the first call builds the index
    /// ([`Gazetteer::name_index`]).
    pub(crate) fn lookup(&'static self, query: &str) -> Vec<Candidate> {
        let index = self.name_index();
        let mut key = Vec::with_capacity(query.len());
        fold_bytes(query, &mut key);
        if key.is_empty() {
            return Vec::new();
        }
        let h = hash(&key);
        let first = index.entries.partition_point(|e| e.0 < h);
        let mut out: Vec<Candidate> = Vec::new();
        let mut folded = Vec::new();
        for &(eh, place, at) in &index.entries[first..] {
            if eh != h {
                break;
            }
            let spelling = self.name_at(at);
            folded.clear();
            fold_bytes(spelling, &mut folded);
            if folded != key || out.iter().any(|c| c.entry.geonames_id == self.id_of(place)) {
                continue;
            }
            let head = self.name_at(index.heads[place as usize]);
            out.push(Candidate {
                entry: self.entry(place as usize, head),
                spelling,
                edits: 0,
            });
        }
        out.sort_by_key(|c| c.entry.geonames_id);
        out
    }

    /// Every country the gazetteer knows: (ISO 3166-1 alpha-2 code, English name).
    pub(crate) fn countries(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.countries.iter().map(|(c, n)| (*c, *n))
    }

    fn id_of(&self, place: u32) -> u32 {
        let r = &self.records[place as usize * super::RECORD..];
        u32::from_le_bytes([r[0], r[1], r[2], r[3]])
    }
}

#[cfg(test)]
mod tests {
    use super::super::gazetteer;

    #[test]
    fn finds_every_place_of_a_name_as_a_scan_does() {
        let g = gazetteer();
        let index = g.name_index();
        assert!(index.len() > 400_000, "{}", index.len());
        for name in [
            "Homs",
            "Dar'a",
            "Springfield",
            "Kharkov",
            "Tripoli",
            "Zakyah",
        ] {
            let mut scanned: Vec<u32> = g
                .exact_many([name])
                .into_values()
                .flatten()
                .map(|c| c.entry.geonames_id)
                .collect();
            scanned.sort_unstable();
            let found: Vec<u32> = g.lookup(name).iter().map(|c| c.entry.geonames_id).collect();
            assert_eq!(found, scanned, "{name}");
        }
        let homs = g.lookup("homs");
        assert!(
            homs.iter()
                .any(|c| c.entry.name == "Homs" && c.entry.country == "SY")
        );
        assert!(g.lookup("Qwxzzyq").is_empty());
        assert!(g.lookup("  ").is_empty());
    }
}
