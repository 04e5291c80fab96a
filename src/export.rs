//! Export: one day of the map as a picture (SVG, PNG; optionally compared with an earlier
//! day), as open data (GeoJSON, JSON, CSV) or as text (the terminal screen, a Markdown
//! report); or a range of days as an animation (GIF, APNG).
//!
//! Every format is a view of the same model the terminal draws: the picture uses the
//! projection, palette, glyphs, label placement and territory approximation of
//! [`crate::view`] and [`crate::geo`]; an animation's frames are that picture, day by day; the
//! text export *is* the terminal renderer, run on a `TestBackend`; the data formats come from
//! [`crate::snapshot::rows`].
//!
//! Writing is atomic: the bytes go to a temporary file in the destination directory, which is
//! then renamed into place (refusing to replace an existing file unless forced), so a failed
//! export leaves nothing behind and a reader never sees half a file. Nothing here touches the
//! terminal.

pub mod animation;
mod args;
mod font;
pub mod geojson;
mod markdown;
mod options;
mod png;
mod request;
pub mod svg;
mod text;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::dataset::Dataset;
use crate::dataset::text::shown;
use crate::exit::Kind;
use crate::loaded::Share;
use crate::report;

pub use crate::format::Format;
pub use crate::view::MapView;
pub(crate) use args::ExportArgs;
pub(crate) use options::Cancel;
pub use options::Options;
pub use options::PictureSize;
pub use options::Step;
pub(crate) use request::default_height;
pub use svg::Layout;

/// Called as `progress(done, total)` while a long export (an animation) makes progress.
pub(crate) type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// Default width of a picture, in pixels.
pub(crate) const DEFAULT_PICTURE_WIDTH: u32 = 1600;
/// Pictures narrower than this cannot hold the legend.
pub const MIN_PICTURE_WIDTH: u32 = 400;
/// Pictures wider than this would need hundreds of megabytes to rasterise.
pub(crate) const MAX_PICTURE_WIDTH: u32 = 6000;
/// Default size of the text export: columns and rows of the emulated terminal.
pub(crate) const DEFAULT_TEXT_SIZE: (u16, u16) = (160, 50);
/// Largest text export, in columns or rows.
pub(crate) const MAX_TEXT_SIZE: u16 = 1000;

/// Why an export failed. Every message names the path or the value at fault.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The date is not within the dataset.
    #[error("{date} is outside the dataset ({start} to {end})")]
    OutOfRange {
        /// The date asked for.
        date: NaiveDate,
        /// The dataset's first day.
        start: NaiveDate,
        /// The dataset's last day.
        end: NaiveDate,
    },
    /// A width or height out of range for the format.
    #[error("{what} for {format}")]
    BadSize {
        /// The format's extension.
        format: &'static str,
        /// What is wrong, with the valid range.
        what: String,
    },
    /// An option that does not apply to the format, or a range of days that makes no sense.
    #[error("{what}")]
    BadRequest {
        /// What is wrong, naming the values.
        what: String,
    },
    /// The file exists and `force` was not given.
    #[error("{} already exists; not overwriting it", shown(.path))]
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// Something other than a regular file is there (a link, a device, a FIFO): never
    /// replaced, even when forced.
    #[error("{} is {what}, not a regular file: frontline never replaces one, even when forced", shown(.path))]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What is there, in words ("a symbolic link").
        what: &'static str,
    },
    /// The file could not be written.
    #[error("cannot write {}: {reason}", shown(.path))]
    Write {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        reason: String,
    },
    /// The export was cancelled ([`Cancel`]) before it was written: nothing was.
    #[error("cancelled: nothing was written")]
    Cancelled,
    /// Rendering failed (a bug: the exporter made something its own renderer refuses).
    #[error("cannot render the {format} export: {reason}")]
    Render {
        /// The format's extension.
        format: &'static str,
        /// What went wrong.
        reason: String,
    },
}

impl ExportError {
    /// What kind of failure this is (the CLI turns it into an exit code).
    pub fn kind(&self) -> Kind {
        match self {
            ExportError::OutOfRange { .. }
            | ExportError::BadSize { .. }
            | ExportError::BadRequest { .. }
            | ExportError::Cancelled => Kind::Usage,
            ExportError::Exists { .. }
            | ExportError::NotAFile { .. }
            | ExportError::Write { .. } => Kind::CantCreate,
            ExportError::Render { .. } => Kind::Internal,
        }
    }
}

/// Export one day (or, for gif and apng, the days from `options.from` to `date`) and write
/// it; returns the path written.
///
/// # Errors
/// [`ExportError`]: the date or size is out of range, an option does not fit the format, the
/// file exists (without `force`), or the file cannot be written. Nothing is left behind on
/// failure.
pub fn export(
    shared: &impl Share,
    date: NaiveDate,
    format: Format,
    options: &Options,
) -> Result<PathBuf, ExportError> {
    export_with_progress(shared, date, format, options, &mut |_, _| {})
}

/// [`export`], calling `progress` as frames of an animation are done.
///
/// # Errors
/// As [`export`].
pub(crate) fn export_with_progress(
    shared: &impl Share,
    date: NaiveDate,
    format: Format,
    options: &Options,
    progress: Progress<'_>,
) -> Result<PathBuf, ExportError> {
    let loaded = shared.loaded();
    let path = destination_for(&loaded.dataset, date, format, options);
    // A bad argument is reported before a file that exists; and both before rendering (a
    // large PNG takes a while) when the answer is known already.
    request::check(&loaded.dataset, date, format, options)?;
    check_destination(&path, options.force)?;
    write_checked(&path, options.force, options.cancel.as_ref(), &mut |out| {
        write_to(shared, date, format, options, progress, out)
    })?;
    Ok(path)
}

/// Formats written as they are made, a row or a feature at a time, so that their memory does
/// not grow with the dataset; pictures, text and animations are made whole, then written.
fn streams(format: Format) -> bool {
    matches!(format, Format::Geojson | Format::Json | Format::Csv)
}

/// Why writing an export stopped: the export itself, or the writer beneath it.
pub enum Stop {
    /// The export failed ([`ExportError`]).
    Export(ExportError),
    /// Writing failed.
    Io(std::io::Error),
}

/// Write the export of `date` to `out`: the streamed formats (GeoJSON, JSON, CSV) as they are
/// made, the others once made.
///
/// # Errors
/// [`Stop::Io`] if `out` fails, [`Stop::Export`] if the export does (a bad request first,
/// before anything is written).
pub fn write_to(
    shared: &impl Share,
    date: NaiveDate,
    format: Format,
    options: &Options,
    progress: Progress<'_>,
    out: &mut dyn std::io::Write,
) -> Result<(), Stop> {
    let loaded = shared.loaded();
    request::check(&loaded.dataset, date, format, options).map_err(Stop::Export)?;
    if !streams(format) {
        let bytes =
            render_with_progress(shared, date, format, options, progress).map_err(Stop::Export)?;
        return out.write_all(&bytes).map_err(Stop::Io);
    }
    let mut sink = Sink::new(out);
    let made = match format {
        Format::Geojson => {
            geojson::write(loaded, date, options.areas, &mut sink).map_err(|e| e.to_string())
        }
        Format::Json => {
            report::write_state_json(loaded, date, &mut sink).map_err(|e| e.to_string())
        }
        _ => report::write_state_csv(loaded, date, &mut sink).map_err(|e| e.to_string()),
    };
    if let Some(e) = sink.failed {
        return Err(Stop::Io(e));
    }
    made.map_err(|reason| {
        Stop::Export(ExportError::Render {
            format: format.extension(),
            reason,
        })
    })
}

/// A writer that remembers the first failure of the one beneath it, so that a streamed
/// export's I/O error is told from a rendering one (serde_json and csv wrap both alike).
pub(crate) struct Sink<'a> {
    inner: &'a mut dyn std::io::Write,
    failed: Option<std::io::Error>,
}

impl<'a> Sink<'a> {
    /// Writing to `inner`.
    pub(crate) fn new(inner: &'a mut dyn std::io::Write) -> Self {
        Sink {
            inner,
            failed: None,
        }
    }

    /// The first failure of the writer beneath, if it failed.
    pub(crate) fn failed(&self) -> Option<&std::io::Error> {
        self.failed.as_ref()
    }

    fn note<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &r
            && e.kind() != std::io::ErrorKind::Interrupted
            && self.failed.is_none()
        {
            self.failed = Some(std::io::Error::new(e.kind(), e.to_string()));
        }
        r
    }
}

impl std::io::Write for Sink<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.note(r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.note(r)
    }
}

/// The bytes of an export, without writing anything (`options.out` and `force` are ignored).
///
/// # Errors
/// [`ExportError::OutOfRange`], [`ExportError::BadSize`], [`ExportError::BadRequest`], or
/// [`ExportError::Render`].
pub fn render(
    shared: &impl Share,
    date: NaiveDate,
    format: Format,
    options: &Options,
) -> Result<Vec<u8>, ExportError> {
    render_with_progress(shared, date, format, options, &mut |_, _| {})
}

/// [`render`], calling `progress` as frames of an animation are done.
///
/// # Errors
/// As [`render`].
pub(crate) fn render_with_progress(
    shared: &impl Share,
    date: NaiveDate,
    format: Format,
    options: &Options,
    progress: Progress<'_>,
) -> Result<Vec<u8>, ExportError> {
    let loaded = shared.loaded();
    let ds = &loaded.dataset;
    request::check(ds, date, format, options)?;
    let story = svg::Story {
        compare: options.compare,
        frame: None,
    };
    Ok(match format {
        Format::Svg => {
            let layout = request::picture_layout(ds, date, format, options)?;
            svg::picture(loaded, date, &layout, &story).svg.into_bytes()
        }
        Format::Png => {
            let layout = request::picture_layout(ds, date, format, options)?;
            png::render(&svg::picture(loaded, date, &layout, &story).svg, &layout)?
        }
        Format::Gif | Format::Apng => {
            let layout = request::picture_layout(ds, date, format, options)?;
            let from = options.from.unwrap_or(ds.start);
            let step = options
                .step
                .unwrap_or_else(|| Step::default_for(from, date));
            let frames = step.frames(from, date);
            let cancelled = || options.cancel.as_ref().is_some_and(Cancel::is_cancelled);
            animation::render(loaded, format, &frames, &layout, progress, &cancelled)?
        }
        Format::Geojson | Format::Json | Format::Csv => {
            let mut out = Vec::new();
            match write_to(shared, date, format, options, progress, &mut out) {
                Ok(()) => out,
                Err(Stop::Export(e)) => return Err(e),
                // Writing to memory does not fail.
                Err(Stop::Io(e)) => {
                    return Err(ExportError::Render {
                        format: format.extension(),
                        reason: e.to_string(),
                    });
                }
            }
        }
        Format::Txt => {
            text::document(&shared.share(), date, text_size(options)?, options.view).into_bytes()
        }
        Format::Md => markdown::document(loaded, date).into_bytes(),
    })
}

fn text_size(options: &Options) -> Result<(u16, u16), ExportError> {
    let (min_w, min_h) = crate::screen::layout::MIN_SIZE;
    let w = options.width.unwrap_or(u32::from(DEFAULT_TEXT_SIZE.0));
    let h = options.height.unwrap_or(u32::from(DEFAULT_TEXT_SIZE.1));
    let max = u32::from(MAX_TEXT_SIZE);
    for (name, v, min) in [("width", w, min_w), ("height", h, min_h)] {
        if v < u32::from(min) || v > max {
            return Err(ExportError::BadSize {
                format: "txt",
                what: format!("{name} {v} is outside {min}..={max} characters"),
            });
        }
    }
    // Both were just checked to be at most MAX_TEXT_SIZE, which fits u16.
    Ok((w as u16, h as u16))
}

/// The dataset's file name without its directories, for credits in published files: a picture
/// should not carry the path of someone's home directory.
pub(crate) fn dataset_file_name(ds: &Dataset) -> String {
    Path::new(&ds.origin)
        .file_name()
        .map_or_else(|| ds.origin.clone(), |n| n.to_string_lossy().into_owned())
}

/// `{dataset id}_{date}.{ext}`, with anything but `A-Z a-z 0-9 - _ .` in the id replaced by `_`
/// (and no leading dot), so a dataset cannot name a path: `syria-2024_2024-12-07.png`.
pub(crate) fn default_file_name(ds: &Dataset, date: NaiveDate, format: Format) -> String {
    format!("{}_{date}.{}", safe_id(ds), format.extension())
}

/// The default name of an export with these options: [`default_file_name`], or for an
/// animation or a comparison both its days, `syria-2024_2024-11-25_to_2024-12-07.gif`.
pub(crate) fn file_name_for(
    ds: &Dataset,
    date: NaiveDate,
    format: Format,
    options: &Options,
) -> String {
    let first = if format.is_animation() {
        Some(options.from.unwrap_or(ds.start))
    } else {
        options.compare.filter(|_| format.is_picture())
    };
    match first {
        Some(first) => format!("{}_{first}_to_{date}.{}", safe_id(ds), format.extension()),
        None => default_file_name(ds, date, format),
    }
}

/// The dataset id as a file name's first part.
fn safe_id(ds: &Dataset) -> String {
    let id: String = ds
        .id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let id = id.trim_start_matches('.');
    if id.is_empty() {
        "frontline".to_string()
    } else {
        id.to_string()
    }
}

/// [`destination`] for an export with these options (an animation or a comparison is named
/// after both its days).
pub(crate) fn destination_for(
    ds: &Dataset,
    date: NaiveDate,
    format: Format,
    options: &Options,
) -> PathBuf {
    place_name(
        file_name_for(ds, date, format, options),
        options.out.as_deref(),
    )
}

fn place_name(name: String, out: Option<&Path>) -> PathBuf {
    // `-o reports/` means a directory even before it exists (then the write says it is missing).
    let names_dir = |p: &Path| {
        p.is_dir()
            || p.as_os_str()
                .to_string_lossy()
                .ends_with(std::path::is_separator)
    };
    match out {
        Some(p) if names_dir(p) => p.join(name),
        Some(p) => p.to_path_buf(),
        None => PathBuf::from(name),
    }
}

/// The directory `path` goes in, if it exists and `path` may be written (it does not exist, or
/// it is a regular file and `force`). Checked again by the rename itself: this only fails
/// early with a clear message. A link, a device or a FIFO is never replaced: run as root,
/// `--force -o /dev/stdout` would otherwise replace a device node with a file.
fn check_destination(path: &Path, force: bool) -> Result<&Path, ExportError> {
    if let Ok(meta) = path.symlink_metadata() {
        if !meta.is_file() {
            return Err(ExportError::NotAFile {
                path: path.to_path_buf(),
                what: crate::dataset::files::file_type_name(&meta.file_type()),
            });
        }
        if !force {
            return Err(ExportError::Exists {
                path: path.to_path_buf(),
            });
        }
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(ExportError::Write {
            path: path.to_path_buf(),
            reason: format!("the directory {} does not exist", shown(dir)),
        });
    }
    Ok(dir)
}

/// The system's words for an I/O error, without tempfile's note of the temporary file's name
/// (`… at path "/dir/.frontline-x.tmp"`): that file no longer exists when the message is read,
/// and tempfile keeps the original error private, so the note is cut from the text.
fn os_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" at path \"") {
        Some(i) if e.get_ref().is_some() => text[..i].to_string(),
        _ => text,
    }
}

/// Set this to make [`write_atomic`] stop for a minute halfway through writing its temporary
/// file (tests kill an export mid-write).
#[doc(hidden)]
pub const PAUSE_ENV: &str = "FRONTLINE_TEST_PAUSE_WRITE";

/// A temporary file a fatal signal would remove, forgotten when this is dropped.
struct Registered(PathBuf);

impl Drop for Registered {
    fn drop(&mut self) {
        crate::signals::with_cleanup(|c| c.forget_temp_file(&self.0));
    }
}

/// Write `bytes` to `path` atomically: a temporary file in the same directory, renamed into
/// place. Without `force` an existing file is never replaced. The file gets the usual
/// permissions (0644 less the umask). On any failure the temporary file is removed, and so it
/// is on a fatal signal once [`crate::signals::install`] has run.
///
/// # Errors
/// [`ExportError::Exists`] or [`ExportError::Write`] naming `path` and the system's reason.
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<(), ExportError> {
    write_checked(path, force, None, &mut |out| {
        out.write_all(bytes).map_err(Stop::Io)
    })
}

/// Write what `body` writes to `path` atomically, as [`write_atomic`] does, through a buffer;
/// giving up before the file is renamed into place if `cancel` is set by then: the temporary
/// file is removed and [`ExportError::Cancelled`] returned.
fn write_checked(
    path: &Path,
    force: bool,
    cancel: Option<&Cancel>,
    body: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), Stop>,
) -> Result<(), ExportError> {
    let fail = |e: std::io::Error| ExportError::Write {
        path: path.to_path_buf(),
        reason: os_reason(&e),
    };
    let stopped = |stop: Stop| match stop {
        Stop::Export(e) => e,
        Stop::Io(e) => fail(e),
    };
    let dir = check_destination(path, force)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".frontline-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The mode goes to open(2), so the umask applies as for any new file.
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    // Created and registered in one step, so a fatal signal either finds it or finds nothing
    // (see `crate::signals`); the guard forgets it however this function ends.
    let mut tmp = crate::signals::with_cleanup(|c| {
        let tmp = builder.tempfile_in(dir)?;
        c.add_temp_file(tmp.path().to_path_buf());
        Ok(tmp)
    })
    .map_err(fail)?;
    let _registered = Registered(tmp.path().to_path_buf());
    if std::env::var_os(PAUSE_ENV).is_some() {
        // The test seam: half the bytes on disk, then a minute's pause.
        let mut bytes = Vec::new();
        body(&mut bytes).map_err(stopped)?;
        let (first, rest) = bytes.split_at(bytes.len() / 2);
        tmp.write_all(first).map_err(fail)?;
        let _ = tmp.as_file().sync_all();
        std::thread::sleep(std::time::Duration::from_secs(60));
        tmp.write_all(rest).map_err(fail)?;
    } else {
        let mut out = std::io::BufWriter::new(&mut tmp);
        body(&mut out).map_err(stopped)?;
        out.flush().map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    if cancel.is_some_and(Cancel::is_cancelled) {
        // Dropping the temporary file deletes it.
        return Err(ExportError::Cancelled);
    }
    // On error the PersistError hands the temporary file back; dropping it deletes it.
    let persisted = if force {
        tmp.persist(path).map(drop)
    } else {
        tmp.persist_noclobber(path).map(drop)
    };
    persisted.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            ExportError::Exists {
                path: path.to_path_buf(),
            }
        } else {
            fail(e.error)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        let mut ds = crate::loaded::builtin().unwrap().dataset;
        let d = NaiveDate::from_ymd_opt(2024, 12, 7).unwrap();
        assert_eq!(
            default_file_name(&ds, d, Format::Png),
            "syria-2024_2024-12-07.png"
        );
        ds.id = "../../etc/pass wd".into();
        assert_eq!(
            default_file_name(&ds, d, Format::Md),
            "_.._etc_pass_wd_2024-12-07.md"
        );
        ds.id = "..".into();
        assert_eq!(
            default_file_name(&ds, d, Format::Txt),
            "frontline_2024-12-07.txt"
        );
    }
}
