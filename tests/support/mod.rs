//! What the test binaries share: building an App (`app`), dataset directories and fixtures
//! (`data`), the real binary in a pseudo-terminal (`pty`).

pub mod app;
pub mod data;
pub mod pty;
