//! Lines: the one rule for where a line ends, and the one index from byte offsets to line
//! numbers.
//!
//! A line ends at `\n`, at `\r\n` (one line end, not two) or at a lone `\r`. Line numbers
//! start at 1: the line of byte `pos` is 1 plus the number of line ends that finish
//! before `pos`. [`crate::split`] walks the line ends once, in order, with
//! [`line_end`] (its fast path); every other stage asks a [`LineIndex`].

use memchr::memchr2;

/// The first line end at or after `from` in `bytes`: `(end, next)`, where `end` is the
/// offset of the terminator and `next` the start of the following line (`end + 2` for
/// `\r\n`, else `end + 1`). `None` when the rest holds no line end.
#[inline]
pub(crate) fn line_end(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    line_end_before(bytes, from, bytes.len())
}

/// [`line_end`] with the terminator looked for only before `stop` (a `\r\n` whose `\n` is
/// at `stop` is still one line end), so that a search near `from` does not read a long
/// line to its end.
#[inline]
pub(crate) fn line_end_before(bytes: &[u8], from: usize, stop: usize) -> Option<(usize, usize)> {
    let end = from + memchr2(b'\n', b'\r', bytes.get(from..stop)?)?;
    let next = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
        end + 2
    } else {
        end + 1
    };
    Some((end, next))
}

/// Byte offset to 1-based line number, by [`line_end`].
///
/// Queries in ascending order (the stutter scan's) count the line ends from the last one
/// forward and hold nothing; the first query before the last one finds every line start
/// (once), so a stage that asks in any order pays one pass and 4 bytes a line. An index
/// [`from`](LineIndex::from) a position numbers lines from there and never builds the
/// starts.
#[derive(Debug)]
pub(crate) struct LineIndex<'t> {
    text: &'t [u8],
    /// Offsets where lines start, ascending, beginning with 0.
    starts: Option<Starts>,
    /// Whether to keep the starts as `usize` whatever the text's length (tests of the
    /// path for texts of 4 GiB and more).
    wide: bool,
    /// The last position asked and its line.
    at: (usize, usize),
    /// For an index [`from`](LineIndex::from) a position: where numbering starts and the
    /// line it gives there.
    floor: Option<(usize, usize)>,
}

/// The line ends whose terminator starts in `bytes[from..to]`: each `\n` and each `\r` not
/// followed by `\n` (looking past `to`).
pub(crate) fn line_ends(bytes: &[u8], from: usize, to: usize) -> usize {
    let s = &bytes[from..to];
    let lf = memchr::memchr_iter(b'\n', s).count();
    let cr = memchr::memchr_iter(b'\r', s)
        .filter(|&k| bytes.get(from + k + 1) != Some(&b'\n'))
        .count();
    lf + cr
}

/// Line starts: 4 bytes each for a text under 4 GiB (on a 100 MB text of 2.4 million
/// lines, 10 MB instead of 20, or of the 34 MB a doubled vector of `usize` took), 8 beyond.
#[derive(Debug)]
enum Starts {
    Narrow(Vec<u32>),
    Wide(Vec<usize>),
}

/// The line starts of `text`, each as `at` makes it, in a vector of their number.
fn collect_starts<T>(text: &[u8], at: impl Fn(usize) -> T) -> Vec<T> {
    // Every line end is a '\n' or a '\r': room for all, given back after for "\r\n".
    let mut v = Vec::with_capacity(crate::split::max_lines(text));
    v.push(at(0));
    let mut from = 0;
    while let Some((_, next)) = line_end(text, from) {
        v.push(at(next));
        from = next;
    }
    v.shrink_to_fit();
    v
}

impl<'t> LineIndex<'t> {
    /// An index over `text`; nothing is scanned yet.
    pub(crate) fn new(text: &'t str) -> Self {
        LineIndex {
            text: text.as_bytes(),
            starts: None,
            wide: false,
            at: (0, 1),
            floor: None,
        }
    }

    /// An index over `text` that numbers lines from `pos`, which is on line `line`; asked
    /// only at `pos` and after. For a piece of a text searched apart from the rest.
    pub(crate) fn from(text: &'t str, pos: usize, line: usize) -> Self {
        let pos = pos.min(text.len());
        LineIndex {
            at: (pos, line),
            floor: Some((pos, line)),
            ..LineIndex::new(text)
        }
    }

    /// An index that keeps its starts as `usize`, as for a text of 4 GiB or more.
    #[cfg(test)]
    fn wide(text: &'t str) -> Self {
        LineIndex {
            wide: true,
            ..LineIndex::new(text)
        }
    }

    /// The line that byte `pos` is on (1-based). A terminator belongs to the line it ends;
    /// `pos` past the end is on the last line.
    pub(crate) fn line(&mut self, pos: usize) -> usize {
        let (text, wide) = (self.text, self.wide);
        let pos = pos.min(text.len());
        if self.starts.is_none() {
            if let Some(floor) = self.floor.filter(|_| pos < self.at.0) {
                debug_assert!(pos >= floor.0, "asked at {pos}, numbered from {floor:?}");
                self.at = floor;
            }
            if pos >= self.at.0 || self.floor.is_some() {
                let (from, line) = self.at;
                let line = line + line_ends(text, from, pos.max(from));
                self.at = (pos, line);
                return line;
            }
        }
        let starts = self
            .starts
            .get_or_insert_with(|| match u32::try_from(text.len()) {
                Ok(_) if !wide => Starts::Narrow(collect_starts(text, |s| s as u32)),
                _ => Starts::Wide(collect_starts(text, |s| s)),
            });
        match starts {
            Starts::Narrow(v) => v.partition_point(|&s| s as usize <= pos),
            Starts::Wide(v) => v.partition_point(|&s| s <= pos),
        }
    }

    /// The lines a non-empty `span` starts and ends on, its last byte included; an empty
    /// span starts and ends on the line of its start.
    pub(crate) fn lines_of(&mut self, span: crate::Span) -> (usize, usize) {
        (
            self.line(span.start),
            self.line(span.end.saturating_sub(1).max(span.start)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::split::{split, Unit};

    /// The rule stated in the module docs, counted naively.
    fn naive_line(text: &str, pos: usize) -> usize {
        let before = &text[..pos];
        // A '\r' right before `pos` followed by '\n' at `pos` has not ended its line yet.
        let pending_crlf = before.ends_with('\r') && text[pos..].starts_with('\n');
        1 + before.matches('\n').count() + before.matches('\r').count()
            - before.matches("\r\n").count()
            - usize::from(pending_crlf)
    }

    /// Every string of length `0..=max` over `alphabet`.
    fn all_strings(alphabet: &[char], max: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..max {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |&c| format!("{s}{c}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn every_terminator_ends_a_line() {
        let text = "a\r\nb\rc\n\nd";
        let mut index = LineIndex::new(text);
        let lines: Vec<usize> = (0..=text.len()).map(|p| index.line(p)).collect();
        assert_eq!(lines, [1, 1, 1, 2, 2, 3, 3, 4, 5, 5]);
        assert_eq!(line_end(b"x\r\ny", 0), Some((1, 3)));
        assert_eq!(line_end(b"x\r\ry", 0), Some((1, 2)));
        assert_eq!(line_end(b"x", 0), None);
    }

    #[test]
    fn index_equals_the_naive_count_on_small_strings() {
        for text in all_strings(&['a', '\n', '\r'], 8) {
            // Ascending: counted forward, no starts kept.
            let mut forward = LineIndex::new(&text);
            for pos in 0..=text.len() + 1 {
                let want = naive_line(&text, pos.min(text.len()));
                assert_eq!(forward.line(pos), want, "{text:?} at {pos}");
            }
            assert!(forward.starts.is_none());
            // Descending: the starts, narrow and wide.
            let mut index = LineIndex::new(&text);
            let mut wide = LineIndex::wide(&text);
            for pos in (0..=text.len() + 1).rev() {
                let want = naive_line(&text, pos.min(text.len()));
                assert_eq!(index.line(pos), want, "{text:?} at {pos}");
                assert_eq!(wide.line(pos), want, "{text:?} at {pos}");
            }
            if !text.is_empty() {
                assert!(matches!(index.starts, Some(Starts::Narrow(_))));
                assert!(matches!(wide.starts, Some(Starts::Wide(_))));
            }
            // From a position: lines counted from there, in any order after it.
            for from in 0..=text.len() {
                let base = naive_line(&text, from);
                let mut piece = LineIndex::from(&text, from, 7);
                for pos in (from..=text.len()).rev().chain(from..=text.len()) {
                    assert_eq!(
                        piece.line(pos),
                        naive_line(&text, pos) - base + 7,
                        "{text:?} {from} {pos}"
                    );
                }
                assert!(piece.starts.is_none());
            }
        }
    }

    #[test]
    fn split_and_the_index_agree_on_small_strings() {
        // split.rs counts lines while it streams; the index counts them again from
        // offsets. Both must give every unit the same first and last line.
        for text in all_strings(&['a', '\n', '\r'], 9) {
            let mut index = LineIndex::new(&text);
            for unit in [Unit::Line, Unit::Paragraph] {
                for u in split::<u32>(&text, unit).1 {
                    assert_eq!(
                        index.lines_of(u.span()),
                        (u.line(), u.end_line()),
                        "{text:?} {unit:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_starts_take_their_number_of_slots() {
        let text = "one line\r\nanother\rand a third\n".repeat(1000);
        let mut index = LineIndex::new(&text);
        assert_eq!(index.line(text.len()), 3001);
        assert_eq!(index.line(0), 1);
        match &index.starts {
            Some(Starts::Narrow(v)) => assert_eq!((v.len(), v.capacity() < 4000), (3001, true)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn empty_spans_and_offsets_past_the_end() {
        let mut index = LineIndex::new("ab\ncd\n");
        let empty = crate::Span { start: 3, end: 3 };
        assert_eq!(index.lines_of(empty), (2, 2));
        assert_eq!(index.line(6), 3);
        assert_eq!(index.line(100), 3);
        assert_eq!(LineIndex::new("").line(0), 1);
    }
}
