//! What an export is asked for, as the library takes it: [`Options`], the size of a picture
//! ([`PictureSize`]), the days an animation frame stands for ([`Step`]) and a flag that stops
//! an animation between frames ([`Cancel`]). The command line's `ExportArgs` becomes these
//! (`super::args`); the map builds them from what it shows.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;

use crate::view::MapView;

/// How to export.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Where to write; `None` for [`super::default_file_name`] in the current directory. An
    /// existing directory gets the default file name inside it.
    pub out: Option<PathBuf>,
    /// Pixels for svg/png/gif/apng (the height follows: 16:9, or 3:2 under 1200 px), columns
    /// for txt (default 160).
    pub width: Option<u32>,
    /// Rows for txt (default 50); a picture's height is given by [`Options::size`].
    pub height: Option<u32>,
    /// svg, png, gif, apng: width and height in pixels (instead of `width`).
    pub size: Option<PictureSize>,
    /// Replace an existing file.
    pub force: bool,
    /// The part of the map to show (svg, png, gif, apng, txt); `None` for the whole map area.
    pub view: Option<MapView>,
    /// svg, png: compare with this earlier day (rings, hatching, the changes in the legend).
    pub compare: Option<NaiveDate>,
    /// gif, apng: the first day (default: the dataset's first); the date given is the last.
    pub from: Option<NaiveDate>,
    /// gif, apng: what one frame stands for (default: [`Step::default_for`]).
    pub step: Option<Step>,
    /// geojson: add the day's territory as MultiPolygons.
    pub areas: bool,
    /// gif, apng: stop between frames once this is set (nothing is written).
    pub cancel: Option<Cancel>,
}

/// A picture's size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PictureSize {
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
}

/// The named sizes `--size` takes: a social card, a 1080p slide, A4 landscape at 300 dpi.
pub(crate) const SIZE_PRESETS: [(&str, PictureSize); 3] = [
    (
        "social",
        PictureSize {
            width: 1200,
            height: 675,
        },
    ),
    (
        "slide",
        PictureSize {
            width: 1920,
            height: 1080,
        },
    ),
    (
        "print",
        PictureSize {
            width: 3508,
            height: 2480,
        },
    ),
];

impl std::str::FromStr for PictureSize {
    type Err = String;

    /// `social` (1200x675), `slide` (1920x1080), `print` (3508x2480), or `WIDTHxHEIGHT`.
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim().to_ascii_lowercase();
        if let Some((_, size)) = SIZE_PRESETS.iter().find(|(name, _)| *name == t) {
            return Ok(*size);
        }
        let parsed = t.split_once('x').and_then(|(w, h)| {
            Some(PictureSize {
                width: w.trim().parse().ok()?,
                height: h.trim().parse().ok()?,
            })
        });
        parsed.ok_or_else(|| {
            let names: Vec<&str> = SIZE_PRESETS.iter().map(|p| p.0).collect();
            format!(
                "`{}` is not a size: give {} or WIDTHxHEIGHT in pixels (1600x900)",
                crate::dataset::text::printable(s),
                names.join(", ")
            )
        })
    }
}

/// What one frame of an animation stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A day.
    Day,
    /// A week, Monday to Sunday, as the map's timeline counts them.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
    /// This many days (at least one).
    Days(u32),
}

impl std::str::FromStr for Step {
    type Err = String;

    /// `day`, `week`, `month`, `year` or a number of days.
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "day" | "days" | "daily" => Ok(Step::Day),
            "week" | "weeks" | "weekly" => Ok(Step::Week),
            "month" | "months" | "monthly" => Ok(Step::Month),
            "year" | "years" | "yearly" => Ok(Step::Year),
            n => n.parse().map(Step::Days).map_err(|_| {
                format!(
                    "`{}` is not a step: give day, week, month, year or a number of days",
                    crate::dataset::text::printable(s)
                )
            }),
        }
    }
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Step::Day => f.write_str("day"),
            Step::Week => f.write_str("week"),
            Step::Month => f.write_str("month"),
            Step::Year => f.write_str("year"),
            Step::Days(n) => write!(f, "{n}"),
        }
    }
}

impl Step {
    /// The step of one slot of the map's timeline in `unit` ([`crate::screen::timescale`]):
    /// a frame a week when the timeline shows weeks.
    pub(crate) fn of_unit(unit: crate::screen::timescale::Unit) -> Step {
        use crate::screen::timescale::Unit;
        match unit {
            Unit::Auto | Unit::Day => Step::Day,
            Unit::Week => Step::Week,
            Unit::Month => Step::Month,
            Unit::Year => Step::Year,
        }
    }

    /// The default step from `from` to `to`: the unit the map's timeline shows by itself in a
    /// terminal as wide as the text export's default (160 columns): days when they fit, else
    /// weeks, months or years.
    pub(crate) fn default_for(from: NaiveDate, to: NaiveDate) -> Step {
        use crate::screen::timescale::{Periods, Unit};
        let width = super::DEFAULT_TEXT_SIZE.0;
        Step::of_unit(Periods::new(Unit::Auto, from, to, width).unit)
    }

    /// The days of each frame, `(first, last)`, from `from` to `to`: a frame shows the end of
    /// its last day. Weeks, months and years are the timeline's (the first and last frames
    /// may hold fewer days); `Days(n)` groups `n` days from `from`.
    pub(crate) fn frames(self, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
        use crate::screen::timescale::{Periods, Unit};
        let unit = match self {
            Step::Day => return super::animation::frame_days(from, to, 1),
            Step::Days(n) => return super::animation::frame_days(from, to, n),
            Step::Week => Unit::Week,
            Step::Month => Unit::Month,
            Step::Year => Unit::Year,
        };
        if from > to {
            return Vec::new();
        }
        let p = Periods::new(unit, from, to, 0);
        (0..p.count())
            .map(|i| (p.start_of(i), p.end_of(i)))
            .collect()
    }

    /// What a frame stands for, in words: `a day`, `a week`, `3 days`.
    pub(crate) fn words(self) -> String {
        match self {
            Step::Days(1) | Step::Day => "a day".to_string(),
            Step::Days(n) => format!("{n} days"),
            other => format!("a {other}"),
        }
    }
}

/// A flag that stops an animation between frames: set it from another thread (the map, when
/// `Esc` is pressed) and the export returns [`super::ExportError::Cancelled`], writing nothing
/// and leaving no temporary file. Clones share the flag.
#[derive(Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A flag not set.
    pub(crate) fn new() -> Cancel {
        Cancel::default()
    }

    /// Ask the export to stop.
    pub(crate) fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// True once [`Cancel::cancel`] was called on this flag or a clone of it.
    pub(crate) fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

impl PartialEq for Cancel {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Cancel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Cancel({})", self.is_cancelled())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, d).unwrap()
    }

    #[test]
    fn steps_and_sizes_parse() {
        assert_eq!("week".parse::<Step>(), Ok(Step::Week));
        assert_eq!("3".parse::<Step>(), Ok(Step::Days(3)));
        assert!("fortnight".parse::<Step>().is_err());
        assert_eq!(
            "social".parse::<PictureSize>(),
            Ok(PictureSize {
                width: 1200,
                height: 675
            })
        );
        assert_eq!(
            "1600x900".parse::<PictureSize>(),
            Ok(PictureSize {
                width: 1600,
                height: 900
            })
        );
        assert!("big".parse::<PictureSize>().is_err());
    }

    #[test]
    fn weeks_and_months_are_the_timeline_s() {
        let weeks = Step::Week.frames(day(11, 25), day(12, 7));
        assert_eq!(
            weeks,
            vec![(day(11, 25), day(12, 1)), (day(12, 2), day(12, 7)),]
        );
        let months = Step::Month.frames(day(1, 15), day(3, 2));
        assert_eq!(months.len(), 3);
        assert_eq!(months[1], (day(2, 1), day(2, 29)));
        assert_eq!(Step::Days(5).frames(day(12, 1), day(12, 7)).len(), 2);
        assert_eq!(Step::default_for(day(11, 25), day(12, 7)), Step::Day);
        let long = day(1, 1) + chrono::Days::new(686);
        assert_ne!(Step::default_for(day(1, 1), long), Step::Day);
    }

    #[test]
    fn a_cancel_flag_is_shared_by_its_clones() {
        let c = Cancel::new();
        let d = c.clone();
        assert!(!d.is_cancelled());
        c.cancel();
        assert!(d.is_cancelled() && c == d && c != Cancel::new());
    }
}
