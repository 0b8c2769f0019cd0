//! Internals for the crate's own benches and tests, behind the `internals` feature:
//! hidden, unstable, not part of the API.
//!
//! Each stage of [`Finder::find`](crate::Finder::find) on its own, with the default
//! configuration, so the benches can time the hot loop piece by piece.

use crate::finder::Finder;
use crate::fingerprint::UnitPrint;
use crate::group;
use crate::normalize::{Normalize, Normalizer, Scratch};
use crate::split::{self, RawUnit, Unit};

/// A text cut into units, as the default finder cuts it.
pub struct Units(Vec<RawUnit>);

/// Splits `text` into units ([`Unit::Auto`]).
pub fn split(text: &str) -> Units {
    Units(split::split(text, Unit::Auto).1)
}

impl Units {
    /// The number of units.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many units the default normalizer's ASCII check leaves as they are.
    pub fn count_normal_ascii(&self, text: &str) -> usize {
        let n = Normalizer {
            level: Normalize::Unicode,
            fold_case: false,
        };
        self.0
            .iter()
            .filter(|u| n.is_normal_ascii(text[u.span()].as_bytes()))
            .count()
    }
}

/// Units with their fingerprints.
pub struct Prepared {
    units: Vec<RawUnit>,
    prints: Vec<UnitPrint>,
}

impl Prepared {
    /// Units long enough to count.
    pub fn eligible(&self) -> usize {
        self.prints.iter().filter(|p| p.counts).count()
    }
}

/// Splits `text`, then normalizes and fingerprints every unit on the calling thread.
pub fn prepare(text: &str) -> Prepared {
    let units = split::split::<usize>(text, Unit::Auto).1;
    let mut prints = Vec::new();
    let keys = Finder::new().keys();
    // Serial, as one thread of a parallel run sees it.
    let mut scratch = Scratch::default();
    prints.extend(units.iter().map(|u| keys.print(&text[u.span()], &mut scratch)));
    Prepared { units, prints }
}

/// Groups prepared units (fingerprint sort and verification); returns the group count.
pub fn group(text: &str, p: &Prepared) -> usize {
    let n = Normalizer {
        level: Normalize::Unicode,
        fold_case: false,
    };
    group::group_units(text, &p.units, &p.prints, n, &mut group::Steps::default())
        .0
        .len()
}
