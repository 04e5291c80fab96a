//! What an export may ask for: dates inside the dataset, options the format takes, a range of
//! days that makes sense, a width in range; and the picture's layout for it.

use chrono::NaiveDate;

use super::svg::{self, Layout};
use super::{
    DEFAULT_PICTURE_WIDTH, ExportError, MAX_PICTURE_WIDTH, MIN_PICTURE_WIDTH, Options, animation,
};
use crate::dataset::Dataset;
use crate::format::Format;

/// Refuse dates outside the dataset, options the format does not take, and ranges that make
/// no sense, naming the values.
pub(super) fn check(
    ds: &Dataset,
    date: NaiveDate,
    format: Format,
    options: &Options,
) -> Result<(), ExportError> {
    let out_of_range = |date: NaiveDate| ExportError::OutOfRange {
        date,
        start: ds.start,
        end: ds.end,
    };
    for d in [Some(date), options.compare, options.from]
        .into_iter()
        .flatten()
    {
        if d < ds.start || d > ds.end {
            return Err(out_of_range(d));
        }
    }
    let bad = |what: String| Err(ExportError::BadRequest { what });
    let ext = format.extension();
    if options.compare.is_some() && !format.is_picture() {
        return bad(format!(
            "a comparison (--compare) is drawn as svg or png, not {ext}"
        ));
    }
    if let Some(c) = options.compare.filter(|c| *c > date) {
        return bad(format!(
            "--compare {c} is after {date}: the picture shows {date} and what changed since the earlier day"
        ));
    }
    if !format.is_animation() && (options.from.is_some() || options.step.is_some()) {
        return bad(format!(
            "a range of days (--from, --step) is for gif and apng, not {ext}"
        ));
    }
    if format.is_animation() {
        let from = options.from.unwrap_or(ds.start);
        let step = options.step.unwrap_or(1);
        if from > date {
            return bad(format!("--from {from} is after --to {date}"));
        }
        if step == 0 {
            return bad("--step 0: a frame stands for at least one day".to_string());
        }
        let n = animation::frame_days(from, date, step).len();
        if n > animation::MAX_FRAMES {
            let days = (date - from).num_days() + 1;
            let need = (days as usize).div_ceil(animation::MAX_FRAMES);
            return bad(format!(
                "{from} to {date} in steps of {step} day(s) is {n} frames, more than {}; use --step {need} or a shorter range",
                animation::MAX_FRAMES
            ));
        }
    }
    Ok(())
}

/// The picture's layout, with room for its subtitle; refuses widths out of range.
pub(super) fn picture_layout(
    ds: &Dataset,
    date: NaiveDate,
    format: Format,
    options: &Options,
) -> Result<Layout, ExportError> {
    let (default, max, name) = if format.is_animation() {
        (animation::DEFAULT_WIDTH, animation::MAX_WIDTH, "gif/apng")
    } else {
        (DEFAULT_PICTURE_WIDTH, MAX_PICTURE_WIDTH, "svg/png")
    };
    let width = options.width.unwrap_or(default);
    if !(MIN_PICTURE_WIDTH..=max).contains(&width) {
        return Err(ExportError::BadSize {
            format: name,
            what: format!("width {width} px is outside {MIN_PICTURE_WIDTH}..={max}"),
        });
    }
    Ok(match options.compare {
        Some(from) => {
            let story = svg::Story {
                compare: Some(from),
                frame: None,
            };
            Layout::with_subtitle(ds, width, options.view, &svg::subtitle(date, &story))
        }
        None => Layout::new(ds, width, options.view),
    })
}
