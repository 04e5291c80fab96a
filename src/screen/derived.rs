//! Everything the screen computes from an [`App`] and its dataset, in one owner: the day's
//! territory (kept for days seen lately, by [`view::territory::key`]), its grid of cells per
//! viewport, the comparison of two days, the places placed on the map with their labels, the
//! lines of the panels that scroll and how far each scrolls.
//!
//! The loop runs `app.update(action)`, then [`Derived::prepare`], then draws from both:
//! drawing only reads. A territory not kept is computed in line (tests, the `txt` export) or,
//! in the interactive loop, asked of a [`worker::Worker`], whose result comes back as an
//! [`Action::TerritoryReady`] for [`Derived::take`].

pub mod worker;

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use ratatui::text::Line;

use crate::dataset::PlaceId;
use crate::loaded::Loaded;
use crate::view::compare::Comparison;
use crate::view::territory::{Fill, Territory};
use crate::view::{self, Viewport};

use super::app::{Action, App, Computed, Extents};
use super::layout::Areas;
use super::render::Placed;
use super::theme::Theme;
use worker::{Stopped, Worker};

/// Territories, and their grids, kept for days seen lately: stepping back and forth
/// recomputes none.
const TERRITORIES_KEPT: usize = 8;

/// A territory rasterised for one viewport.
pub struct Grid {
    /// The territory's key and the viewport's ([`grid_key`]).
    key: GridKey,
    /// The day's territory.
    pub territory: Arc<Territory>,
    /// What fills each map cell, row by row.
    pub cells: Vec<Option<Fill>>,
}

/// A viewport, exactly: its area as bits and its size in cells.
type ViewKey = ([u64; 4], u16, u16);

fn view_key(vp: &Viewport) -> ViewKey {
    let area = vp.area();
    (
        [
            area.min_lon.to_bits(),
            area.max_lon.to_bits(),
            area.min_lat.to_bits(),
            area.max_lat.to_bits(),
        ],
        vp.cols,
        vp.rows,
    )
}

/// What decides the places on the map besides the dataset: the viewport, the day shown, the
/// days compared (the changes underlined) and the place selected (its label ranks first).
type PlacedKey = (
    ViewKey,
    NaiveDate,
    Option<(NaiveDate, NaiveDate)>,
    Option<PlaceId>,
);

/// What decides a grid: the territory's key and the viewport.
type GridKey = (u64, ViewKey);

fn grid_key(day: u64, vp: &Viewport) -> GridKey {
    (day, view_key(vp))
}

/// The lines of the panels that scroll with what they depend on (the place panel's history
/// strip is fitted to its width, the day panel's title to its own).
#[derive(Default)]
pub(crate) struct Panels {
    /// The place panel's lines, unwrapped.
    pub place: Vec<Line<'static>>,
    /// The day panel's title, as long as fits.
    pub day_title: String,
    /// The day panel's lines, unwrapped.
    pub day: Vec<Line<'static>>,
}

/// What the screen derives from the app and its dataset.
#[derive(Default)]
pub struct Derived {
    /// The dataset what is kept was derived from.
    loaded: Option<Arc<Loaded>>,
    /// Territories of days seen lately, by key, most recent first.
    territories: Vec<(u64, Arc<Territory>)>,
    /// Their grids for the viewports seen lately, most recent first.
    grids: Vec<Grid>,
    /// The comparison on screen and its two days.
    comparison: Option<((NaiveDate, NaiveDate), Comparison)>,
    /// The shown day's territory key, when the map shades land.
    shown: Option<u64>,
    /// The places on the map and their labels, for the map's viewport.
    placed: Option<(PlacedKey, Vec<Placed>)>,
    /// The place and day panels' lines.
    panels: Panels,
    /// The widest day-panel title of the dataset (a panel this wide shows every day's whole).
    day_title_max: usize,
    /// Each place's name's width in columns, measured once per dataset: the map's labels
    /// need them for thousands of places every frame.
    name_widths: Vec<usize>,
    /// Computes territories off the loop (the interactive map); none: in line.
    worker: Option<Worker>,
}

impl Derived {
    /// Derived state computed in line: a territory is computed when first needed.
    pub fn new() -> Derived {
        Derived::default()
    }

    /// Everything derived from `app` afresh, computed in line.
    pub fn of(app: &App) -> Derived {
        let mut derived = Derived::new();
        derived.prepare(app);
        derived
    }

    /// Derived state whose territories a worker thread computes, so that no frame waits:
    /// until one arrives the map is drawn unshaded, saying so.
    pub fn in_background() -> Derived {
        Derived {
            worker: Some(Worker::start()),
            ..Derived::default()
        }
    }

    /// Bring everything up to date with `app`: the comparison, the shown day's territory
    /// (kept, computed in line, or asked of the worker) and its grid for the map's
    /// viewport, the places on the map, and the panels' lines.
    pub fn prepare(&mut self, app: &App) {
        if !self
            .loaded
            .as_ref()
            .is_some_and(|l| Arc::ptr_eq(l, &app.loaded))
        {
            // A new dataset (reloaded): nothing kept applies.
            self.territories.clear();
            self.grids.clear();
            self.comparison = None;
            self.placed = None;
            self.day_title_max = view::panel::day_title_width_max(&app.loaded);
            self.name_widths = (app.loaded.dataset.places.iter())
                .map(|p| super::render::label_width(&p.name))
                .collect();
            self.loaded = Some(Arc::clone(&app.loaded));
        }
        self.compare(app);
        self.shade(app);
        if Areas::of(app.size).fits {
            // Placing 10,000 markers and labels is a quarter of a frame: kept while nothing
            // it depends on changes (a redraw for a key that moves nothing, a mouse move).
            let vp = map_viewport(app);
            let key = (
                view_key(&vp),
                app.cursor.date,
                app.compared_days(),
                app.selected,
            );
            if self.placed.as_ref().is_none_or(|(k, _)| *k != key) {
                let placed = super::render::placed(app, self, &vp);
                self.placed = Some((key, placed));
            }
        } else {
            self.placed = None;
        }
        let territory = self.territory().map(|t| &**t);
        self.panels = super::render::panels(app, self.comparison(), territory, self.day_title_max);
    }

    fn compare(&mut self, app: &App) {
        let Some(days) = app.compared_days() else {
            self.comparison = None;
            return;
        };
        if self.comparison.as_ref().is_none_or(|(k, _)| *k != days) {
            let comparison = Comparison::between_shown(&app.loaded, days.0, days.1, &app.cursor);
            self.comparison = Some((days, comparison));
        }
    }

    fn shade(&mut self, app: &App) {
        // A terminal too small for the map draws none.
        let shades = app.territory && Theme::new(&app.palette).shades() && Areas::of(app.size).fits;
        self.shown = shades.then(|| view::territory::key(&app.loaded.dataset, &app.cursor));
        let Some(key) = self.shown else {
            return;
        };
        if !bring_forward(&mut self.territories, |(k, _)| *k == key) {
            match &mut self.worker {
                Some(w) => {
                    if !w.busy() {
                        w.ask(key, &app.loaded, &app.cursor);
                    }
                    return;
                }
                None => {
                    let t = Arc::new(view::territory::territory(&app.loaded, &app.cursor));
                    remember(&mut self.territories, (key, t));
                }
            }
        }
        let vp = map_viewport(app);
        let gkey = grid_key(key, &vp);
        if !bring_forward(&mut self.grids, |g| g.key == gkey) {
            let territory = Arc::clone(&self.territories[0].1);
            let cells = territory.raster(&vp);
            remember(
                &mut self.grids,
                Grid {
                    key: gkey,
                    territory,
                    cells,
                },
            );
        }
    }

    /// Wait up to `patience` for a territory being computed on the worker; it comes as an
    /// [`Action::TerritoryReady`]. None at once when nothing is being computed.
    ///
    /// # Errors
    /// [`Stopped`] if the worker panicked.
    pub fn wait(&mut self, patience: Duration) -> Result<Option<Action>, Stopped> {
        match &mut self.worker {
            Some(w) => w.wait(patience),
            None => Ok(None),
        }
    }

    /// True while the worker computes a territory.
    pub fn busy(&self) -> bool {
        self.worker.as_ref().is_some_and(Worker::busy)
    }

    /// Keep a territory the worker computed, unless its dataset has since been replaced
    /// (then it is dropped). True if it was kept. Other actions are not derived's.
    pub fn take(&mut self, app: &App, action: &Action) -> bool {
        let Action::TerritoryReady(Computed {
            key,
            loaded,
            territory,
        }) = action
        else {
            return false;
        };
        if !Arc::ptr_eq(loaded, &app.loaded) {
            return false;
        }
        self.territories.retain(|(k, _)| k != key);
        remember(&mut self.territories, (*key, Arc::clone(territory)));
        true
    }

    /// Forget the grids (not the territories): what a zoom, a pan or a resize costs.
    pub fn forget_grids(&mut self) {
        self.grids.clear();
    }

    /// The width of each place's name in columns, if measured for `app`'s dataset.
    pub(crate) fn name_widths(&self, app: &App) -> Option<&[usize]> {
        let same = self
            .loaded
            .as_ref()
            .is_some_and(|l| Arc::ptr_eq(l, &app.loaded));
        same.then_some(self.name_widths.as_slice())
    }

    /// Forget the comparison and the places on the map: what a day step costs while
    /// comparing.
    pub fn forget_comparison(&mut self) {
        self.comparison = None;
        self.placed = None;
    }

    /// Forget the places on the map (what a frame after a day step places afresh).
    #[doc(hidden)]
    pub fn forget_placed(&mut self) {
        self.placed = None;
    }

    /// The comparison on screen (a day marked, another shown), earlier day first.
    pub(crate) fn comparison(&self) -> Option<&Comparison> {
        self.comparison.as_ref().map(|(_, c)| c)
    }

    /// The shown day's territory, if the map shades it and it is kept.
    pub fn territory(&self) -> Option<&Arc<Territory>> {
        let key = self.shown?;
        self.territories
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, t)| t)
    }

    /// The map shades land but the shown day's territory is still being computed.
    pub(crate) fn computing(&self) -> bool {
        self.shown.is_some() && self.territory().is_none()
    }

    /// The shown day's territory rasterised for `vp`, if kept.
    pub(crate) fn grid(&self, vp: &Viewport) -> Option<&Grid> {
        let key = grid_key(self.shown?, vp);
        self.grids.iter().find(|g| g.key == key)
    }

    /// The places drawn on the map and where their labels go, if prepared for `vp`.
    pub fn placed(&self, vp: &Viewport) -> Option<&[Placed]> {
        let (key, placed) = self.placed.as_ref()?;
        (key.0 == view_key(vp)).then_some(placed.as_slice())
    }

    /// The grids kept, most recent first: their territories and sizes (for tests).
    #[doc(hidden)]
    pub fn grids(&self) -> impl Iterator<Item = &Grid> {
        self.grids.iter()
    }

    /// The lines of the panels that scroll.
    pub(crate) fn panels(&self) -> &Panels {
        &self.panels
    }

    /// How far each panel scrolls, measured on the lines prepared for `app` (wrapping them
    /// all: measured when an action scrolls, not for every frame).
    pub(crate) fn extents(&self, app: &App) -> Extents {
        super::render::extents(app, &self.panels)
    }

    /// The action that gives `update` the panels' extents ([`Derived::extents`]).
    pub(crate) fn measured(&self, app: &App) -> Action {
        Action::Measured(self.extents(app))
    }
}

impl Grid {
    /// The viewport's size in cells this grid was made for.
    #[doc(hidden)]
    pub fn size(&self) -> (u16, u16) {
        (self.key.1.1, self.key.1.2)
    }
}

/// The viewport of the map's drawing area at the app's size.
pub(crate) fn map_viewport(app: &App) -> Viewport {
    let inside = Areas::of(app.size).map_inner();
    app.viewport(inside.width.max(1), inside.height.max(1))
}

/// Move the entry `is` finds to the front of a most-recent-first list; false if none is.
fn bring_forward<T>(list: &mut Vec<T>, is: impl Fn(&T) -> bool) -> bool {
    let Some(i) = list.iter().position(is) else {
        return false;
    };
    let hit = list.remove(i);
    list.insert(0, hit);
    true
}

/// Put `item` first in a most-recent-first list of at most [`TERRITORIES_KEPT`].
fn remember<T>(list: &mut Vec<T>, item: T) {
    list.insert(0, item);
    list.truncate(TERRITORIES_KEPT);
}
