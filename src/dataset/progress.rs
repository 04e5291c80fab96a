//! How far a load has got, for whoever shows it: the CLI prints `loading dataset.toml … 42 %`
//! on a terminal while a large dataset loads. The loader calls [`report`] now and then; it
//! does nothing unless the thread running the load set a sink with [`with_sink`], so the
//! loader's signature, and every caller that does not care, stays as it was.

use std::cell::RefCell;

type Sink = Box<dyn FnMut(u8)>;

thread_local! {
    /// The sink of the load running on this thread.
    static SINK: RefCell<Option<Sink>> = const { RefCell::new(None) };
}

/// Run `f` (a load), calling `sink` with the percentage done as the load reports it.
pub(crate) fn with_sink<T>(sink: impl FnMut(u8) + 'static, f: impl FnOnce() -> T) -> T {
    /// Puts the previous sink back however `f` ends.
    struct Reset(Option<Sink>);
    impl Drop for Reset {
        fn drop(&mut self) {
            let previous = self.0.take();
            SINK.with(|s| *s.borrow_mut() = previous);
        }
    }
    let previous = SINK.with(|s| s.borrow_mut().replace(Box::new(sink)));
    let _reset = Reset(previous);
    f()
}

/// `done` of `total` of the load's work is done (clamped to 0–100 %).
pub(crate) fn report(done: u64, total: u64) {
    let pct = (done.min(total) * 100)
        .checked_div(total)
        .map_or(100, |p| p as u8);
    SINK.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut()
            && let Some(sink) = s.as_mut()
        {
            sink(pct);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sink_sees_the_reports_of_its_own_load_only() {
        let seen = std::rc::Rc::new(RefCell::new(Vec::new()));
        let into = seen.clone();
        with_sink(
            move |p| into.borrow_mut().push(p),
            || {
                report(1, 4);
                report(9, 4);
            },
        );
        report(2, 4);
        assert_eq!(*seen.borrow(), [25, 100]);
    }
}
