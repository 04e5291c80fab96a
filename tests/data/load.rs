//! Loading a dataset entry by entry gives what reading the file whole gives: the same
//! dataset, the same messages at the same places, also when entries are broken.

use frontline::dataset::LoadError;
use frontline::loaded::{self, Loaded};
use frontline::synth::{GenSpec, Generated};

/// `text` with `g`'s source files, loaded as any dataset is: entry by entry when the layout
/// allows it.
fn load(g: &Generated, text: &str) -> Result<Loaded, LoadError> {
    loaded::load_str("dataset.toml", text, &|file| {
        g.sources
            .iter()
            .find(|(name, _)| name == file)
            .map(|(_, text)| text.clone())
            .ok_or_else(|| format!("{file} was not generated"))
    })
}

/// `text` loaded whole: the other path on the same TOML.
fn load_whole(g: &Generated, text: &str) -> Result<Loaded, LoadError> {
    loaded::load_str_whole("dataset.toml", text, &|file| {
        g.sources
            .iter()
            .find(|(name, _)| name == file)
            .map(|(_, text)| text.clone())
            .ok_or_else(|| format!("{file} was not generated"))
    })
}

#[test]
fn entry_by_entry_reports_broken_entries_as_the_whole_file_does() {
    let g = frontline::synth::generate(&GenSpec {
        places: 20,
        events: 120,
        seed: 3,
        events_per_day: 10,
    });
    let edits: [(&str, &str); 10] = [
        ("id = \"e5\"", "id = \"e4\""),
        ("place = \"p3\"", "place = \"p99\""),
        ("quote = \"Report 7:", "quote = \"Report seven:"),
        ("kind = \"captured\"", "kind = \"captured\"\nextra = 1"),
        ("[[events]]\nid = \"e9\"", "  [[events]]\nid = \"e9\""),
        ("[[events]]\nid = \"e9\"", "[[events]] # nine\nid = \"e9\""),
        ("[[events]]\nid = \"e9\"", "[[events]]\nid = \"e9\nbroken"),
        (
            "[[places]]\nid = \"p2\"",
            "[[events]]\nid = \"early\"\n[[places]]\nid = \"p2\"",
        ),
        ("\n[[sources]]", "\nevents = []\n[[sources]]"),
        (
            "[[events]]\nid = \"e9\"",
            "[[events]]\nid = \"e9\"\n[dataset.more]\nx = 1\n[[events]]\nid = \"e9b\"",
        ),
    ];
    let loaded = load(&g, &g.toml);
    assert!(loaded.is_ok(), "{loaded:?}");
    assert_eq!(
        format!("{loaded:?}"),
        format!("{:?}", load_whole(&g, &g.toml))
    );
    for (from, to) in edits {
        assert!(g.toml.contains(from), "{from}");
        let text = g.toml.replacen(from, to, 1);
        let (entries, whole) = (load(&g, &text), load_whole(&g, &text));
        assert_eq!(format!("{entries:?}"), format!("{whole:?}"), "{to}");
        // Indented and commented headers are valid TOML; everything else is broken.
        let valid = to.contains("# nine") || to.starts_with("  [[");
        assert_eq!(whole.is_ok(), valid, "{to}: {whole:?}");
    }
}
