//! What kind of failure something was, and the exit code each kind gets.
//!
//! Library errors say which [`Kind`] they are; only the CLI turns a kind into a process exit
//! code. The codes follow BSD's `sysexits.h` where one fits, and are documented in the README
//! and in `frontline --help`. A process stopped by a fatal signal exits 128 + the signal's
//! number instead ([`crate::signals::exit_code`]), as shells report it.

/// The kinds of failure frontline tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Bad arguments: a malformed or out-of-range date, an unknown place, a size out of range.
    Usage,
    /// The dataset (or another input file) has problems (`EX_DATAERR`).
    Data,
    /// An input file is missing or unreadable (`EX_NOINPUT`).
    NoInput,
    /// An output file cannot be created or would replace one without `--force` (`EX_CANTCREAT`).
    CantCreate,
    /// Writing to an output that was open failed, e.g. a full disk (`EX_IOERR`).
    Io,
    /// A bug: something frontline made that its own code refuses.
    Internal,
}

/// Exit code for bad arguments.
pub(crate) const USAGE: u8 = 2;
/// Exit code for an invalid dataset (EX_DATAERR).
pub(crate) const DATA: u8 = 65;
/// Exit code for a missing dataset file (EX_NOINPUT).
pub(crate) const NOINPUT: u8 = 66;
/// Exit code for an output that cannot be written (EX_CANTCREAT).
pub(crate) const CANTCREAT: u8 = 73;
/// Exit code for an output that failed while being written (EX_IOERR).
pub(crate) const IOERR: u8 = 74;
/// Exit code for an internal error.
pub(crate) const INTERNAL: u8 = 1;

impl Kind {
    /// The process exit code for this kind.
    pub const fn code(self) -> u8 {
        match self {
            Kind::Usage => USAGE,
            Kind::Data => DATA,
            Kind::NoInput => NOINPUT,
            Kind::CantCreate => CANTCREAT,
            Kind::Io => IOERR,
            Kind::Internal => INTERNAL,
        }
    }
}
