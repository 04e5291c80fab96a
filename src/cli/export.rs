//! `frontline export`: the arguments checked before the dataset is read, the request made of
//! it, a progress bar for animations, and the path printed on success.

use std::path::PathBuf;

use super::{Failure, emit};
use crate::dataset;
use crate::export::{self, ExportArgs, ExportError, Step, animation};

/// An export's failure as the command line reports it (with a hint for a file that exists).
fn failure(e: &ExportError) -> Failure {
    let hint = match e {
        ExportError::Exists { .. } => "\n  hint: add --force to replace it",
        _ => "",
    };
    Failure {
        kind: e.kind(),
        message: format!("error: {e}{hint}"),
    }
}

/// Check the arguments, load the dataset, export, print the path. Arguments that are wrong
/// whatever the dataset are refused before it is read.
pub(crate) fn run(data: Option<PathBuf>, args: &ExportArgs) -> Result<(), Failure> {
    args.check().map_err(|e| failure(&e))?;
    // Shared, so that the `txt` export's map keeps it without a copy.
    let loaded = std::sync::Arc::new(super::load(data)?);
    let request = args.request(&loaded.dataset).map_err(|e| failure(&e))?;
    let (date, format, options) = (request.date, request.format, &request.options);
    if format.is_animation() {
        warn_long(&loaded.dataset, date, options);
    }
    let mut bar = super::progress::Bar::new(format.extension());
    // A picture or a file made in one piece has nothing to count: a spinner says it works.
    let spinner = (!format.is_animation())
        .then(|| super::progress::Spinner::start(format!("writing the {}", format.extension())));
    let mut progress = |done: usize, total: usize| bar.update(done, total);
    if request.to_stdout {
        // `-o -`: the bytes to standard output as they are made, nothing written to disk. A
        // failure of standard output itself is the sink's to report (quiet on a closed pipe).
        let streamed = super::emit_streamed(|out| {
            match export::write_to(&loaded, date, format, options, &mut progress, out) {
                Err(export::Stop::Export(e)) => Err(failure(&e)),
                Ok(()) | Err(export::Stop::Io(_)) => Ok(()),
            }
        });
        bar.finish();
        drop(spinner);
        return streamed;
    }
    let result = export::export_with_progress(&loaded, date, format, options, &mut progress);
    bar.finish();
    drop(spinner);
    let path = result.map_err(|e| failure(&e))?;
    emit(&format!("{}\n", dataset::text::shown(&path)))
}

/// Say on standard error when an animation has more than [`animation::WARN_FRAMES`] frames:
/// how long it plays, and a step that makes it shorter.
fn warn_long(ds: &dataset::Dataset, date: chrono::NaiveDate, options: &export::Options) {
    let from = options.from.unwrap_or(ds.start);
    let step = options
        .step
        .unwrap_or_else(|| Step::default_for(from, date));
    let n = step.frames(from, date).len();
    if n <= animation::WARN_FRAMES {
        return;
    }
    let shorter = [Step::Week, Step::Month, Step::Year]
        .into_iter()
        .map(|s| (s, s.frames(from, date).len()))
        .find(|(_, k)| *k <= animation::WARN_FRAMES && *k < n);
    let hint = shorter.map_or(String::new(), |(s, k)| {
        format!("; --step {s} makes {k} frames")
    });
    eprintln!(
        "warning: {n} frames (a frame for {}) play for {}{hint}",
        step.words(),
        animation::play_time(n)
    );
}
