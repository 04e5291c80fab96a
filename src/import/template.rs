//! `frontline new DIR`: a dataset to start from, with one commented example of each kind of
//! entry (`assets/template/`); it validates as written.

/// The files of the new dataset: `(path relative to DIR, text)`, the dataset file last.
pub(crate) const FILES: [(&str, &str); 2] = [
    (
        "sources/example.txt",
        include_str!("../../assets/template/sources/example.txt"),
    ),
    (
        "dataset.toml",
        include_str!("../../assets/template/dataset.toml"),
    ),
];
