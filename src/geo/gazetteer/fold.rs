//! Folding names for comparison. `build.rs` includes this file too (it stores each name's
//! folded length), so it uses nothing of the crate.

/// Append `s` folded to `out`: lower case, accents and marks removed, letters outside ASCII
/// transliterated (`ø` to `o`, `ß` to `ss`, `ı` to `i`), spaces, hyphens, apostrophes and
/// other punctuation dropped. A letter with no transliteration stays itself, in lower case.
pub(crate) fn fold_bytes(s: &str, out: &mut Vec<u8>) {
    let bytes = s.as_bytes();
    if bytes.is_ascii() {
        for &b in bytes {
            if b.is_ascii_alphanumeric() {
                out.push(b.to_ascii_lowercase());
            }
        }
        return;
    }
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase() as u8);
            }
            continue;
        }
        match deunicode::deunicode_char(c) {
            Some(t) if t.bytes().any(|x| x.is_ascii_alphanumeric()) => out.extend(
                t.bytes()
                    .filter(u8::is_ascii_alphanumeric)
                    .map(|x| x.to_ascii_lowercase()),
            ),
            _ if c.is_alphanumeric() => {
                for l in c.to_lowercase() {
                    out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
                }
            }
            _ => {}
        }
    }
}
