//! What stands behind a place's state: the events that support it and the independent
//! reporters of their words, for the state as a whole and for who holds it.

use super::{PlaceState, Timeline};
use crate::dataset::{Dataset, EventId, PlaceId, SourceId, provenance};

impl Timeline {
    /// The events behind a place's state: the episode's events that bear on control, the
    /// event that began the state, and the loser's admission that confirmed a claim, in the
    /// order the timeline applied them.
    pub fn support<'a>(
        &'a self,
        ds: &'a Dataset,
        place: PlaceId,
        state: &PlaceState,
    ) -> Vec<EventId> {
        let mut out: Vec<EventId> = state.episode.map_or_else(Vec::new, |(first, last)| {
            self.place_events(place)
                .get(first as usize..=last as usize)
                .unwrap_or(&[])
                .iter()
                .copied()
                .filter(|e| ds.event(*e).kind.bears_on_control())
                .collect()
        });
        let extra: Vec<EventId> = [state.set_by, state.admitted]
            .into_iter()
            .flatten()
            .filter(|e| !out.contains(e))
            .collect();
        if !extra.is_empty() {
            out.extend(extra);
            out.sort_by_key(|e| {
                let ev = ds.event(*e);
                (ev.date, ev.dating.rank(), e.0)
            });
            out.dedup();
        }
        out
    }
}

impl Timeline {
    /// The reports behind a place's state: the source of every supporting event, and, while
    /// the state goes back to before the dataset (no `since`, the starting holder still
    /// holding), the report quoted for the starting holder. Sorted, without repeats.
    pub(crate) fn state_sources(
        &self,
        ds: &Dataset,
        place: PlaceId,
        state: &PlaceState,
    ) -> Vec<SourceId> {
        let mut sources: Vec<SourceId> = self
            .support(ds, place, state)
            .iter()
            .map(|e| ds.event(*e).source)
            .collect();
        sources.extend(starting_basis(ds, place, state));
        sources.sort_unstable();
        sources.dedup();
        sources
    }

    /// The independent reporters behind a place's state: those of its supporting events and,
    /// while the starting holder still holds it unchallenged, of the quote that backs it
    /// (see [`crate::dataset::provenance`]).
    pub(crate) fn state_reporters(
        &self,
        ds: &Dataset,
        place: PlaceId,
        state: &PlaceState,
    ) -> Vec<provenance::ReporterGroup> {
        let support = self.support(ds, place, state);
        let statements = support
            .iter()
            .map(|e| (ds.event(*e).source, ds.event(*e).cites.as_deref()))
            .chain(starting_basis(ds, place, state).map(|s| (s, None)));
        provenance::statement_groups(ds, statements)
    }

    /// How many independent reporters stand behind a place's state
    /// ([`Timeline::state_reporters`]). A starting holder backed by a quote counts.
    pub(crate) fn independent_reports(
        &self,
        ds: &Dataset,
        place: PlaceId,
        state: &PlaceState,
    ) -> usize {
        self.state_reporters(ds, place, state).len()
    }
}

impl Timeline {
    /// The independent reporters behind a place's state who name its holder: of the groups
    /// [`Timeline::state_reporters`] gives, those carrying an account by the holder or a group
    /// within it (a capture, a claim, a denial of its own), or the quote behind the starting
    /// holder while it counts. Reports of the loss that name no captor, or a vaguer group
    /// than the holder ("rebels" for HTS), are reporters of the state but not of who holds it.
    pub(crate) fn captor_reporters(
        &self,
        ds: &Dataset,
        place: PlaceId,
        state: &PlaceState,
    ) -> Vec<provenance::ReporterGroup> {
        let Some(holder) = state.holder else {
            return Vec::new();
        };
        let naming: Vec<String> = self
            .support(ds, place, state)
            .iter()
            .map(|e| ds.event(*e))
            .filter(|ev| ev.faction.is_some_and(|f| ds.is_within(f, holder)))
            .map(|ev| (ev.source, ev.cites.as_deref()))
            .chain(starting_basis(ds, place, state).map(|s| (s, None)))
            .flat_map(|(source, cites)| provenance::statement_origins(ds, source, cites))
            .map(|o| match o {
                provenance::Origin::Outlet(name) => name.trim().to_lowercase(),
                provenance::Origin::Source(id) => ds.source(id).id.to_lowercase(),
            })
            .collect();
        self.state_reporters(ds, place, state)
            .into_iter()
            .filter(|g| g.names.iter().any(|n| naming.contains(&n.to_lowercase())))
            .collect()
    }
}

/// The report quoted for a place's starting holder, while that holder still holds it from
/// before the dataset.
fn starting_basis(ds: &Dataset, place: PlaceId, state: &PlaceState) -> Option<SourceId> {
    let p = ds.place(place);
    (state.since.is_none() && state.holder == p.initial)
        .then_some(p.initial_basis.source)
        .flatten()
}

/// How many independent reporters stand behind `events`: copies of one wire story, texts
/// that rewrite a wire and quotes citing it all count as that wire, once
/// (see [`crate::dataset::provenance`]).
pub fn distinct_sources(ds: &Dataset, events: &[EventId]) -> usize {
    provenance::independent_count(ds, events)
}
