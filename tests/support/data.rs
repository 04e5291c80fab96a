//! The test fixtures on disk, and the minimal valid dataset copied into a temporary directory
//! with an edit. Shared by the tests that include it with `#[path]`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A file or directory under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A temporary directory holding the minimal valid dataset (as `dataset.toml`, edited by
/// `edit`) and its source.
pub fn dataset_dir(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("valid/minimal.toml")).unwrap();
    std::fs::write(dir.path().join("dataset.toml"), edit(text)).unwrap();
    std::fs::copy(fixture("valid/source.txt"), dir.path().join("source.txt")).unwrap();
    dir
}
