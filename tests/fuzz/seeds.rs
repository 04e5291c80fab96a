//! The valid datasets the fuzz inputs start from, and the input type: a dataset text, the
//! seed whose sources it reads, and text added to those sources.

use std::path::Path;
use std::sync::OnceLock;

/// A valid dataset to start from, with its source files.
pub struct Seed {
    /// What it is called in findings.
    pub name: &'static str,
    /// Its TOML.
    pub text: String,
    /// Its source files: the name the dataset uses, and the text.
    pub sources: Vec<(String, String)>,
}

/// One input: a dataset text, the seed whose sources it reads, and text added to every source.
#[derive(Debug, Clone)]
pub struct Input {
    /// Index into [`seeds`].
    pub seed: usize,
    /// The dataset's TOML (maybe not TOML at all).
    pub text: String,
    /// Appended to every source file.
    pub extra: String,
    /// CSV rows to import: the case is the dataset `import csv` makes of them (`text` is
    /// unused).
    pub csv: Option<String>,
}

impl Input {
    /// The text of source `file` for this input.
    pub fn source(&self, file: &str) -> Result<String, String> {
        seeds()[self.seed]
            .sources
            .iter()
            .find(|(name, _)| name == file)
            .map(|(_, text)| format!("{text}\n{}", self.extra))
            .ok_or_else(|| format!("no source file {file}"))
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The seeds: the built-in dataset, the minimal valid fixture, the hostile export fixture,
/// and a small synthetic dataset.
pub fn seeds() -> &'static [Seed] {
    static SEEDS: OnceLock<Vec<Seed>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let builtin_sources = std::fs::read_dir(root.join("data/sources"))
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let name = format!("sources/{}", p.file_name().unwrap().to_string_lossy());
                (name, read(&p))
            })
            .collect();
        let fixture = |dir: &str, name: &'static str, file: &str| Seed {
            name,
            text: read(&root.join("tests/fixtures").join(dir).join(file)),
            sources: vec![(
                "source.txt".to_string(),
                read(&root.join("tests/fixtures").join(dir).join("source.txt")),
            )],
        };
        let synth = frontline::synth::generate(&frontline::synth::GenSpec {
            places: 12,
            events: 40,
            seed: 7,
            events_per_day: 8,
        });
        vec![
            Seed {
                name: "builtin",
                text: read(&root.join("data/syria-2024.toml")),
                sources: builtin_sources,
            },
            fixture("valid", "minimal", "minimal.toml"),
            fixture("export", "hostile", "hostile.toml"),
            Seed {
                name: "synth",
                text: synth.toml,
                sources: synth.sources,
            },
        ]
    })
}
