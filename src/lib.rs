//! dedupe: find duplicated content in text.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

#[doc(hidden)]
#[path = "bench.rs"]
pub mod __bench;
mod config;
mod error;
mod fingerprint;
mod group;
mod normalize;
mod repair;
mod report;
mod split;
mod words;

pub use config::{Finder, FinderBuilder};
pub use error::{Error, Result};
pub use normalize::Normalize;
pub use report::{Occurrence, RepeatBlock, RepeatGroup, Report, Span, Stats};
pub use split::Unit;

/// Finds every repeat in `text` with the default configuration.
///
/// ```
/// let report = dedupe::find_repeats("a line that repeats itself\nother\na line that repeats itself");
/// assert_eq!(report.groups().len(), 1);
/// ```
pub fn find_repeats(text: &str) -> Report {
    Finder::new().find(text)
}
