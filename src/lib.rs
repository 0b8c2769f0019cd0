//! dedupe: find duplicated content in text.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

#[doc(hidden)]
#[path = "bench.rs"]
pub mod __bench;
mod bloom;
mod config;
mod corpus;
mod error;
mod fingerprint;
mod group;
pub mod near;
mod normalize;
mod repair;
mod report;
mod spans;
mod split;
mod stats;
mod words;

pub use bloom::BloomFilter;
pub use config::{Finder, FinderBuilder};
pub use corpus::{CorpusBlock, CorpusIndex, CorpusRepeats, CorpusReport, DocOccurrence, DocRepeats, UnitRun};
pub use error::{Error, Result};
pub use normalize::Normalize;
pub use report::{NearRepeat, Occurrence, RepeatBlock, RepeatGroup, Report, Span, Stats, Work};
pub use spans::{SpanKind, SpanRepeat};
pub use split::Unit;
pub use stats::{
    explain_repetition, repetition_stats, repetition_stats_with_words, GopherRule, GopherThresholds,
    RepetitionAnalyzer, RepetitionExplanation, RepetitionStats, TopNgram, DUPLICATE_NGRAM_SIZES,
    TOP_NGRAM_SIZES,
};

/// Finds every repeat in `text` with the default configuration.
///
/// ```
/// let report = dedupe::find_repeats("a line that repeats itself\nother\na line that repeats itself");
/// assert_eq!(report.groups().len(), 1);
/// ```
pub fn find_repeats(text: &str) -> Report {
    Finder::new().find(text)
}

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
