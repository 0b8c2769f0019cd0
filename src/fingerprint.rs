//! Fingerprints: xxh3 with a fixed, overridable seed.
//!
//! 64 bits where the texts are at hand to verify equality afterwards (everything in a
//! single document); a hash match is only ever a candidate, never a verdict.

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// The default seed. Fixed so results and saved indexes are reproducible; callers facing
/// adversarial input can choose a secret one with
/// [`FinderBuilder::hash_seed`](crate::FinderBuilder::hash_seed).
pub(crate) const DEFAULT_SEED: u64 = 0x6465_6475_7065_2d31; // "dedupe-1"

/// The 64-bit fingerprint of normalized unit text.
#[inline]
pub(crate) fn fingerprint64(bytes: &[u8], seed: u64) -> u64 {
    xxh3_64_with_seed(bytes, seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_changes_the_fingerprint() {
        assert_eq!(fingerprint64(b"abc", 1), fingerprint64(b"abc", 1));
        assert_ne!(fingerprint64(b"abc", 1), fingerprint64(b"abc", 2));
    }
}
