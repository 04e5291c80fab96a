//! The layering drawn in `src/lib.rs` holds: every `crate::` path in `src/` points to a lower
//! layer, so no two modules use each other, directly or in a circle; every module is in the
//! picture; and the README shows the same picture.
//!
//! Run alone with `cargo test --test layers`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The rows of the picture in a doc text: (layer, modules).
fn picture(text: &str) -> Vec<(u32, Vec<String>)> {
    let block: Vec<&str> = text
        .lines()
        .map(|l| l.trim_start_matches("//!").trim_end())
        .skip_while(|l| !l.trim_start().starts_with("layer  modules"))
        .skip(1)
        .take_while(|l| !l.trim().starts_with("```"))
        .collect();
    block
        .iter()
        .map(|line| {
            let line = line.trim_start();
            let (layer, rest) = line
                .split_once(' ')
                .unwrap_or_else(|| panic!("picture row without a layer: {line:?}"));
            let modules = rest.trim_start().split("  ").next().unwrap_or_default();
            let modules = modules.split(", ").map(str::to_string).collect();
            let layer = layer
                .parse()
                .unwrap_or_else(|_| panic!("picture row with a bad layer: {line:?}"));
            (layer, modules)
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file under `src/` (`src/export/svg/map.rs` is `export::svg::map`).
fn module_path(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix("src").unwrap().with_extension("");
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect()
}

/// The code of a file without comments and without its `#[cfg(test)] mod tests` (unit tests
/// may use anything, as integration tests do).
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every top-level module a file's code names: `crate::x`, `crate::{x, y}`, and `super::`
/// chains that climb out of the file's own top-level module.
fn uses(module: &[String], code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        if code[..i].ends_with('$') {
            continue;
        }
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            out.extend(group.split(',').map(|g| ident(g.trim())));
        } else {
            out.push(ident(rest));
        }
    }
    for (i, _) in code.match_indices("super::") {
        if code[..i].ends_with("super::") {
            continue; // counted from the first of a chain
        }
        let mut rest = &code[i..];
        let mut ups = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            ups += 1;
            rest = r;
        }
        // `super` from the file `a/b.rs` (module a::b) is `a`; one more climbs to the root.
        if ups >= module.len() {
            out.push(ident(rest));
        }
    }
    out.retain(|m| !m.is_empty() && m != &module[0]);
    out
}

#[test]
fn every_use_points_down_the_picture() {
    let lib = std::fs::read_to_string("src/lib.rs").unwrap();
    let rows = picture(&lib);
    assert!(rows.len() >= 5, "the picture in src/lib.rs was not found");
    let layer_of: BTreeMap<String, u32> = rows
        .iter()
        .flat_map(|(layer, modules)| modules.iter().map(move |m| (m.clone(), *layer)))
        .collect();
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut problems = Vec::new();
    for file in &files {
        let module = module_path(file);
        if module == ["lib"] || module == ["main"] {
            continue;
        }
        let Some(&own) = layer_of.get(&module[0]) else {
            problems.push(format!(
                "{}: module `{}` is not in the picture in src/lib.rs",
                file.display(),
                module[0]
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for used in uses(&module, &code(&text)) {
            match layer_of.get(&used) {
                Some(&layer) if layer < own => {}
                Some(&layer) => problems.push(format!(
                    "{}: `{}` (layer {own}) uses `{used}` (layer {layer}): only lower layers may be used",
                    file.display(),
                    module[0]
                )),
                None => problems.push(format!(
                    "{}: uses `{used}`, which is not in the picture in src/lib.rs",
                    file.display()
                )),
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn the_checker_sees_upward_and_sideways_uses() {
    let module = ["screen".to_string(), "app".to_string()];
    let code = code(
        "use crate::export::{self, Format};\nuse crate::{tui, view::Viewport};\n\
         // crate::cli in a comment\nfn f() { super::super::report::x(); super::keys::y(); }",
    );
    assert_eq!(uses(&module, &code), ["export", "tui", "view", "report"]);
}

#[test]
fn the_readme_shows_the_same_picture() {
    let lib = std::fs::read_to_string("src/lib.rs").unwrap();
    let readme = std::fs::read_to_string("README.md").unwrap();
    let rows = picture(&lib);
    assert!(!rows.is_empty());
    assert_eq!(
        picture(&readme),
        rows,
        "README.md's architecture picture differs from src/lib.rs's"
    );
}

/// Every `.rs` file under `dir`, with its code (comments and unit tests left out).
fn codes_under(dir: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(Path::new(dir), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            (f, code(&text))
        })
        .collect()
}

/// Drawing only reads: nothing in `src/screen/render.rs` or under `src/screen/render` takes
/// the app or what derives from it mutably.
#[test]
fn rendering_takes_the_app_read_only() {
    let mut files = codes_under("src/screen/render");
    assert!(!files.is_empty());
    let render = std::fs::read_to_string("src/screen/render.rs").unwrap();
    assert!(
        render.contains("pub fn render("),
        "render() moved: check this test"
    );
    files.push((PathBuf::from("src/screen/render.rs"), code(&render)));
    for (file, code) in files {
        let squeezed: String = code.split_whitespace().collect();
        for mutable in ["&mutApp", "&mutDerived"] {
            assert!(
                !squeezed.contains(mutable),
                "{} takes `{mutable}`: drawing must only read",
                file.display()
            );
        }
    }
}

/// No hidden caches in the screen: what is derived from the app is `Derived`'s, in plain
/// fields, so no `RefCell`, `Cell` or `Mutex` remains under `src/screen`.
#[test]
fn the_screen_has_no_interior_mutability() {
    for (file, code) in codes_under("src/screen") {
        for word in ["RefCell", "Cell<", "Cell::", "OnceCell", "Mutex"] {
            assert!(
                !code.contains(word),
                "{} uses `{word}`: keep derived state in `screen::derived`",
                file.display()
            );
        }
    }
}

/// The app's state and `update` know nothing of drawing: `src/screen/app.rs` and
/// `src/screen/app/*` never name the renderer (`update` scrolls against the extents that
/// `Derived::prepare` measured).
#[test]
fn the_app_does_not_import_the_renderer() {
    let mut files = codes_under("src/screen/app");
    let app = std::fs::read_to_string("src/screen/app.rs").unwrap();
    files.push((PathBuf::from("src/screen/app.rs"), code(&app)));
    for (file, code) in files {
        assert!(
            !code.contains("render::") && !code.contains("render::{") && !code.contains("render;"),
            "{} imports the renderer",
            file.display()
        );
    }
}
