//! One pass: each unit checked against the units seen before it, in corpus order.
//!
//! A corpus-wide repair cuts every unit that repeats one earlier in the corpus. Two passes
//! ([`CorpusIndex`](crate::CorpusIndex), then [`CorpusRepeats::locate`](crate::CorpusRepeats::locate))
//! also say where the first occurrence was and which groups and blocks a document takes
//! part in; the cuts alone need only "seen before?", asked in order, so one pass does:
//! [`Finder::find_seen`] with [`SeenUnits`] (exact: the same cuts as the two passes) or
//! [`BloomFilter`](crate::BloomFilter) (fixed memory, false positives possible).

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::DocRepeats;
use crate::fingerprint::UnitPrint;
use crate::normalize::Scratch;
use crate::split::{self, Pos, RawUnit};
use crate::{repair, Finder};

/// What [`Finder::find_seen`] asks, unit by unit in corpus order: was this fingerprint
/// seen before? (It is then remembered.)
///
/// [`SeenUnits`] answers exactly; [`BloomFilter`](crate::BloomFilter) in fixed memory,
/// sometimes saying "seen" of a unit that was not.
///
/// ```
/// use dedupe::Seen;
///
/// let mut seen = dedupe::SeenUnits::new();
/// assert!(!seen.check_and_insert(7));
/// assert!(seen.check_and_insert(7));
/// ```
pub trait Seen {
    /// Whether `fingerprint` (a unit's 128-bit fingerprint) was inserted before; inserts it.
    fn check_and_insert(&mut self, fingerprint: u128) -> bool;
}

impl Seen for super::BloomFilter {
    #[inline]
    fn check_and_insert(&mut self, fingerprint: u128) -> bool {
        super::BloomFilter::check_and_insert(self, fingerprint)
    }
}

/// The fingerprints of the units seen so far, exactly: a hash set of 128-bit
/// fingerprints, about 20 to 40 bytes per distinct unit (the two-pass index keeps 24 bytes
/// per unit, repeats included).
///
/// Equality rests on the 128-bit fingerprint, as it does across documents in the index.
///
/// ```
/// let finder = dedupe::Finder::new();
/// let mut seen = dedupe::SeenUnits::new();
/// let docs = ["Shared footer text for all\nStory one", "Story two\nShared footer text for all"];
/// let found = finder.find_seen(&mut seen, &docs);
/// assert_eq!(found[1].repair(docs[1])?, "Story two");
/// // "Story one" and "Story two" are under the 20 characters a unit needs to count.
/// assert_eq!(seen.len(), 1);
/// # Ok::<(), dedupe::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct SeenUnits {
    set: HashSet<u128, BuildHasherDefault<Folded>>,
}

impl SeenUnits {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of distinct fingerprints seen.
    ///
    /// ```
    /// assert_eq!(dedupe::SeenUnits::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// Whether nothing was seen yet.
    ///
    /// ```
    /// assert!(dedupe::SeenUnits::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    /// About the memory the set takes now, in bytes (its table: 16 bytes a slot and one of
    /// control).
    ///
    /// ```
    /// use dedupe::Seen;
    ///
    /// let mut seen = dedupe::SeenUnits::new();
    /// (0..1000u128).for_each(|fp| { seen.check_and_insert(fp); });
    /// assert!(seen.bytes() >= 1000 * 16);
    /// ```
    pub fn bytes(&self) -> usize {
        self.set.capacity() * 17
    }
}

impl Seen for SeenUnits {
    #[inline]
    fn check_and_insert(&mut self, fingerprint: u128) -> bool {
        !self.set.insert(fingerprint)
    }
}

/// The hasher of [`SeenUnits`]: a fingerprint is xxh3 output already, so its low half is
/// a hash (other input, never given, is hashed with xxh3).
#[derive(Clone, Copy, Debug, Default)]
struct Folded(u64);

impl Hasher for Folded {
    #[inline]
    fn write_u128(&mut self, x: u128) {
        self.0 ^= x as u64;
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 ^= xxhash_rust::xxh3::xxh3_64(bytes);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A document's units and its eligible units' fingerprints, between the parallel step
/// and the check in order.
struct Printed {
    units: Units,
    prints: Counted,
}

/// `(unit, fingerprint)` of each unit of a document that counts, in order.
type Counted = Vec<(u32, [u64; 2])>;

/// The buffers one thread of [`Finder::find_seen`] reuses from document to document.
#[derive(Default)]
struct PrintScratch {
    normal: Scratch,
    prints: Vec<UnitPrint>,
    narrow: Vec<RawUnit<u32>>,
    wide: Vec<RawUnit<usize>>,
}

/// A document's units, with offsets as `u32` when the text allows (see [`split::narrow`]).
enum Units {
    Narrow(Vec<RawUnit<u32>>),
    Wide(Vec<RawUnit<usize>>),
}

impl Finder {
    /// Corpus repair in one pass: for each document, in order, the units seen before, in
    /// this document or an earlier one, as cuts (the first occurrence stays). With
    /// [`SeenUnits`] these are exactly the cuts of the two-pass
    /// [`CorpusIndex`](crate::CorpusIndex) over the same documents; with a
    /// [`BloomFilter`](crate::BloomFilter), a false positive cuts a unit that was not seen.
    /// Call it batch after batch with the same `seen` to clean a corpus of any size.
    ///
    /// The documents are split and fingerprinted in parallel and checked against `seen`
    /// in order, so the result does not depend on the number of threads. Only cuts are
    /// known in this mode: the [`DocRepeats`] hold no groups or blocks.
    ///
    /// ```
    /// let finder = dedupe::Finder::new();
    /// let mut bloom = dedupe::BloomFilter::new(10_000, 1e-9)?;
    /// let docs = ["Shared footer text for all\nStory one", "Story two\nShared footer text for all"];
    /// let found = finder.find_seen(&mut bloom, &docs);
    /// assert_eq!(found[1].repair(docs[1])?, "Story two");
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn find_seen<S, F>(&self, seen: &mut F, texts: &[S]) -> Vec<DocRepeats>
    where
        S: AsRef<str> + Sync,
        F: Seen + ?Sized,
    {
        let (keys, unit) = (self.keys(), self.unit_setting());
        let print = |text: &str, scratch: &mut PrintScratch| -> Printed {
            fn go<P: Pos>(
                text: &str,
                unit: split::Unit,
                keys: &crate::fingerprint::Keys,
                normal: &mut Scratch,
                prints: &mut Vec<UnitPrint>,
                units: &mut Vec<RawUnit<P>>,
            ) -> (Vec<RawUnit<P>>, Counted) {
                // Split into a buffer kept from document to document, and kept only when
                // some unit counts (else nothing of the document can be cut): one
                // allocation of the right size instead of a vector grown as it fills.
                split::split_into::<P>(text, unit, units);
                keys.print_units(text, units, normal, prints);
                let counted: Counted = prints
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.counts)
                    .map(|(i, p)| (i as u32, p.hash))
                    .collect();
                let kept = if counted.is_empty() {
                    Vec::new()
                } else {
                    units.to_vec()
                };
                (kept, counted)
            }
            let PrintScratch {
                normal,
                prints,
                narrow,
                wide,
            } = scratch;
            if split::narrow(text) {
                let (units, prints) = go::<u32>(text, unit, &keys, normal, prints, narrow);
                Printed {
                    units: Units::Narrow(units),
                    prints,
                }
            } else {
                let (units, prints) = go::<usize>(text, unit, &keys, normal, prints, wide);
                Printed {
                    units: Units::Wide(units),
                    prints,
                }
            }
        };
        let printed: Vec<Printed> = self.install(|| {
            texts
                .par_iter()
                .map_init(Default::default, |scratch, t| print(t.as_ref(), scratch))
                .collect()
        });
        // In order: the one step that cannot run in parallel. Only the units cut are kept.
        let cut: Vec<Vec<u32>> = printed
            .iter()
            .map(|p| {
                p.prints
                    .iter()
                    .filter(|(_, h)| seen.check_and_insert(h[0] as u128 | (h[1] as u128) << 64))
                    .map(|&(i, _)| i)
                    .collect()
            })
            .collect();
        self.install(|| {
            printed
                .into_par_iter()
                .zip(cut)
                .zip(texts)
                .map(|((p, cut), t)| {
                    let text = t.as_ref();
                    if cut.is_empty() {
                        return DocRepeats::from_cuts(text.len(), Vec::new());
                    }
                    let cuts = match &p.units {
                        Units::Narrow(units) => cuts_of(text, units, &cut),
                        Units::Wide(units) => cuts_of(text, units, &cut),
                    };
                    DocRepeats::from_cuts(text.len(), cuts)
                })
                .collect()
        })
    }
}

/// The cuts that remove units `cut` (in order) of `text`.
fn cuts_of<P: Pos>(text: &str, units: &[RawUnit<P>], cut: &[u32]) -> Vec<crate::Span> {
    let mut removed = vec![false; units.len()];
    for &i in cut {
        removed[i as usize] = true;
    }
    repair::cuts(text, units, &removed)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::{CorpusIndex, FinderBuilder, Unit};

    /// The two passes' cuts, the oracle of the one pass.
    fn two_passes(finder: &Finder, docs: &[String]) -> Vec<Vec<crate::Span>> {
        let mut index = CorpusIndex::new(finder);
        index.index(docs);
        let repeats = index.resolve();
        docs.iter()
            .enumerate()
            .map(|(i, d)| repeats.locate(i, d).unwrap().removals().to_vec())
            .collect()
    }

    fn one_pass(finder: &Finder, docs: &[String], batch: usize) -> Vec<Vec<crate::Span>> {
        let mut seen = SeenUnits::new();
        docs.chunks(batch)
            .flat_map(|b| finder.find_seen(&mut seen, b))
            .map(|f| f.removals().to_vec())
            .collect()
    }

    fn doc() -> impl Strategy<Value = String> {
        let line = prop::sample::select(vec![
            "A shared line long enough to count",
            "another shared line of some length",
            "short",
            "",
            "   indented  shared line long enough to count",
            "Unique-ish text that appears rarely here",
            "\u{201C}Quoted\u{201D} text, long enough to count",
        ]);
        prop::collection::vec((line, 0..3u8), 0..12).prop_map(|v| {
            v.into_iter()
                .map(|(l, k)| format!("{l}{}", if k == 0 { String::new() } else { format!(" {k}") }))
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    proptest! {
        #[test]
        fn equals_the_two_passes(
            docs in prop::collection::vec(doc(), 0..12),
            batch in 1..5usize,
            unit in prop::sample::select(vec![Unit::Auto, Unit::Line, Unit::Paragraph]),
            threads in 1..3usize,
        ) {
            let finder = FinderBuilder::new().unit(unit).threads(Some(threads)).build().unwrap();
            prop_assert_eq!(one_pass(&finder, &docs, batch), two_passes(&finder, &docs));
        }
    }

    #[test]
    fn a_repeat_within_and_across_documents_is_cut_and_the_first_kept() {
        let finder = Finder::new();
        let docs = [
            "A shared line long enough to count\nmine\nA shared line long enough to count".to_owned(),
            "A shared line long enough to count\ntheirs".to_owned(),
        ];
        let mut seen = SeenUnits::new();
        let found = finder.find_seen(&mut seen, &docs);
        assert_eq!(
            found[0].repair(&docs[0]).unwrap(),
            "A shared line long enough to count\nmine"
        );
        assert_eq!(found[1].repair(&docs[1]).unwrap(), "theirs");
        assert_eq!(seen.len(), 1);
        assert_eq!(one_pass(&finder, &docs, 1), two_passes(&finder, &docs));
    }

    #[test]
    fn empty_input_and_empty_documents() {
        let finder = Finder::new();
        let mut seen = SeenUnits::new();
        assert!(finder.find_seen(&mut seen, &[] as &[&str]).is_empty());
        let found = finder.find_seen(&mut seen, &["", "\n\n"]);
        assert!(found.iter().all(|f| f.removals().is_empty()));
        assert!(seen.is_empty());
    }
}
