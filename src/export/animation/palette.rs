//! One palette of at most 255 colours for every frame of a GIF (the 256th index is the
//! transparency that frame differencing uses).
//!
//! The pictures are mostly flat colour: sea, land, the territory tints, faction colours, text
//! on white. So the palette keeps the colours that cover the most pixels exactly (and the
//! dataset's own colours, whether or not the sampled frames show them), and NeuQuant
//! ([`color_quant`]) picks the rest from what is left: the anti-aliased edges of text,
//! markers and lines. Each colour maps to its nearest palette entry, remembered, so a pixel
//! that does not change between frames keeps its index and differencing finds no change.

use std::collections::HashMap;

/// Entries the palette may use; index 255 is kept for transparency.
pub(crate) const COLORS: usize = 255;
/// How many of them go to the most frequent colours, exactly.
const EXACT: usize = 112;
/// Most pixels NeuQuant learns from (it samples a tenth of them).
const MAX_LEARN: usize = 1 << 20;

/// The shared palette and the index each colour seen so far maps to.
#[derive(Debug, Clone)]
pub(crate) struct Palette {
    colors: Vec<[u8; 3]>,
    cache: HashMap<[u8; 3], u8>,
}

impl Palette {
    /// The palette for frames like `samples` (RGBA, alpha ignored), keeping `keep` exactly.
    pub(crate) fn build(samples: &[&[u8]], keep: &[[u8; 3]]) -> Palette {
        let mut counts: HashMap<[u8; 3], u64> = HashMap::new();
        for frame in samples {
            // Pictures are mostly runs of one colour: count a run at once.
            let mut run: Option<([u8; 3], u64)> = None;
            for px in frame.chunks_exact(4) {
                let c = [px[0], px[1], px[2]];
                match &mut run {
                    Some((rc, n)) if *rc == c => *n += 1,
                    _ => {
                        if let Some((rc, n)) = run.replace((c, 1)) {
                            *counts.entry(rc).or_insert(0) += n;
                        }
                    }
                }
            }
            if let Some((rc, n)) = run {
                *counts.entry(rc).or_insert(0) += n;
            }
        }
        let mut colors: Vec<[u8; 3]> = Vec::with_capacity(COLORS);
        for c in keep {
            if !colors.contains(c) && colors.len() < COLORS {
                colors.push(*c);
            }
        }
        let mut by_count: Vec<([u8; 3], u64)> = counts.into_iter().collect();
        // Most frequent first; ties by colour, so the palette does not depend on hashing.
        by_count.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if by_count.len() + colors.len() <= COLORS {
            colors.extend(
                by_count
                    .iter()
                    .map(|(c, _)| *c)
                    .filter(|c| !keep.contains(c)),
            );
            return Palette::from_colors(colors);
        }
        for (c, _) in &by_count {
            if colors.len() >= EXACT {
                break;
            }
            if !colors.contains(c) {
                colors.push(*c);
            }
        }
        // The rest, weighted by how often each appears, for NeuQuant (capped: it only needs
        // a fair sample).
        let chosen: std::collections::HashSet<[u8; 3]> = colors.iter().copied().collect();
        let rest: Vec<&([u8; 3], u64)> = by_count
            .iter()
            .filter(|(c, _)| !chosen.contains(c))
            .collect();
        let total: u64 = rest.iter().map(|(_, n)| n).sum();
        let scale = (MAX_LEARN as f64 / total.max(1) as f64).min(1.0);
        let mut learn: Vec<u8> = Vec::new();
        for (c, n) in rest {
            let times = ((*n as f64 * scale).ceil() as usize).max(1);
            for _ in 0..times {
                learn.extend_from_slice(&[c[0], c[1], c[2], 255]);
            }
        }
        let free = COLORS - colors.len();
        if free >= 2 && !learn.is_empty() {
            let nq = color_quant::NeuQuant::new(10, free, &learn);
            for px in nq.color_map_rgb().chunks_exact(3) {
                let c = [px[0], px[1], px[2]];
                if !colors.contains(&c) {
                    colors.push(c);
                }
            }
        }
        Palette::from_colors(colors)
    }

    fn from_colors(colors: Vec<[u8; 3]>) -> Palette {
        let cache = colors
            .iter()
            .enumerate()
            .map(|(i, c)| (*c, i as u8))
            .collect();
        Palette { colors, cache }
    }

    /// The palette as GIF wants it: `r g b` for each of 256 entries (unused ones black).
    pub(crate) fn rgb(&self) -> Vec<u8> {
        let mut out: Vec<u8> = self.colors.iter().flatten().copied().collect();
        out.resize(256 * 3, 0);
        out
    }

    /// How many colours the palette has.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.colors.len()
    }

    /// The index of the entry nearest `c` (by squared distance, green weighted as the eye
    /// weights it).
    pub(crate) fn index(&mut self, c: [u8; 3]) -> u8 {
        if let Some(i) = self.cache.get(&c) {
            return *i;
        }
        let d = |p: &[u8; 3]| {
            let dr = i32::from(p[0]) - i32::from(c[0]);
            let dg = i32::from(p[1]) - i32::from(c[1]);
            let db = i32::from(p[2]) - i32::from(c[2]);
            2 * dr * dr + 4 * dg * dg + 3 * db * db
        };
        let i = (0..self.colors.len())
            .min_by_key(|&i| d(&self.colors[i]))
            .unwrap_or(0) as u8;
        self.cache.insert(c, i);
        i
    }

    /// Every pixel of an RGBA frame as a palette index.
    pub(crate) fn indices(&mut self, rgba: &[u8]) -> Vec<u8> {
        let mut last: Option<([u8; 3], u8)> = None;
        rgba.chunks_exact(4)
            .map(|px| {
                let c = [px[0], px[1], px[2]];
                match last {
                    Some((lc, i)) if lc == c => i,
                    _ => {
                        let i = self.index(c);
                        last = Some((c, i));
                        i
                    }
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(colors: &[[u8; 3]]) -> Vec<u8> {
        colors
            .iter()
            .flat_map(|c| [c[0], c[1], c[2], 255])
            .collect()
    }

    #[test]
    fn few_colours_are_kept_exactly() {
        let f = frame(&[[1, 2, 3], [200, 100, 0], [1, 2, 3]]);
        let mut p = Palette::build(&[&f], &[[0, 158, 115]]);
        assert_eq!(p.len(), 3);
        assert_eq!(p.index([0, 158, 115]), 0, "kept colours come first");
        let i = p.index([200, 100, 0]) as usize;
        assert_eq!(&p.rgb()[3 * i..3 * i + 3], &[200, 100, 0]);
    }

    #[test]
    fn many_colours_keep_the_frequent_ones_and_approximate_the_rest() {
        // A flat field of two colours and a gradient of 4096 greys and blues.
        let mut colors = vec![[201, 221, 237]; 20_000];
        colors.extend(vec![[213, 94, 0]; 5_000]);
        for i in 0..4096u32 {
            colors.push([(i % 256) as u8, (i % 256) as u8, (i / 16) as u8]);
        }
        let f = frame(&colors);
        let mut p = Palette::build(&[&f], &[]);
        assert!(p.len() <= COLORS);
        let sea = p.index([201, 221, 237]) as usize;
        assert_eq!(&p.rgb()[3 * sea..3 * sea + 3], &[201, 221, 237], "exact");
        let i = p.index([128, 128, 8]) as usize;
        let got = &p.rgb()[3 * i..3 * i + 3];
        let err: i32 = got
            .iter()
            .zip([128u8, 128, 8])
            .map(|(a, b)| (i32::from(*a) - i32::from(b)).abs())
            .sum();
        assert!(err < 60, "{got:?} is near");
        assert_eq!(p.indices(&f).len(), colors.len());
    }
}
