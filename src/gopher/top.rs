//! Top n-grams (n = 2, 3, 4): the most frequent n-gram and where it occurs.

use super::analyzer::set_len;
use super::{RepetitionAnalyzer, TopNgram};

impl RepetitionAnalyzer {
    /// The most frequent n-gram (first occurring among ties) by word ids: (first window,
    /// count). Passes run for n = 2, 3, 4 in turn: each numbers its n-grams from 1 by an
    /// exact key, for n = 2 the two word ids, for n > 2 the id of the (n-1)-gram prefix
    /// and the last word's id. An n-gram can repeat only where the (n-1)-grams at its
    /// window and the next both repeat; elsewhere it gets id 0 (count 0) without a
    /// look-up.
    pub(super) fn top_ngram(&mut self, n: usize) -> Option<(usize, usize)> {
        let windows = (self.ids.len() + 1).checked_sub(n).filter(|&w| w > 0)?;
        std::mem::swap(&mut self.grams, &mut self.prev_grams);
        std::mem::swap(&mut self.counts, &mut self.prev_counts);
        let (ids, prev, prev_counts) = (&self.ids[..], &self.prev_grams[..], &self.prev_counts[..]);
        let (grams, counts) = (&mut self.grams, &mut self.counts);
        set_len(grams, windows);
        counts.clear();
        counts.push(0);
        self.table.reset(windows);
        for i in 0..windows {
            let key = if n == 2 {
                u64::from(ids[i]) << 32 | u64::from(ids[i + 1])
            } else if prev_counts[prev[i] as usize] < 2 || prev_counts[prev[i + 1] as usize] < 2 {
                grams[i] = 0;
                continue;
            } else {
                u64::from(prev[i]) << 32 | u64::from(ids[i + n - 1])
            };
            let next = counts.len() as u32;
            let gram = self.table.find_or_insert(key, next, |_| true).unwrap_or_else(|| {
                counts.push(0);
                next
            });
            grams[i] = gram;
            counts[gram as usize] += 1;
        }
        // Ids count up in order of first occurrence: among equal counts the lowest id
        // occurs first.
        let (best, best_count) =
            counts
                .iter()
                .enumerate()
                .fold((0, 0), |(b, bc), (g, &c)| if c > bc { (g, c) } else { (b, bc) });
        if best_count <= 1 {
            // Every n-gram occurs once: the first one wins.
            return Some((0, 1));
        }
        let first = grams.iter().position(|&g| g as usize == best).unwrap_or_default();
        Some((first, best_count as usize))
    }

    /// [`top_ngram`](Self::top_ngram) for words that hold spaces, where different word
    /// lists can join to equal n-grams: by the hash of the space-joined n-gram, confirmed
    /// on text.
    pub(super) fn top_ngram_spaced(&mut self, n: usize) -> Option<(usize, usize)> {
        let windows = (self.ids.len() + 1).checked_sub(n).filter(|&w| w > 0)?;
        let mut table = std::mem::take(&mut self.table);
        table.reset(windows);
        self.counts.clear();
        self.counts.resize(windows, 0);
        self.reps.clear();
        let (mut best, mut best_count) = (0usize, 0u32);
        for i in 0..windows {
            let key = self.spaced_key(i, n);
            let rep = match table.find_or_insert(key, i as u32, |j| self.spaced_eq(j as usize, i, n)) {
                Some(j) => j as usize,
                None => i,
            };
            self.reps.push(rep as u32);
            let c = &mut self.counts[rep];
            *c += 1;
            if *c > best_count || (*c == best_count && rep < best) {
                best = rep;
                best_count = *c;
            }
        }
        self.table = table;
        if best_count <= 1 {
            (best, best_count) = (0, 1);
        }
        Some((best, best_count as usize))
    }

    pub(super) fn top_occurrences(
        &self,
        starts: &[usize],
        n: usize,
        first: usize,
        count: usize,
        chars: usize,
    ) -> TopNgram {
        let ids = &self.ids[first..first + n];
        let occurrences = (first..self.ids.len() + 1 - n)
            .filter(|&i| {
                if self.space_in_words {
                    self.spaced_eq(i, first, n)
                } else {
                    self.ids[i..i + n] == *ids
                }
            })
            .map(|i| self.word_span(starts, i, n))
            .collect();
        TopNgram {
            n,
            count,
            chars,
            occurrences,
        }
    }
}

impl RepetitionAnalyzer {
    /// Whether the words `a..a+n` and `b..b+n` are equal when joined with single spaces.
    #[inline]
    fn spaced_eq(&self, a: usize, b: usize, n: usize) -> bool {
        if self.ids[a..a + n] == self.ids[b..b + n] {
            return true;
        }
        let len = |i: usize| self.joined_offsets[i + n] - self.joined_offsets[i] + n;
        if len(a) != len(b) {
            return false;
        }
        let join = |i: usize| {
            (i..i + n)
                .flat_map(|k| self.word(k).iter().copied().chain(std::iter::once(b' ')))
                .collect::<Vec<u8>>()
        };
        join(a) == join(b)
    }
}
