//! Reading a dataset's files from disk, within bounds: the dataset file up to
//! [`super::limits::MAX_DATASET_BYTES`] (see [`super::read_text`]), and its sources only as
//! regular files inside its directory.
//!
//! A dataset may come from someone else (CI validates contributed datasets), so a source
//! `file` must not read `/dev/zero` until memory runs out, block on a FIFO, or print a
//! passage of `../../secret` in a hint.

use std::cell::Cell;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::limits::{MAX_SOURCE_BYTES, MAX_SOURCES_TOTAL_BYTES, too_large};

/// Read at most `limit` bytes from `reader`; `Err(None)` if there are more.
pub(crate) fn read_bounded(
    reader: impl Read,
    limit: u64,
) -> Result<Vec<u8>, Option<std::io::Error>> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(Some)?;
    if bytes.len() as u64 > limit {
        return Err(None);
    }
    Ok(bytes)
}

/// The sources of a dataset on disk: regular files inside the dataset file's directory,
/// after resolving symbolic links, each at most [`MAX_SOURCE_BYTES`] and together at most
/// [`MAX_SOURCES_TOTAL_BYTES`].
#[derive(Debug)]
pub struct SourceDir {
    /// The directory, as given (for relative names).
    dir: PathBuf,
    /// The directory with its links resolved (what every source must be inside); `None` if
    /// it cannot be resolved, and then nothing can be read.
    root: Option<PathBuf>,
    /// Bytes read so far.
    total: Cell<u64>,
}

impl SourceDir {
    /// The sources of the dataset file at `dataset`.
    pub fn of(dataset: &Path) -> SourceDir {
        let dir = match dataset.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        SourceDir {
            root: dir.canonicalize().ok(),
            dir,
            total: Cell::new(0),
        }
    }

    /// The text of the source file named `file` (relative to the dataset), or why it cannot
    /// be read, in words for a diagnostic.
    pub fn read(&self, file: &str) -> Result<String, String> {
        let Some(root) = &self.root else {
            return Err("the dataset's directory cannot be resolved".into());
        };
        let path = self
            .dir
            .join(file)
            .canonicalize()
            .map_err(|e| e.to_string())?;
        if !path.starts_with(root) {
            return Err(
                "it is outside the dataset's directory (sources must be inside it, links resolved)"
                    .into(),
            );
        }
        // Checked before opening: opening a FIFO would block until someone writes to it.
        let meta = std::fs::metadata(&path).map_err(|e| e.to_string())?;
        if !meta.is_file() {
            return Err(format!(
                "it is {}, not a regular file",
                file_type_name(&meta.file_type())
            ));
        }
        if meta.len() > MAX_SOURCE_BYTES {
            return Err(too_large("the source text", MAX_SOURCE_BYTES));
        }
        let left = MAX_SOURCES_TOTAL_BYTES.saturating_sub(self.total.get());
        if meta.len() > left {
            return Err(too_large(
                "the text of all sources together",
                MAX_SOURCES_TOTAL_BYTES,
            ));
        }
        let file = open_regular(&path).map_err(|e| e.to_string())?;
        let bytes = read_bounded(file, meta.len().min(left)).map_err(|e| match e {
            Some(e) => e.to_string(),
            None => "it grew while being read".to_string(),
        })?;
        self.total.set(self.total.get() + bytes.len() as u64);
        String::from_utf8(bytes).map_err(|e| {
            format!(
                "it is not UTF-8 text (byte {} is not valid)",
                e.utf8_error().valid_up_to()
            )
        })
    }
}

/// Open `path` for reading only if it is a regular file (after following links). The file is
/// opened without blocking and then checked, so a FIFO (or one renamed over the path in
/// between) is refused at once instead of blocking until someone writes to it.
///
/// # Errors
/// The system's error, or an [`std::io::ErrorKind::InvalidInput`] one reading "it is a FIFO,
/// not a regular file".
pub(crate) fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "it is {}, not a regular file",
                file_type_name(&meta.file_type())
            ),
        ));
    }
    #[cfg(unix)]
    {
        // Reads of a regular file never block; the flag is cleared all the same so that the
        // file behaves as one opened plainly.
        use std::os::fd::AsRawFd;
        let fd = file.as_raw_fd();
        // SAFETY: `fd` is open for the lifetime of `file`; F_GETFL/F_SETFL only read and set
        // the file status flags.
        unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            if flags >= 0 {
                libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
            }
        }
    }
    Ok(file)
}

/// What kind of file this is, in words.
pub(crate) fn file_type_name(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a directory"
    } else if t.is_symlink() {
        "a symbolic link"
    } else if t.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_at_once_and_a_link_to_a_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // Would block for ever if opened plainly: nobody writes to it.
        let e = open_regular(&fifo).unwrap_err();
        assert_eq!(e.to_string(), "it is a FIFO, not a regular file");
        let e = open_regular(dir.path()).unwrap_err();
        assert_eq!(e.to_string(), "it is a directory, not a regular file");
        std::fs::write(dir.path().join("a"), "text").unwrap();
        std::os::unix::fs::symlink(dir.path().join("a"), dir.path().join("b")).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut open_regular(&dir.path().join("b")).unwrap(), &mut s)
            .unwrap();
        assert_eq!(s, "text");
    }

    #[test]
    fn reads_no_more_than_the_limit() {
        assert_eq!(read_bounded(&b"abc"[..], 3).unwrap(), b"abc");
        assert!(matches!(read_bounded(&b"abcd"[..], 3), Err(None)));
        // An endless reader stops just past the limit.
        assert!(matches!(read_bounded(std::io::repeat(0), 1000), Err(None)));
    }

    #[test]
    fn sources_together_stay_within_their_limit() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "0123456789").unwrap();
        let sources = SourceDir::of(&dir.path().join("dataset.toml"));
        assert_eq!(sources.read("a.txt").unwrap(), "0123456789");
        assert_eq!(sources.total.get(), 10);
        // As if 256 MiB less 15 bytes had been read already: the next 10 fit, then no more.
        sources.total.set(MAX_SOURCES_TOTAL_BYTES - 15);
        assert!(sources.read("a.txt").is_ok());
        let refused = sources.read("a.txt").unwrap_err();
        assert!(
            refused.contains("the text of all sources together is larger than 256 MiB"),
            "{refused}"
        );
    }
}
