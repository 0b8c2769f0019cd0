//! Find duplicated content in text: repeated lines, paragraphs and blocks, repeats inside
//! paragraphs, near duplicates, within one document and across a corpus, each with exact
//! byte spans and line numbers into the original input.
//!
//! # Overview
//!
//! [`find_repeats`] searches one text with good defaults. A [`FinderBuilder`] sets up a
//! reusable [`Finder`]: the unit ([`Unit`]: lines, paragraphs, or chosen per text), the
//! [`Normalize`] level and case folding, the minimum size of a unit, threads, and the
//! optional stages: repeats inside units ([`FinderBuilder::inner`]) and near duplicates
//! ([`FinderBuilder::near`]). A search returns a [`Report`] of offsets, never borrowed
//! text: groups of equal units, maximal repeated blocks, repeats inside units, near duplicates,
//! statistics, and the cuts that [`Report::repair`] makes.
//!
//! Many documents: [`Finder::find_many`], or the two passes underneath it
//! ([`CorpusIndex`], [`CorpusRepeats::locate`]) for corpora read from disk, in shards, or
//! in fixed memory ([`BloomFilter`]). Near duplicates across a corpus:
//! [`near::NearFinder::corpus`]. Web-corpus filter statistics: [`repetition_stats`].
//!
//! # Example
//!
//! ```
//! let text = "Breaking: storm hits the coast tonight\n\
//!             Officials urge residents to stay inside\n\
//!             Breaking: storm hits the coast tonight\n";
//! let report = dedupe::find_repeats(text);
//! let later = report.groups()[0].occurrences()[1];
//! assert_eq!((later.line(), later.span().start), (3, 79));
//! assert_eq!(
//!     report.repair(text)?,
//!     "Breaking: storm hits the coast tonight\nOfficials urge residents to stay inside\n"
//! );
//! # Ok::<(), dedupe::Error>(())
//! ```
//!
//! # What counts as a repeat
//!
//! Units are compared after normalization (trimmed, whitespace collapsed, NFKC, quotes
//! folded, invisible characters dropped; case as configured); units with fewer
//! characters than [`FinderBuilder::min_chars`] (20 by default) are never reported. A
//! character is a Unicode scalar value of the normalized text, as datatrove and dolma
//! count: a CJK ideograph, a composed accented letter and each code point of an emoji
//! sequence count one each, so the 18-character phrase `鉴于有必要促进各国间友好关系的发展,`
//! (52 bytes) and seven `❤️` (14 characters) are too short, and a 20-character
//! Vietnamese line is long enough whatever its length in bytes.
//! [`FinderBuilder::min_bytes`] sets the minimum in bytes instead (the last one set wins). Fingerprints only propose: within a
//! document every group is checked on text; across documents equality rests on 128-bit
//! fingerprints. Blocks are maximal runs of consecutive units that occur again (maximal
//! repeats over a suffix array; none lying inside other blocks at every place); periodic
//! input is cut at its period. The README
//! and DESIGN.md give every rule.
//!
//! Offsets are bytes, from 0, end exclusive, on character boundaries; line numbers start
//! at 1 and count `\n`, `\r\n` and a lone `\r` as line ends.
//!
//! Input that is not valid UTF-8 ([`Finder::find_bytes`]): each byte that is not part of
//! a valid character is a character of its own, equal only to the same byte, untouched
//! by normalization, never whitespace, a word or a line end. Two units holding invalid
//! bytes are equal when they hold the same ones at the same places and are equal
//! elsewhere after normalization; a unit with an invalid byte never equals one without
//! it. Offsets stay bytes into the input, on the boundaries of its characters and its
//! invalid bytes; an invalid byte counts as one character toward
//! [`FinderBuilder::min_chars`] (4 bytes toward [`FinderBuilder::min_bytes`]). Valid input gets exactly [`Finder::find`]'s report.
//!
//! # Crate features
//!
//! Every stage is built; the optional stages (repeats inside units, near duplicates) are
//! switched on at run time. Near duplicates and the Gopher statistics are not features of
//! their own: they bring no dependency the rest does not need (the word splitter serves
//! stutters too), and a program that calls `find_repeats` alone is 998,696 bytes
//! stripped against 1,069,392 for one that also runs near duplicates, inner repeats and
//! statistics (release, x86-64), so a leaner default build would save little. Cargo
//! features add what not every user needs:
//!
//! - `serde`: `Serialize` and `Deserialize` on [`Report`] and every result type in it
//!   ([`Group`], [`Block`], [`Occurrence`], [`Span`], [`InnerRepeat`], [`NearRepeat`],
//!   [`Stats`]) and on [`Member`], so that a report can be written as JSON and read back.
//! - `internals`: unstable entry points for the crate's own benches and tests (each
//!   stage of the hot loop alone, and the work a search counted); not covered by semver.
//! - `jsonl` (off by default): the module `dedupe::jsonl`, which reads JSONL corpora
//!   (plain, gzip or zstd, told apart by their first bytes; one document a line, the text
//!   and id fields named as you choose, `"text"` and `"id"` unless set) in batches, and
//!   writes a line back with cuts spliced into its text literal, every other byte as it
//!   came. It adds the dependencies flate2, zstd and simdutf8.
#![doc = include_str!("inner/rules.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

mod blocks;
mod bytes;
mod corpus;
mod display;
mod error;
mod finder;
mod fingerprint;
mod gopher;
mod group;
mod inner;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod internals;
#[cfg(feature = "jsonl")]
pub mod jsonl;
mod lines;
pub mod near;
mod normalize;
mod pipeline;
mod repair;
mod report;
mod split;
mod suffix;
mod units;
mod words;

pub use bytes::{EscapedBytes, ShownBytes};
pub use corpus::{
    BloomFilter, CorpusBlock, CorpusIndex, CorpusRepeats, CorpusReport, DocRepeats, Member, Seen, SeenUnits,
    ShardPrint, UnitRun,
};
pub use display::Note;
pub use error::{Error, Result};
pub use finder::{Finder, FinderBuilder};
pub use gopher::{
    explain_repetition, repetition_stats, repetition_stats_with_words, GopherRule, GopherThresholds,
    RepetitionAnalyzer, RepetitionExplanation, RepetitionStats, TopNgram, DUPLICATE_NGRAM_SIZES,
    TOP_NGRAM_SIZES,
};
pub use inner::{InnerKind, InnerRepeat};
pub use normalize::Normalize;
#[cfg(feature = "internals")]
pub use report::Work;
pub use report::{Block, Found, Group, Kind, NearPair, NearRepeat, Occurrence, Report, Shown, Span, Stats};
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

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

#[cfg(test)]
mod tests {
    fn send_sync<T: Send + Sync>() {}

    #[test]
    fn shared_types_are_send_and_sync() {
        send_sync::<crate::Finder>();
        send_sync::<crate::Report>();
        send_sync::<crate::CorpusIndex>();
        send_sync::<crate::CorpusRepeats>();
        send_sync::<crate::near::NearFinder>();
        send_sync::<crate::Error>();
    }
}
