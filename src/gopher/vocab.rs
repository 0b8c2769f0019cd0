//! Numbering the distinct words of a text, and the per-word prefix sums and hashes the
//! n-gram passes read.

use super::analyzer::VocabWord;
use super::hash::{add, digit, mul, poly_hash, pow_b, pow_inv_b, sub, word_key, B, B_INV};
use super::RepetitionAnalyzer;

impl RepetitionAnalyzer {
    /// Numbers the distinct words (`ids`, `vocab`, `space_in_words`) and fills the per-word
    /// arrays: the concatenation's prefix hashes and bytes, and with spaces
    /// in words the space-joined prefix hashes. One pass over `words`, which are not kept:
    /// the later passes read a word's bytes from the concatenation (`joined`). The numbers
    /// of a word are computed once per distinct word.
    pub(super) fn index_words<'a>(&mut self, words: impl Iterator<Item = &'a str>, most: usize) {
        let Self {
            ids,
            vocab,
            table,
            concat,
            joined,
            joined_offsets,
            ..
        } = self;
        vocab.clear();
        ids.clear();
        joined_offsets.clear();
        concat.clear();
        concat.push(0);
        // At most `most` words: the table's first size (it grows with the distinct words).
        table.reset(most);
        // Words of up to 16 bytes are copied as 16 bytes from their vocabulary entry:
        // `joined` keeps 16 bytes of slack past `end`, cut at the end.
        joined.clear();
        let (mut g, mut off, mut end) = (0u64, 1u64, 0usize);
        let (mut space, mut ascii) = (false, true);
        for (i, w) in words.enumerate() {
            let bytes = w.as_bytes();
            let next = vocab.len() as u32;
            // Keys of words up to 7 bytes are exact: equal keys of equal length are equal
            // words. A longer word is compared with its first occurrence, whose bytes in
            // `joined` no later word overwrites.
            let found = table.find_or_insert(word_key(bytes), next, |id| {
                let v = &vocab[id as usize];
                v.len as usize == bytes.len() && {
                    let at = joined_offsets[v.first as usize];
                    bytes.len() < 8 || joined[at..at + bytes.len()] == *bytes
                }
            });
            let id = found.unwrap_or_else(|| {
                space |= bytes.iter().fold(false, |s, &c| s | (c == b' '));
                ascii &= w.is_ascii();
                let mut head = [0u8; 16];
                let k = bytes.len().min(16);
                head[..k].copy_from_slice(&bytes[..k]);
                vocab.push(VocabWord {
                    first: i as u32,
                    len: bytes.len() as u32,
                    hash: poly_hash(bytes),
                    pow: pow_b(bytes.len()),
                    head,
                });
                next
            });
            ids.push(id);
            let v = &vocab[id as usize];
            g = add(g, mul(off, v.hash));
            off = mul(off, v.pow);
            concat.push(g);
            joined_offsets.push(end);
            // Grown by the bytes it needs (the allocation grows by doubling, untouched):
            // zeroing ahead would write memory no word uses.
            let need = end + bytes.len().max(16);
            if joined.len() < need {
                joined.resize(need, 0);
            }
            if bytes.len() <= 16 {
                joined[end..end + 16].copy_from_slice(&v.head);
            } else {
                joined[end..end + bytes.len()].copy_from_slice(bytes);
            }
            end += bytes.len();
        }
        joined.truncate(end);
        joined_offsets.push(end);
        self.space_in_words = space;
        self.ascii_words = ascii;
        self.spaced.clear();
        self.spaced_inv.clear();
        if !space {
            return;
        }
        let (mut gs, mut offs, mut invs) = (0u64, 1u64, 1u64);
        self.spaced.push(gs);
        self.spaced_inv.push(invs);
        for &id in &self.ids {
            let v = &self.vocab[id as usize];
            // Word followed by a space: G(w ' ') = G(w) + B^|w| * digit(' ').
            gs = add(gs, mul(offs, add(v.hash, mul(v.pow, digit(b' ')))));
            offs = mul(offs, mul(v.pow, B));
            invs = mul(invs, mul(pow_inv_b(v.len as usize), B_INV));
            self.spaced.push(gs);
            self.spaced_inv.push(invs);
        }
    }

    /// The chars (Unicode scalar values) of the words `i..i+n`: their bytes when every
    /// word is ASCII, else counted in the concatenation (no per-word array of prefix sums).
    #[inline]
    pub(super) fn chars_of(&self, i: usize, n: usize) -> usize {
        let bytes = &self.joined[self.joined_offsets[i]..self.joined_offsets[i + n]];
        if self.ascii_words {
            bytes.len()
        } else {
            bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
        }
    }

    /// The bytes of word `i`.
    #[inline]
    pub(super) fn word(&self, i: usize) -> &[u8] {
        &self.joined[self.joined_offsets[i]..self.joined_offsets[i + 1]]
    }

    /// Hash of the words `i..i+n` joined with nothing: the difference of prefix hashes
    /// times B^-offset.
    #[inline]
    pub(super) fn concat_key(&self, i: usize, n: usize) -> u64 {
        mul(
            sub(self.concat[i + n], self.concat[i]),
            pow_inv_b(self.joined_offsets[i]),
        )
    }

    /// Hash of the words `i..i+n` each followed by a space.
    pub(super) fn spaced_key(&self, i: usize, n: usize) -> u64 {
        mul(sub(self.spaced[i + n], self.spaced[i]), self.spaced_inv[i])
    }
}

#[cfg(test)]
mod tests {
    use super::super::hash::{mul, B, B_INV};
    use super::*;

    #[test]
    fn hash_composes_over_concatenation() {
        let mut a = RepetitionAnalyzer::new();
        let words = ["ab", "c", "a", "bc", "abc", " "];
        a.index_words(words.iter().copied(), words.len());
        assert_eq!(a.concat_key(0, 2), a.concat_key(2, 2));
        assert_eq!(a.concat_key(0, 2), a.concat_key(4, 1));
        assert_ne!(a.spaced_key(0, 2), a.spaced_key(2, 2));
        assert_eq!(mul(B, B_INV), 1);
        let long = "x".repeat(100);
        let words = [&long, &long, "y", &long, "y"];
        a.index_words(words.iter().copied(), words.len());
        assert_eq!(a.concat_key(1, 2), a.concat_key(3, 2));
        assert_eq!(a.word(3), long.as_bytes());
        assert_eq!(a.word(4), b"y");
    }

    #[test]
    fn inverse_powers_at_any_offset() {
        for off in [
            0,
            1,
            63,
            64,
            2047,
            2048,
            2049,
            1 << 22,
            (1 << 22) + 5,
            1 << 33,
            (1 << 33) + 77,
            usize::MAX,
        ] {
            assert_eq!(mul(pow_inv_b(off), super::super::hash::pow_b(off)), 1, "{off}");
        }
    }
}
