//! Writing a dataset directory (`import`, `new`) as carefully as `export` writes one file.
//!
//! Every destination is checked before anything is written: inside DIR only real
//! directories are entered (a `sources` that is a symbolic link would carry the writes out of
//! DIR), only regular files are replaced, and those only with `--force`. Then every file is
//! written to a temporary file beside its destination, registered with
//! [`crate::signals`] so that a fatal signal removes it; only when all are written are they
//! renamed into place, the sources first and the dataset file last, in one step a signal
//! waits for. A failure on the way removes the temporary files and any file this run created.

use std::path::{Component, Path, PathBuf};

use tempfile::TempPath;

use crate::cli::Failure;
use crate::dataset::files::file_type_name;
use crate::dataset::text::shown;
use crate::exit::Kind;

fn cant(path: &Path, reason: impl std::fmt::Display) -> Failure {
    Failure {
        kind: Kind::CantCreate,
        message: format!("error: cannot write {}: {reason}", shown(path)),
    }
}

/// Refuse `name` unless it is a plain relative path (no `..`, no root): the names come from
/// the importer, and a slip there must not write outside DIR.
fn plain(name: &str) -> Result<&Path, Failure> {
    let p = Path::new(name);
    if p.components().all(|c| matches!(c, Component::Normal(_))) && !name.is_empty() {
        Ok(p)
    } else {
        Err(Failure {
            kind: Kind::Internal,
            message: format!(
                "error: the file name `{}` is not inside the dataset's directory (a bug: please report it)",
                crate::dataset::text::printable(name)
            ),
        })
    }
}

/// Check that `dir` and every file of `names` (relative to it) may be written: directories
/// on the way are real directories (or do not exist yet), and an existing file is a regular
/// file and `force` is given.
pub(super) fn check(dir: &Path, names: &[&str], force: bool) -> Result<(), Failure> {
    if let Ok(meta) = std::fs::metadata(dir)
        && !meta.is_dir()
    {
        return Err(cant(
            dir,
            format!(
                "it is {}, not a directory",
                file_type_name(&meta.file_type())
            ),
        ));
    }
    let mut checked_dirs = std::collections::HashSet::new();
    for name in names {
        let rel = plain(name)?;
        // Each directory between DIR and the file: entered only if it is a directory itself.
        let mut at = dir.to_path_buf();
        let parts: Vec<Component<'_>> = rel.components().collect();
        for part in &parts[..parts.len() - 1] {
            at.push(part);
            if !checked_dirs.insert(at.clone()) {
                continue;
            }
            if let Ok(meta) = at.symlink_metadata()
                && !meta.is_dir()
            {
                return Err(cant(
                    &at,
                    format!(
                        "it is {}, not a directory; frontline writes only inside {}",
                        file_type_name(&meta.file_type()),
                        shown(dir)
                    ),
                ));
            }
        }
        let path = dir.join(rel);
        if let Ok(meta) = path.symlink_metadata() {
            if !meta.is_file() {
                return Err(cant(
                    &path,
                    format!(
                        "it is {}; only a regular file is ever replaced",
                        file_type_name(&meta.file_type())
                    ),
                ));
            }
            if !force {
                return Err(Failure {
                    kind: Kind::CantCreate,
                    message: format!(
                        "error: {} already exists; not overwriting it\n  hint: add --force to replace it",
                        shown(&path)
                    ),
                });
            }
        }
    }
    Ok(())
}

/// Forget `paths` as temporary files once dropped (renamed into place, or removed).
struct Registered(Vec<PathBuf>);

impl Drop for Registered {
    fn drop(&mut self) {
        let gone: std::collections::HashSet<&PathBuf> = self.0.iter().collect();
        crate::signals::with_cleanup(|c| c.forget_temp_files(&gone));
    }
}

/// One file written to its temporary file, not yet renamed.
struct Pending {
    temp: TempPath,
    dest: PathBuf,
    existed: bool,
}

/// Write `bytes` to a new temporary file beside `dest`, registered for removal on a signal.
fn stage(
    dest: &Path,
    bytes: &[u8],
    sync: bool,
    registered: &mut Registered,
) -> Result<Pending, Failure> {
    use std::io::Write;
    let dir = dest.parent().unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".frontline-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The mode goes to open(2), so the umask applies as for any new file.
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = crate::signals::with_cleanup(|c| {
        let tmp = builder.tempfile_in(dir)?;
        c.add_temp_file(tmp.path().to_path_buf());
        Ok::<_, std::io::Error>(tmp)
    })
    .map_err(|e| cant(dest, e))?;
    registered.0.push(tmp.path().to_path_buf());
    tmp.write_all(bytes).map_err(|e| cant(dest, e))?;
    if sync {
        tmp.as_file().sync_all().map_err(|e| cant(dest, e))?;
    }
    Ok(Pending {
        // The file is closed here: a thousand sources must not hold a thousand descriptors.
        temp: tmp.into_temp_path(),
        existed: dest.symlink_metadata().is_ok(),
        dest: dest.to_path_buf(),
    })
}

/// Write `files` (relative to `dir`, the dataset file last) and return the dataset file's
/// path; see the module's doc. Only the dataset file is synced to disk: an import writes up
/// to thousands of sources, and syncing each took longer than the import itself.
pub(super) fn write(
    dir: &Path,
    files: &[(impl AsRef<str>, impl AsRef<str>)],
    force: bool,
) -> Result<PathBuf, Failure> {
    let names: Vec<&str> = files.iter().map(|f| f.0.as_ref()).collect();
    check(dir, &names, force)?;
    let Some(last) = names.last() else {
        return Ok(dir.join("dataset.toml"));
    };
    let toml = dir.join(last);
    let mut made = Vec::new();
    if !dir.exists() {
        made.push(dir.to_path_buf());
    }
    for name in &names {
        if let Some(parent) = dir.join(name).parent()
            && !parent.is_dir()
        {
            std::fs::create_dir_all(parent).map_err(|e| cant(parent, e))?;
            made.push(parent.to_path_buf());
        }
    }
    let mut registered = Registered(Vec::with_capacity(files.len()));
    let pause = std::env::var_os(crate::export::PAUSE_ENV).is_some();
    let staged: Result<Vec<Pending>, Failure> = files
        .iter()
        .enumerate()
        .map(|(i, (name, text))| {
            let is_last = i + 1 == files.len();
            let dest = dir.join(name.as_ref());
            let p = stage(&dest, text.as_ref().as_bytes(), is_last, &mut registered)?;
            if pause && i == 0 {
                // The test hook: stop with a temporary file on disk, for a signal to find.
                std::thread::sleep(std::time::Duration::from_secs(60));
            }
            Ok(p)
        })
        .collect();
    let pending = match staged {
        Ok(p) => p,
        Err(e) => {
            remove_dirs(&made);
            return Err(e);
        }
    };
    // All renamed while a signal waits: it finds either the temporary files or the dataset.
    let renamed = crate::signals::with_cleanup(|_| {
        let mut done: Vec<PathBuf> = Vec::new();
        for p in pending {
            let result = if force {
                p.temp.persist(&p.dest)
            } else {
                p.temp.persist_noclobber(&p.dest)
            };
            match result {
                Ok(()) => {
                    if !p.existed {
                        done.push(p.dest);
                    }
                }
                Err(e) => {
                    for d in &done {
                        let _ = std::fs::remove_file(d);
                    }
                    return Err(cant(&p.dest, e.error));
                }
            }
        }
        Ok(())
    });
    if renamed.is_err() {
        remove_dirs(&made);
    }
    drop(registered);
    renamed.map(|()| toml)
}

/// Remove the directories this run made (innermost first), if they are empty.
fn remove_dirs(made: &[PathBuf]) {
    for d in made.iter().rev() {
        let _ = std::fs::remove_dir(d);
    }
}
