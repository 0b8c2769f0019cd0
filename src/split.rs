//! Splitting: the text cut into units (lines or paragraphs) with exact byte spans.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, by [`line_end`], the rule
//! [`LineIndex`](crate::lines::LineIndex) counts by too. A line that is empty or holds only
//! whitespace (Unicode whitespace included) is blank. A unit's span excludes its line
//! terminator and the whitespace around it; line numbers start at 1.

use crate::lines::line_end;
use crate::Span;

/// What the text is cut into before units are compared.
///
/// ```
/// use dedupe::{FinderBuilder, Unit};
///
/// let text = "one wrapped\nparagraph here\n\nanother one\n";
/// let report = FinderBuilder::new().unit(Unit::Paragraph).build()?.find(text);
/// assert_eq!(report.units(), 2);
/// let report = FinderBuilder::new().unit(Unit::Line).build()?.find(text);
/// assert_eq!(report.units(), 3);
/// # Ok::<(), dedupe::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Unit {
    /// Choose per text (the default): [`Paragraph`](Unit::Paragraph) when the text is
    /// hard-wrapped, that is when blank lines separate paragraphs of several lines and
    /// those lines are short (at least half of all non-blank lines sit in paragraphs of two
    /// or more lines, and most of those lines, the last of each paragraph aside, are at most
    /// 100 characters long); [`Line`](Unit::Line) otherwise, as for scraped text whose
    /// paragraphs are single lines.
    #[default]
    Auto,
    /// Every non-blank line is a unit.
    Line,
    /// Every run of non-blank lines between blank lines is a unit.
    Paragraph,
}

/// One unit: its span, and the lines it starts and ends on, each held as a `P`: `u32` for
/// a text under 4 GiB (16 bytes a unit: on 100 MB of man pages and Python sources, the
/// 2.4 million lines take 39 MB instead of 78 before paragraphs merge), `usize` beyond
/// ([`narrow`] says which; both paths give the same units, tested).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RawUnit<P = usize> {
    start: P,
    end: P,
    line: P,
    end_line: P,
}

/// What a [`RawUnit`] holds its offsets and line numbers as.
pub(crate) trait Pos: Copy + Eq + std::fmt::Debug + Send + Sync + 'static {
    /// `v`, which the caller knows to fit (see [`narrow`]).
    fn of(v: usize) -> Self;
    fn get(self) -> usize;
}

impl Pos for u32 {
    #[inline]
    fn of(v: usize) -> u32 {
        debug_assert!(u32::try_from(v).is_ok());
        v as u32
    }
    #[inline]
    fn get(self) -> usize {
        self as usize
    }
}

impl Pos for usize {
    #[inline]
    fn of(v: usize) -> usize {
        v
    }
    #[inline]
    fn get(self) -> usize {
        self
    }
}

/// Whether the units of `text` fit [`RawUnit<u32>`]: every offset is at most its length
/// and every line number at most one more.
#[inline]
pub(crate) fn narrow(text: &str) -> bool {
    text.len() < u32::MAX as usize
}

impl<P: Pos> RawUnit<P> {
    #[inline]
    pub(crate) fn new(span: Span, line: usize, end_line: usize) -> Self {
        RawUnit {
            start: P::of(span.start),
            end: P::of(span.end),
            line: P::of(line),
            end_line: P::of(end_line),
        }
    }

    /// The unit's bytes, without its line terminator and the whitespace around it.
    #[inline]
    pub(crate) fn span(&self) -> Span {
        Span {
            start: self.start.get(),
            end: self.end.get(),
        }
    }

    /// The line it starts on (from 1).
    #[inline]
    pub(crate) fn line(&self) -> usize {
        self.line.get()
    }

    /// The line it ends on.
    #[inline]
    pub(crate) fn end_line(&self) -> usize {
        self.end_line.get()
    }
}

/// Cuts `text` into units of the given kind, resolving [`Unit::Auto`]; returns the kind used.
///
/// The units are held in a vector of exactly their number: one of the larger buffers of a
/// search of a big text, it is sized for every line first and given back the room of the
/// lines that paragraphs merged (or that were blank).
pub(crate) fn split<P: Pos>(text: &str, unit: Unit) -> (Unit, Vec<RawUnit<P>>) {
    let mut out = Vec::new();
    let unit = split_into(text, unit, &mut out);
    out.shrink_to_fit();
    (unit, out)
}

/// Texts at least this long have their lines counted before they are split, so that the
/// vector of lines is allocated once, at its size (one `memchr` pass, a few percent of a
/// split), instead of doubled as it fills: the doubling copies, and leaves up to twice the
/// room needed, on a 100 MB text some 70 MB.
const COUNTED_BYTES: usize = 1 << 20;

/// At least the number of lines of `text`: one more than its `\n` and `\r`.
pub(crate) fn max_lines(text: &[u8]) -> usize {
    // Two counts of one byte each: `memchr_iter(..).count()` counts without stopping at
    // every match, which `memchr2_iter` does (on 25 MB of man pages and Python sources,
    // some 45 million instructions for the count instead of a few).
    memchr::memchr_iter(b'\n', text).count() + memchr::memchr_iter(b'\r', text).count() + 1
}

/// [`split`] into a buffer that is cleared first, so that one buffer serves many texts.
pub(crate) fn split_into<P: Pos>(text: &str, unit: Unit, out: &mut Vec<RawUnit<P>>) -> Unit {
    split_chunked(text, unit, out, CHUNK_BYTES)
}

/// Texts at least twice this long are cut at line ends into chunks of about this many
/// bytes whose lines are found on the rayon pool, when it has more than one thread.
const CHUNK_BYTES: usize = 1 << 20;

/// [`split_into`] with chunks of about `chunk` bytes (tests force many small ones); the
/// units are the same for any `chunk` and thread count.
fn split_chunked<P: Pos>(text: &str, unit: Unit, out: &mut Vec<RawUnit<P>>, chunk: usize) -> Unit {
    out.clear();
    if text.len() >= 2 * chunk && rayon::current_num_threads() > 1 {
        lines_parallel(text, out, chunk);
    } else {
        if text.len() >= COUNTED_BYTES {
            out.reserve_exact(max_lines(text.as_bytes()));
        }
        lines(text, 0, 1, |u| out.push(u));
    }
    let unit = match unit {
        Unit::Auto => {
            if looks_hard_wrapped(text, out) {
                Unit::Paragraph
            } else {
                Unit::Line
            }
        }
        other => other,
    };
    if unit == Unit::Paragraph {
        paragraphs(out);
    }
    // A big text's lines merged into paragraphs leave room that a buffer kept for the next
    // text need not hold while this one is searched (on 100 MB, 77 MB for 17 MB of units).
    if (out.capacity() - out.len()) * std::mem::size_of::<RawUnit<P>>() > SPARE_BYTES {
        out.shrink_to_fit();
    }
    unit
}

/// Room for units past this many bytes is given back after a split.
const SPARE_BYTES: usize = 1 << 20;

/// Where `text` is cut into chunks of about `chunk` bytes: each cut is the start of a
/// line (just after a line end, `\r\n` kept whole), ascending, from 0 to `text.len()`.
fn cuts(text: &str, chunk: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut cuts = vec![0];
    let mut at = chunk.max(1);
    while at < bytes.len() {
        // A '\n' at `at` may end a "\r\n" begun before it: then it is still that line end.
        let Some((_, next)) = line_end(bytes, at) else {
            break;
        };
        if next >= bytes.len() {
            break;
        }
        cuts.push(next);
        at = next + chunk.max(1);
    }
    cuts.push(bytes.len());
    cuts
}

/// [`lines`] on chunks of `text` cut at line starts ([`cuts`]), found in parallel into
/// one vector: each chunk fills its own stretch of it, sized for every line of the chunk
/// (blank lines make no unit), numbering its lines from 1; the stretches are then moved
/// together in order and renumbered by the lines before them. No vector per chunk: the
/// units are held once, at most one slot a line.
fn lines_parallel<P: Pos>(text: &str, out: &mut Vec<RawUnit<P>>, chunk: usize) {
    use rayon::prelude::*;
    let cuts = cuts(text, chunk);
    let room: Vec<usize> = cuts
        .par_windows(2)
        .map(|w| max_lines(&text.as_bytes()[w[0]..w[1]]))
        .collect();
    out.clear();
    let blank = RawUnit::new(Span::default(), 0, 0);
    out.par_extend(rayon::iter::repeat_n(blank, room.iter().sum()));
    let mut stretches = Vec::with_capacity(room.len());
    let mut rest = &mut out[..];
    for &r in &room {
        let (stretch, tail) = rest.split_at_mut(r);
        stretches.push(stretch);
        rest = tail;
    }
    // Per chunk: the units it found and its number of lines.
    let found: Vec<(usize, usize)> = stretches
        .into_par_iter()
        .zip(cuts.par_windows(2))
        .map(|(stretch, w)| {
            let mut n = 0;
            // A cut is just after an ASCII line end, so on a char boundary.
            let lines = lines(&text[w[0]..w[1]], w[0], 1, |u| {
                stretch[n] = u;
                n += 1;
            });
            (n, lines)
        })
        .collect();
    let (mut to, mut from, mut before) = (0usize, 0usize, 0usize);
    for (&(n, lines), &r) in found.iter().zip(&room) {
        for k in 0..n {
            let u = out[from + k];
            out[to + k] = RawUnit::new(u.span(), u.line() + before, u.end_line() + before);
        }
        (to, from) = (to + n, from + r);
        // A chunk's last line ends at the cut, so the next chunk's line 1 follows it.
        before += lines - 1;
    }
    out.truncate(to);
}

/// Hands `push` the non-blank lines of `text`, trimmed, in order, with spans moved by
/// `base` and numbered from `first`; returns the number of the last line (`first` plus
/// the line ends in `text`, one more when it ends with one).
fn lines<P: Pos>(text: &str, base: usize, first: usize, push: impl FnMut(RawUnit<P>)) -> usize {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return lines_lf(text, base, first, push);
    }
    lines_any(text, base, first, push)
}

/// [`lines`] by [`line_end`], for any line ends (the oracle of [`lines_lf`]).
fn lines_any<P: Pos>(text: &str, base: usize, first: usize, mut push: impl FnMut(RawUnit<P>)) -> usize {
    let bytes = text.as_bytes();
    let mut line = first;
    let mut start = 0usize;
    loop {
        let (end, next) = match line_end(bytes, start) {
            Some((end, next)) => (end, Some(next)),
            None => (bytes.len(), None),
        };
        if let Some(span) = trim(text, start, end) {
            let span = Span {
                start: span.start + base,
                end: span.end + base,
            };
            push(RawUnit::new(span, line, line));
        }
        match next {
            Some(n) => {
                start = n;
                line += 1;
            }
            None => break,
        }
    }
    line
}

/// [`lines`] of a text without `\r`: every line end is a `\n`, found by one `memchr`
/// iterator over the whole text instead of a `memchr2` search per line.
fn lines_lf<P: Pos>(text: &str, base: usize, first: usize, mut push: impl FnMut(RawUnit<P>)) -> usize {
    let mut line = first;
    let mut start = 0usize;
    let mut emit = |start: usize, end: usize, line: usize| {
        if let Some(span) = trim(text, start, end) {
            let span = Span {
                start: span.start + base,
                end: span.end + base,
            };
            push(RawUnit::new(span, line, line));
        }
    };
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        emit(start, end, line);
        start = end + 1;
        line += 1;
    }
    emit(start, text.len(), line);
    line
}

/// Merges consecutive lines with no blank line between them, in place.
fn paragraphs<P: Pos>(units: &mut Vec<RawUnit<P>>) {
    let mut kept = 0;
    for r in 0..units.len() {
        let l = units[r];
        if kept > 0 && units[kept - 1].end_line() + 1 == l.line() {
            let p = &mut units[kept - 1];
            p.end = l.end;
            p.end_line = l.line;
        } else {
            units[kept] = l;
            kept += 1;
        }
    }
    units.truncate(kept);
}

/// Whether the text reads as hard-wrapped paragraphs separated by blank lines.
///
/// The line structure is checked first; line lengths are only read when it allows
/// hard-wrapping, so single-line paragraphs cost no pass over the text.
fn looks_hard_wrapped<P: Pos>(text: &str, lines: &[RawUnit<P>]) -> bool {
    // Maximal runs of consecutive lines, as `(first, end)` index ranges.
    let runs = || {
        let mut i = 0;
        std::iter::from_fn(move || {
            if i >= lines.len() {
                return None;
            }
            let mut j = i + 1;
            while j < lines.len() && lines[j].line() == lines[j - 1].line() + 1 {
                j += 1;
            }
            let run = (i, j);
            i = j;
            Some(run)
        })
    };
    let mut paragraphs = 0usize;
    let mut in_multi = 0usize;
    for (i, j) in runs() {
        paragraphs += 1;
        if j - i >= 2 {
            in_multi += j - i;
        }
    }
    if !(paragraphs >= 2 && in_multi > 0 && 2 * in_multi >= lines.len()) {
        return false;
    }
    let mut wrapped_short = 0usize;
    let mut wrapped_all = 0usize;
    for (i, j) in runs().filter(|(i, j)| j - i >= 2) {
        for l in &lines[i..j - 1] {
            wrapped_all += 1;
            if at_most_chars(&text[l.span()], 100) {
                wrapped_short += 1;
            }
        }
    }
    4 * wrapped_short >= 3 * wrapped_all
}

/// Whether `s` has at most `n` characters, counted without decoding (a character
/// takes 1 to 4 bytes, so most strings are decided by their length alone).
fn at_most_chars(s: &str, n: usize) -> bool {
    if s.len() <= n {
        return true;
    }
    if s.len() > 4 * n {
        return false;
    }
    s.bytes().filter(|&b| (b as i8) >= -0x40).count() <= n
}

/// `start..end` without surrounding whitespace, or `None` when that leaves nothing.
#[inline]
fn trim(text: &str, start: usize, end: usize) -> Option<Span> {
    let b = text.as_bytes();
    let (mut s, mut e) = (start, end);
    // Indentation's spaces eight bytes at a time (the first byte that is not a space is
    // the lowest nonzero byte of the word XOR spaces), then ASCII at both ends byte by
    // byte; chars for non-ASCII whitespace.
    while let Some(w) = b.get(s..s + 8).filter(|_| s + 8 <= e) {
        let x = w.try_into().map_or(0, u64::from_le_bytes) ^ 0x2020_2020_2020_2020;
        s += (x.trailing_zeros() / 8) as usize;
        if x != 0 {
            break;
        }
    }
    while s < e {
        let c = b[s];
        if c < 0x80 {
            if matches!(c, b' ' | b'\t' | 0x0B | 0x0C) {
                s += 1;
                continue;
            }
            break;
        }
        match text[s..e].chars().next() {
            Some(ch) if ch.is_whitespace() => s += ch.len_utf8(),
            _ => break,
        }
    }
    while e > s {
        let c = b[e - 1];
        if c < 0x80 {
            if matches!(c, b' ' | b'\t' | 0x0B | 0x0C) {
                e -= 1;
                continue;
            }
            break;
        }
        match text[s..e].chars().next_back() {
            Some(ch) if ch.is_whitespace() => e -= ch.len_utf8(),
            _ => break,
        }
    }
    (s < e).then_some(Span { start: s, end: e })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The units of `text`, checked to be the same on the narrow and the wide path.
    fn spans(text: &str, unit: Unit) -> Vec<(&str, usize, usize)> {
        let of = |u: Vec<RawUnit<u32>>, w: Vec<RawUnit<usize>>| {
            let narrow: Vec<_> = u
                .iter()
                .map(|u| (&text[u.span()], u.line(), u.end_line()))
                .collect();
            let wide: Vec<_> = w
                .iter()
                .map(|u| (&text[u.span()], u.line(), u.end_line()))
                .collect();
            assert_eq!(narrow, wide, "{text:?}");
            narrow
        };
        let (a, narrow) = split::<u32>(text, unit);
        let (b, wide) = split::<usize>(text, unit);
        assert_eq!(a, b);
        of(narrow, wide)
    }

    #[test]
    fn lines_with_every_terminator() {
        let text = "a\r\nb\rc\n\n  d  \n\u{3000}\n e";
        assert_eq!(
            spans(text, Unit::Line),
            vec![("a", 1, 1), ("b", 2, 2), ("c", 3, 3), ("d", 5, 5), ("e", 7, 7)]
        );
    }

    #[test]
    fn long_indents_are_trimmed() {
        let text = "          x\n        \n                \n\t        y  \n         \u{3000} z\n";
        assert_eq!(
            spans(text, Unit::Line),
            vec![("x", 1, 1), ("y", 4, 4), ("z", 5, 5)]
        );
        for n in 0..20 {
            let text = format!("{}w\n", " ".repeat(n));
            assert_eq!(spans(&text, Unit::Line), vec![("w", 1, 1)], "{n}");
        }
    }

    #[test]
    fn paragraphs_merge_lines() {
        let text = "a\nb\n \t\nc\n\n\nd\ne\n";
        assert_eq!(
            spans(text, Unit::Paragraph),
            vec![("a\nb", 1, 2), ("c", 4, 4), ("d\ne", 7, 8)]
        );
    }

    #[test]
    fn auto_picks_lines_for_single_line_paragraphs() {
        let long = "x".repeat(150);
        let text = format!("{long}\n{long}\n\n{long}\n{long}\n");
        assert_eq!(split::<u32>(&text, Unit::Auto).0, Unit::Line);
        assert_eq!(split::<u32>("a\nb\nc", Unit::Auto).0, Unit::Line);
    }

    #[test]
    fn auto_picks_paragraphs_for_wrapped_text() {
        let text = "This license lets you\ncopy the software.\n\nThe above notice\nshall be included.\n";
        assert_eq!(split::<u32>(text, Unit::Auto).0, Unit::Paragraph);
    }

    #[test]
    fn a_reused_buffer_gives_the_same_units() {
        let texts = ["a\nb\n\nc\nd\n\ne", "one\n\ntwo", "", "x\r\ny\rz"];
        let mut buf: Vec<RawUnit<u32>> = Vec::new();
        for unit in [Unit::Auto, Unit::Line, Unit::Paragraph] {
            for t in texts {
                let used = split_into(t, unit, &mut buf);
                assert_eq!((used, buf.clone()), split(t, unit), "{t:?}");
            }
        }
    }

    #[test]
    fn max_lines_bounds_the_lines() {
        for text in ["", "a", "a\n", "a\r\nb", "\r\r\n\n", "x\ny\rz"] {
            let lines = text.split_inclusive(['\n', '\r']).count().max(1);
            assert!(max_lines(text.as_bytes()) >= lines, "{text:?}");
        }
        // A big text's units: sized once, none lost, the room of merged lines given back.
        let text = "a wrapped line of a paragraph\nand its second line\n\n".repeat(30_000);
        assert!(text.len() >= COUNTED_BYTES);
        let (_, lines) = split::<u32>(&text, Unit::Line);
        assert_eq!(lines.len(), 60_000);
        let (_, paragraphs) = split::<u32>(&text, Unit::Paragraph);
        assert_eq!(paragraphs.len(), 30_000);
        let mut reused: Vec<RawUnit<u32>> = Vec::new();
        split_into(&text, Unit::Paragraph, &mut reused);
        assert_eq!(reused, paragraphs);
        let size = std::mem::size_of::<RawUnit<u32>>();
        assert_eq!(size, 16);
        assert!(reused.capacity() * size <= 30_000 * size + SPARE_BYTES);
        assert!(paragraphs.capacity() < 60_000, "{}", paragraphs.capacity());
    }

    /// Texts of short lines over every line end, blank lines and whitespace, ASCII or not.
    fn texts() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("a"),
            Just("bc"),
            Just(" "),
            Just("\t"),
            Just("\n"),
            Just("\n"),
            Just("\r"),
            Just("\r\n"),
            Just("\u{3000}"),
            Just("é"),
            Just("        "),
            Just("\n\n"),
        ];
        proptest::collection::vec(piece, 0..80).prop_map(|v| v.concat())
    }

    /// [`trim`] one char at a time: ASCII space, tab, VT and FF, and non-ASCII
    /// whitespace (line ends are cut by the splitters, not here).
    fn naive_trim(text: &str, start: usize, end: usize) -> Option<Span> {
        let strip = |c: char| {
            if c.is_ascii() {
                matches!(c, ' ' | '\t' | '\x0B' | '\x0C')
            } else {
                c.is_whitespace()
            }
        };
        let piece = &text[start..end];
        let rest = piece.trim_start_matches(strip);
        let kept = rest.trim_end_matches(strip);
        let s = start + piece.len() - rest.len();
        (!kept.is_empty()).then_some(Span {
            start: s,
            end: s + kept.len(),
        })
    }

    proptest::proptest! {
        #[test]
        fn trim_equals_the_naive_one(
            t in "( {0,12}|[\t\x0B\x0C\u{a0}\u{3000}\u{2028}\r\nab\u{e9}]){0,12}",
            cut in 0usize..40,
        ) {
            let cut = (0..=cut.min(t.len())).rev().find(|&c| t.is_char_boundary(c)).unwrap_or(0);
            for (start, end) in [(0, t.len()), (0, cut), (cut, t.len())] {
                proptest::prop_assert_eq!(trim(&t, start, end), naive_trim(&t, start, end), "{:?} {}..{}", t, start, end);
            }
        }

        #[test]
        fn chunked_split_equals_the_serial_one(text in texts(), chunk in 1usize..24, threads in 1usize..4) {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            for unit in [Unit::Auto, Unit::Line, Unit::Paragraph] {
                let mut serial: Vec<RawUnit<u32>> = Vec::new();
                let used = split_chunked(&text, unit, &mut serial, usize::MAX / 2);
                let mut chunked: Vec<RawUnit<u32>> = Vec::new();
                let chunked_used = pool.install(|| split_chunked(&text, unit, &mut chunked, chunk));
                proptest::prop_assert_eq!((used, &serial), (chunked_used, &chunked), "{:?} {:?}", text, unit);
                // The parallel join itself, whatever the pool: lines as the serial walk finds them.
                let mut walked: Vec<RawUnit<usize>> = Vec::new();
                lines(&text, 0, 1, |u| walked.push(u));
                let mut joined: Vec<RawUnit<usize>> = Vec::new();
                lines_parallel(&text, &mut joined, chunk);
                proptest::prop_assert_eq!(&walked, &joined, "{:?}", text);
            }
        }

        #[test]
        fn lf_lines_equal_the_general_walk(text in texts(), base in 0usize..3, first in 1usize..3) {
            let text = text.replace('\r', "");
            let (mut lf, mut any): (Vec<RawUnit<usize>>, Vec<RawUnit<usize>>) = (Vec::new(), Vec::new());
            let n = lines_lf(&text, base, first, |u| lf.push(u));
            let m = lines_any(&text, base, first, |u| any.push(u));
            proptest::prop_assert_eq!((n, &lf), (m, &any), "{:?}", text);
        }

        #[test]
        fn cuts_are_line_starts(text in texts(), chunk in 1usize..24) {
            let cuts = cuts(&text, chunk);
            let b = text.as_bytes();
            proptest::prop_assert_eq!((cuts[0], *cuts.last().unwrap()), (0, b.len()));
            for w in cuts.windows(2) {
                proptest::prop_assert!(w[0] < w[1] || b.is_empty());
            }
            for &c in &cuts[1..cuts.len() - 1] {
                let after_end = b[c - 1] == b'\n' || (b[c - 1] == b'\r' && b.get(c) != Some(&b'\n'));
                proptest::prop_assert!(after_end, "{:?} at {}", text, c);
            }
        }
    }

    #[test]
    fn a_big_text_splits_the_same_on_two_threads() {
        let text = "a wrapped line\r\nof a paragraph\n\n\u{3000}x\rlast\n".repeat(60_000);
        assert!(text.len() >= 2 * CHUNK_BYTES);
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        for unit in [Unit::Auto, Unit::Line, Unit::Paragraph] {
            let mut serial: Vec<RawUnit<u32>> = Vec::new();
            let used = split_chunked(&text, unit, &mut serial, usize::MAX / 2);
            let (two, units) = pool.install(|| split::<u32>(&text, unit));
            assert_eq!((used, serial), (two, units), "{unit:?}");
        }
    }

    #[test]
    fn empty_and_blank_texts_have_no_units() {
        assert!(split::<u32>("", Unit::Auto).1.is_empty());
        assert!(split::<u32>(" \n\t\r\n\u{a0}", Unit::Auto).1.is_empty());
    }
}
