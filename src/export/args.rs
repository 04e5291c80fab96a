//! `frontline export`'s arguments, declared once: [`ExportArgs`], which clap reads and which
//! becomes a [`Request`] (the day, the format and the library's [`Options`]). Which option fits
//! which format is decided by [`super::request::fit`], the same check the library applies to
//! [`Options`] made elsewhere (the map), with the same messages.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::options::{Options, PictureSize, Step};
use super::request::{self, Given};
use super::{ExportError, Format};
use crate::dataset::Dataset;

/// The options of `frontline export`, as given on the command line.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ExportArgs {
    /// The day, YYYY-MM-DD (every format but gif and apng).
    #[arg(long)]
    pub date: Option<String>,
    /// What to write.
    #[arg(long, value_enum)]
    pub format: Format,
    /// The file to write (default: DATASET_DATE.EXT in the current directory, or
    /// DATASET_FROM_to_TO.EXT for an animation or a comparison; a directory gets that name
    /// inside it; `-` writes to standard output).
    #[arg(short, long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Width: pixels for svg/png (default 1600) and gif/apng (default 800), the height
    /// following (16:9, or 3:2 under 1200 px); columns for txt (default 160).
    #[arg(long, value_name = "N")]
    pub width: Option<u32>,
    /// Rows for txt (default 50).
    #[arg(long, value_name = "N")]
    pub height: Option<u32>,
    /// svg, png, gif, apng: the picture's size: social (1200x675), slide (1920x1080), print
    /// (3508x2480, A4 landscape at 300 dpi) or WIDTHxHEIGHT in pixels.
    #[arg(long, value_name = "SIZE")]
    pub size: Option<PictureSize>,
    /// svg, png: compare with this earlier day: places whose state changed since are
    /// ringed, land that reads in another colour is hatched.
    #[arg(long, value_name = "D")]
    pub compare: Option<String>,
    /// gif, apng: the first day (default: the dataset's first).
    #[arg(long, value_name = "D")]
    pub from: Option<String>,
    /// gif, apng: the last day (default: the dataset's last).
    #[arg(long, value_name = "D")]
    pub to: Option<String>,
    /// gif, apng: what a frame stands for: day, week, month, year or a number of days
    /// (default: the unit the map's timeline shows, days when they fit).
    #[arg(long, value_name = "STEP")]
    pub step: Option<Step>,
    /// geojson: add the day's territory as MultiPolygons, one feature per holder and
    /// status (the dataset's areas and the approximation), and the land with no reports.
    #[arg(long)]
    pub areas: bool,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// An export to do: the day (an animation's last), the format and the options.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Request {
    /// The day shown; for an animation the last day.
    pub date: NaiveDate,
    /// What to write.
    pub format: Format,
    /// How.
    pub options: Options,
    /// `-o -`: the bytes go to standard output, nothing is written to disk.
    pub to_stdout: bool,
}

impl ExportArgs {
    /// The options given, as the fit check names them.
    fn given(&self) -> Given {
        Given {
            width: self.width.is_some(),
            height: self.height.is_some(),
            size: self.size.is_some(),
            compare: self.compare.is_some(),
            range: self.from.is_some() || self.to.is_some() || self.step.is_some(),
            areas: self.areas,
        }
    }

    /// Everything that can be checked without the dataset: which options fit the format,
    /// `--date` against an animation, the size and the step. Run before the dataset is read,
    /// so that a bad argument is reported before a missing file.
    ///
    /// # Errors
    /// [`ExportError::BadRequest`] or [`ExportError::BadSize`], naming the option and value.
    pub(crate) fn check(&self) -> Result<(), ExportError> {
        let ext = self.format.extension();
        if self.format.is_animation() && self.date.is_some() {
            return Err(ExportError::BadRequest {
                what: format!(
                    "an animation ({ext}) shows a range of days: give --from and --to, not --date"
                ),
            });
        }
        request::fit(self.format, &self.given())?;
        if let Some(step) = self.step {
            request::check_step(step)?;
        }
        request::check_size(self.format, self.width, self.size)
    }

    /// The request these arguments make of the dataset `ds`: the days parsed and checked to be
    /// within it, and everything [`ExportArgs::check`] checks.
    ///
    /// # Errors
    /// As [`ExportArgs::check`]; a date that is malformed or outside the dataset; `--date`
    /// missing for a single day's format.
    pub(crate) fn request(&self, ds: &Dataset) -> Result<Request, ExportError> {
        self.check()?;
        let day = |raw: &Option<String>, flag: &str| {
            raw.as_deref()
                .map(|d| ds.parse_day(d, flag))
                .transpose()
                .map_err(|what| ExportError::BadRequest { what })
        };
        let ext = self.format.extension();
        let date = if self.format.is_animation() {
            day(&self.to, "--to")?.unwrap_or(ds.end)
        } else {
            day(&self.date, "--date")?.ok_or_else(|| ExportError::BadRequest {
                what: format!(
                    "--date is required for {ext}\n  hint: write --date YYYY-MM-DD, from {} to {}",
                    ds.start, ds.end
                ),
            })?
        };
        let to_stdout = self.out.as_deref() == Some(Path::new("-"));
        let options = Options {
            out: self.out.clone().filter(|_| !to_stdout),
            width: self.width,
            height: self.height,
            size: self.size,
            force: self.force,
            view: None,
            compare: day(&self.compare, "--compare")?,
            from: day(&self.from, "--from")?,
            step: self.step,
            areas: self.areas,
            cancel: None,
        };
        request::check(ds, date, self.format, &options)?;
        Ok(Request {
            date,
            format: self.format,
            options,
            to_stdout,
        })
    }
}
