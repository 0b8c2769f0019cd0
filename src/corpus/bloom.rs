//! Fixed memory: a Bloom filter of unit fingerprints, for corpora larger than RAM.
//!
//! The exact corpus index ([`CorpusIndex`](crate::CorpusIndex)) keeps 24 bytes a unit.
//! When that is too much, [`BloomFilter`] answers "seen before?" in a fixed number of
//! bytes, in one pass, as dolma's deduper does: a unit that was seen is always said to be
//! seen, and a unit that was not is wrongly said to be seen with probability about
//! `(1 - e^(-k n / m))^k` after `n` insertions into `m` bits with `k` hashes: the rate
//! asked for when the filter holds the number of units it was sized for. A false positive
//! cuts a unit that was not a repeat; choose the rate with that in mind. Only later
//! occurrences are known in this mode, never where the first one was.

use crate::{Error, Result};

/// A Bloom filter over 128-bit unit fingerprints.
///
/// ```
/// let mut bloom = dedupe::BloomFilter::new(1_000, 0.001)?;
/// assert!(!bloom.check_and_insert(0x1234_5678_9abc_def0));
/// assert!(bloom.check_and_insert(0x1234_5678_9abc_def0));
/// # Ok::<(), dedupe::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct BloomFilter {
    bits: Vec<u64>,
    hashes: u32,
    inserted: u64,
    expected: u64,
}

impl BloomFilter {
    /// A filter sized for `expected` units at the given false-positive rate: `m = -n ln p /
    /// (ln 2)²` bits and `k = (m / n) ln 2` hashes.
    ///
    /// Fails with [`Error::Config`] when `expected` is 0, the rate is not in `(0, 1)`, or
    /// the filter would take more than 2⁴⁰ bytes.
    ///
    /// ```
    /// let bloom = dedupe::BloomFilter::new(1_000_000, 1e-6)?;
    /// assert_eq!(bloom.hashes(), 20);
    /// assert!(bloom.bytes() < 4 << 20);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn new(expected: u64, false_positive_rate: f64) -> Result<Self> {
        if expected == 0 {
            return Err(Error::Config("a Bloom filter needs a positive expected count"));
        }
        if !(false_positive_rate > 0.0 && false_positive_rate < 1.0) {
            return Err(Error::Config("the false-positive rate must be between 0 and 1"));
        }
        let ln2 = std::f64::consts::LN_2;
        let bits = (-(expected as f64) * false_positive_rate.ln() / (ln2 * ln2))
            .ceil()
            .max(64.0);
        if bits > 8.0 * (1u64 << 40) as f64 {
            return Err(Error::Config("the Bloom filter would exceed 1 TiB"));
        }
        let hashes = ((bits / expected as f64) * ln2).round().clamp(1.0, 64.0) as u32;
        let words = (bits as u64).div_ceil(64) as usize;
        Ok(BloomFilter {
            bits: vec![0; words],
            hashes,
            inserted: 0,
            expected,
        })
    }

    /// The number of hash functions.
    ///
    /// ```
    /// assert!(dedupe::BloomFilter::new(10, 0.01)?.hashes() >= 1);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn hashes(&self) -> u32 {
        self.hashes
    }

    /// The memory the bits take, in bytes.
    ///
    /// ```
    /// assert!(dedupe::BloomFilter::new(1000, 0.01)?.bytes() >= 1000);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn bytes(&self) -> usize {
        self.bits.len() * 8
    }

    /// The false-positive rate now, from the number of insertions so far.
    ///
    /// ```
    /// let bloom = dedupe::BloomFilter::new(1000, 0.01)?;
    /// assert_eq!(bloom.false_positive_rate(), 0.0);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn false_positive_rate(&self) -> f64 {
        let m = (self.bits.len() * 64) as f64;
        let k = self.hashes as f64;
        (1.0 - (-k * self.inserted as f64 / m).exp()).powf(k)
    }

    /// The number of fingerprints inserted so far (each new one once).
    ///
    /// ```
    /// let mut bloom = dedupe::BloomFilter::new(100, 0.01)?;
    /// bloom.check_and_insert(1);
    /// bloom.check_and_insert(1);
    /// bloom.check_and_insert(2);
    /// assert_eq!(bloom.inserted(), 2);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn inserted(&self) -> u64 {
        self.inserted
    }

    /// The number of fingerprints the filter was sized for.
    ///
    /// ```
    /// assert_eq!(dedupe::BloomFilter::new(100, 0.01)?.expected(), 100);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn expected(&self) -> u64 {
        self.expected
    }

    /// Whether more fingerprints went in than it was sized for: its
    /// [`false_positive_rate`](BloomFilter::false_positive_rate) is then above the rate
    /// asked for, and grows quickly (cuts of units that were not repeats with it).
    ///
    /// ```
    /// let mut bloom = dedupe::BloomFilter::new(2, 1e-6)?;
    /// for i in 1..=10u128 {
    ///     bloom.check_and_insert(i * 0x1234_5678_9ABC_DEF1_2345_6789);
    /// }
    /// assert!(bloom.is_overfull());
    /// assert!(bloom.false_positive_rate() > 1e-6);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn is_overfull(&self) -> bool {
        self.inserted > self.expected
    }

    /// Whether `fingerprint` was (probably) inserted before, without inserting it.
    ///
    /// ```
    /// let mut bloom = dedupe::BloomFilter::new(100, 0.01)?;
    /// bloom.check_and_insert(7);
    /// assert!(bloom.contains(7));
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn contains(&self, fingerprint: u128) -> bool {
        probes(self.bits.len(), self.hashes, fingerprint).all(|(word, mask)| self.bits[word] & mask != 0)
    }

    /// Whether `fingerprint` was (probably) inserted before; inserts it.
    ///
    /// ```
    /// let mut bloom = dedupe::BloomFilter::new(100, 0.01)?;
    /// assert!(!bloom.check_and_insert(42));
    /// assert!(bloom.check_and_insert(42));
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn check_and_insert(&mut self, fingerprint: u128) -> bool {
        if self.contains(fingerprint) {
            return true;
        }
        for (word, mask) in probes(self.bits.len(), self.hashes, fingerprint) {
            self.bits[word] |= mask;
        }
        self.inserted += 1;
        false
    }
}

/// The `(word, mask)` of every bit `fingerprint` sets in a filter of `words` words: double
/// hashing (Kirsch and Mitzenmacher), the i-th probe at `h1 + i h2`.
fn probes(words: usize, hashes: u32, fingerprint: u128) -> impl Iterator<Item = (usize, u64)> {
    let m = (words * 64) as u64;
    let h1 = fingerprint as u64;
    let h2 = ((fingerprint >> 64) as u64) | 1;
    (0..hashes as u64).map(move |i| {
        let bit = h1.wrapping_add(i.wrapping_mul(h2)) % m;
        ((bit / 64) as usize, 1u64 << (bit % 64))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Finder;
    use xxhash_rust::xxh3::xxh3_128_with_seed;

    #[test]
    fn measured_false_positive_rate_is_near_the_target() {
        let n = 20_000u64;
        let mut bloom = BloomFilter::new(n, 0.01).unwrap();
        for i in 0..n {
            bloom.check_and_insert(xxh3_128_with_seed(&i.to_le_bytes(), 1));
        }
        let trials = 20_000u64;
        let false_hits = (n..n + trials)
            .filter(|i| bloom.contains(xxh3_128_with_seed(&i.to_le_bytes(), 1)))
            .count();
        let rate = false_hits as f64 / trials as f64;
        assert!(rate < 0.02, "{rate}");
        assert!((bloom.false_positive_rate() - 0.01).abs() < 0.005);
    }

    /// Each new fingerprint is counted once; past the size asked for, the filter says so
    /// and its estimated rate is above the one asked for.
    #[test]
    fn insertions_are_counted_and_overfilling_is_told() {
        let mut bloom = BloomFilter::new(100, 0.01).unwrap();
        for i in 0..100u64 {
            let fp = xxh3_128_with_seed(&i.to_le_bytes(), 1);
            bloom.check_and_insert(fp);
            bloom.check_and_insert(fp);
        }
        assert!(
            bloom.inserted() <= 100 && bloom.inserted() >= 95,
            "{}",
            bloom.inserted()
        );
        assert!(!bloom.is_overfull());
        for i in 100..1000u64 {
            bloom.check_and_insert(xxh3_128_with_seed(&i.to_le_bytes(), 1));
        }
        assert!(bloom.is_overfull());
        assert!(
            bloom.false_positive_rate() > 0.2,
            "{}",
            bloom.false_positive_rate()
        );
    }

    #[test]
    fn bad_settings_are_errors() {
        assert!(BloomFilter::new(0, 0.1).is_err());
        assert!(BloomFilter::new(10, 0.0).is_err());
        assert!(BloomFilter::new(10, 1.0).is_err());
        assert!(BloomFilter::new(u64::MAX, 1e-9).is_err());
    }

    #[test]
    fn agrees_with_the_exact_corpus_repair_when_no_false_positive() {
        let docs: Vec<String> = (0..50)
            .map(|i| {
                format!(
                    "Common header line for all pages\nBody of page {} here, long enough\n",
                    i % 7
                )
            })
            .collect();
        let finder = Finder::new();
        let mut bloom = BloomFilter::new(1000, 1e-12).unwrap();
        let seen = finder.find_seen(&mut bloom, &docs);
        let exact = finder.find_many(&docs);
        for (i, d) in docs.iter().enumerate() {
            assert_eq!(seen[i].repair(d).unwrap(), exact.repair(i, d).unwrap());
        }
    }
}
