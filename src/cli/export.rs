//! `frontline export`: which options each format takes, the day or days to export, a progress
//! bar for animations, and the path printed on success.

use std::path::PathBuf;

use super::{Failure, emit, emit_bytes, parse_date};
use crate::dataset;
use crate::export::{self, Format};
use crate::loaded::Loaded;

/// The arguments of `frontline export`, as given.
pub struct ExportRequest {
    /// `--date`.
    pub date: Option<String>,
    /// `--format`.
    pub format: Format,
    /// `-o`.
    pub out: Option<PathBuf>,
    /// `--width`.
    pub width: Option<u32>,
    /// `--height`.
    pub height: Option<u32>,
    /// `--force`.
    pub force: bool,
    /// `--compare`.
    pub compare: Option<String>,
    /// `--from`.
    pub from: Option<String>,
    /// `--to`.
    pub to: Option<String>,
    /// `--step`.
    pub step: Option<u32>,
    /// `--areas`.
    pub areas: bool,
}

/// Check which options apply to the format, parse the dates, export, print the path.
pub fn run(loaded: &Loaded, r: ExportRequest) -> Result<(), Failure> {
    let ds = &loaded.dataset;
    let ext = r.format.extension();
    let animation = r.format.is_animation();
    let sized = r.format.is_picture() || animation || r.format == Format::Txt;
    if r.width.is_some() && !sized {
        return Err(Failure::usage(
            "error: --width applies to svg, png, gif, apng and txt only",
        ));
    }
    if r.height.is_some() && r.format != Format::Txt {
        return Err(Failure::usage(
            "error: --height applies to txt only (a picture's height follows its width)",
        ));
    }
    if r.areas && r.format != Format::Geojson {
        return Err(Failure::usage(format!(
            "error: --areas applies to geojson only, not {ext}"
        )));
    }
    if r.compare.is_some() && !r.format.is_picture() {
        return Err(Failure::usage(format!(
            "error: --compare applies to svg and png only, not {ext}\n  hint: `frontline diff --from D1 --to D2` compares two days as text, json, csv or md"
        )));
    }
    let date = if animation {
        if r.date.is_some() {
            return Err(Failure::usage(format!(
                "error: an animation ({ext}) shows a range of days: give --from and --to, not --date"
            )));
        }
        r.to.as_deref()
            .map(|d| parse_date(ds, d, "--to"))
            .transpose()?
            .unwrap_or(ds.end)
    } else {
        if r.from.is_some() || r.to.is_some() || r.step.is_some() {
            return Err(Failure::usage(format!(
                "error: --from, --to and --step apply to gif and apng only, not {ext}"
            )));
        }
        let Some(raw) = r.date.as_deref() else {
            return Err(Failure::usage(format!(
                "error: --date is required for {ext}\n  hint: write --date YYYY-MM-DD, from {} to {}",
                ds.start, ds.end
            )));
        };
        parse_date(ds, raw, "--date")?
    };
    let from = r
        .from
        .as_deref()
        .map(|d| parse_date(ds, d, "--from"))
        .transpose()?;
    let compare = r
        .compare
        .as_deref()
        .map(|d| parse_date(ds, d, "--compare"))
        .transpose()?;
    let to_stdout = r.out.as_deref() == Some(std::path::Path::new("-"));
    let options = export::Options {
        out: r.out.filter(|_| !to_stdout),
        width: r.width,
        height: r.height,
        force: r.force,
        view: None,
        compare,
        from,
        step: r.step,
        areas: r.areas,
    };
    let fail = |e: export::ExportError| {
        let hint = match e {
            export::ExportError::Exists { .. } => "\n  hint: add --force to replace it",
            _ => "",
        };
        Failure {
            kind: e.kind(),
            message: format!("error: {e}{hint}"),
        }
    };
    let mut bar = super::progress::Bar::new(ext);
    let result = {
        let mut progress = |done: usize, total: usize| bar.update(done, total);
        if to_stdout {
            // `-o -`: the bytes to standard output, nothing written to disk.
            export::render_with_progress(loaded, date, r.format, &options, &mut progress)
                .map(Written::Bytes)
        } else {
            export::export_with_progress(loaded, date, r.format, &options, &mut progress)
                .map(Written::Path)
        }
    };
    bar.finish();
    match result.map_err(fail)? {
        Written::Bytes(bytes) => emit_bytes(&bytes),
        Written::Path(path) => emit(&format!(
            "{}\n",
            dataset::text::printable(&path.display().to_string())
        )),
    }
}

/// What an export made: bytes for standard output, or the file written.
enum Written {
    Bytes(Vec<u8>),
    Path(PathBuf),
}
