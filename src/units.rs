//! A document's units by fingerprint, and the cuts for units chosen elsewhere: the two
//! per-document halves of a corpus-wide repair, for engines that group the fingerprints
//! themselves (a shuffle on a cluster) instead of in a [`CorpusIndex`](crate::CorpusIndex).

use crate::normalize::Scratch;
use crate::{repair, split, Finder, Span};

impl Finder {
    /// The 128-bit fingerprint of every unit of `text` long enough to count
    /// ([`Finder::counts`]), with its unit number ([`Occurrence::unit`](crate::Occurrence::unit):
    /// every unit counted, short ones included), in text order: exactly the entries that
    /// [`CorpusIndex::index`](crate::CorpusIndex::index) adds for `text`.
    ///
    /// A corpus-wide repair keeps the first occurrence of each fingerprint in corpus order
    /// (document number, then unit number) and cuts every later one. That decision needs
    /// only these pairs, so it can be made by any engine that groups them by fingerprint;
    /// [`Finder::cuts_for_units`] then cuts each document.
    ///
    /// ```
    /// let finder = dedupe::Finder::new();
    /// let prints = finder.unit_fingerprints("A line long enough to count\nshort\nA line long enough to count");
    /// let units: Vec<usize> = prints.iter().map(|&(unit, _)| unit).collect();
    /// assert_eq!(units, [0, 2]);
    /// assert_eq!(prints[0].1, prints[1].1);
    /// ```
    pub fn unit_fingerprints(&self, text: &str) -> Vec<(usize, u128)> {
        let (_, units) = split::split::<usize>(text, self.unit_setting());
        let mut prints = Vec::new();
        self.install(|| {
            self.keys()
                .print_units(text, &units, &mut Scratch::default(), &mut prints)
        });
        prints
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.full().map(|fp| (i, fp)))
            .collect()
    }

    /// The cuts that remove the units numbered `remove` from `text` (numbers as
    /// [`Finder::units`] gives them; numbers past the last unit are ignored), made as a
    /// corpus-wide repair makes them ([`DocRepeats::removals`](crate::DocRepeats::removals)):
    /// whole lines with their separators, ascending and disjoint.
    ///
    /// ```
    /// let finder = dedupe::Finder::new();
    /// let text = "Keep this first line\nCut this second line\nKeep the third";
    /// let cuts = finder.cuts_for_units(text, &[1]);
    /// assert_eq!(cuts, [dedupe::Span { start: 21, end: 42 }]);
    /// assert_eq!(&text[cuts[0]], "Cut this second line\n");
    /// ```
    pub fn cuts_for_units(&self, text: &str, remove: &[usize]) -> Vec<Span> {
        let (_, units) = split::split::<usize>(text, self.unit_setting());
        let mut flags = vec![false; units.len()];
        for &u in remove {
            if let Some(f) = flags.get_mut(u) {
                *f = true;
            }
        }
        repair::cuts(text, &units, &flags)
    }
}
