//! The map's state, the actions that change it, and `update`. Rendering only reads an `App`.

mod nav;
mod reload;

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;

use crate::dataset::PlaceId;
use crate::format::Format;
use crate::loaded::Loaded;
use crate::timeline::Cursor;
use crate::view::{MapView, Viewport};

use super::keys::Mode;
use super::layout::Areas;
use super::palette::{ColorDepth, Palette};
use super::timescale::{Periods, Unit};

pub mod compare;

/// Playing speeds, in days per second.
pub(crate) const SPEEDS: [f64; 5] = [0.5, 1.0, 2.0, 4.0, 8.0];

/// Everything a user can ask for, and what work done off the screen brings back.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Move this many days (clamped to the dataset).
    StepDay(i32),
    /// Move to the start of the previous (-1) or next (+1) period of the timeline's unit
    /// (a week when the timeline shows days).
    StepPeriod(i32),
    /// Jump to the previous (-1) or next (+1) day that has events.
    EventDay(i32),
    /// Go to the first day.
    FirstDay,
    /// Go to the last day.
    LastDay,
    /// Start or pause the animation.
    TogglePlay,
    /// One animation step (sent by the clock while playing).
    Tick,
    /// Play faster (+1) or slower (-1).
    Speed(i32),
    /// Show the timeline in the next unit: automatic, days, weeks, months, years.
    TimelineUnit,
    /// Select the next (+1) or previous (-1) place, north to south.
    Select(i32),
    /// Open the search prompt.
    StartSearch,
    /// Type into the search prompt.
    SearchInput(char),
    /// Delete the last character of the search.
    SearchBackspace,
    /// Select the first match and close the prompt.
    SearchSubmit,
    /// Scroll the place panel (names, state, history, quotes).
    ScrollPlace(Scroll),
    /// Scroll the day panel (that day's events).
    ScrollDay(Scroll),
    /// Scroll the help overlay.
    ScrollHelp(Scroll),
    /// Zoom in (+1) or out (-1).
    Zoom(i32),
    /// Pan by a tenth of the view: east (+x), north (+y).
    Pan(i32, i32),
    /// Centre the map on the selected place.
    CenterOnSelected,
    /// Show the whole map area again.
    ResetView,
    /// Territory shading on or off.
    ToggleTerritory,
    /// Mouse capture on or off.
    ToggleMouse,
    /// Show or hide the help.
    ToggleHelp,
    /// Close the help or the search prompt.
    Cancel,
    /// A left click at a screen cell.
    Click(u16, u16),
    /// The mouse wheel at a screen cell: up (+1) or down (-1). It zooms the map and scrolls
    /// a panel or the help.
    Wheel(u16, u16, i32),
    /// The terminal now has this size.
    Resize(u16, u16),
    /// Export the shown day (and the current zoom) in the chosen format; `true` overwrites.
    Export(bool),
    /// Choose the next export format.
    NextExportFormat,
    /// Mark the shown day to compare the days stepped to with it; again, stop comparing.
    MarkDay,
    /// Leave.
    Quit,
    /// How far each panel scrolls, as [`crate::screen::derived::Derived::extents`] measured
    /// it for the state now shown: what scrolling is clamped against.
    Measured(Extents),
    /// A day's territory, computed off the loop: for [`crate::screen::derived::Derived`] to
    /// keep (the loop hands it over; `update` leaves the app as it is).
    TerritoryReady(Computed),
}

impl Action {
    /// True if the action may scroll a panel: `update` then needs the panels' extents as
    /// they are ([`Action::Measured`]).
    pub(crate) fn scrolls(&self) -> bool {
        matches!(
            self,
            Action::ScrollPlace(_)
                | Action::ScrollDay(_)
                | Action::ScrollHelp(_)
                | Action::Wheel(..)
        )
    }
}

/// The panels that scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Panel {
    /// The selected place.
    Place,
    /// The shown day's events.
    Day,
    /// The help overlay.
    Help,
}

/// How many lines each scrolling panel holds once wrapped, and how many it shows at a time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extents {
    /// The place panel: (lines, visible).
    pub place: (usize, usize),
    /// The day panel: (lines, visible).
    pub day: (usize, usize),
    /// The help: (lines, visible).
    pub help: (usize, usize),
}

impl Extents {
    /// A panel's (lines, visible).
    pub(crate) fn of(&self, panel: Panel) -> (usize, usize) {
        match panel {
            Panel::Place => self.place,
            Panel::Day => self.day,
            Panel::Help => self.help,
        }
    }
}

/// A day's territory computed on a worker thread, with what it was computed for: the key of
/// the day ([`crate::view::territory::key`]) and the dataset (a result for a dataset since
/// reloaded is dropped).
#[derive(Clone)]
pub struct Computed {
    /// What decides the territory.
    pub key: u64,
    /// The dataset it was computed from.
    pub loaded: Arc<Loaded>,
    /// The territory.
    pub territory: std::sync::Arc<crate::view::territory::Territory>,
}

impl std::fmt::Debug for Computed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Computed {{ key: {:#x}, date: {} }}",
            self.key, self.territory.date
        )
    }
}

impl PartialEq for Computed {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
            && std::sync::Arc::ptr_eq(&self.loaded, &other.loaded)
            && std::sync::Arc::ptr_eq(&self.territory, &other.territory)
    }
}

/// How far to scroll a panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    /// By lines: down (+) or up (-).
    Lines(i32),
    /// By pages (the panel's height less one line): down (+) or up (-).
    Pages(i32),
    /// To the top.
    Top,
    /// To the end.
    Bottom,
}

impl Scroll {
    /// The offset after scrolling from `offset`, for `total` lines shown `visible` at a time.
    pub(crate) fn apply(self, offset: u16, total: usize, visible: usize) -> u16 {
        let max = total.saturating_sub(visible) as i64;
        let page = visible.saturating_sub(1).max(1) as i64;
        let cur = i64::from(offset).min(max);
        let next = match self {
            Scroll::Lines(n) => cur + i64::from(n),
            Scroll::Pages(n) => cur + i64::from(n) * page,
            Scroll::Top => 0,
            Scroll::Bottom => max,
        };
        next.clamp(0, max.clamp(0, i64::from(u16::MAX))) as u16
    }
}

/// Work that [`App::update`] asks the interactive loop to do, because it reaches outside the
/// screen (the file system); the loop does it and reports back in [`App::message`].
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the shown day to a file in `dir`, as the screen shows it: compared with the
    /// marked day (svg, png), or the shown range of days animated (gif, apng).
    Export {
        /// The day (for an animation, its last day; for a comparison, the later day).
        date: NaiveDate,
        /// svg, png: the earlier day of the comparison on screen.
        compare: Option<NaiveDate>,
        /// gif, apng: the first day of the animation.
        from: Option<NaiveDate>,
        /// The format chosen with `x`.
        format: Format,
        /// The screen's zoom, centre and shading.
        view: MapView,
        /// The directory to write in.
        dir: std::path::PathBuf,
        /// Replace an existing file.
        force: bool,
        /// gif, apng: what a frame stands for, the unit the timeline shows.
        unit: Unit,
        /// The user pressed `e` again after being told how long the animation is.
        confirmed: bool,
    },
}

/// What covers the map, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// Nothing.
    None,
    /// The help.
    Help,
    /// The search prompt with what was typed.
    Search(String),
}

/// The state of the map view.
pub struct App {
    /// The dataset and its timeline.
    pub loaded: Arc<Loaded>,
    /// Every place's state on the shown day.
    pub cursor: Cursor,
    /// The animation runs.
    pub playing: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    /// The selected place.
    pub selected: Option<PlaceId>,
    /// Places north to south: the order Up/Down and Tab walk.
    pub order: Vec<PlaceId>,
    /// The names the search prompt looks through.
    pub search_index: SearchIndex,
    /// The last search submitted: the same again selects the next place it matches.
    pub last_search: Option<String>,
    /// Zoom factor over the whole area (1 = whole area).
    pub zoom: f64,
    /// Centre of the view in projected km, if panned or centred.
    pub center: Option<(f64, f64)>,
    /// Territory shading is shown.
    pub territory: bool,
    /// Help or search.
    pub overlay: Overlay,
    /// Lines scrolled in the place panel.
    pub place_scroll: u16,
    /// Lines scrolled in the day panel (back to the top when the day changes).
    pub day_scroll: u16,
    /// Lines scrolled in the help.
    pub help_scroll: u16,
    /// What one slot of the timeline stands for.
    pub timeline_unit: Unit,
    /// A one-line message for the footer (search misses and such).
    pub message: Option<String>,
    /// The terminal reports the mouse.
    pub mouse: bool,
    /// The terminal size last seen.
    pub size: (u16, u16),
    /// The colours the terminal shows, mapped for this dataset ([`App::set_colors`]).
    pub palette: Palette,
    /// The format `e` exports to.
    pub export_format: Format,
    /// The day marked to compare the shown day with (`v`).
    pub marked: Option<NaiveDate>,
    /// Where `e` writes (the current directory unless a test says otherwise).
    pub export_dir: std::path::PathBuf,
    /// How far each panel scrolls, as last measured ([`Action::Measured`]).
    pub extents: Extents,
    /// An export the loop asked to confirm (an animation of many frames): `e` again, with
    /// nothing else in between, confirms it.
    pub asked: Option<Effect>,
    /// The problems of the dataset file on disk, while the last valid version is shown.
    pub problems: Option<Problems>,
    /// The user asked to leave.
    pub quit: bool,
}

/// Why the file on disk is not shown: its problems, while the last valid version stays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems {
    /// The dataset file.
    pub file: String,
    /// The first problems, each `file:line:col: error: message` (and a hint line).
    pub lines: Vec<String>,
    /// How many problems there are in all.
    pub total: usize,
}

/// Every place's names and spellings, lower-cased once, for the search prompt.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    names: Vec<(PlaceId, String)>,
}

/// The colours the map's palette is made for: the factions' (the greys of unsettled land and
/// of land with no reports come from the palette's own tables).
pub(crate) fn shading_colors(ds: &crate::dataset::Dataset) -> Vec<crate::dataset::Rgb> {
    ds.factions.iter().map(|f| f.color).collect()
}

impl App {
    /// A new view on the first day, with the most important place selected, in 24-bit
    /// colour or none (`no_color`); [`App::set_colors`] picks another depth. The dataset is
    /// shared, never copied: give an `Arc` to keep using it elsewhere.
    pub fn new(loaded: impl Into<Arc<Loaded>>, size: (u16, u16), no_color: bool) -> Self {
        let loaded: Arc<Loaded> = loaded.into();
        let cursor = loaded.timeline.at(loaded.timeline.first_date());
        let ds = &loaded.dataset;
        let mut order: Vec<PlaceId> = (0..ds.places.len() as u32).map(PlaceId).collect();
        order.sort_by(|a, b| ds.place(*b).lat.total_cmp(&ds.place(*a).lat));
        let selected = (0..ds.places.len() as u32).map(PlaceId).max_by_key(|p| {
            crate::view::rank(ds.place(*p).kind, ds.place(*p).population, false, false)
        });
        let search_index = SearchIndex::new(ds, &order);
        let faction_colors = shading_colors(ds);
        let depth = if no_color {
            ColorDepth::None
        } else {
            ColorDepth::TrueColor
        };
        App {
            loaded,
            cursor,
            playing: false,
            speed: 1,
            selected,
            order,
            search_index,
            last_search: None,
            zoom: 1.0,
            center: None,
            territory: true,
            overlay: Overlay::None,
            place_scroll: 0,
            day_scroll: 0,
            help_scroll: 0,
            timeline_unit: Unit::Auto,
            message: None,
            mouse: true,
            size,
            palette: Palette::new(&faction_colors, depth),
            export_format: Format::Png,
            marked: None,
            export_dir: std::path::PathBuf::from("."),
            extents: Extents::default(),
            asked: None,
            problems: None,
            quit: false,
        }
    }

    /// Draw with the colours of a terminal of this depth.
    pub fn set_colors(&mut self, depth: ColorDepth) {
        self.palette = Palette::new(&shading_colors(&self.loaded.dataset), depth);
    }

    /// The shown day.
    pub fn date(&self) -> NaiveDate {
        self.cursor.date
    }

    /// Number of days in the dataset.
    pub fn day_count(&self) -> usize {
        let t = &self.loaded.timeline;
        (t.last_date() - t.first_date()).num_days().max(0) as usize + 1
    }

    /// Index of the shown day, the first day being 0.
    pub fn day_index(&self) -> usize {
        (self.date() - self.loaded.timeline.first_date())
            .num_days()
            .max(0) as usize
    }

    /// How long the clock waits between animation steps.
    pub fn tick_interval(&self) -> Duration {
        Duration::from_secs_f64(1.0 / SPEEDS[self.speed])
    }

    /// Which key table applies: an overlay takes the keys while it is shown.
    pub fn mode(&self) -> Mode {
        match self.overlay {
            Overlay::None => Mode::Map,
            Overlay::Help => Mode::Help,
            Overlay::Search(_) => Mode::Search,
        }
    }

    /// The timeline's periods at the current terminal width.
    pub fn periods(&self) -> Periods {
        let t = &self.loaded.timeline;
        let width = Areas::of(self.size).timeline.width;
        Periods::new(self.timeline_unit, t.first_date(), t.last_date(), width)
    }

    /// The map's viewport for a map area of `cols x rows` cells.
    pub fn viewport(&self, cols: u16, rows: u16) -> Viewport {
        let mut vp = Viewport::fit(self.loaded.dataset.map, cols, rows, 2.0);
        vp.zoom(self.zoom);
        if let Some(c) = self.center {
            vp.center = c;
        }
        vp
    }

    /// What the map shows: its zoom, centre and whether areas are shaded.
    pub fn map_view(&self) -> MapView {
        MapView {
            zoom: self.zoom,
            center: self.center,
            territory: self.territory,
        }
    }

    /// Change the state; rendering reads the new state. Returns the work outside the screen
    /// that the action asks for (an export), for the interactive loop to do.
    #[expect(
        clippy::too_many_lines,
        reason = "one arm per action: the table of what each key does"
    )]
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(
            action,
            Action::Tick | Action::Resize(..) | Action::Measured(_) | Action::TerritoryReady(_)
        ) {
            self.message = None;
            // Anything else in between: the next `e` asks again.
            if !matches!(action, Action::Export(_)) {
                self.asked = None;
            }
        }
        let day = self.date();
        match action {
            Action::StepDay(n) => self.step_days(n),
            Action::StepPeriod(n) => self.step_period(n),
            Action::EventDay(dir) => self.event_day(dir),
            Action::FirstDay => self.go_to(self.loaded.timeline.first_date()),
            Action::LastDay => self.go_to(self.loaded.timeline.last_date()),
            Action::TogglePlay => {
                if !self.playing && self.date() == self.loaded.timeline.last_date() {
                    self.go_to(self.loaded.timeline.first_date()); // replay from the start
                }
                self.playing = !self.playing;
            }
            Action::Tick => {
                if self.playing && !self.loaded.timeline.step(&mut self.cursor, true) {
                    self.playing = false;
                }
                if self.date() == self.loaded.timeline.last_date() {
                    self.playing = false;
                }
            }
            Action::Speed(d) => {
                self.speed = (self.speed as i32 + d).clamp(0, SPEEDS.len() as i32 - 1) as usize;
            }
            Action::TimelineUnit => {
                self.timeline_unit = self.timeline_unit.next();
                let shown = self.periods().unit.plural();
                self.message = Some(match self.timeline_unit {
                    Unit::Auto => format!("timeline: automatic ({shown} at this width)"),
                    _ => format!("timeline: {shown} (u changes)"),
                });
            }
            Action::Select(d) => self.select_step(d),
            Action::StartSearch => self.overlay = Overlay::Search(String::new()),
            Action::SearchInput(c) => {
                if let Overlay::Search(q) = &mut self.overlay
                    && q.chars().count() < 40
                    && !c.is_control()
                {
                    q.push(c);
                }
            }
            Action::SearchBackspace => {
                if let Overlay::Search(q) = &mut self.overlay {
                    q.pop();
                }
            }
            Action::SearchSubmit => self.submit_search(),
            Action::ScrollPlace(s) => self.scroll(Panel::Place, s),
            Action::ScrollDay(s) => self.scroll(Panel::Day, s),
            Action::ScrollHelp(s) => self.scroll(Panel::Help, s),
            Action::Zoom(d) => {
                let factor = if d > 0 { 1.5 } else { 1.0 / 1.5 };
                self.zoom = crate::view::clamp_zoom(self.zoom * factor);
                if self.zoom == 1.0 {
                    self.center = None;
                }
            }
            Action::Pan(dx, dy) => {
                let (cols, rows) = Areas::of(self.size).map_size();
                let mut vp = self.viewport(cols, rows);
                vp.pan(f64::from(dx) * 0.1, f64::from(dy) * 0.1);
                self.center = Some(vp.center);
            }
            Action::CenterOnSelected => {
                if let Some(p) = self.selected {
                    let place = self.loaded.dataset.place(p);
                    let (cols, rows) = Areas::of(self.size).map_size();
                    self.center = Some(
                        self.viewport(cols, rows)
                            .projection
                            .project(place.lon, place.lat),
                    );
                }
            }
            Action::ResetView => {
                self.zoom = 1.0;
                self.center = None;
            }
            Action::ToggleTerritory => self.territory = !self.territory,
            Action::ToggleMouse => self.mouse = !self.mouse,
            Action::ToggleHelp => {
                self.overlay = if self.overlay == Overlay::Help {
                    Overlay::None
                } else {
                    self.help_scroll = 0;
                    Overlay::Help
                };
            }
            Action::Cancel => self.overlay = Overlay::None,
            Action::Click(col, row) => {
                if self.overlay == Overlay::None {
                    self.click(col, row);
                }
            }
            Action::Wheel(col, row, dir) => self.wheel(col, row, dir),
            Action::Resize(w, h) => self.size = (w, h),
            Action::Export(force) => {
                let mut effect = self.export_effect(force);
                if self.asked.take().as_ref() == Some(&effect)
                    && let Effect::Export { confirmed, .. } = &mut effect
                {
                    *confirmed = true;
                }
                return Some(effect);
            }
            Action::NextExportFormat => {
                let all = Format::ALL;
                let i = all
                    .iter()
                    .position(|f| *f == self.export_format)
                    .map_or(0, |i| (i + 1) % all.len());
                self.export_format = all[i];
                self.message = Some(self.export_hint());
            }
            Action::MarkDay => self.mark_day(),
            Action::Quit => self.quit = true,
            Action::Measured(extents) => self.extents = extents,
            // Derived's to keep: the loop hands it over.
            Action::TerritoryReady(_) => {}
        }
        if self.date() != day {
            self.day_scroll = 0;
        }
        None
    }

    fn scroll(&mut self, panel: Panel, s: Scroll) {
        let (total, visible) = self.extents.of(panel);
        let offset = match panel {
            Panel::Place => &mut self.place_scroll,
            Panel::Day => &mut self.day_scroll,
            Panel::Help => &mut self.help_scroll,
        };
        *offset = s.apply(*offset, total, visible);
    }

    /// The wheel scrolls what is under the mouse: the help if shown, a panel, or zooms the map.
    fn wheel(&mut self, col: u16, row: u16, dir: i32) {
        let lines = Scroll::Lines(-3 * dir.signum());
        if self.overlay == Overlay::Help {
            return self.scroll(Panel::Help, lines);
        }
        let areas = Areas::of(self.size);
        let at = ratatui::layout::Position::new(col, row);
        if areas.place.contains(at) {
            self.scroll(Panel::Place, lines);
        } else if areas.day.contains(at) {
            self.scroll(Panel::Day, lines);
        } else if areas.map.contains(at) {
            self.update(Action::Zoom(dir));
        }
    }
}
