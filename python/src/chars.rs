//! Byte offsets into UTF-8 text turned into code point offsets (Python `str` indexes).

/// Code point offsets of a set of byte offsets into one text, found in one pass over it.
pub(crate) struct CharOffsets {
    /// Byte offsets asked for, ascending, and the code point offset of each.
    bytes: Vec<usize>,
    chars: Vec<usize>,
    ascii: bool,
}

impl CharOffsets {
    /// The code point offsets of `offsets` in `text` (each on a character boundary, or
    /// at most `text.len()`; others are counted as the characters that start before them).
    pub(crate) fn new(text: &str, mut offsets: Vec<usize>) -> CharOffsets {
        if text.is_ascii() {
            return CharOffsets {
                bytes: Vec::new(),
                chars: Vec::new(),
                ascii: true,
            };
        }
        offsets.sort_unstable();
        offsets.dedup();
        let bytes = text.as_bytes();
        let mut chars = Vec::with_capacity(offsets.len());
        let (mut at, mut count) = (0usize, 0usize);
        for &o in &offsets {
            let end = o.min(bytes.len());
            if end > at {
                count += bytes[at..end].iter().filter(|&&b| (b & 0xC0) != 0x80).count();
                at = end;
            }
            chars.push(count);
        }
        CharOffsets {
            bytes: offsets,
            chars,
            ascii: false,
        }
    }

    /// The code point offset of byte offset `byte` (one of those given to `new`).
    pub(crate) fn get(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        match self.bytes.binary_search(&byte) {
            Ok(i) => self.chars[i],
            // Not asked for: never the case in this crate; the nearest below is an answer.
            Err(i) => i.checked_sub(1).map_or(0, |i| self.chars[i]),
        }
    }
}

/// The code point offset of every byte offset in `offsets` (any order).
pub(crate) fn char_offsets(text: &str, offsets: &[usize]) -> Vec<usize> {
    let map = CharOffsets::new(text, offsets.to_vec());
    offsets.iter().map(|&o| map.get(o)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The oracle: the number of chars in the prefix.
    fn naive(text: &str, o: usize) -> usize {
        text[..o].chars().count()
    }

    #[test]
    fn matches_counting_the_prefix() {
        for text in [
            "plain ascii",
            "caf\u{e9} cr\u{e8}me \u{1F600} end",
            "\u{65e5}\u{672c}\u{8a9e}",
            "",
        ] {
            let offsets: Vec<usize> = (0..=text.len())
                .filter(|&o| text.is_char_boundary(o))
                .rev()
                .collect();
            let got = char_offsets(text, &offsets);
            let want: Vec<usize> = offsets.iter().map(|&o| naive(text, o)).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }
}
