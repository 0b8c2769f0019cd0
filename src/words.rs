//! Words: the tokens that stutters, shingles and n-gram statistics are built from.

use unicode_segmentation::UnicodeSegmentation;

/// The words of `text` by Unicode word boundaries (UAX #29), with their byte offsets.
///
/// Punctuation and whitespace are not words; "can't" and "3.14" are one word each.
#[allow(dead_code)] // used by the statistics and shingles that build on it
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    text.unicode_word_indices()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_unicode_boundaries() {
        let got: Vec<_> = words("Hello, world! can't 3.14").collect();
        assert_eq!(got, vec![(0, "Hello"), (7, "world"), (14, "can't"), (20, "3.14")]);
    }
}
