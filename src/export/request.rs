//! What an export may ask for, checked in one place for the command line ([`super::args`]) and
//! the library ([`super::Options`] made by the map): which option fits which format, dates
//! inside the dataset, a range of days that makes sense, a size in range; and the picture's
//! layout for it.

use chrono::NaiveDate;

use super::options::{Options, PictureSize, Step};
use super::svg::{self, Layout};
use super::{DEFAULT_PICTURE_WIDTH, ExportError, MAX_PICTURE_WIDTH, MIN_PICTURE_WIDTH, animation};
use crate::dataset::Dataset;
use crate::format::Format;

/// Which options an export was given, by the names the fit check knows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Given {
    /// `--width`.
    pub width: bool,
    /// `--height`.
    pub height: bool,
    /// `--size`.
    pub size: bool,
    /// `--compare`.
    pub compare: bool,
    /// `--from`, `--to` or `--step`.
    pub range: bool,
    /// `--areas`.
    pub areas: bool,
}

impl Given {
    /// The options a library [`Options`] carries.
    fn of(options: &Options) -> Given {
        Given {
            width: options.width.is_some(),
            height: options.height.is_some(),
            size: options.size.is_some(),
            compare: options.compare.is_some(),
            range: options.from.is_some() || options.step.is_some(),
            areas: options.areas,
        }
    }
}

/// One row of the fit table: options, the formats that take them, and a hint.
struct Fit {
    /// The options as the message names them (`--width`; `--from, --to and --step`).
    flags: &'static str,
    /// Whether the option was given.
    given: fn(&Given) -> bool,
    /// Whether a format takes it.
    takes: fn(Format) -> bool,
    /// Those formats, in words.
    formats: &'static str,
    /// Said after the message, on a line of its own (or nothing).
    hint: &'static str,
}

/// Which option fits which format: the one table.
const FITS: [Fit; 6] = [
    Fit {
        flags: "--width",
        given: |g| g.width,
        takes: |f| f.is_picture() || f.is_animation() || f == Format::Txt,
        formats: "svg, png, gif, apng and txt",
        hint: "",
    },
    Fit {
        flags: "--height",
        given: |g| g.height,
        takes: |f| f == Format::Txt,
        formats: "txt",
        hint: "a picture's height follows its width; --size WIDTHxHEIGHT gives both",
    },
    Fit {
        flags: "--size",
        given: |g| g.size,
        takes: |f| f.is_picture() || f.is_animation(),
        formats: "svg, png, gif and apng",
        hint: "",
    },
    Fit {
        flags: "--compare",
        given: |g| g.compare,
        takes: Format::is_picture,
        formats: "svg and png",
        hint: "`frontline diff --from D1 --to D2` compares two days as text, json, csv or md",
    },
    Fit {
        flags: "--from, --to and --step",
        given: |g| g.range,
        takes: Format::is_animation,
        formats: "gif and apng",
        hint: "",
    },
    Fit {
        flags: "--areas",
        given: |g| g.areas,
        takes: |f| f == Format::Geojson,
        formats: "geojson",
        hint: "",
    },
];

/// Refuse an option the format does not take: `--width applies to svg, png, gif, apng and txt
/// only, not json`.
pub(crate) fn fit(format: Format, given: &Given) -> Result<(), ExportError> {
    if given.width && given.size {
        return Err(ExportError::BadRequest {
            what: "give --width or --size, not both (--size sets the width too)".to_string(),
        });
    }
    match FITS.iter().find(|f| (f.given)(given) && !(f.takes)(format)) {
        None => Ok(()),
        Some(f) => {
            let verb = if f.flags.contains(' ') {
                "apply"
            } else {
                "applies"
            };
            let hint = if f.hint.is_empty() {
                String::new()
            } else {
                format!("\n  hint: {}", f.hint)
            };
            Err(ExportError::BadRequest {
                what: format!(
                    "{} {verb} to {} only, not {}{hint}",
                    f.flags,
                    f.formats,
                    format.extension()
                ),
            })
        }
    }
}

/// Refuse a step of no days.
pub(crate) fn check_step(step: Step) -> Result<(), ExportError> {
    if step == Step::Days(0) {
        return Err(ExportError::BadRequest {
            what: "--step 0: a frame stands for at least one day".to_string(),
        });
    }
    Ok(())
}

/// The widest picture of a format, and its name in messages.
fn width_range(format: Format) -> (u32, u32, &'static str) {
    if format.is_animation() {
        (animation::DEFAULT_WIDTH, animation::MAX_WIDTH, "gif/apng")
    } else {
        (DEFAULT_PICTURE_WIDTH, MAX_PICTURE_WIDTH, "svg/png")
    }
}

/// The height of a picture `width` wide when only the width is given: 16:9, or 3:2 under
/// 1200 px and square under 800 px, where the legend beside the map needs the room.
pub(crate) fn default_height(width: u32) -> u32 {
    if width >= 1200 {
        (width * 9).div_ceil(16)
    } else if width >= 800 {
        (width * 2).div_ceil(3)
    } else {
        width
    }
}

/// The lowest height, as a share of the width: below it the legend has no room.
const MIN_HEIGHT_SHARE: f64 = 0.5;

/// Refuse a picture width or size out of range (other formats' widths are checked by them).
pub(crate) fn check_size(
    format: Format,
    width: Option<u32>,
    size: Option<PictureSize>,
) -> Result<(), ExportError> {
    if !(format.is_picture() || format.is_animation()) {
        return Ok(());
    }
    let (_, max, name) = width_range(format);
    let bad = |what: String| ExportError::BadSize { format: name, what };
    let w = size.map(|s| s.width).or(width);
    if let Some(w) = w
        && !(MIN_PICTURE_WIDTH..=max).contains(&w)
    {
        return Err(bad(format!(
            "width {w} px is outside {MIN_PICTURE_WIDTH}..={max}"
        )));
    }
    if let Some(s) = size {
        let low = (f64::from(s.width) * MIN_HEIGHT_SHARE).ceil() as u32;
        if s.height < low || s.height > s.width {
            return Err(bad(format!(
                "--size {}x{}: the picture is landscape, the map beside its legend: the height must be from {low} to {} px (0.5 to 1 times the width)",
                s.width, s.height, s.width
            )));
        }
    }
    Ok(())
}

/// Refuse dates outside the dataset, options the format does not take, and ranges that make
/// no sense, naming the values.
pub(super) fn check(
    ds: &Dataset,
    date: NaiveDate,
    format: Format,
    options: &Options,
) -> Result<(), ExportError> {
    fit(format, &Given::of(options))?;
    check_size(format, options.width, options.size)?;
    for d in [Some(date), options.compare, options.from]
        .into_iter()
        .flatten()
    {
        if d < ds.start || d > ds.end {
            return Err(ExportError::OutOfRange {
                date: d,
                start: ds.start,
                end: ds.end,
            });
        }
    }
    let bad = |what: String| Err(ExportError::BadRequest { what });
    if let Some(c) = options.compare.filter(|c| *c > date) {
        return bad(format!(
            "--compare {c} is after {date}: the picture shows {date} and what changed since the earlier day"
        ));
    }
    if format.is_animation() {
        let from = options.from.unwrap_or(ds.start);
        if from > date {
            return bad(format!("--from {from} is after --to {date}"));
        }
        let step = options
            .step
            .unwrap_or_else(|| Step::default_for(from, date));
        check_step(step)?;
        let n = step.frames(from, date).len();
        if n > animation::MAX_FRAMES {
            let days = (date - from).num_days() + 1;
            let need = (days as usize).div_ceil(animation::MAX_FRAMES);
            return bad(format!(
                "{from} to {date} with a frame for {} is {n} frames, more than {}; use --step {need}, --step week or a shorter range",
                step.words(),
                animation::MAX_FRAMES
            ));
        }
    }
    Ok(())
}

/// The picture's size for these options: `size`, or `width` (default: the format's) with
/// [`default_height`].
pub(crate) fn picture_size(format: Format, options: &Options) -> PictureSize {
    options.size.unwrap_or_else(|| {
        let width = options.width.unwrap_or(width_range(format).0);
        PictureSize {
            width,
            height: default_height(width),
        }
    })
}

/// The picture's layout, with room for its subtitle; refuses sizes out of range.
pub(super) fn picture_layout(
    ds: &Dataset,
    date: NaiveDate,
    format: Format,
    options: &Options,
) -> Result<Layout, ExportError> {
    check_size(format, options.width, options.size)?;
    let size = picture_size(format, options);
    Ok(match options.compare {
        Some(from) => {
            let story = svg::Story {
                compare: Some(from),
                frame: None,
            };
            Layout::sized(ds, size, options.view, &svg::subtitle(date, &story))
        }
        None => Layout::sized(ds, size, options.view, svg::WIDEST_DAY_SUBTITLE),
    })
}
