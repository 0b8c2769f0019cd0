//! Numbering the distinct words of a text, and the per-word prefix sums and hashes the
//! n-gram passes read.

use super::analyzer::{set_len, VocabWord};
use super::hash::{add, digit, mul, poly_hash, pow_b, pow_inv_b, sub, word_key, B, B_INV};
use super::pieces::char_count;
use super::RepetitionAnalyzer;

impl RepetitionAnalyzer {
    /// Numbers the distinct words (`ids`, `vocab`, `space_in_words`) and fills the per-word
    /// arrays: prefix chars, the concatenation's prefix hashes and bytes, and with spaces
    /// in words the space-joined prefix hashes. One pass; the numbers of a word are
    /// computed once per distinct word.
    pub(super) fn index_words(&mut self, words: &[&str]) {
        let m = words.len();
        let Self {
            ids,
            vocab,
            table,
            prefix_chars,
            concat,
            concat_inv,
            joined,
            joined_offsets,
            ..
        } = self;
        vocab.clear();
        table.reset(m);
        // Every element is written below: the old ones need no clearing.
        set_len(ids, m);
        set_len(joined_offsets, m);
        set_len(prefix_chars, m + 1);
        set_len(concat, m + 1);
        set_len(concat_inv, m + 1);
        (prefix_chars[0], concat[0], concat_inv[0]) = (0, 0, 1);
        // Words of up to 16 bytes are copied as 16 bytes from their vocabulary entry:
        // `joined` has 16 bytes of slack, cut at the end.
        let total: usize = words.iter().map(|w| w.len()).sum();
        set_len(joined, total + 16);
        // Slices: their lengths stay in registers while the loop writes through them.
        let (ids_out, offsets, chars_out) = (&mut ids[..], &mut joined_offsets[..], &mut prefix_chars[1..]);
        let (concat_out, inv_out, joined_out) = (&mut concat[1..], &mut concat_inv[1..], &mut joined[..]);
        let (mut g, mut off, mut inv, mut chars, mut end) = (0u64, 1u64, 1u64, 0usize, 0usize);
        let mut space = false;
        for (i, w) in words.iter().enumerate() {
            let bytes = w.as_bytes();
            let next = vocab.len() as u32;
            // Keys of words up to 7 bytes are exact: equal keys of equal length are equal
            // words.
            let found = table.find_or_insert(word_key(bytes), next, |id| {
                let v = &vocab[id as usize];
                v.len as usize == bytes.len() && (bytes.len() < 8 || words[v.first as usize] == *w)
            });
            let id = found.unwrap_or_else(|| {
                space |= bytes.iter().fold(false, |s, &c| s | (c == b' '));
                let mut head = [0u8; 16];
                let k = bytes.len().min(16);
                head[..k].copy_from_slice(&bytes[..k]);
                vocab.push(VocabWord {
                    first: i as u32,
                    len: bytes.len() as u32,
                    chars: if w.is_ascii() { bytes.len() } else { char_count(w) } as u32,
                    hash: poly_hash(bytes),
                    pow: pow_b(bytes.len()),
                    inv_pow: pow_inv_b(bytes.len()),
                    head,
                });
                next
            });
            ids_out[i] = id;
            let v = &vocab[id as usize];
            g = add(g, mul(off, v.hash));
            off = mul(off, v.pow);
            inv = mul(inv, v.inv_pow);
            chars += v.chars as usize;
            chars_out[i] = chars;
            concat_out[i] = g;
            inv_out[i] = inv;
            offsets[i] = end;
            if bytes.len() <= 16 {
                joined_out[end..end + 16].copy_from_slice(&v.head);
            } else {
                joined_out[end..end + bytes.len()].copy_from_slice(bytes);
            }
            end += bytes.len();
        }
        joined.truncate(end);
        joined_offsets.push(end);
        self.space_in_words = space;
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
            invs = mul(invs, mul(v.inv_pow, B_INV));
            self.spaced.push(gs);
            self.spaced_inv.push(invs);
        }
    }

    /// Hash of the words `i..i+n` joined with nothing.
    #[cfg(test)]
    fn concat_key(&self, i: usize, n: usize) -> u64 {
        mul(sub(self.concat[i + n], self.concat[i]), self.concat_inv[i])
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
        a.index_words(&words);
        assert_eq!(a.concat_key(0, 2), a.concat_key(2, 2));
        assert_eq!(a.concat_key(0, 2), a.concat_key(4, 1));
        assert_ne!(a.spaced_key(0, 2), a.spaced_key(2, 2));
        assert_eq!(mul(B, B_INV), 1);
        let long = "x".repeat(100);
        let words = [&long, &long, "y", &long, "y"];
        a.index_words(&words);
        assert_eq!(a.concat_key(1, 2), a.concat_key(3, 2));
    }
}
