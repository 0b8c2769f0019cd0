//! The stutter scan in one pass with bounded memory: words are read one at a time and
//! kept only back to the last hard gap (a stutter never crosses one), at most
//! [`WINDOW`] words plus what an unfinished run of copies needs. Finds exactly what
//! [`super::stutter::stutters`] finds over the whole text's words (its naive oracle in the
//! tests).

use super::stutter::{gap_kind, glued, is_technical, reportable_by, stutter_at, widest_line, wraps, Gap};
use super::tokens::{ascii_class, fast_key_at, legit_hashes, Token};
use super::{InnerRepeat, UnitSpans, Work};
use crate::lines::LineIndex;
use crate::normalize;
use crate::Span;
use rayon::prelude::*;

/// Words held before a partial scan drains the ones no later stutter can start at.
pub(super) const WINDOW: usize = 4096;

/// The longest stuttered phrase the scan looks for, in words (longer settings are cut
/// to it): the prefilter's keys of the words before fit in one array.
pub(super) const MAX_PERIOD: usize = 8;

/// Class bit: the word is inside a path, URL or identifier (see `is_technical`).
const TECH: u8 = 4;
/// Class bit: the gap before the word is whitespace only.
const SPACE: u8 = 8;

/// The scan's state: the words since the last hard gap, after one word of context.
struct Scanner<'t, 'c> {
    text: &'t str,
    covered: &'c [Span],
    max_words: usize,
    /// Words, with their hashes: `buf[lo..]` is the current segment; `buf[..lo]` holds
    /// at most the one word before it (context for the glue rule).
    buf: Vec<Token>,
    hashes: Vec<u64>,
    lo: usize,
    /// Technical words among `buf[..k]`, rebuilt for each scan.
    tech: Vec<u32>,
    /// Segment length at which the next partial scan runs.
    next_scan: usize,
    /// Words held before a partial scan ([`WINDOW`]; smaller in tests).
    window: usize,
}

/// Finds the stutters of `text` cut into `units` (empty: each line is a unit), appending
/// them to `out` in text order. A text of a few MiB and more is cut into pieces searched
/// in parallel ([`pieces`]); the result is the same whatever the number of threads.
pub(super) fn stutters_streaming<U: UnitSpans + ?Sized>(
    text: &str,
    units: &U,
    covered: &[Span],
    max_words: usize,
    work: &mut Work,
    out: &mut Vec<InnerRepeat>,
) {
    let threads = rayon::current_num_threads();
    let piece = if threads > 1 && text.len() >= 2 * PIECE {
        (text.len() / (4 * threads)).max(PIECE)
    } else {
        usize::MAX
    };
    scan_pieces(text, units, covered, max_words, WINDOW, piece, work, out);
}

/// Bytes in a piece of text searched on its own, at least.
const PIECE: usize = 1 << 20;

/// The longest line that [`pieces`] reads a word of context from.
const SHORT_LINE: usize = 4096;

/// A word with its offset in the text.
type Word<'t> = (usize, &'t str);

/// A cut between pieces: its offset, the last word before it and the first after it.
type Cut<'t> = (usize, Word<'t>, Word<'t>);

/// A piece of the text searched on its own: the words starting in `from..to`, with the
/// word before (left context) and the word after (right context).
struct Piece<'t> {
    from: usize,
    to: usize,
    left: Option<Word<'t>>,
    right: Option<Word<'t>>,
}

/// The text cut into pieces of about `piece` bytes, at line starts that no stutter can
/// cross: no unit spans the cut (so a line break between two words of different units
/// is a hard gap, as a stutter never crosses one), and the lines on both sides are short
/// and hold a word, which is the context the rules read across the cut. The words of a
/// line are the text's words there, since Unicode word segmentation always breaks after
/// a line end and before one. A cut is looked for from each `piece` bytes on, within
/// half a piece; where none is found the piece grows.
fn pieces<'t, U: UnitSpans + ?Sized>(text: &'t str, units: &U, piece: usize) -> Vec<Piece<'t>> {
    let mut cuts: Vec<Cut<'t>> = Vec::new();
    let mut nominal = piece;
    while nominal < text.len() {
        let cut = cut_near(text, units, nominal, piece / 2);
        nominal = match cut {
            Some((b, _, _)) => b.saturating_add(piece),
            None => nominal.saturating_add(piece),
        };
        cuts.extend(cut);
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    let mut left = None;
    for (b, before, after) in cuts {
        out.push(Piece {
            from,
            to: b,
            left,
            right: Some(after),
        });
        (from, left) = (b, Some(before));
    }
    out.push(Piece {
        from,
        to: text.len(),
        left,
        right: None,
    });
    out
}

/// The first cut at or after `nominal` and within `limit` bytes of it (see [`pieces`]):
/// its offset, the last word before it and the first word after it. Lines without a
/// word may lie between the two words (a blank line between paragraphs); lines longer
/// than [`SHORT_LINE`] are not read. Reads at most `limit` bytes and a line past them.
fn cut_near<'t, U: UnitSpans + ?Sized>(
    text: &'t str,
    units: &U,
    nominal: usize,
    limit: usize,
) -> Option<Cut<'t>> {
    let bytes = text.as_bytes();
    let stop = nominal
        .saturating_add(limit)
        .saturating_add(SHORT_LINE + 2)
        .min(bytes.len());
    let line_end = |from: usize| crate::lines::line_end_before(bytes, from, stop);
    let (_, mut line) = line_end(nominal)?;
    while line - nominal <= limit {
        let (end, next) = line_end(line)?;
        let u = units.first_ending_after(line);
        let apart = u == units.count() || units.span_of(u).start >= line;
        if apart && end - line <= SHORT_LINE {
            let first = crate::words::words(&text[line..end]).next();
            if let (Some((k, w)), Some(left)) = (first, first.and_then(|_| word_before(text, line))) {
                return Some((line, left, (line + k, w)));
            }
        }
        line = next;
    }
    None
}

/// The last word before the line starting at `line`, from the short lines before it
/// (lines without a word passed over), if one is found within [`SHORT_LINE`] bytes.
fn word_before(text: &str, line: usize) -> Option<Word<'_>> {
    let bytes = text.as_bytes();
    let floor = line.saturating_sub(SHORT_LINE);
    let mut start = line;
    while start > floor {
        // The terminator before `start` (`\r\n` is one), and the line it ends.
        let end = if start >= 2 && bytes[start - 1] == b'\n' && bytes[start - 2] == b'\r' {
            start - 2
        } else {
            start - 1
        };
        let from = memchr::memrchr2(b'\n', b'\r', &bytes[floor..end]).map_or(floor, |t| floor + t + 1);
        if from == floor && floor > 0 {
            return None;
        }
        if let Some((k, w)) = crate::words::words(&text[from..end]).last() {
            return Some((from + k, w));
        }
        start = from;
    }
    None
}

/// [`stutters_streaming`] with the scan holding about `window` words and pieces of about
/// `piece` bytes (`usize::MAX`: one piece, searched on this thread).
#[allow(clippy::too_many_arguments)]
fn scan_pieces<U: UnitSpans + ?Sized>(
    text: &str,
    units: &U,
    covered: &[Span],
    max_words: usize,
    window: usize,
    piece: usize,
    work: &mut Work,
    out: &mut Vec<InnerRepeat>,
) {
    let pieces = if piece == usize::MAX {
        Vec::new()
    } else {
        pieces(text, units, piece)
    };
    if pieces.len() <= 1 {
        let mut lines = LineIndex::new(text);
        let words = crate::words::words(text);
        scan_with(
            text, words, units, 0, covered, max_words, window, &mut lines, work, out,
        );
        return;
    }
    let found: Vec<(Vec<InnerRepeat>, Work, usize)> = pieces
        .par_iter()
        .map(|p| {
            // Lines numbered from 1 at the piece's start, moved once the lines before are
            // counted.
            let mut lines = LineIndex::from(text, p.from, 1);
            let (mut work, mut out) = (Work::default(), Vec::new());
            let from = p.from;
            let words = p
                .left
                .into_iter()
                .chain(crate::words::words(&text[from..p.to]).map(move |(s, w)| (s + from, w)))
                .chain(p.right);
            let first_unit = units.first_ending_after(p.left.map_or(from, |(s, _)| s));
            scan_with(
                text, words, units, first_unit, covered, max_words, window, &mut lines, &mut work, &mut out,
            );
            work.tokens -= usize::from(p.left.is_some()) + usize::from(p.right.is_some());
            (out, work, crate::lines::line_ends(text.as_bytes(), p.from, p.to))
        })
        .collect();
    let mut before = 0;
    for (mut found, w, ends) in found {
        for s in &mut found {
            for o in &mut s.occurrences {
                o.line += before;
                o.end_line += before;
            }
        }
        out.append(&mut found);
        work.tokens += w.tokens;
        work.compared += w.compared;
        work.held = work.held.max(w.held);
        before += ends;
    }
}

/// [`stutters_streaming`] on the words `words` (in text order, with their offsets in
/// `text`; the first is left context only unless it is the text's first), holding about
/// `window` words (at least `2 max_words + 2`). `first_unit`: the first unit that ends
/// after the first word starts.
///
/// The prefilter: a stutter of `d` words with copies of it after the first needs each
/// of its words from the `2d`-th on to end a run of `d` words equal to the `d` words
/// before them (such a word is *hot* for period `d`), compared by key. Only the words
/// from `2d` before a word hot for period `d` (the longest it is hot for) to the one
/// after it can be part of a stutter or the context its rules read; every other word
/// is only segmented and keyed (no gaps, chunks or line widths), and the scan is cut
/// there. Words are keyed in batches ([`Batch`]) and wait `2 max_words` words until it
/// is known whether a hot word follows. The first word of a stretch fed to the scanner is only left context:
/// a stutter starting at word `i` wants word `i - 1` fed.
#[allow(clippy::too_many_arguments)]
fn scan_with<'t, U: UnitSpans + ?Sized>(
    text: &'t str,
    words: impl Iterator<Item = (usize, &'t str)>,
    units: &U,
    first_unit: usize,
    covered: &[Span],
    max_words: usize,
    window: usize,
    lines: &mut LineIndex,
    work: &mut Work,
    out: &mut Vec<InnerRepeat>,
) {
    let max_words = max_words.min(MAX_PERIOD);
    let window = window.max(2 * max_words + 2);
    let mut s = Scanner {
        text,
        covered,
        max_words,
        buf: Vec::with_capacity(window + 2),
        hashes: Vec::with_capacity(window + 2),
        lo: 0,
        tech: Vec::with_capacity(window + 3),
        next_scan: window,
        window,
    };
    let mut feed = Feed {
        units,
        u: first_unit,
        prev_unit: usize::MAX,
        widest: None,
        chunk_end: 0,
        chunk_tech: false,
        prev_end: None,
    };
    let mut scratch = normalize::Scratch::default();
    let lag = 2 * max_words;
    // Whether the last word that left the batch was fed to the scanner.
    let mut feeding = false;
    let mut leave = |q: &Queued<'_>,
                     first: bool,
                     feeding: &mut bool,
                     s: &mut Scanner<'_, '_>,
                     work: &mut Work,
                     lines: &mut LineIndex,
                     out: &mut Vec<InnerRepeat>| {
        let wanted = q.fed;
        if wanted {
            if !*feeding && !first {
                // A new stretch: its first word is left context only (no stutter starts
                // there, as no word within `2 max_words` after it is hot).
                s.buf.clear();
                s.hashes.clear();
                s.lo = 1;
                s.next_scan = s.window;
                feed.prev_end = None;
            }
            s.push_word(&mut feed, *q, lines, work, out);
        } else if *feeding {
            // The stretch ended: its last word is right context.
            s.scan(true, lines, work, out);
            s.buf.clear();
            s.hashes.clear();
            s.lo = 0;
        }
        *feeding = wanted;
    };
    let mut batch = Batch::new(max_words);
    let mut first = true;
    words.for_each(|(start, w)| {
        work.tokens += 1;
        let (key, class) = fast_key_at(text, start, start + w.len(), &mut scratch);
        if batch.push(start, w, key, class) {
            batch.detect();
            for q in batch.release(lag) {
                if q.fed || feeding {
                    leave(q, first, &mut feeding, &mut s, work, lines, out);
                }
                first = false;
            }
            batch.drain(lag);
        }
    });
    batch.detect();
    for q in batch.release(0) {
        leave(q, first, &mut feeding, &mut s, work, lines, out);
        first = false;
    }
    if feeding {
        let hi = s.buf.len();
        s.scan_to(hi, true, false, lines, work, out);
    }
}

/// Words keyed before the prefilter looks at them as a batch.
const BATCH: usize = 512;

// The prefilter holds a byte for each of the `MAX_PERIOD` words before in a `u64`.
const _: () = assert!(MAX_PERIOD == 8);

/// The prefilter of [`scan_with`] over a batch of words: their keys are compared with
/// those of the words before in one tight loop, then the words leave in order, marked
/// fed or not. A word's mark is final once the `2 max_words` words after it are
/// looked at (a hot word marks the `2d` words before it and the one after it).
struct Batch<'t> {
    max_words: usize,
    /// The words held: from the last `2 max_words` of the previous batch on.
    words: Vec<Queued<'t>>,
    /// Their keys, after the keys of the `MAX_PERIOD` words before `words[0]` (0 where
    /// there is none: `there` says which are).
    keys: Vec<u64>,
    /// Words of `words` the prefilter has looked at.
    checked: usize,
    /// A byte of the key of each of the last eight words checked (see [`Batch::detect`]).
    window: u64,
    /// Bit 7 of byte `d - 1`: the word `d` before the next one to check is there.
    there: u64,
    /// Byte `k - 1`, bit `d - 1`: each of the last `k` words checked equals the word `d`
    /// before it.
    runs: u64,
    /// Whether the last word checked was hot (so the next one is fed: right context).
    hot_before: bool,
}

impl<'t> Batch<'t> {
    fn new(max_words: usize) -> Self {
        let mut keys = Vec::with_capacity(BATCH + MAX_PERIOD);
        keys.resize(MAX_PERIOD, 0);
        Batch {
            max_words,
            words: Vec::with_capacity(BATCH),
            keys,
            checked: 0,
            window: 0,
            there: 0,
            runs: 0,
            hot_before: false,
        }
    }

    /// Holds a word; true when the batch is full.
    #[inline]
    fn push(&mut self, start: usize, word: &'t str, key: u64, class: Option<u8>) -> bool {
        self.words.push(Queued {
            start,
            word,
            key,
            class,
            fed: false,
        });
        self.keys.push(key);
        self.words.len() == BATCH
    }

    /// Marks the words fed that a hot word among the new ones wants: for a word hot for
    /// period `d` (the longest), the `2d` words before it, itself and the one after it.
    ///
    /// A byte of each key (mixed) for the last eight words sits in `window` (byte `d - 1`:
    /// the word `d` before); a word whose byte matches none of them, most words, equals
    /// none of them, and only those that match one compare keys.
    fn detect(&mut self) {
        const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
        const ONES: u64 = 0x0101_0101_0101_0101;
        let periods = if self.max_words >= MAX_PERIOD {
            u64::MAX
        } else {
            (1u64 << (8 * self.max_words)) - 1
        };
        for i in self.checked..self.words.len() {
            let key = self.keys[i + MAX_PERIOD];
            let h = key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56;
            let x = self.window ^ h.wrapping_mul(ONES);
            // The high bit of each byte of `x` that is 0, for the words there.
            let mut zero = !((x & LOW).wrapping_add(LOW) | x | LOW) & self.there;
            self.window = self.window << 8 | h;
            self.there = (self.there << 8 | 0x80) & periods;
            let mut same = 0u64;
            while zero != 0 {
                let d = zero.trailing_zeros() as usize / 8 + 1;
                same |= u64::from(self.keys[i + MAX_PERIOD - d] == key) << (d - 1);
                zero &= zero - 1;
            }
            // Byte `k - 1` of `runs`: the periods whose last `k` words each equal the word
            // that period before them; the word is hot for `d` when byte `d - 1` has bit
            // `d - 1`.
            self.runs = (self.runs << 8 | 0xff) & same.wrapping_mul(ONES);
            let diagonal = self.runs & 0x8040_2010_0804_0201;
            let hot = if diagonal == 0 {
                0
            } else {
                (63 - diagonal.leading_zeros() as usize) / 8 + 1
            };
            if std::mem::replace(&mut self.hot_before, hot > 0) {
                self.words[i].fed = true;
            }
            if hot > 0 {
                for q in &mut self.words[i.saturating_sub(2 * hot)..=i] {
                    q.fed = true;
                }
            }
        }
        self.checked = self.words.len();
    }

    /// The words whose mark is final: all but the last `keep` looked at.
    fn release(&self, keep: usize) -> &[Queued<'t>] {
        &self.words[..self.checked.saturating_sub(keep)]
    }

    /// Drops the released words (all but the last `keep`), keeping the keys the next
    /// batch compares with.
    fn drain(&mut self, keep: usize) {
        let n = self.checked.saturating_sub(keep);
        self.words.drain(..n);
        self.keys.drain(..n);
        self.checked -= n;
    }
}

/// A word waiting to be fed to the scanner or passed over.
#[derive(Clone, Copy)]
struct Queued<'t> {
    start: usize,
    word: &'t str,
    key: u64,
    /// Class bits, when keying the word computed them.
    class: Option<u8>,
    /// Whether a hot word wants it fed to the scanner.
    fed: bool,
}

/// What feeding words to the scanner tracks: the unit of the previous word, the
/// current unit's widest line, the current whitespace-delimited chunk (its end and
/// whether it is technical) and the end of the previous word fed.
struct Feed<'u, U: ?Sized> {
    units: &'u U,
    u: usize,
    prev_unit: usize,
    widest: Option<(usize, usize)>,
    chunk_end: usize,
    chunk_tech: bool,
    prev_end: Option<usize>,
}

/// The whitespace-delimited chunk holding a word starting at `start`, as the naive scan
/// cuts chunks: it ends at the first whitespace character after `start`, and starts after
/// the last whitespace character before that end.
fn chunk_of(text: &str, start: usize) -> (usize, usize) {
    let mut rest = text[start..].char_indices();
    // A word may start with whitespace (a space and a combining mark is one word): the
    // chunk ending there is empty, so the word belongs to the next one.
    rest.next();
    let to = rest
        .find(|&(_, c)| c.is_whitespace())
        .map_or(text.len(), |(k, _)| start + k);
    let from = text[..to]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(k, c)| k + c.len_utf8());
    (from, to)
}

impl Scanner<'_, '_> {
    /// Takes the next word of a stretch: works out its unit, chunk and the gap before
    /// it, and scans when a hard gap ends a segment or the words held fill the window.
    fn push_word<U: UnitSpans + ?Sized>(
        &mut self,
        f: &mut Feed<'_, U>,
        q: Queued<'_>,
        lines: &mut LineIndex,
        work: &mut Work,
        out: &mut Vec<InnerRepeat>,
    ) {
        let (text, units) = (self.text, f.units);
        let (start, end) = (q.start, q.start + q.word.len());
        while f.u < units.count() && units.span_of(f.u).end <= start {
            f.u += 1;
        }
        let unit = if f.u < units.count() && units.span_of(f.u).start <= start {
            f.u
        } else {
            usize::MAX
        };
        if start >= f.chunk_end || f.prev_end.is_none() {
            let (from, to) = chunk_of(text, start);
            f.chunk_end = to;
            f.chunk_tech = is_technical(&text[from..to]);
        }
        let mut class = q.class.unwrap_or_else(|| ascii_class(q.word.as_bytes()));
        if f.chunk_tech {
            class |= TECH;
        }
        let mut hard = false;
        if let Some(p) = f.prev_end {
            // The unit's widest line is read only when a line break's lengths decide.
            let widest = &mut f.widest;
            let one_unit = units.count() > 0
                && unit != usize::MAX
                && unit == f.prev_unit
                && wraps(text, p, start, || match *widest {
                    Some((k, wide)) if k == unit => wide,
                    _ => {
                        let span = units.span_of(unit);
                        let wide = widest_line(&text[span.start..span.end]);
                        *widest = Some((unit, wide));
                        wide
                    }
                });
            match gap_kind(&text[p..start], one_unit) {
                Gap::Hard => hard = true,
                Gap::Space => class |= SPACE,
                Gap::Soft => {}
            }
        }
        let tok = Token {
            start,
            end,
            id: 0,
            class,
        };
        self.buf.push(tok);
        self.hashes.push(q.key);
        if hard {
            // The word after the segment is its right context.
            self.scan(true, lines, work, out);
            let keep = self.buf.len() - 2;
            self.drain(keep);
            self.lo = 1;
            self.next_scan = self.window;
        } else {
            work.held = work.held.max(self.buf.len());
            if self.buf.len() - self.lo >= self.next_scan {
                let at = self.scan(false, lines, work, out);
                if at > self.lo {
                    self.drain(at - 1);
                    self.lo = 1;
                    self.next_scan = self.window;
                } else {
                    // One run of copies fills the window: wait for twice as many words.
                    self.next_scan = 2 * (self.buf.len() - self.lo);
                }
            }
        }
        f.prev_end = Some(end);
        f.prev_unit = unit;
    }

    /// Drops `buf[..k]`.
    fn drain(&mut self, k: usize) {
        self.buf.drain(..k);
        self.hashes.drain(..k);
    }

    /// Scans the segment `buf[lo..]` whose last word is right context (`ended`: the
    /// segment is complete), or all of `buf[lo..]` when not `ended` up to where more
    /// words could change the result. Returns where it stopped.
    fn scan(
        &mut self,
        ended: bool,
        lines: &mut LineIndex,
        work: &mut Work,
        out: &mut Vec<InnerRepeat>,
    ) -> usize {
        if ended {
            self.scan_to(self.buf.len() - 1, true, true, lines, work, out)
        } else {
            self.scan_to(self.buf.len(), false, true, lines, work, out)
        }
    }

    /// Scans words `lo..hi` of `buf` (`buf[hi]`, if any, is the word after). When not
    /// `ended`, stops before a word whose stutter could reach past `hi`; returns the index
    /// of the first word not scanned. `has_next`: `buf[hi]` is a real word, not the end
    /// of the text.
    fn scan_to(
        &mut self,
        hi: usize,
        ended: bool,
        has_next: bool,
        lines: &mut LineIndex,
        work: &mut Work,
        out: &mut Vec<InnerRepeat>,
    ) -> usize {
        let (text, max_words) = (self.text, self.max_words);
        self.tech.clear();
        self.tech.push(0);
        for t in &self.buf[..hi] {
            let last = *self.tech.last().unwrap_or(&0);
            self.tech.push(last + u32::from(t.class & TECH != 0));
        }
        let toks = if has_next { &self.buf[..] } else { &self.buf[..hi] };
        let (ids, tech) = (&self.hashes[..], &self.tech[..]);
        let clear = |a: usize, b: usize| tech[b + 1] == tech[a];
        let boundary_ok = |j: usize, d: usize| d > 1 || toks[j].class & SPACE != 0;
        let same = |a: usize, b: usize, d: usize, work: &mut Work| {
            work.compared += d;
            ids[a..a + d] == ids[b..b + d]
        };
        let legit = legit_hashes();
        let mut i = self.lo;
        while i + 1 < hi {
            if !ended && i + 2 * max_words >= hi {
                return i;
            }
            let mut found = None;
            for d in 1..=max_words {
                if i + 2 * d > hi {
                    break;
                }
                if ids[i] == ids[i + d]
                    && clear(i, i + 2 * d - 1)
                    && boundary_ok(i + d, d)
                    && same(i, i + d, d, work)
                {
                    found = Some(d);
                    break;
                }
            }
            let Some(d) = found else {
                i += 1;
                continue;
            };
            let mut copies = 2;
            while i + (copies + 1) * d <= hi
                && clear(i, i + (copies + 1) * d - 1)
                && boundary_ok(i + copies * d, d)
                && same(i, i + copies * d, d, work)
            {
                copies += 1;
            }
            if !ended && i + (copies + 1) * d >= hi {
                // The run of copies may go on past the words held.
                return i;
            }
            let last = i + copies * d - 1;
            if reportable_by(text, toks, i, d, copies, |_| legit.contains(&ids[i]))
                && !glued(text, toks, i, last)
            {
                out.push(stutter_at(text, toks, i, d, copies, self.covered, lines));
            }
            i = last + 1;
        }
        hi.max(self.lo)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{find_with, InnerConfig};
    use super::*;
    use crate::split::{split, Unit};
    use proptest::prelude::*;

    /// The stutters by the streaming scan holding about `window` words, on one thread.
    fn fast(text: &str, units: &[Span], window: usize) -> (Vec<InnerRepeat>, Work) {
        in_pieces(text, units, window, usize::MAX)
    }

    /// The stutters by the streaming scan on pieces of about `piece` bytes.
    fn in_pieces(text: &str, units: &[Span], window: usize, piece: usize) -> (Vec<InnerRepeat>, Work) {
        let (mut work, mut out) = (Work::default(), Vec::new());
        scan_pieces(text, units, &[], 8, window, piece, &mut work, &mut out);
        (out, work)
    }

    /// The stutters by the naive scan over all the words of the text.
    fn naive(text: &str, units: &[Span]) -> Vec<InnerRepeat> {
        let cfg = InnerConfig {
            runs: false,
            ..InnerConfig::default()
        };
        find_with(text, units, &[], &cfg, true).0
    }

    fn units_of(text: &str, unit: Unit) -> Vec<Span> {
        split::<u32>(text, unit).1.iter().map(|u| u.span()).collect()
    }

    /// Fast and naive agree on `text`, by lines, by paragraphs and with no units, with the
    /// default window and a tiny one.
    fn agree(text: &str) {
        for units in [
            Vec::new(),
            units_of(text, Unit::Line),
            units_of(text, Unit::Paragraph),
        ] {
            let want = naive(text, &units);
            for window in [WINDOW, 0, 19] {
                assert_eq!(fast(text, &units, window).0, want, "window {window}");
            }
            for piece in [1, 7, 64, 1000] {
                assert_eq!(in_pieces(text, &units, 19, piece).0, want, "piece {piece}");
            }
        }
    }

    #[test]
    fn the_real_files_give_what_the_naive_scan_gives() {
        for text in [
            include_str!("../../tests/data/doubled-article.txt"),
            include_str!("../../tests/data/binutils-copyright.txt"),
            include_str!("../../tests/data/krb5-copyright.txt"),
            include_str!("../../tests/data/boost-copyright-excerpt.txt"),
        ] {
            agree(text);
        }
        // Pieces of every size on a text with many lines.
        let text = include_str!("../../tests/data/krb5-copyright.txt");
        for units in [units_of(text, Unit::Line), units_of(text, Unit::Paragraph)] {
            let want = fast(text, &units, WINDOW);
            for piece in [100, 999, 5000] {
                let got = in_pieces(text, &units, WINDOW, piece);
                assert_eq!(
                    (got.0, got.1.tokens),
                    (want.0.clone(), want.1.tokens),
                    "piece {piece}"
                );
            }
        }
    }

    #[test]
    fn pieces_tile_the_text_and_cut_where_no_unit_spans() {
        let text = include_str!("../../tests/data/krb5-copyright.txt");
        let all: Vec<(usize, &str)> = crate::words::words(text).collect();
        for unit in [Unit::Line, Unit::Paragraph] {
            let units = units_of(text, unit);
            let p = pieces(text, &units[..], 500);
            assert!(p.len() > 20, "{unit:?} {}", p.len());
            assert_eq!((p[0].from, p[p.len() - 1].to), (0, text.len()));
            for w in p.windows(2) {
                let cut = w[1].from;
                assert_eq!(w[0].to, cut);
                assert!(text[..cut].ends_with('\n'));
                assert!(units.iter().all(|u| u.end <= cut || u.start >= cut));
                // The context words: the last word before the cut and the first after.
                let (a, wa) = w[1].left.unwrap();
                let (b, wb) = w[0].right.unwrap();
                assert_eq!(&text[a..a + wa.len()], wa);
                assert_eq!(&text[b..b + wb.len()], wb);
                let k = all.partition_point(|&(s, _)| s < cut);
                assert_eq!((all[k - 1], all[k]), ((a, wa), (b, wb)));
            }
        }
        // Too short to cut, or one line: one piece.
        let none: &[Span] = &[];
        assert_eq!(pieces("the the", none, 1).len(), 1);
        assert_eq!(pieces(&"word ".repeat(1000), none, 10).len(), 1);
    }

    #[test]
    fn runs_of_copies_across_partial_scans() {
        let many = "the ".repeat(500);
        agree(&many);
        agree(&format!("a b c {many}d e f"));
        agree(&"one two three ".repeat(300));
        agree(&format!("{}x", "w-w ".repeat(200)));
        let (found, _) = fast(&many, &[], 0);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].copies, 500);
    }

    #[test]
    fn work_is_linear_and_memory_bounded_by_the_window() {
        // A long line without a hard gap: the scan holds at most a window of words.
        let words: String = (0..200_000).map(|k| format!("w{} ", k % 1000)).collect();
        let text = format!("{words}the the end");
        let (found, work) = fast(&text, &[], WINDOW);
        assert_eq!(found.len(), 1);
        assert_eq!(work.tokens, 200_003);
        assert!(work.held <= WINDOW + 2, "{work:?}");
        // Each word starts at most 8 phrase checks of at most 8 words, and an unfinished
        // run of copies is rescanned only when the words held double.
        assert!(work.compared <= 64 * work.tokens, "{work:?}");
        // Short lines: the words since the last line end, not the window.
        let lines = "a line of words\n".repeat(50_000);
        let (_, work) = fast(&lines, &units_of(&lines, Unit::Line), WINDOW);
        assert!(work.held <= 6, "{work:?}");
        // One run of copies is held whole (it cannot be cut), and rescanned a
        // logarithmic number of times.
        let run = "the ".repeat(100_000);
        let (found, work) = fast(&run, &[], WINDOW);
        assert_eq!(found[0].copies, 100_000);
        assert!(work.compared <= 4 * work.tokens, "{work:?}");
    }

    fn word() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "the",
            "The",
            "THE",
            "cat",
            "a",
            "I",
            "x",
            "10",
            "had",
            "Inc",
            "is",
            "猫",
            "ここ",
            "e\u{301}",
            "a_b",
            "std::vec",
            "write.hpp",
            "Ärger",
            "ärger",
            "\u{345}",
            // Case, width and compatibility forms the raw key must meet (#12 item 3).
            "ＴＨＥ",
            "ｔｈｅ",
            "don't",
            "don\u{2019}t",
            "\u{FB01}le",
            "file",
            "FILE",
            "something",
            "ＳＯＭＥＴＨＩＮＧ",
            "Something",
            "Window",
            "window",
            "die",
        ])
    }

    fn sep() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            " ",
            " ",
            " ",
            " ",
            ", ",
            ". ",
            "\n",
            "\r\n",
            "\n\n",
            "\n ",
            "\t",
            "",
            "-",
            "(",
            "\"",
            "=",
            "  ",
            ".,",
            "/",
            " \u{85}",
            "   ",
            "\u{2010}\n",
            " - ",
            "\n\t",
        ])
    }

    fn text() -> impl Strategy<Value = String> {
        let phrase = prop::collection::vec((word(), sep()), 1..6)
            .prop_map(|ws| ws.into_iter().map(|(w, s)| format!("{w}{s}")).collect::<String>());
        (
            prop::collection::vec(phrase, 1..4),
            prop::collection::vec((0usize..4, 1usize..4), 0..16),
        )
            .prop_map(|(ps, order)| {
                let mut s = String::new();
                for (i, times) in order {
                    for _ in 0..times {
                        s.push_str(&ps[i % ps.len()]);
                    }
                }
                s
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn fast_is_naive(text in text()) {
            for units in [Vec::new(), units_of(&text, Unit::Line), units_of(&text, Unit::Paragraph)] {
                let want = naive(&text, &units);
                for window in [WINDOW, 0, 21] {
                    prop_assert_eq!(&fast(&text, &units, window).0, &want);
                }
                // Cut into pieces searched apart (in parallel): the same stutters, lines
                // and words counted.
                for piece in [1, 5, 16, 40] {
                    let (found, work) = in_pieces(&text, &units, 21, piece);
                    prop_assert_eq!(&found, &want, "piece {}", piece);
                    prop_assert_eq!(work.tokens, fast(&text, &units, 21).1.tokens);
                }
            }
        }
    }
}
