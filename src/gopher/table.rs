//! An open-addressing hash set whose matches are confirmed by the caller.

/// The fewest slots a table starts with.
const MIN_SLOTS: usize = 1 << 10;

/// An open-addressing hash set of (key, representative index) that confirms key matches
/// with a caller's equality test, so hash collisions never merge distinct items. Slots are
/// invalidated by bumping a generation instead of clearing.
///
/// The table grows with what is inserted (at most half full), not with what is looked up:
/// a pass over 17 million words with 300 000 distinct ones keeps a table that fits in the
/// cache, and memory follows the distinct items of a text rather than its length.
#[derive(Debug, Default)]
pub(super) struct Table {
    slots: Vec<Slot>,
    generation: u32,
    shift: u32,
    /// Slots in use: those of the current generation.
    len: usize,
    /// Slots the current text may use; more than that only after growing.
    active: usize,
    /// Slots probed since the table was made, for tests of the bounds.
    #[cfg(test)]
    pub(super) probes: u64,
}

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: u64,
    rep: u32,
    generation: u32,
}

impl Table {
    /// Empties the table for at most `items` insertions. It starts small and grows with
    /// the insertions, so a bound far above the distinct items costs nothing.
    #[inline]
    pub(super) fn reset(&mut self, items: usize) {
        let size = (items.max(4) * 2).next_power_of_two().min(MIN_SLOTS);
        self.start(size);
    }

    /// Empties the table with `size` (a power of two) slots in use.
    fn start(&mut self, size: usize) {
        if self.slots.len() < size || self.generation == u32::MAX {
            self.slots.clear();
            self.slots.resize(size.max(self.slots.len()), Slot::default());
            self.generation = 0;
        }
        self.generation += 1;
        self.len = 0;
        // The first `size` slots only: probing stays in a cache-sized prefix of a table an
        // earlier, bigger text left.
        self.active = size;
        self.shift = 64 - size.trailing_zeros();
    }

    /// Doubles the slots in use, reinserting the current items.
    #[cold]
    fn grow(&mut self) {
        let generation = self.generation;
        let items: Vec<Slot> = self.slots[..self.active]
            .iter()
            .filter(|s| s.generation == generation)
            .copied()
            .collect();
        let items_len = items.len();
        self.start(self.active * 2);
        let mask = self.active - 1;
        for item in items {
            let mut i = self.home(item.key);
            while self.slots[i].generation == self.generation {
                i = (i + 1) & mask;
            }
            self.slots[i] = Slot {
                generation: self.generation,
                ..item
            };
        }
        self.len = items_len;
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// Returns the representative of an equal item, or inserts `rep` and returns `None`.
    #[inline]
    pub(super) fn find_or_insert(&mut self, key: u64, rep: u32, eq: impl Fn(u32) -> bool) -> Option<u32> {
        if 2 * (self.len + 1) > self.active {
            self.grow();
        }
        let mask = self.active - 1;
        let mut i = self.home(key);
        loop {
            #[cfg(test)]
            {
                self.probes += 1;
            }
            let slot = &mut self.slots[i];
            if slot.generation != self.generation {
                *slot = Slot {
                    key,
                    rep,
                    generation: self.generation,
                };
                self.len += 1;
                return None;
            }
            if slot.key == key && eq(slot.rep) {
                return Some(slot.rep);
            }
            i = (i + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_confirms_equality() {
        let mut t = Table::default();
        t.reset(3);
        assert_eq!(t.find_or_insert(7, 0, |_| false), None);
        // Same key, different item: inserted beside it.
        assert_eq!(t.find_or_insert(7, 1, |_| false), None);
        assert_eq!(t.find_or_insert(7, 2, |j| j == 1), Some(1));
        t.reset(3);
        assert_eq!(t.find_or_insert(7, 0, |_| true), None);
    }

    #[test]
    fn table_grows_and_keeps_its_items() {
        let mut t = Table::default();
        t.reset(1_000_000);
        let n = 5 * MIN_SLOTS as u32;
        for i in 0..n {
            let want = (i % 2 == 1).then(|| i - 1);
            assert_eq!(
                t.find_or_insert(u64::from(i / 2), i, |j| j / 2 == i / 2 && j % 2 == 0),
                want
            );
        }
        assert!(
            t.active >= n as usize && t.active <= 4 * n as usize,
            "{}",
            t.active
        );
        for i in (0..n).step_by(2) {
            assert_eq!(t.find_or_insert(u64::from(i / 2), n, |j| j == i), Some(i));
        }
        // A new text starts small again, in the same allocation.
        t.reset(1_000_000);
        assert_eq!(t.active, MIN_SLOTS);
        assert_eq!(t.find_or_insert(0, 9, |_| true), None);
    }
}
