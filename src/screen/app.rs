//! The map's state, the actions that change it, and `update`. Rendering only reads an `App`.

use std::time::Duration;

use chrono::NaiveDate;

use crate::dataset::PlaceId;
use crate::format::Format;
use crate::loaded::Loaded;
use crate::timeline::Cursor;
use crate::view::{MapView, Viewport};

use super::layout::{Areas, TimelineWindow};

pub mod compare;

/// Playing speeds, in days per second.
pub const SPEEDS: [f64; 5] = [0.5, 1.0, 2.0, 4.0, 8.0];

/// Everything a user can ask for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Action {
    /// Move this many days (clamped to the dataset).
    StepDay(i32),
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
    /// Scroll the quotes panel by lines.
    ScrollQuotes(i32),
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
    pub loaded: Loaded,
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
    /// Zoom factor over the whole area (1 = whole area).
    pub zoom: f64,
    /// Centre of the view in projected km, if panned or centred.
    pub center: Option<(f64, f64)>,
    /// Territory shading is shown.
    pub territory: bool,
    /// Help or search.
    pub overlay: Overlay,
    /// Lines scrolled in the quotes panel.
    pub quote_scroll: u16,
    /// A one-line message for the footer (search misses and such).
    pub message: Option<String>,
    /// The terminal reports the mouse.
    pub mouse: bool,
    /// The terminal size last seen.
    pub size: (u16, u16),
    /// Draw without colour (NO_COLOR).
    pub no_color: bool,
    /// The format `e` exports to.
    pub export_format: Format,
    /// The day marked to compare the shown day with (`v`).
    pub marked: Option<NaiveDate>,
    /// The comparison last drawn and its two days, shared by the panels that show it.
    pub compare_cache: std::cell::RefCell<Option<compare::Cached>>,
    /// Where `e` writes (the current directory unless a test says otherwise).
    pub export_dir: std::path::PathBuf,
    /// The territory grid last drawn, reused while the day and the view stay the same
    /// (rendering reads the app, so the cache lives behind a `RefCell`).
    pub territory_cache: std::cell::RefCell<Option<TerritoryCache>>,
    /// The user asked to leave.
    pub quit: bool,
}

/// A computed territory grid and what it was computed for.
pub struct TerritoryCache {
    /// Which places take part (a hash of who exists and has a holder) and the viewport
    /// (as bits, so equality is exact).
    pub key: (u64, [u64; 4], u16, u16),
    /// Which place decides each map cell.
    pub grid: Option<crate::geo::TerritoryGrid<PlaceId>>,
}

impl App {
    /// A new view on the first day, with the most important place selected.
    pub fn new(loaded: Loaded, size: (u16, u16), no_color: bool) -> Self {
        let cursor = loaded.timeline.at(loaded.timeline.first_date());
        let ds = &loaded.dataset;
        let mut order: Vec<PlaceId> = (0..ds.places.len() as u32).map(PlaceId).collect();
        order.sort_by(|a, b| ds.place(*b).lat.total_cmp(&ds.place(*a).lat));
        let selected = (0..ds.places.len() as u32).map(PlaceId).max_by_key(|p| {
            crate::view::rank(ds.place(*p).kind, ds.place(*p).population, false, false)
        });
        App {
            loaded,
            cursor,
            playing: false,
            speed: 1,
            selected,
            order,
            zoom: 1.0,
            center: None,
            territory: true,
            overlay: Overlay::None,
            quote_scroll: 0,
            message: None,
            mouse: true,
            size,
            no_color,
            export_format: Format::Png,
            marked: None,
            compare_cache: std::cell::RefCell::new(None),
            export_dir: std::path::PathBuf::from("."),
            territory_cache: std::cell::RefCell::new(None),
            quit: false,
        }
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
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(action, Action::Tick | Action::Resize(..)) {
            self.message = None;
        }
        match action {
            Action::StepDay(n) => self.step_days(n),
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
            Action::ScrollQuotes(d) => {
                self.quote_scroll = (i32::from(self.quote_scroll) + d).clamp(0, 2000) as u16;
            }
            Action::Zoom(d) => {
                self.zoom = (self.zoom * if d > 0 { 1.5 } else { 1.0 / 1.5 }).clamp(1.0, 40.0);
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
                    Overlay::Help
                };
            }
            Action::Cancel => self.overlay = Overlay::None,
            Action::Click(col, row) => self.click(col, row),
            Action::Resize(w, h) => self.size = (w, h),
            Action::Export(force) => return Some(self.export_effect(force)),
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
        }
        None
    }

    fn go_to(&mut self, date: NaiveDate) {
        self.cursor = self.loaded.timeline.at(date);
    }

    fn step_days(&mut self, n: i32) {
        for _ in 0..n.unsigned_abs() {
            if !self.loaded.timeline.step(&mut self.cursor, n > 0) {
                break;
            }
        }
    }

    fn event_day(&mut self, dir: i32) {
        let tl = &self.loaded.timeline;
        let mut d = self.date();
        loop {
            let next = if dir > 0 { d.succ_opt() } else { d.pred_opt() };
            match next.filter(|n| tl.contains(*n)) {
                Some(n) if !tl.events_on(n).is_empty() => {
                    self.go_to(n);
                    return;
                }
                Some(n) => d = n,
                None => {
                    self.message = Some(format!(
                        "no {} day with events",
                        if dir > 0 { "later" } else { "earlier" }
                    ));
                    return;
                }
            }
        }
    }

    fn select_step(&mut self, d: i32) {
        let n = self.order.len() as i32;
        if n == 0 {
            return;
        }
        let i = self
            .selected
            .and_then(|s| self.order.iter().position(|p| *p == s))
            .map_or(0, |i| i as i32 + d);
        self.selected = Some(self.order[i.rem_euclid(n) as usize]);
        self.quote_scroll = 0;
    }

    fn submit_search(&mut self) {
        let Overlay::Search(q) = std::mem::replace(&mut self.overlay, Overlay::None) else {
            return;
        };
        match self.search(&q) {
            Some(p) => {
                self.selected = Some(p);
                self.quote_scroll = 0;
            }
            None => self.message = Some(format!("no place matches \"{q}\"")),
        }
    }

    /// The place best matching `query`: an exact name or spelling, else one starting with
    /// it, else one containing it (ignoring case).
    pub fn search(&self, query: &str) -> Option<PlaceId> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return None;
        }
        let ds = &self.loaded.dataset;
        let names = |p: &PlaceId| {
            let place = ds.place(*p);
            std::iter::once(place.name.to_lowercase())
                .chain(place.aliases.iter().map(|a| a.to_lowercase()))
                .collect::<Vec<_>>()
        };
        let tests: [&dyn Fn(&str) -> bool; 3] =
            [&|n| n == q, &|n| n.starts_with(&q), &|n| n.contains(&q)];
        tests.iter().find_map(|t| {
            self.order
                .iter()
                .find(|p| names(p).iter().any(|n| t(n)))
                .copied()
        })
    }

    fn click(&mut self, col: u16, row: u16) {
        let areas = Areas::of(self.size);
        let window = TimelineWindow::new(areas.timeline.width, self.day_count(), self.day_index());
        if let Some(day) = areas.timeline_day_at(col, row, window) {
            let first = self.loaded.timeline.first_date();
            if let Some(date) = first.checked_add_days(chrono::Days::new(day as u64)) {
                self.go_to(date);
            }
            return;
        }
        let Some((c, r)) = areas.map_cell(col, row) else {
            return;
        };
        let (cols, rows) = areas.map_size();
        let vp = self.viewport(cols, rows);
        let ds = &self.loaded.dataset;
        // The nearest place on screen, measured in cells (rows count double: cells are tall).
        let nearest = (0..ds.places.len() as u32)
            .map(PlaceId)
            .filter(|p| self.cursor.state(*p).is_some())
            .map(|p| {
                let (pc, pr) = vp.to_grid(ds.place(p).lon, ds.place(p).lat);
                let d =
                    (pc - f64::from(c) - 0.5).powi(2) + (2.0 * (pr - f64::from(r) - 0.5)).powi(2);
                (d, p)
            })
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((d, p)) = nearest
            && d <= 8.0 * 8.0
        {
            self.selected = Some(p);
            self.quote_scroll = 0;
        }
    }
}
