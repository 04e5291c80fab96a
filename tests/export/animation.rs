//! Animated export: the GIF and the APNG decode (with the `gif` and `png` crates) to one frame
//! per day at the requested width, the map changes where the reports say it does, a frame is
//! the picture of its day, the built-in days fit the size budget, and bad ranges are refused.

use std::path::Path;

use assert_cmd::Command;
use chrono::NaiveDate;
use frontline::export::{self, Format, Layout, Options};
use frontline::loaded::{self, Loaded};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 12, d).unwrap()
}

fn builtin() -> Loaded {
    loaded::builtin().unwrap()
}

const GOV: [u8; 3] = [0xd5, 0x5e, 0x00];
const HTS: [u8; 3] = [0x00, 0x9e, 0x73];

/// An animation of `from..=to` at `width` px.
fn animation(loaded: &Loaded, format: Format, from: u32, to: u32, width: u32) -> Vec<u8> {
    let options = Options {
        width: Some(width),
        from: Some(day(from)),
        ..Options::default()
    };
    export::render(loaded, day(to), format, &options).unwrap()
}

/// A decoded animation: canvas size, and each frame as a viewer shows it (composited over the
/// frames before it) with its delay in milliseconds.
struct Decoded {
    width: u32,
    height: u32,
    frames: Vec<(Vec<u8>, u32)>,
}

impl Decoded {
    fn pixel(&self, frame: usize, (x, y): (f64, f64)) -> [u8; 3] {
        let i = ((y.floor() as usize) * self.width as usize + x.floor() as usize) * 4;
        let px = &self.frames[frame].0;
        [px[i], px[i + 1], px[i + 2]]
    }
}

/// Draw a sub-image onto the canvas, skipping fully transparent pixels (GIF transparency,
/// APNG blend-over of an unchanged pixel).
fn paste(canvas: &mut [u8], width: u32, sub: &[u8], (left, top, w, h): (u32, u32, u32, u32)) {
    for y in 0..h as usize {
        for x in 0..w as usize {
            let s = (y * w as usize + x) * 4;
            if sub[s + 3] == 0 {
                continue;
            }
            let t = ((y + top as usize) * width as usize + x + left as usize) * 4;
            canvas[t..t + 4].copy_from_slice(&sub[s..s + 4]);
        }
    }
}

fn decode_gif(data: &[u8]) -> Decoded {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options.read_info(data).unwrap();
    let (width, height) = (u32::from(decoder.width()), u32::from(decoder.height()));
    let mut canvas = vec![255u8; (width * height * 4) as usize];
    let mut frames = Vec::new();
    while let Some(f) = decoder.read_next_frame().unwrap() {
        let rect = (
            u32::from(f.left),
            u32::from(f.top),
            u32::from(f.width),
            u32::from(f.height),
        );
        paste(&mut canvas, width, &f.buffer, rect);
        frames.push((canvas.clone(), u32::from(f.delay) * 10));
    }
    Decoded {
        width,
        height,
        frames,
    }
}

fn decode_apng(data: &[u8]) -> Decoded {
    let mut reader = png::Decoder::new(std::io::Cursor::new(data))
        .read_info()
        .unwrap();
    let info = reader.info().clone();
    let count = info.animation_control.expect("an APNG").num_frames;
    let (width, height) = (info.width, info.height);
    let mut canvas = vec![255u8; (width * height * 4) as usize];
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let mut frames = Vec::new();
    for _ in 0..count {
        let out = reader.next_frame(&mut buf).unwrap();
        assert_eq!(out.color_type, png::ColorType::Rgba);
        let fc = reader
            .info()
            .frame_control
            .expect("each frame has its fcTL");
        let rect = (fc.x_offset, fc.y_offset, fc.width, fc.height);
        paste(&mut canvas, width, &buf[..out.buffer_size()], rect);
        let den = if fc.delay_den == 0 { 100 } else { fc.delay_den };
        frames.push((
            canvas.clone(),
            u32::from(fc.delay_num) * 1000 / u32::from(den),
        ));
    }
    Decoded {
        width,
        height,
        frames,
    }
}

fn place_at(loaded: &Loaded, width: u32, id: &str) -> (f64, f64) {
    let ds = &loaded.dataset;
    let p = ds.place(ds.find_place(id).unwrap());
    Layout::new(ds, width, None).to_pixel(p.lon, p.lat)
}

fn near(a: [u8; 3], b: [u8; 3], tolerance: i32) -> bool {
    a.iter()
        .zip(b)
        .all(|(x, y)| (i32::from(*x) - i32::from(y)).abs() <= tolerance)
}

#[test]
fn the_gif_has_a_frame_per_day_and_hama_changes_hands_on_5_december() {
    let loaded = builtin();
    let gif = decode_gif(&animation(&loaded, Format::Gif, 4, 5, 600));
    assert_eq!(gif.width, 600, "the requested width");
    assert_eq!(gif.frames.len(), 2, "4 and 5 December");
    let hama = place_at(&loaded, 600, "hama");
    let (before, after) = (gif.pixel(0, hama), gif.pixel(1, hama));
    assert_ne!(
        before, after,
        "Hama's pixel differs between 4 and 5 December"
    );
    // One palette for both frames: the faction colours come through (nearly) exactly.
    assert!(near(before, GOV, 8), "Hama on 4 December: {before:?}");
    assert!(near(after, HTS, 8), "Hama on 5 December: {after:?}");
    let damascus = place_at(&loaded, 600, "damascus");
    assert_eq!(gif.pixel(0, damascus), gif.pixel(1, damascus), "unchanged");
    assert!(
        gif.frames[1].1 > gif.frames[0].1,
        "the last frame holds longer"
    );
}

#[test]
fn the_apng_decodes_with_png_in_full_colour() {
    let loaded = builtin();
    let apng = decode_apng(&animation(&loaded, Format::Apng, 4, 5, 600));
    assert_eq!(apng.width, 600);
    assert_eq!(apng.frames.len(), 2);
    let hama = place_at(&loaded, 600, "hama");
    assert_eq!(apng.pixel(0, hama), GOV, "exact colours");
    assert_eq!(apng.pixel(1, hama), HTS);
    assert_eq!(
        (apng.frames[0].1, apng.frames[1].1),
        (
            export::animation::FRAME_MS,
            export::animation::LAST_FRAME_MS
        )
    );
}

#[test]
fn a_frame_is_the_picture_of_its_day() {
    // The same day as a PNG snapshot and as a one-frame APNG (exact colours): the map is the
    // same but for the date caption in its top-right corner and the rings of the day's
    // changes. The legend under the map explains the rings, so only the map is compared.
    let loaded = builtin();
    let width = 800;
    let apng = decode_apng(&animation(&loaded, Format::Apng, 5, 5, width));
    let png = export::render(
        &loaded,
        day(5),
        Format::Png,
        &Options {
            width: Some(width),
            ..Options::default()
        },
    )
    .unwrap();
    let mut reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .unwrap();
    let mut snapshot = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut snapshot).unwrap();
    assert_eq!(info.width, apng.width);
    assert!(apng.height >= info.height);
    let layout = Layout::new(&loaded.dataset, width, None);
    let map = layout.map;
    let hama = place_at(&loaded, width, "hama");
    let (mut same, mut all) = (0, 0);
    let (mut caption_changed, mut ring_changed) = (0, 0);
    for y in map.y as usize..(map.y + map.h) as usize {
        for x in map.x as usize..(map.x + map.w) as usize {
            let caption = y < (map.y + 80.0) as usize && x > (map.x + map.w - 260.0) as usize;
            let ring = (x as f64 - hama.0).hypot(y as f64 - hama.1) < 14.0;
            let i = (y * width as usize + x) * 4;
            let differs = snapshot[i..i + 3] != apng.frames[0].0[i..i + 3];
            if caption || ring {
                caption_changed += usize::from(caption && differs);
                ring_changed += usize::from(ring && differs);
                continue;
            }
            all += 1;
            if !differs {
                same += 1;
            }
        }
    }
    assert!(
        same * 1000 >= all * 995,
        "{same} of {all} map pixels are the snapshot's"
    );
    // What the frame adds is there: the date in large type in the corner, and a ring around
    // Hama, which changed hands on 5 December.
    assert!(
        caption_changed > 4000,
        "the date caption: {caption_changed} pixels"
    );
    assert!(ring_changed > 150, "Hama's ring: {ring_changed} pixels");
    for p in ["damascus", "aleppo", "homs", "daraa", "latakia"] {
        let at = place_at(&loaded, width, p);
        let i = ((at.1 as usize) * width as usize + at.0 as usize) * 4;
        assert_eq!(snapshot[i..i + 3], apng.frames[0].0[i..i + 3], "{p}");
    }
}

#[test]
fn the_built_in_days_fit_the_size_budget_at_800_px() {
    let loaded = builtin();
    let ds = &loaded.dataset;
    let data = export::render(&loaded, ds.end, Format::Gif, &Options::default()).unwrap();
    assert!(
        data.len() < 2 << 20,
        "{} bytes: over the 2 MB budget",
        data.len()
    );
    let gif = decode_gif(&data);
    let days = (ds.end - ds.start).num_days() as usize + 1;
    assert!(days >= 9);
    assert_eq!(gif.width, export::animation::DEFAULT_WIDTH);
    assert_eq!(gif.frames.len(), days, "one frame per day");
    assert_eq!(
        gif.frames.last().unwrap().1,
        export::animation::LAST_FRAME_MS
    );
}

fn frontline() -> Command {
    Command::cargo_bin("frontline").unwrap()
}

fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = frontline().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_binary_names_the_range_and_keeps_stderr_quiet_in_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "export",
        "--format",
        "gif",
        "--from",
        "2024-12-03",
        "--to",
        "2024-12-07",
        "--step",
        "2",
        "--width",
        "400",
    ];
    let (code, out, err) = run_in(dir.path(), &args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "syria-2024_2024-12-03_to_2024-12-07.gif\n");
    assert!(
        err.is_empty(),
        "no progress bar when stderr is not a terminal: {err:?}"
    );
    let data = std::fs::read(dir.path().join(out.trim())).unwrap();
    let gif = decode_gif(&data);
    assert_eq!(gif.frames.len(), 3, "3-4, 5-6 and 7 December");
    let (code, _, err) = run_in(dir.path(), &args);
    assert_eq!(code, 73, "an existing file is kept: {err}");
}

#[test]
fn bad_ranges_and_options_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "--format",
                "gif",
                "--from",
                "2024-12-06",
                "--to",
                "2024-12-05",
            ],
            "--from 2024-12-06 is after --to 2024-12-05",
        ),
        (&["--format", "gif", "--step", "0"], "--step 0"),
        (
            &["--format", "apng", "--from", "2024-10-01"],
            "--from 2024-10-01 is outside the dataset",
        ),
        (
            &["--format", "gif", "--date", "2024-12-07"],
            "give --from and --to, not --date",
        ),
        (
            &[
                "--format",
                "png",
                "--date",
                "2024-12-07",
                "--from",
                "2024-12-01",
            ],
            "--from, --to and --step apply to gif and apng only",
        ),
        (&["--format", "png"], "--date is required for png"),
        (
            &["--format", "gif", "--width", "2400"],
            "width 2400 px is outside 400..=2000",
        ),
    ];
    for (args, message) in cases {
        let mut all = vec!["export"];
        all.extend_from_slice(args);
        let (code, out, err) = run_in(dir.path(), &all);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(out.is_empty());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "{args:?}"
        );
    }
}

#[test]
fn too_many_frames_ask_for_a_step() {
    let loaded = builtin();
    let mut ds = loaded.dataset.clone();
    ds.end = ds.start + chrono::Days::new(1500);
    let timeline = frontline::timeline::Timeline::build(&ds).unwrap();
    let long = Loaded::new(ds, timeline);
    let daily = Options {
        step: Some(export::Step::Day),
        ..Options::default()
    };
    let e = export::render(&long, long.dataset.end, Format::Gif, &daily).unwrap_err();
    assert_eq!(e.kind(), frontline::exit::Kind::Usage);
    assert!(e.to_string().contains("use --step 2"), "{e}");
}
