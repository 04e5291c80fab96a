//! The gazetteer: every GeoNames populated place of at least 1,000 people (170,391 places,
//! all countries) with its alternate Latin-script names, embedded in the binary.
//!
//! [`Gazetteer::search`] turns a name (and optionally a country) into ranked candidates. A
//! name matches whatever its case, accents, spaces and punctuation (`deir ez zor`,
//! `Dayr az-Zawr`), and spellings that are not in GeoNames are found too: by the name's
//! consonants (`Zakyah` finds Zākīyah, listed as Zakiye, Zakieh; `Deraa` and `Daraa` both
//! read `dr`), and by one or two letters off for longer names (`Kharkiw` finds Kharkiv).
//! Candidates rank by how many letters differ from the spelling that matched, then by
//! population.
//!
//! The data comes from `assets/gazetteer/` (see `assets/README.md`), packed by `build.rs`
//! with each name's folded length. A search folds and compares the names whose length could
//! match (about a third of the 442,931), split between threads: 20 to 30 ms of CPU time in
//! a release build. Callers with many names ask [`Gazetteer::exact_many`] once rather than
//! searching name by name, or look each up in the index of every folded name
//! ([`Gazetteer::lookup`], built once on first use).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::distance_km;

mod fold;
mod index;
mod matching;

use fold::fold_bytes;
pub(crate) use matching::skeleton;
use matching::{Query, Scratch};

const PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));
const ADMIN1: &str = include_str!("../../assets/gazetteer/admin1.tsv");
const COUNTRIES: &str = include_str!("../../assets/gazetteer/countries.tsv");
const RECORD: usize = 18;
/// Places between two checkpoints (as in build.rs).
const CHECKPOINT: usize = 4096;

/// What the embedded gazetteer is, for credits and `--help`.
pub(crate) const DESCRIPTION: &str =
    "GeoNames cities1000 (CC BY 4.0): populated places of at least 1,000 people, every country";

/// One place of the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    /// The GeoNames id (`170905` for Daraa).
    pub geonames_id: u32,
    /// GeoNames' name for it (`Dar‘ā`).
    pub name: &'static str,
    /// WGS84 latitude, 5 decimals.
    pub lat: f64,
    /// WGS84 longitude, 5 decimals.
    pub lon: f64,
    /// ISO 3166-1 alpha-2 country code (`SY`).
    pub country: &'static str,
    /// The country's English name (`Syria`).
    pub country_name: &'static str,
    /// The first-level division's name, its GeoNames code where the name is unknown, or empty.
    pub admin1: &'static str,
    /// Population as GeoNames has it (0 for some administrative seats).
    pub population: u32,
}

impl Entry {
    /// Great-circle distance in km from this place to `(lon, lat)`.
    pub fn distance_km(&self, lon: f64, lat: f64) -> f64 {
        distance_km((self.lon, self.lat), (lon, lat))
    }
}

/// A place that answers a search, with the spelling that matched.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// The place.
    pub entry: Entry,
    /// Its name or alternate name that matched best.
    pub spelling: &'static str,
    /// Letters to change, insert or delete to turn the query into that spelling, once both
    /// are folded (see [`fold`]): 0 for the same name.
    pub edits: usize,
}

/// The embedded gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    records: &'static [u8],
    /// Offsets in `names` of every `CHECKPOINT`th place.
    checkpoints: Vec<usize>,
    names: &'static [u8],
    /// Per admin-1 line: (country code, display name).
    admin: Vec<(&'static str, &'static str)>,
    countries: HashMap<&'static str, &'static str>,
}

/// The gazetteer, unpacked on first use (well under a millisecond: nothing is copied).
pub fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::unpack)
}

impl Gazetteer {
    fn unpack() -> Gazetteer {
        // build.rs wrote these bytes in this build; a mismatch is a bug in one of the two.
        let word = |at: usize| {
            u32::from_le_bytes([PACKED[at], PACKED[at + 1], PACKED[at + 2], PACKED[at + 3]])
                as usize
        };
        assert_eq!(&PACKED[..4], b"FLGZ", "gazetteer.bin from another build.rs");
        let n = word(4);
        let (records, rest) = PACKED[8..].split_at(n * RECORD);
        let k = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        let checkpoints = (0..k)
            .map(|i| {
                let at = 4 + 4 * i;
                u32::from_le_bytes([rest[at], rest[at + 1], rest[at + 2], rest[at + 3]]) as usize
            })
            .collect();
        let names = &rest[4 + 4 * k..];
        let admin = ADMIN1
            .lines()
            .map(|l| {
                let (code, name) = l.split_once('\t').unwrap_or((l, ""));
                let (cc, sub) = code.split_once('.').unwrap_or((code, ""));
                (
                    cc,
                    if name.is_empty() && !sub.is_empty() {
                        code
                    } else {
                        name
                    },
                )
            })
            .collect();
        let countries = COUNTRIES
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .collect();
        Gazetteer {
            records,
            checkpoints,
            names,
            admin,
            countries,
        }
    }

    /// Number of places.
    pub(crate) fn len(&self) -> usize {
        self.records.len() / RECORD
    }

    fn country_of(&self, i: usize) -> &'static str {
        let r = &self.records[i * RECORD..];
        self.admin[u16::from_le_bytes([r[16], r[17]]) as usize].0
    }

    fn entry(&self, i: usize, name: &'static str) -> Entry {
        let r = &self.records[i * RECORD..(i + 1) * RECORD];
        let word = |at: usize| [r[at], r[at + 1], r[at + 2], r[at + 3]];
        let (country, admin1) = self.admin[u16::from_le_bytes([r[16], r[17]]) as usize];
        Entry {
            geonames_id: u32::from_le_bytes(word(0)),
            name,
            lat: f64::from(i32::from_le_bytes(word(4))) / 1e5,
            lon: f64::from(i32::from_le_bytes(word(8))) / 1e5,
            country,
            country_name: self.countries.get(country).copied().unwrap_or(""),
            admin1,
            population: u32::from_le_bytes(word(12)),
        }
    }

    /// Call `visit(place, its first name, a name, that name folded)` for every name of
    /// every place whose country is `country` (all if `None`) and whose folded form has a
    /// length in bytes that `length` accepts (the others are skipped unread), splitting the
    /// work between threads; each thread's results come back in gazetteer order.
    fn scan<T: Send, S: Default>(
        &self,
        country: Option<&str>,
        length: impl Fn(usize) -> bool + Sync,
        visit: impl Fn(&mut S, usize, &'static str, &'static str, &[u8], &mut Vec<T>) + Sync,
    ) -> Vec<T> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        let per = self.checkpoints.len().div_ceil(threads).max(1);
        // (first place, its offset) of each thread's share, then the end.
        let mut cuts: Vec<(usize, usize)> = (0..self.checkpoints.len())
            .step_by(per)
            .map(|c| (c * CHECKPOINT, self.checkpoints[c]))
            .collect();
        cuts.push((self.len(), self.names.len()));
        let chunk = |(first, start): (usize, usize), end: usize| {
            let mut out = Vec::new();
            let mut state = S::default();
            let mut key = Vec::with_capacity(64);
            let b = &self.names[..end];
            let (mut i, mut pos) = (first, start);
            let text = |from: usize, len: usize| -> &'static str {
                // build.rs wrote whole UTF-8 names; an error would be a bug there.
                std::str::from_utf8(&self.names[from..from + len]).unwrap_or_default()
            };
            while pos < b.len() {
                let count = b[pos] as usize;
                pos += 1;
                let skip = country.is_some_and(|c| self.country_of(i) != c);
                let mut head: &'static str = "";
                for n in 0..count {
                    let (raw, folded) = (b[pos] as usize, b[pos + 1] as usize);
                    let at = pos + 2;
                    pos = at + raw;
                    if n == 0 {
                        head = text(at, raw);
                    }
                    if skip || !length(folded) {
                        continue;
                    }
                    let name = if n == 0 { head } else { text(at, raw) };
                    key.clear();
                    fold_bytes(name, &mut key);
                    visit(&mut state, i, head, name, &key, &mut out);
                }
                i += 1;
            }
            out
        };
        if cuts.len() <= 2 {
            return chunk(cuts[0], cuts[cuts.len() - 1].1);
        }
        std::thread::scope(|s| {
            let handles: Vec<_> = cuts
                .windows(2)
                .map(|w| {
                    let (from, to) = (w[0], w[1].1);
                    s.spawn(move || chunk(from, to))
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }

    /// The country code for `query`: an ISO code (`sy`) or an English name (`Syria`), any
    /// case and accents.
    pub(crate) fn country_code(&self, query: &str) -> Option<&'static str> {
        let q = query.trim();
        if let Some((code, _)) = self
            .countries
            .get_key_value(q.to_ascii_uppercase().as_str())
        {
            return Some(code);
        }
        let key = fold(q);
        self.countries
            .iter()
            .find(|(_, name)| fold(name) == key)
            .map(|(code, _)| *code)
    }

    /// Every place called `query` or spelled close to it, best first; only places in the
    /// country with ISO code `country` if given (see [`Gazetteer::country_code`]).
    pub fn search(&self, query: &str, country: Option<&str>) -> Vec<Candidate> {
        let q = Query::new(query);
        if q.key.is_empty() {
            return Vec::new();
        }
        let (n, d) = (q.key.len(), q.loose.max(q.near));
        let hits = self.scan(
            country,
            |len| len.abs_diff(n) <= d,
            |scratch: &mut Scratch, i, first, name, key, out: &mut Vec<Hit>| {
                let Some(edits) = q.edits(key, scratch) else {
                    return;
                };
                // One candidate per place: the spelling closest to the query.
                match out.last_mut() {
                    Some(best) if best.0 == i => {
                        if edits < best.3 {
                            *best = (i, first, name, edits);
                        }
                    }
                    _ => out.push((i, first, name, edits)),
                }
            },
        );
        let mut out: Vec<Candidate> = hits
            .into_iter()
            .map(|(i, first, spelling, edits)| Candidate {
                entry: self.entry(i, first),
                spelling,
                edits,
            })
            .collect();
        out.sort_by(|a, b| {
            (
                a.edits,
                std::cmp::Reverse(a.entry.population),
                a.entry.geonames_id,
            )
                .cmp(&(
                    b.edits,
                    std::cmp::Reverse(b.entry.population),
                    b.entry.geonames_id,
                ))
        });
        out
    }

    /// For many names at once (a dataset's places), every place whose name or an alternate
    /// name is one of them once folded: folded query to candidates, in gazetteer order.
    /// One pass over the gazetteer, whatever the number of names.
    pub fn exact_many<'q>(
        &self,
        queries: impl IntoIterator<Item = &'q str>,
    ) -> HashMap<String, Vec<Candidate>> {
        let mut keys: HashMap<Vec<u8>, usize> = HashMap::new();
        for k in queries.into_iter().map(fold).filter(|k| !k.is_empty()) {
            let n = keys.len();
            keys.entry(k.into_bytes()).or_insert(n);
        }
        // Most names have a length no query has: skip those before hashing them.
        let lengths = keys.keys().fold(0u128, |m, k| m | 1 << k.len().min(127));
        let hits = self.scan(
            None,
            |len| lengths & (1 << len.min(127)) != 0,
            |_: &mut (), i, first, name, key, out: &mut Vec<(usize, usize, &str, &str)>| {
                if let Some(&slot) = keys.get(key) {
                    // Two spellings of one place that fold alike count once.
                    if !out
                        .iter()
                        .rev()
                        .take_while(|(j, ..)| *j == i)
                        .any(|(_, s, ..)| *s == slot)
                    {
                        out.push((i, slot, first, name));
                    }
                }
            },
        );
        let mut by_slot: Vec<Vec<Candidate>> = vec![Vec::new(); keys.len()];
        for (i, slot, first, spelling) in hits {
            by_slot[slot].push(Candidate {
                entry: self.entry(i, first),
                spelling,
                edits: 0,
            });
        }
        keys.into_iter()
            .map(|(k, slot)| {
                (
                    String::from_utf8(k).unwrap_or_default(),
                    std::mem::take(&mut by_slot[slot]),
                )
            })
            .collect()
    }
}

/// A place that matched: (its index, its first name, the spelling, edits).
type Hit = (usize, &'static str, &'static str, usize);

/// A name folded for comparison: lower case, accents and marks removed, letters outside
/// ASCII transliterated (`ø` to `o`, `ß` to `ss`, `ı` to `i`), spaces, hyphens, apostrophes
/// and other punctuation dropped. `Dar‘ā`, `Dar'a` and `DARA` all fold to `dara`.
pub(crate) fn fold(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    fold_bytes(s, &mut out);
    // Only whole characters are ever pushed.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(fold("Dar‘ā"), "dara");
        assert_eq!(fold("Dayr az-Zawr"), "dayrazzawr");
        assert_eq!(fold("Ḩalab"), "halab");
        assert_eq!(fold("Øresund Straße"), "oresundstrasse");
        assert_eq!(fold("  "), "");
    }

    #[test]
    fn unpacks_a_known_place() {
        let g = gazetteer();
        assert_eq!(g.len(), 170_391);
        let found = g.exact_many(["Dar‘ā"]);
        let c = &found["dara"][0];
        let e = c.entry;
        assert_eq!(
            (
                e.geonames_id,
                e.name,
                e.country,
                e.country_name,
                e.population
            ),
            (170905, "Dar‘ā", "SY", "Syria", 97969)
        );
        assert!((e.lat - 32.61889).abs() < 1e-9 && (e.lon - 36.10213).abs() < 1e-9);
        assert_eq!(e.admin1, "Dar'ā");
        assert_eq!(g.country_code("syria"), Some("SY"));
        assert_eq!(g.country_code("sy"), Some("SY"));
    }
}
