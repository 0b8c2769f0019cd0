//! Duplicated n-grams (n = 5 ... 10): datatrove's greedy scan, on candidates found by
//! 16-byte shingles of the concatenated words.

use super::RepetitionAnalyzer;
use crate::report::Span;

impl RepetitionAnalyzer {
    /// Flags each word start whose 16 bytes of the concatenated words (fewer at the end)
    /// occur at another word start. An n-gram whose concatenation has 16 bytes or more can
    /// equal another only where both starts are flagged.
    pub(super) fn mark_repeated_shingles(&mut self) {
        const K: usize = 16;
        let starts = self.joined_offsets.len() - 1;
        self.repeated.clear();
        self.repeated.resize(starts, false);
        self.table.reset(starts);
        let joined = &self.joined;
        for (i, &off) in self.joined_offsets[..starts].iter().enumerate() {
            let Some(shingle) = joined.get(off..off + K) else {
                self.repeated[i] = true;
                continue;
            };
            let (a, b) = shingle.split_at(8);
            let a = u64::from_le_bytes(a.try_into().unwrap_or_default());
            let b = u64::from_le_bytes(b.try_into().unwrap_or_default());
            let key = (a ^ b.rotate_left(29)).wrapping_mul(0xff51_afd7_ed55_8ccd) ^ b;
            if let Some(j) = self.table.find_or_insert(key, i as u32, |_| true) {
                self.repeated[i] = true;
                self.repeated[j as usize] = true;
            }
        }
        // Candidates of the duplicated n-gram scans: the starts of 5-word windows that are
        // flagged or have fewer than 16 bytes. A longer window has at least the bytes of
        // its first 5 words, so this covers every n >= 5.
        self.candidates.clear();
        let offsets = &self.joined_offsets;
        let repeated = &self.repeated;
        self.candidates.extend(
            (0..(starts + 1).saturating_sub(5))
                .filter(|&i| repeated[i] || offsets[i + 5] - offsets[i] < K)
                .map(|i| i as u32),
        );
    }

    /// datatrove's `find_all_duplicate`: chars of duplicated n-grams, greedy scan.
    pub(super) fn duplicated_ngrams(
        &mut self,
        n: usize,
        mut out: Option<(&[usize], &mut Vec<Span>)>,
    ) -> usize {
        let Some(windows) = (self.ids.len() + 1).checked_sub(n) else {
            return 0;
        };
        self.table.reset(windows);
        let mut table = std::mem::take(&mut self.table);
        let (joined, offsets) = (&self.joined, &self.joined_offsets);
        let mut chars = 0;
        let mut i = 0;
        // Windows between candidates are unique (see `mark_repeated_shingles`): the scan
        // moves one word past each without inserting it, so it can jump to the next
        // candidate.
        for &c in &self.candidates {
            let c = c as usize;
            if c < i {
                continue;
            }
            if c >= windows {
                break;
            }
            i = c;
            let bytes = offsets[i + n] - offsets[i];
            if bytes >= 16 && !self.repeated[i] {
                // No other window shares its first 16 bytes: unique, never looked up again.
                continue;
            }
            let key = self.concat_key(i, n);
            let text = &joined[offsets[i]..offsets[i + n]];
            let seen = table.find_or_insert(key, i as u32, |j| {
                let j = j as usize;
                &joined[offsets[j]..offsets[j + n]] == text
            });
            if seen.is_some() {
                chars += self.chars_of(i, n);
                if let Some((starts, spans)) = out.as_mut() {
                    spans.push(self.word_span(starts, i, n));
                }
                i += n;
            } else {
                i += 1;
            }
        }
        self.table = table;
        chars
    }
}
