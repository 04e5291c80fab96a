//! Comparing a folded name with a query: the same name, one or two letters off (Myers'
//! bit-parallel edit distance), or the same consonants (see [`skeleton`]).

use super::fold;

/// A folded query with what it takes to compare names with it quickly.
pub(super) struct Query {
    pub(super) key: Vec<u8>,
    skeleton: Vec<u8>,
    /// Letters a spelling may differ by without sharing the consonants.
    pub(super) near: usize,
    /// Letters a spelling with the same consonants may differ by.
    pub(super) loose: usize,
    /// For each byte, the positions in `key` where it occurs (Myers' bit vectors); `None`
    /// for a key over 64 bytes, compared by the plain dynamic programme instead.
    peq: Option<Box<[u64; 256]>>,
}

/// Scratch space of one thread, so that comparing a name allocates nothing.
#[derive(Default)]
pub(super) struct Scratch {
    skeleton: Vec<u8>,
    rows: (Vec<usize>, Vec<usize>),
}

impl Query {
    pub(super) fn new(query: &str) -> Query {
        let key = fold(query).into_bytes();
        let n = String::from_utf8_lossy(&key).chars().count();
        let mut skeleton = Vec::new();
        skeleton_into(&key, &mut skeleton);
        let peq = (key.len() <= 64).then(|| {
            let mut peq = Box::new([0u64; 256]);
            for (i, &b) in key.iter().enumerate() {
                peq[b as usize] |= 1 << i;
            }
            peq
        });
        Query {
            skeleton,
            near: match n {
                0..=4 => 0,
                5..=8 => 1,
                _ => 2,
            },
            loose: (n / 3).max(2),
            key,
            peq,
        }
    }

    /// How far `key` (folded) is from the query, if close enough to be a candidate.
    pub(super) fn edits(&self, key: &[u8], scratch: &mut Scratch) -> Option<usize> {
        if key == self.key {
            return Some(0);
        }
        let limit = self.loose.max(self.near);
        if self.key.len().abs_diff(key.len()) > limit {
            return None;
        }
        let d = match &self.peq {
            Some(peq) => myers(peq, self.key.len(), key),
            None => bounded_edits(&self.key, key, limit, &mut scratch.rows)?,
        };
        if d <= self.near {
            return Some(d);
        }
        if d > self.loose || self.skeleton.is_empty() {
            return None;
        }
        scratch.skeleton.clear();
        skeleton_into(key, &mut scratch.skeleton);
        (scratch.skeleton == self.skeleton).then_some(d)
    }
}

/// Levenshtein distance between a pattern of `m` bytes (1 to 64, given by its position
/// masks `peq`) and `text`, by Myers' bit-parallel algorithm in Hyyrö's form: one pass of a
/// few word operations per byte of `text`.
fn myers(peq: &[u64; 256], m: usize, text: &[u8]) -> usize {
    if m == 0 {
        return text.len();
    }
    let last = 1u64 << (m - 1);
    let (mut pv, mut mv, mut score) = (!0u64, 0u64, m);
    for &c in text {
        let eq = peq[c as usize];
        let xv = eq | mv;
        let xh = (((eq & pv).wrapping_add(pv)) ^ pv) | eq;
        let mut ph = mv | !(xh | pv);
        let mut mh = pv & xh;
        if ph & last != 0 {
            score += 1;
        } else if mh & last != 0 {
            score -= 1;
        }
        ph = (ph << 1) | 1;
        mh <<= 1;
        pv = mh | !(xv | ph);
        mv = ph & xv;
    }
    score
}

/// The consonants of a folded name, the way transliterations of one name tend to agree on
/// them: vowels (with `y` and `w`) dropped, a final `h` after a vowel dropped (`-ah`, `-eh`
/// for `-a`, `-e`), `q` read as `k`, doubled letters once. `deraa`, `daraa` and `dara` are
/// all `dr`; `zakyah` and `zakiyah` are `zk`.
pub(crate) fn skeleton(key: &str) -> String {
    let mut out = Vec::new();
    skeleton_into(key.as_bytes(), &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn skeleton_into(key: &[u8], out: &mut Vec<u8>) {
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w');
    let rest = match key {
        [.., v, b'h'] if vowel(*v) => &key[..key.len() - 1],
        _ => key,
    };
    for &c in rest {
        let c = if c == b'q' { b'k' } else { c };
        if !vowel(c) && out.last() != Some(&c) {
            out.push(c);
        }
    }
}

/// Levenshtein distance of `a` and `b` if it is at most `limit`; `rows` is scratch space.
fn bounded_edits(
    a: &[u8],
    b: &[u8],
    limit: usize,
    (prev, cur): &mut (Vec<usize>, Vec<usize>),
) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    prev.clear();
    prev.extend(0..=b.len());
    cur.clear();
    cur.resize(b.len() + 1, 0);
    for (i, &x) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, &y) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(x != y);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(prev, cur);
    }
    let d = prev[b.len()];
    (d <= limit).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons_agree_across_transliterations() {
        assert_eq!(skeleton(&fold("Deraa")), skeleton(&fold("Daraa")));
        assert_eq!(skeleton(&fold("Zakyah")), skeleton(&fold("Zakiyah")));
        assert_eq!(
            skeleton(&fold("Deir ez-Zor")),
            skeleton(&fold("Dayr az Zawr"))
        );
        assert_eq!(skeleton(&fold("Raqqah")), skeleton(&fold("Raqa")));
        assert_ne!(skeleton(&fold("Homs")), skeleton(&fold("Hama")));
    }

    #[test]
    fn bounded_edits_stops_at_the_limit() {
        let rows = &mut (Vec::new(), Vec::new());
        assert_eq!(bounded_edits(b"kharkov", b"kharkiv", 1, rows), Some(1));
        assert_eq!(bounded_edits(b"kharkov", b"kharkiv", 0, rows), None);
        assert_eq!(bounded_edits(b"abc", b"abcdef", 2, rows), None);
        assert_eq!(bounded_edits(b"", b"ab", 2, rows), Some(2));
        assert_eq!(bounded_edits(b"zakyah", b"zakiyah", 2, rows), Some(1));
    }

    #[test]
    fn myers_agrees_with_the_dynamic_programme() {
        let words: [&[u8]; 10] = [
            b"",
            b"a",
            b"deraa",
            b"daraa",
            b"kharkov",
            b"kharkiv",
            b"zakyah",
            b"zakiyah",
            b"abcabcabcabc",
            b"xyzzy",
        ];
        let rows = &mut (Vec::new(), Vec::new());
        for p in words.iter().filter(|w| !w.is_empty()) {
            let mut peq = [0u64; 256];
            for (i, &b) in p.iter().enumerate() {
                peq[b as usize] |= 1 << i;
            }
            for t in words {
                let dp = bounded_edits(p, t, 64, rows).unwrap();
                assert_eq!(myers(&peq, p.len(), t), dp, "{p:?} {t:?}");
            }
        }
    }
}
