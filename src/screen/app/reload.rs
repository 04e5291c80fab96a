//! A new version of the dataset, read again after its file changed on disk: shown in place of
//! the old one, keeping what the user was looking at; or, if it is invalid, the old one kept
//! and its problems listed until they are fixed.

use crate::dataset::LoadError;
use crate::loaded::Loaded;

use super::{App, Problems, SearchIndex};
use crate::screen::palette::Palette;

/// How many problems the problems panel keeps (the rest are counted).
const MAX_PROBLEMS: usize = 50;

impl App {
    /// Take the outcome of reading the dataset again. A valid version replaces the shown one,
    /// keeping the shown day (moved into the new dates if they changed), the selected place
    /// (by id), the zoom, the centre and the panels' scrolling; an invalid one keeps the last
    /// valid version on screen and lists its problems (`file:line:col`) until a valid one
    /// comes.
    pub fn reloaded(&mut self, origin: &str, result: Result<Loaded, LoadError>) {
        if result.is_err() {
            self.message = None; // the panel says it
        }
        match result {
            Ok(loaded) => self.replace_dataset(loaded),
            Err(LoadError::Invalid(diags)) => {
                let total = diags.len();
                let lines = diags
                    .iter()
                    .take(MAX_PROBLEMS)
                    .map(std::string::ToString::to_string)
                    .collect();
                self.problems = Some(Problems {
                    file: origin.to_string(),
                    lines,
                    total,
                });
            }
            Err(e @ LoadError::Unreadable { .. }) => {
                self.problems = Some(Problems {
                    file: origin.to_string(),
                    lines: vec![format!("error: {e}")],
                    total: 1,
                });
            }
        }
    }

    fn replace_dataset(&mut self, loaded: Loaded) {
        let selected = self
            .selected
            .map(|p| self.loaded.dataset.place(p).id.clone());
        let date = self.date();
        let ds = &loaded.dataset;
        let mut order: Vec<_> = (0..ds.places.len() as u32)
            .map(crate::dataset::PlaceId)
            .collect();
        order.sort_by(|a, b| ds.place(*b).lat.total_cmp(&ds.place(*a).lat));
        self.search_index = SearchIndex::new(ds, &order);
        self.order = order;
        self.palette = Palette::new(&super::shading_colors(ds), self.palette.depth);
        self.selected = selected
            .and_then(|id| ds.places.iter().position(|p| p.id == id))
            .map(|i| crate::dataset::PlaceId(i as u32));
        self.cursor = loaded.timeline.at(loaded.timeline.clamp(date));
        let (places, events) = (ds.places.len(), ds.events.len());
        self.loaded = std::sync::Arc::new(loaded);
        self.problems = None;
        self.message = Some(format!(
            "reloaded: {places} places, {events} events (the map follows the file)"
        ));
    }
}
