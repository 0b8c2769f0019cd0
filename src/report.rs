//! What a search finds: spans, occurrences, groups, blocks and statistics.

use std::ops::Index;

/// A half-open range of byte offsets `start..end` into the text that was searched.
///
/// Offsets start at 0 and always fall on UTF-8 character boundaries. A unit's span
/// excludes its line terminator and any whitespace around it.
///
/// ```
/// use dedupe::Span;
/// let text = "hello world";
/// assert_eq!(&text[Span { start: 6, end: 11 }], "world");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// The number of bytes in the span.
    ///
    /// ```
    /// assert_eq!(dedupe::Span { start: 3, end: 10 }.len(), 7);
    /// ```
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span holds no bytes.
    ///
    /// ```
    /// assert!(dedupe::Span { start: 3, end: 3 }.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

impl Index<Span> for str {
    type Output = str;

    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}
