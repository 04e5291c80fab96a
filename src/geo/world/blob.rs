//! The bytes of the world basemap, read in place: header, chunk table, feature tables and
//! line layers. The format is written (and described) by `assets/build-basemap.py`, `encode`.
//!
//! Every read is bounds-checked and returns `None` on bytes that are not what the format says,
//! so a damaged blob gives missing geometry, never a panic. [`Blob::parse`] checks the header,
//! the tables and every offset once; `World::check_all` decodes everything (a test runs it).

/// Polygon layers, in the order of [`Blob::layers`].
pub(super) const POLYGON_LAYERS: [&str; 4] = ["countries", "land", "divisions", "lakes"];
/// Line layers, in the order of [`Blob::lines`].
pub(super) const LINE_LAYERS: [&str; 5] = ["borders", "coast", "divlines", "lakelines", "rivers"];
/// The line layer of division boundaries, whose lines also carry their country.
pub(super) const DIVLINES: usize = 2;

const MAGIC: &[u8; 8] = b"FLWORLD1";
const VERSION: u32 = 1;
/// Bytes per record of the chunk and feature tables: a box (4 x i32) and an offset (u32).
const RECORD: usize = 20;

/// The integer grid: `lon = tx + x * sx`, `lat = ty + y * sy`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Grid {
    pub sx: f64,
    pub sy: f64,
    pub tx: f64,
    pub ty: f64,
}

impl Grid {
    pub(crate) fn lonlat(&self, (x, y): (i32, i32)) -> [f64; 2] {
        [
            self.tx + f64::from(x) * self.sx,
            self.ty + f64::from(y) * self.sy,
        ]
    }

    /// Grid coordinates of a lon/lat (fractional).
    pub(crate) fn grid_of(self, lon: f64, lat: f64) -> (f64, f64) {
        ((lon - self.tx) / self.sx, (lat - self.ty) / self.sy)
    }
}

/// A point on the grid.
pub(super) type Point = (i32, i32);

/// A box on the grid, edges included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct GBox {
    pub min_x: i32,
    pub min_y: i32,
    pub max_x: i32,
    pub max_y: i32,
}

impl GBox {
    pub(crate) fn intersects(&self, o: &GBox) -> bool {
        self.min_x <= o.max_x
            && o.min_x <= self.max_x
            && self.min_y <= o.max_y
            && o.min_y <= self.max_y
    }
}

/// A cursor over varints, bounds-checked.
#[derive(Clone, Copy, Debug)]
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    pub pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8], pos: usize) -> Self {
        Reader { bytes, pos }
    }

    /// An unsigned LEB128 varint of at most 10 bytes.
    #[inline]
    pub(crate) fn v(&mut self) -> Option<u64> {
        let mut out = 0u64;
        for shift in (0..70).step_by(7) {
            let b = *self.bytes.get(self.pos)?;
            self.pos += 1;
            out |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b < 0x80 {
                return Some(out);
            }
        }
        None
    }

    /// A varint that must fit in usize and be at most `limit`.
    pub(crate) fn count(&mut self, limit: usize) -> Option<usize> {
        usize::try_from(self.v()?).ok().filter(|&n| n <= limit)
    }

    /// A zigzag varint that fits in i32.
    #[inline]
    pub(crate) fn z(&mut self) -> Option<i32> {
        let v = self.v()?;
        let s = (v >> 1) as i64 ^ -((v & 1) as i64);
        i32::try_from(s).ok()
    }

    /// A length-prefixed UTF-8 string.
    pub(crate) fn s(&mut self) -> Option<&'a str> {
        let n = self.count(self.bytes.len())?;
        let end = self.pos.checked_add(n)?;
        let s = std::str::from_utf8(self.bytes.get(self.pos..end)?).ok()?;
        self.pos = end;
        Some(s)
    }

    pub(crate) fn skip(&mut self, n: usize) -> Option<()> {
        self.pos = self.pos.checked_add(n).filter(|&p| p <= self.bytes.len())?;
        Some(())
    }
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn i32_at(bytes: &[u8], at: usize) -> Option<i32> {
    Some(i32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn f64_at(bytes: &[u8], at: usize) -> Option<f64> {
    Some(f64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

/// A table of `n` records (box + offset) at `table`, the offsets pointing into `data..end`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Table {
    table: usize,
    pub n: usize,
    data: usize,
    end: usize,
}

include!(concat!(env!("OUT_DIR"), "/division_fixes.rs"));

/// A feature's ISO code: Natural Earth's, or the ISO 3166-2 code where Natural Earth's is
/// another division's (`assets/basemap/division-fixes.tsv`, checked by build.rs; Sudan's
/// Central and East Darfur).
fn iso_code<'a>(natural_earth: &'a str, name: &str) -> &'a str {
    DIVISION_FIXES
        .iter()
        .find(|(code, n, _)| *code == natural_earth && *n == name)
        .map_or(natural_earth, |(_, _, iso)| iso)
}

/// One feature of a polygon layer: its words, and a reader at its polygons.
#[derive(Clone, Copy, Debug)]
pub(super) struct FeatureRecord<'a> {
    pub name: &'a str,
    pub iso: &'a str,
    pub country: &'a str,
    pub label: Option<(i32, i32)>,
    /// At `v polygons`, then per polygon `v rings`, per ring `v refs` and the refs.
    pub shape: Reader<'a>,
}

/// The blob, its header read and every table located.
#[derive(Clone, Debug)]
pub(super) struct Blob<'a> {
    bytes: &'a [u8],
    pub grid: Grid,
    /// Douglas-Peucker tolerance of each level, metres.
    pub levels_m: Vec<u32>,
    pub chunks: Table,
    pub layers: [Table; 4],
    /// Per line layer: where its chunk ids start and how many.
    pub lines: [(usize, usize); 5],
    /// Where the 2-letter country codes of the division lines start.
    divcountry: usize,
}

impl<'a> Blob<'a> {
    /// Reads the header and checks that every table and offset lies inside the bytes.
    #[expect(clippy::too_many_lines, reason = "the blob's sections in file order")]
    pub(crate) fn parse(bytes: &'a [u8]) -> Result<Blob<'a>, String> {
        let short = || "the blob ends inside its header".to_string();
        if bytes.get(..8) != Some(MAGIC.as_slice()) {
            return Err("not a frontline world basemap (no FLWORLD1 at its start)".into());
        }
        let version = u32_at(bytes, 8).ok_or_else(short)?;
        if version != VERSION {
            return Err(format!(
                "format version {version}, this build reads {VERSION}"
            ));
        }
        let nlevels = u32_at(bytes, 12).ok_or_else(short)? as usize;
        if !(1..=16).contains(&nlevels) {
            return Err(format!("{nlevels} levels of detail"));
        }
        let f = |i: usize| f64_at(bytes, 16 + 8 * i).ok_or_else(short);
        let grid = Grid {
            sx: f(0)?,
            sy: f(1)?,
            tx: f(2)?,
            ty: f(3)?,
        };
        if ![grid.sx, grid.sy, grid.tx, grid.ty]
            .iter()
            .all(|v| v.is_finite())
            || grid.sx <= 0.0
            || grid.sy <= 0.0
        {
            return Err(format!("a grid that is not a grid: {grid:?}"));
        }
        let levels_m = (0..nlevels)
            .map(|i| u32_at(bytes, 48 + 4 * i).ok_or_else(short))
            .collect::<Result<Vec<_>, _>>()?;
        let at = 48 + 4 * nlevels;
        let nsec = u32_at(bytes, at).ok_or_else(short)? as usize;
        let mut sections = Vec::with_capacity(nsec.min(64));
        for i in 0..nsec.min(64) {
            let rec = at + 4 + 20 * i;
            let name = bytes.get(rec..rec + 12).ok_or_else(short)?;
            let name = String::from_utf8_lossy(name)
                .trim_end_matches('\0')
                .to_string();
            let off = u32_at(bytes, rec + 12).ok_or_else(short)? as usize;
            let len = u32_at(bytes, rec + 16).ok_or_else(short)? as usize;
            if off.checked_add(len).is_none_or(|end| end > bytes.len()) {
                return Err(format!("section {name} runs past the end of the blob"));
            }
            sections.push((name, off, len));
        }
        let section = |name: &str| {
            sections
                .iter()
                .find(|s| s.0 == name)
                .map(|s| (s.1, s.2))
                .ok_or_else(|| format!("no section {name}"))
        };
        let table = |name: &str, data: Option<(usize, usize)>| -> Result<Table, String> {
            let (off, len) = section(name)?;
            let n = u32_at(bytes, off).ok_or_else(short)? as usize;
            let table_end = n
                .checked_mul(RECORD)
                .and_then(|b| b.checked_add(off + 4))
                .filter(|&e| e <= off + len)
                .ok_or_else(|| format!("section {name}: {n} records do not fit"))?;
            let (data, end) = data.map_or((table_end, off + len), |(o, l)| (o, o + l));
            Ok(Table {
                table: off + 4,
                n,
                data,
                end,
            })
        };
        let chunks = table("chunks", Some(section("chunkdata")?))?;
        let mut layers = [chunks; 4];
        for (slot, name) in layers.iter_mut().zip(POLYGON_LAYERS) {
            *slot = table(name, None)?;
        }
        let mut lines = [(0, 0); 5];
        for (slot, name) in lines.iter_mut().zip(LINE_LAYERS) {
            let (off, len) = section(name)?;
            let n = u32_at(bytes, off).ok_or_else(short)? as usize;
            if n.checked_mul(4).is_none_or(|b| b + 4 > len) {
                return Err(format!("section {name}: {n} chunk ids do not fit"));
            }
            *slot = (off + 4, n);
        }
        let (divcountry, len) = section("divcountry")?;
        if len != 2 * lines[DIVLINES].1 {
            return Err("section divcountry does not have a code for every division line".into());
        }
        let blob = Blob {
            bytes,
            grid,
            levels_m,
            chunks,
            layers,
            lines,
            divcountry,
        };
        for t in std::iter::once(&blob.chunks).chain(&blob.layers) {
            for i in 0..t.n {
                if blob.record_offset(t, i).is_none() {
                    return Err(format!("record {i} of a table points outside its data"));
                }
            }
        }
        for (layer, name) in LINE_LAYERS.iter().enumerate() {
            if blob.line_ids(layer).any(|c| c as usize >= blob.chunks.n) {
                return Err(format!(
                    "line layer {name} names a chunk that does not exist"
                ));
            }
        }
        Ok(blob)
    }

    /// The box of record `i` of a table.
    pub(crate) fn record_box(&self, t: &Table, i: usize) -> Option<GBox> {
        let at = t.table + RECORD * i;
        Some(GBox {
            min_x: i32_at(self.bytes, at)?,
            min_y: i32_at(self.bytes, at + 4)?,
            max_x: i32_at(self.bytes, at + 8)?,
            max_y: i32_at(self.bytes, at + 12)?,
        })
    }

    /// Where the data of record `i` starts, if inside the table's data.
    fn record_offset(&self, t: &Table, i: usize) -> Option<usize> {
        if i >= t.n {
            return None;
        }
        let off = u32_at(self.bytes, t.table + RECORD * i + 16)? as usize;
        let at = t.data.checked_add(off)?;
        (at < t.end).then_some(at)
    }

    /// A reader at chunk `i`, after its first and last point (returned too): at its levels.
    fn chunk_reader(&self, i: usize) -> Option<(Reader<'a>, Point, Point)> {
        let mut r = Reader::new(
            &self.bytes[..self.chunks.end],
            self.record_offset(&self.chunks, i)?,
        );
        let (x, y) = (r.z()?, r.z()?);
        let (dx, dy) = (r.z()?, r.z()?);
        Some((r, (x, y), (x.checked_add(dx)?, y.checked_add(dy)?)))
    }

    /// The first and last point of chunk `i` (the same at every level).
    pub(crate) fn chunk_ends(&self, i: usize) -> Option<((i32, i32), (i32, i32))> {
        self.chunk_reader(i).map(|(_, a, b)| (a, b))
    }

    /// Appends the points of chunk `i` at `level` to `out`, reversed if asked. `None` (and
    /// nothing appended) for a chunk whose bytes are damaged.
    pub(crate) fn chunk_points(
        &self,
        i: usize,
        level: usize,
        reversed: bool,
        out: &mut Vec<(i32, i32)>,
    ) -> Option<()> {
        let (mut r, start, end) = self.chunk_reader(i)?;
        for _ in 0..level.min(self.levels_m.len() - 1) {
            let n = r.count(usize::MAX)?;
            r.skip(n)?;
        }
        r.v()?;
        let n = r.count(1 << 24)?;
        let from = out.len();
        out.reserve(n);
        let (mut x, mut y) = start;
        out.push(start);
        for _ in 1..n {
            let (dx, dy) = (r.z(), r.z());
            let (Some(dx), Some(dy)) = (dx, dy) else {
                out.truncate(from);
                return None;
            };
            x = x.wrapping_add(dx);
            y = y.wrapping_add(dy);
            out.push((x, y));
        }
        if (x, y) != end || n < 2 {
            out.truncate(from);
            return None;
        }
        if reversed {
            out[from..].reverse();
        }
        Some(())
    }

    /// The chunk ids of a line layer.
    pub(crate) fn line_ids(&self, layer: usize) -> impl Iterator<Item = u32> + '_ {
        let (at, n) = self.lines[layer];
        (0..n).filter_map(move |i| u32_at(self.bytes, at + 4 * i))
    }

    /// The country code of division line `i` (in the order of [`Blob::line_ids`]).
    pub(crate) fn division_country(&self, i: usize) -> Option<&'a str> {
        let at = self.divcountry + 2 * i;
        std::str::from_utf8(self.bytes.get(at..at + 2)?).ok()
    }

    /// Feature `i` of polygon layer `layer`.
    pub(crate) fn feature(&self, layer: usize, i: usize) -> Option<FeatureRecord<'a>> {
        let t = &self.layers[layer];
        let mut r = Reader::new(&self.bytes[..t.end], self.record_offset(t, i)?);
        let name = r.s()?;
        let iso = iso_code(r.s()?, name);
        let country = r.s()?;
        let label = match r.v()? {
            0 => None,
            _ => Some((r.z()?, r.z()?)),
        };
        Some(FeatureRecord {
            name,
            iso,
            country,
            label,
            shape: r,
        })
    }
}
