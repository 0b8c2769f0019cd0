//! Corpus: repeats across many documents, in parallel, in a fixed order.
//!
//! The work runs in two passes over the documents, so a corpus never has to be held in
//! memory at once:
//!
//! 1. **Index.** Each document is split, normalized and fingerprinted (in parallel, a
//!    batch at a time); [`CorpusIndex::add`] also makes its within-document [`Report`]
//!    ([`CorpusIndex::index`] does not), and every eligible unit adds one 24-byte entry
//!    to the [`CorpusIndex`]: a 128-bit fingerprint of its
//!    normalized text, its document number and its unit number. Indexes of shards can be
//!    saved, loaded and merged.
//! 2. **Resolve and locate.** [`CorpusIndex::resolve`] sorts the entries into groups of
//!    equal fingerprints and finds the blocks; [`CorpusRepeats::locate`] then turns one
//!    document's entries back into byte spans and line numbers (a split of that document,
//!    nothing more), and says what to cut from it.
//!
//! When only the cuts are wanted, one pass does: [`Finder::find_seen`](crate::Finder::find_seen)
//! checks each unit against the units seen before it ([`SeenUnits`], exact: the same cuts
//! as the two passes; or a [`BloomFilter`], in fixed memory).
//!
//! "First" always means first in document order, then in text order: results never
//! depend on which thread finished first, nor on the number of threads.
//!
//! Across documents the texts are no longer at hand, so equality rests on the 128-bit
//! fingerprint. With `n` units the chance that any two different units share one is about
//! `n² / 2¹²⁹`: 1.5 × 10⁻²¹ at 10⁹ units and 1.5 × 10⁻¹⁹ at 10¹⁰.

mod bloom;
mod format;
mod index;
mod locate;
mod many;
mod resolve;
mod seen;
#[cfg(test)]
mod tests;

pub use bloom::BloomFilter;
pub use index::{CorpusIndex, ShardPrint};
pub use locate::{DocRepeats, Member};
pub use many::CorpusReport;
pub use resolve::{CorpusBlock, CorpusRepeats, UnitRun};
pub use seen::{Seen, SeenUnits};
