//! Words: the tokens that stutters, shingles and n-gram statistics are built from.
//!
//! [`words`] follows Unicode word boundaries (UAX #29). Text that is all ASCII takes a
//! hand-written segmenter that applies the same rules to the ASCII word-break classes;
//! it yields exactly what `unicode-segmentation` yields (checked by a property test)
//! at several times the speed. Anything else goes to `unicode-segmentation`.

use unicode_segmentation::{UnicodeSegmentation, UnicodeWordIndices};

/// The words of `text` by Unicode word boundaries (UAX #29), with their byte offsets.
///
/// Punctuation and whitespace are not words; "can't" and "3.14" are one word each.
pub(crate) fn words(text: &str) -> Words<'_> {
    if text.is_ascii() {
        Words::Ascii(AsciiWords { text, pos: 0 })
    } else {
        Words::Unicode(text.unicode_word_indices())
    }
}

/// The iterator [`words`] returns: the ASCII fast path or `unicode-segmentation`.
pub(crate) enum Words<'t> {
    Ascii(AsciiWords<'t>),
    Unicode(UnicodeWordIndices<'t>),
}

impl<'t> Iterator for Words<'t> {
    type Item = (usize, &'t str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'t str)> {
        match self {
            Words::Ascii(it) => it.next(),
            Words::Unicode(it) => it.next(),
        }
    }
}

// ASCII word-break classes (Unicode WordBreakProperty.txt restricted to U+0000..U+007F).
const OTHER: u8 = 0;
/// ALetter: A-Z, a-z.
const LETTER: u8 = 1;
/// Numeric: 0-9.
const NUMERIC: u8 = 2;
/// ExtendNumLet: `_`.
const EXTEND_NUM_LET: u8 = 3;
/// MidLetter: `:`.
const MID_LETTER: u8 = 4;
/// MidNum: `,` and `;`.
const MID_NUM: u8 = 5;
/// MidNumLet `.` and Single_Quote `'` (together "MidNumLetQ" in UAX #29).
const MID_NUM_LET_Q: u8 = 6;

const CLASS: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'0'..=b'9' => NUMERIC,
            b'_' => EXTEND_NUM_LET,
            b':' => MID_LETTER,
            b',' | b';' => MID_NUM,
            b'.' | b'\'' => MID_NUM_LET_Q,
            _ => OTHER,
        };
        b += 1;
    }
    t
};

/// UAX #29 words of an all-ASCII text.
///
/// In ASCII only rules WB5-WB13b can join characters into a segment that holds a letter
/// or digit (WB3 joins CR LF, WB3d joins spaces; such segments are not words). A word
/// starts at a letter, digit or `_`, and a segment starting elsewhere is one character
/// or has no letter or digit. Inside a word the previous character is always a letter,
/// digit or `_`, so the rules reduce to the match in `next`.
pub(crate) struct AsciiWords<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Iterator for AsciiWords<'t> {
    type Item = (usize, &'t str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'t str)> {
        let b = self.text.as_bytes();
        let n = b.len();
        let mut i = self.pos;
        loop {
            // Skip to the next letter, digit or `_`.
            while i < n
                && !matches!(
                    CLASS[usize::from(b[i] & 0x7f)],
                    LETTER | NUMERIC | EXTEND_NUM_LET
                )
            {
                i += 1;
            }
            if i >= n {
                self.pos = n;
                return None;
            }
            let start = i;
            let mut prev = CLASS[usize::from(b[i] & 0x7f)];
            let mut alnum = prev != EXTEND_NUM_LET;
            i += 1;
            while i < n {
                let cur = CLASS[usize::from(b[i] & 0x7f)];
                match cur {
                    // WB5, WB8, WB9, WB10, WB13a, WB13b.
                    LETTER | NUMERIC | EXTEND_NUM_LET => {
                        alnum |= cur != EXTEND_NUM_LET;
                        prev = cur;
                        i += 1;
                    }
                    MID_LETTER | MID_NUM | MID_NUM_LET_Q => {
                        let next = if i + 1 < n {
                            CLASS[usize::from(b[i + 1] & 0x7f)]
                        } else {
                            OTHER
                        };
                        // WB6/WB7: letter (MidLetter | MidNumLetQ) letter.
                        // WB11/WB12: digit (MidNum | MidNumLetQ) digit.
                        let joins = (prev == LETTER && next == LETTER && cur != MID_NUM)
                            || (prev == NUMERIC && next == NUMERIC && cur != MID_LETTER);
                        if !joins {
                            break;
                        }
                        prev = next;
                        i += 2;
                    }
                    _ => break,
                }
            }
            if alnum {
                self.pos = i;
                return Some((start, &self.text[start..i]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_on_unicode_boundaries() {
        let got: Vec<_> = words("Hello, world! can't 3.14").collect();
        assert_eq!(
            got,
            vec![(0, "Hello"), (7, "world"), (14, "can't"), (20, "3.14")]
        );
    }

    fn reference(text: &str) -> Vec<(usize, &str)> {
        text.unicode_word_indices().collect()
    }

    #[test]
    fn ascii_fast_path_matches_unicode_segmentation_on_edge_cases() {
        for text in [
            "",
            "_",
            "__",
            "_a",
            "a_",
            "a_1",
            "1_a",
            "a.b",
            "a..b",
            "a.",
            ".a",
            "1.2",
            "1.a",
            "a.1",
            "a:b",
            "1:2",
            "1,2",
            "a,b",
            "1;2",
            "a'b",
            "1'2",
            "a'",
            "a_.b",
            "a:_",
            "1,,2",
            "x.y.z",
            "1.2.3",
            "a.b:c'd",
            "3.14,15",
            "_._",
            "a_'b",
            "a\r\nb",
            "a\tb",
            "a-b",
            "a\"b",
            "can't stop",
            "x__y__",
            "__1",
            "\x7fa\x00b",
            "a:1",
            "1:a",
        ] {
            assert_eq!(words(text).collect::<Vec<_>>(), reference(text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn ascii_fast_path_matches_unicode_segmentation(
            text in "[aZ09_.',:; \r\n\t\x0b\x0c\"!-]{0,40}",
        ) {
            prop_assert_eq!(words(&text).collect::<Vec<_>>(), reference(&text));
        }

        #[test]
        fn ascii_fast_path_matches_on_any_ascii(text in "[\x00-\x7f]{0,40}") {
            prop_assert_eq!(words(&text).collect::<Vec<_>>(), reference(&text));
        }
    }
}
