//! An open-addressing hash set whose matches are confirmed by the caller.

/// An open-addressing hash set of (key, representative index) that confirms key matches
/// with a caller's equality test, so hash collisions never merge distinct items. Slots are
/// invalidated by bumping a generation instead of clearing.
#[derive(Debug, Default)]
pub(super) struct Table {
    slots: Vec<Slot>,
    generation: u32,
    shift: u32,
}

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: u64,
    rep: u32,
    generation: u32,
}

impl Table {
    /// Empties the table, sized for `items` insertions at most.
    #[inline]
    pub(super) fn reset(&mut self, items: usize) {
        let size = (items.max(4) * 2).next_power_of_two();
        if self.slots.len() < size || self.generation == u32::MAX {
            self.slots.clear();
            self.slots.resize(size.max(self.slots.len()), Slot::default());
            self.generation = 0;
        }
        self.generation += 1;
        // Use all the slots for the hash range: a bigger table from an earlier text only
        // lowers the load.
        self.shift = 64 - self.slots.len().trailing_zeros();
    }

    /// Returns the representative of an equal item, or inserts `rep` and returns `None`.
    #[inline]
    pub(super) fn find_or_insert(&mut self, key: u64, rep: u32, eq: impl Fn(u32) -> bool) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize;
        loop {
            let slot = &mut self.slots[i];
            if slot.generation != self.generation {
                *slot = Slot {
                    key,
                    rep,
                    generation: self.generation,
                };
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
}
