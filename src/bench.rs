//! Internals for `benches/find_repeats.rs` only: hidden, unstable, not part of the API.
//!
//! Each stage of [`Finder::find`](crate::Finder::find) on its own, with the default
//! configuration, so the benches can time the hot loop piece by piece.

use crate::config::Finder;
use crate::group;
use crate::normalize::{Normalize, Normalizer};
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
            .filter(|u| n.is_normal_ascii(text[u.span].as_bytes()))
            .count()
    }
}

/// Units with their fingerprints.
pub struct Prepared {
    units: Vec<RawUnit>,
    fingerprints: Vec<Option<u64>>,
}

impl Prepared {
    /// Units long enough to count.
    pub fn eligible(&self) -> usize {
        self.fingerprints.iter().flatten().count()
    }
}

/// Splits `text`, then normalizes and fingerprints every unit on the calling thread.
pub fn prepare(text: &str) -> Prepared {
    let units = split::split(text, Unit::Auto).1;
    let fingerprints = Finder::new().fingerprints_serial(text, &units);
    Prepared { units, fingerprints }
}

/// Groups prepared units (fingerprint sort and verification); returns the group count.
pub fn group(text: &str, p: &Prepared) -> usize {
    let n = Normalizer {
        level: Normalize::Unicode,
        fold_case: false,
    };
    group::group_units(text, &p.units, &p.fingerprints, n, &mut group::Steps::default())
        .0
        .len()
}
