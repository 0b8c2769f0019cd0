//! Bytes in: searching input that may hold invalid UTF-8, with offsets into the bytes.
//!
//! Valid UTF-8 goes straight to [`Finder::find`]. Other input is searched as a string in
//! which every byte that is not part of a valid character is *escaped*: byte `b` (always
//! `0x80..=0xFF`) becomes the private-use character `U+10FF00 + b`, four bytes long. An
//! escape is no whitespace, no word, no line terminator, and every normalization level
//! leaves it unchanged, so a unit holding invalid bytes equals exactly the units holding
//! the same bytes at the same places (the rest normalized as usual). A literal character
//! in `U+10FF80..=U+10FFFF` (the escapes' range) is escaped byte by byte as well, so it
//! never equals an escaped invalid byte: the escaped string decodes back to the input
//! unambiguously. Every offset of the report is then mapped back: an offset `p` in the
//! escaped string is `p - 3k` in the input, `k` the escapes that start before `p`.

use std::ops::Index;

use memchr::memchr;

use crate::{Finder, Occurrence, Report, Result, Span};

/// The first escape character; byte `b` is escaped as `ESCAPE_BASE + b`.
const ESCAPE_BASE: u32 = 0x10FF00;

/// Extra bytes an escape takes in the escaped string: 4 bytes for 1 of the input.
const GROWTH: usize = 3;

/// The escape of every byte, computed at compile time (so no lookup can fail).
const ESCAPES: [char; 256] = {
    let mut table = ['\0'; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match char::from_u32(ESCAPE_BASE + b as u32) {
            Some(c) => c,
            None => panic!("an escape is not a Unicode scalar value"),
        };
        b += 1;
    }
    table
};

/// Input that is not valid UTF-8, as a string with its invalid bytes escaped.
#[derive(Clone, Debug)]
struct Escaped {
    text: String,
    /// Where the escape of each escaped byte starts in `text`, ascending.
    escapes: Vec<usize>,
}

/// The input cut as `<[u8]>::utf8_chunks` cuts it: `(start, valid, end)` for each valid
/// run `start..valid` and the invalid bytes `valid..end` after it (none at the input's
/// end). `known_valid`: a character boundary with only valid text before it (from a
/// failed check), which is not checked again. Found by `str::from_utf8`, which reads
/// ASCII a word at a time where `utf8_chunks` reads every byte (8.7% of the default run
/// on a 100 MB file with 6 invalid bytes).
fn utf8_cuts(input: &[u8], known_valid: usize) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let mut at = 0;
    let mut skip = known_valid.min(input.len());
    std::iter::from_fn(move || {
        if at >= input.len() {
            return None;
        }
        let start = at;
        let rest = &input[at + skip..];
        let (valid, bad) = match std::str::from_utf8(rest) {
            Ok(_) => (rest.len(), 0),
            Err(e) => (
                e.valid_up_to(),
                e.error_len().map_or(rest.len() - e.valid_up_to(), usize::from),
            ),
        };
        let valid = skip + valid;
        skip = 0;
        at += valid + bad;
        Some((start, start + valid, at))
    })
}

impl Escaped {
    fn new(input: &[u8]) -> Escaped {
        let mut esc = Escaped {
            text: String::with_capacity(input.len() + input.len() / 8),
            escapes: Vec::new(),
        };
        for (start, valid, end) in utf8_cuts(input, 0) {
            // `utf8_cuts` found `start..valid` valid: this check passes.
            esc.push_valid(std::str::from_utf8(&input[start..valid]).unwrap_or_default());
            for &b in &input[valid..end] {
                esc.push_escape(b);
            }
        }
        // Room was made for an escape every 8 bytes; most inputs hold a few.
        esc.text.shrink_to_fit();
        esc
    }

    /// Appends valid text, escaping literal characters of the escapes' own range
    /// (`U+10FF80..=U+10FFFF`: `F4 8F BE|BF xx`) byte by byte.
    fn push_valid(&mut self, valid: &str) {
        let bytes = valid.as_bytes();
        let mut from = 0;
        let mut at = 0;
        while let Some(i) = memchr(0xF4, &bytes[at..]) {
            let i = at + i;
            // `valid` is valid UTF-8, so a 0xF4 starts a four-byte character.
            if bytes[i + 1] == 0x8F && bytes[i + 2] >= 0xBE {
                self.text.push_str(&valid[from..i]);
                for &b in &bytes[i..i + 4] {
                    self.push_escape(b);
                }
                from = i + 4;
            }
            at = i + 4;
        }
        self.text.push_str(&valid[from..]);
    }

    /// As [`new`](Escaped::new), in `input`'s own buffer: grown by the escapes' extra
    /// bytes and filled from the back, so the input and its escaped string are never
    /// both held (they were, 211 MB for a 99.4 MB file with 6 invalid bytes).
    /// `valid_up_to`: the input is known valid up to there (from a failed check).
    fn from_vec(input: Vec<u8>, valid_up_to: usize) -> Escaped {
        // The input offsets of the bytes to escape: the invalid ones, and those of
        // literal characters of the escapes' range.
        let mut at = Vec::new();
        for (start, valid_end, end) in utf8_cuts(&input, valid_up_to) {
            let valid = &input[start..valid_end];
            let mut i = 0;
            while let Some(j) = memchr(0xF4, &valid[i..]) {
                let j = i + j;
                if valid[j + 1] == 0x8F && valid[j + 2] >= 0xBE {
                    at.extend(start + j..start + j + 4);
                }
                i = j + 4;
            }
            at.extend(valid_end..end);
        }
        let len = input.len();
        let mut buf = input;
        buf.resize(len + GROWTH * at.len(), 0);
        // From the last escape back: the text after it moves right by 3 bytes for each
        // escape before it and itself, never over a byte still to be moved.
        let (mut src_end, mut dst_end) = (len, buf.len());
        for (k, &q) in at.iter().enumerate().rev() {
            let tail = src_end - (q + 1);
            buf.copy_within(q + 1..src_end, dst_end - tail);
            let b = buf[q];
            let start = q + GROWTH * k;
            ESCAPES[usize::from(b)].encode_utf8(&mut buf[start..start + 1 + GROWTH]);
            src_end = q;
            dst_end = start;
        }
        let escapes = at.iter().enumerate().map(|(k, &q)| q + GROWTH * k).collect();
        let text = String::from_utf8(buf).expect("valid text with escapes put in at character boundaries");
        Escaped { text, escapes }
    }

    fn push_escape(&mut self, b: u8) {
        self.escapes.push(self.text.len());
        self.text.push(ESCAPES[usize::from(b)]);
    }

    /// The byte escaped at `p`, the start of an escape.
    fn byte_at(&self, p: usize) -> u8 {
        let c = self.text[p..].chars().next().map_or(0, u32::from);
        (c - ESCAPE_BASE) as u8
    }

    /// The input offset of offset `p` of the escaped text (a character boundary there).
    fn back(&self, p: usize) -> usize {
        p - GROWTH * self.escapes.partition_point(|&e| e < p)
    }

    fn span(&self, s: Span) -> Span {
        Span {
            start: self.back(s.start),
            end: self.back(s.end),
        }
    }

    /// Rewrites every offset of `report`, made from the escaped text, into one into the
    /// input of `len` bytes.
    fn restore(&self, report: &mut Report, len: usize) {
        let occurrences = report
            .groups
            .iter_mut()
            .flat_map(|g| &mut g.occurrences)
            .chain(report.blocks.iter_mut().flat_map(|b| &mut b.occurrences))
            .chain(report.near.iter_mut().flat_map(|n| &mut n.occurrences))
            .chain(report.inner.iter_mut().flat_map(|s| &mut s.occurrences));
        for o in occurrences {
            o.span = self.span(o.span);
        }
        for s in &mut report.inner {
            s.first_copy = s.first_copy.map(|c| self.span(c));
        }
        for cut in &mut report.removals {
            *cut = self.span(*cut);
        }
        report.bytes = len;
        report.stats = crate::pipeline::stats(len, report.units(), &report.groups, &report.blocks);
    }
}

/// Input given as bytes, as the string the search runs on: the input itself when it is
/// valid UTF-8, else with every invalid byte escaped as a private-use character of its
/// own (byte `b` as `U+10FF00 + b`, literal characters of that range escaped too); and
/// the way back from offsets into that string to offsets into the input.
///
/// This is what [`Finder::find_bytes`] and [`Finder::find_many_bytes`] do inside, for
/// callers that drive a [`CorpusIndex`](crate::CorpusIndex) themselves (the `dedupe`
/// command does, to read a corpus in two passes): index and locate
/// [`as_str`](EscapedBytes::as_str), then [`restore`](EscapedBytes::restore) the reports
/// and [`restore_located`](EscapedBytes::restore_located) the located repeats.
///
/// ```
/// let input = b"Caf\xE9 menu of the day, soup\nCaf\xE9 menu of the day, soup\n";
/// let escaped = dedupe::EscapedBytes::new(input);
/// assert!(!escaped.is_valid_utf8());
/// let mut report = dedupe::Finder::new().find(escaped.as_str());
/// escaped.restore(&mut report);
/// assert_eq!(report.groups()[0].occurrences()[1].span(), dedupe::Span { start: 27, end: 53 });
/// assert_eq!(report.repair_bytes(input)?, b"Caf\xE9 menu of the day, soup\n");
/// # Ok::<(), dedupe::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct EscapedBytes {
    escaped: Escaped,
    /// The input's length.
    len: usize,
}

impl EscapedBytes {
    /// Escapes `input` (one UTF-8 check and a copy when it is valid).
    ///
    /// ```
    /// assert_eq!(dedupe::EscapedBytes::new(b"plain").as_str(), "plain");
    /// ```
    pub fn new(input: &[u8]) -> EscapedBytes {
        let escaped = match std::str::from_utf8(input) {
            Ok(text) => Escaped {
                text: text.to_owned(),
                escapes: Vec::new(),
            },
            Err(_) => Escaped::new(input),
        };
        EscapedBytes {
            escaped,
            len: input.len(),
        }
    }

    /// Escapes `input`, taking it: valid UTF-8 becomes the string without a copy, so a
    /// caller that reads a file into one buffer keeps one copy of it (other input is
    /// escaped in that buffer, grown by 3 bytes an escape).
    ///
    /// ```
    /// let e = dedupe::EscapedBytes::from_vec(b"a\xFFb".to_vec());
    /// assert_eq!(e.as_str(), "a\u{10FFFF}b");
    /// assert_eq!(dedupe::EscapedBytes::from_vec(b"plain".to_vec()).as_str(), "plain");
    /// ```
    pub fn from_vec(input: Vec<u8>) -> EscapedBytes {
        let len = input.len();
        let escaped = match String::from_utf8(input) {
            Ok(text) => Escaped {
                text,
                escapes: Vec::new(),
            },
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                Escaped::from_vec(e.into_bytes(), valid)
            }
        };
        EscapedBytes { escaped, len }
    }

    /// The input's length in bytes.
    ///
    /// ```
    /// assert_eq!(dedupe::EscapedBytes::new(b"a\xFF").input_len(), 2);
    /// ```
    pub fn input_len(&self) -> usize {
        self.len
    }

    /// The input again, decoded from the escaped string (every escape back to its byte):
    /// for callers that keep only the escaped string and need the bytes once in a while.
    ///
    /// ```
    /// let input = b"caf\xE9 \xF4\x8F\xBF\xBF \xE2\x82";
    /// assert_eq!(dedupe::EscapedBytes::new(input).to_input(), input);
    /// ```
    pub fn to_input(&self) -> Vec<u8> {
        let text = self.escaped.text.as_bytes();
        let mut out = Vec::with_capacity(self.len);
        let mut from = 0;
        for &p in &self.escaped.escapes {
            out.extend_from_slice(&text[from..p]);
            out.push(self.escaped.byte_at(p));
            from = p + 1 + GROWTH;
        }
        out.extend_from_slice(&text[from..]);
        out
    }

    /// The input as text to show: every invalid byte a `?`, valid characters as they are
    /// (literal characters of the escapes' range included), so the string is as long as
    /// the input and every offset of the input is a character boundary of it.
    ///
    /// ```
    /// let e = dedupe::EscapedBytes::new(b"caf\xE9 \xE2\x82 ok");
    /// assert_eq!(e.to_lossy(), "caf? ?? ok");
    /// ```
    pub fn to_lossy(&self) -> String {
        let text = &self.escaped.text;
        let escapes = &self.escaped.escapes;
        let mut out = String::with_capacity(self.len);
        let mut run = Vec::new();
        let (mut from, mut i) = (0, 0);
        while i < escapes.len() {
            // A maximal run of adjacent escapes: bytes that follow each other in the input,
            // between valid characters, so they decode alone as they did in place.
            let start = escapes[i];
            out.push_str(&text[from..start]);
            run.clear();
            let mut end = start;
            while i < escapes.len() && escapes[i] == end {
                run.push(self.escaped.byte_at(end));
                end += 1 + GROWTH;
                i += 1;
            }
            for chunk in run.utf8_chunks() {
                out.push_str(chunk.valid());
                out.extend(chunk.invalid().iter().map(|_| '?'));
            }
            from = end;
        }
        out.push_str(&text[from..]);
        out
    }

    /// Whether the input was valid UTF-8 (nothing escaped: offsets are the same).
    ///
    /// ```
    /// assert!(dedupe::EscapedBytes::new("ça".as_bytes()).is_valid_utf8());
    /// assert!(!dedupe::EscapedBytes::new(b"\xFF").is_valid_utf8());
    /// ```
    pub fn is_valid_utf8(&self) -> bool {
        self.escaped.escapes.is_empty()
    }

    /// The string to search.
    ///
    /// ```
    /// assert_eq!(dedupe::EscapedBytes::new(b"a\xFF").as_str(), "a\u{10FFFF}");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.escaped.text
    }

    /// The string to search, taken out.
    ///
    /// ```
    /// assert_eq!(dedupe::EscapedBytes::new(b"text").into_string(), "text");
    /// ```
    pub fn into_string(self) -> String {
        self.escaped.text
    }

    /// The input offset of offset `p` of [`as_str`](EscapedBytes::as_str) (a character
    /// boundary there).
    ///
    /// ```
    /// let e = dedupe::EscapedBytes::new(b"a\xFFb");
    /// assert_eq!((e.input_offset(1), e.input_offset(5), e.input_offset(6)), (1, 2, 3));
    /// ```
    pub fn input_offset(&self, p: usize) -> usize {
        self.escaped.back(p)
    }

    /// Rewrites every offset of a report made from [`as_str`](EscapedBytes::as_str) into
    /// one into the input (nothing to do for valid UTF-8).
    ///
    /// ```
    /// let e = dedupe::EscapedBytes::new(b"\xFF a line that repeats\n\xFF a line that repeats");
    /// let mut report = dedupe::Finder::new().find(e.as_str());
    /// e.restore(&mut report);
    /// assert_eq!(report.bytes(), 43);
    /// ```
    pub fn restore(&self, report: &mut Report) {
        if !self.is_valid_utf8() {
            self.escaped.restore(report, self.len);
        }
    }

    /// `occurrence`, found in [`as_str`](EscapedBytes::as_str), with its span moved into
    /// the input (line and unit numbers are the same in both).
    ///
    /// ```
    /// let e = dedupe::EscapedBytes::new(b"\xFF\xFF a line\nthe same line, twice\nthe same line, twice");
    /// let report = dedupe::Finder::new().find(e.as_str());
    /// let later = e.restore_occurrence(report.groups()[0].occurrences()[1]);
    /// assert_eq!((later.span().start, later.line()), (31, 3));
    /// ```
    pub fn restore_occurrence(&self, occurrence: Occurrence) -> Occurrence {
        let mut o = occurrence;
        if !self.is_valid_utf8() {
            o.span = self.escaped.span(o.span);
        }
        o
    }

    /// Rewrites every offset of a document's corpus-wide repeats located in
    /// [`as_str`](EscapedBytes::as_str) into one into the input; see
    /// [`DocRepeats::repair_bytes`](crate::DocRepeats::repair_bytes).
    pub fn restore_located(&self, found: &mut crate::DocRepeats) {
        if !self.is_valid_utf8() {
            found.map_spans(self.len, |s| self.escaped.span(s));
        }
    }
}

impl EscapedBytes {
    /// Turns the escaped string into the text to show, in its own buffer (no second
    /// copy of the input): [`to_lossy`](EscapedBytes::to_lossy)'s string, with the way
    /// back to the input's offsets and bytes kept. For callers done searching
    /// [`as_str`](EscapedBytes::as_str) that still have results to restore and show.
    ///
    /// ```
    /// let e = dedupe::EscapedBytes::new(b"\xFF a line that repeats\n\xFF a line that repeats");
    /// let mut report = dedupe::Finder::new().find(e.as_str());
    /// let shown = e.into_shown();
    /// shown.restore(&mut report);
    /// assert_eq!(shown.as_str(), "? a line that repeats\n? a line that repeats");
    /// assert_eq!(report.groups()[0].occurrences()[1].span().start, 22);
    /// assert_eq!(shown.to_input(), b"\xFF a line that repeats\n\xFF a line that repeats");
    /// ```
    pub fn into_shown(self) -> ShownBytes {
        let Escaped { text, escapes } = self.escaped;
        let bytes: Vec<u8> = escapes
            .iter()
            .map(|&p| (text[p..].chars().next().map_or(0, u32::from) - ESCAPE_BASE) as u8)
            .collect();
        // Written over itself: a run of `m` escapes (4m bytes) is shown as `m` bytes, so
        // what is written never passes what is still to be read.
        let mut buf = text.into_bytes();
        let (mut from, mut to, mut i) = (0, 0, 0);
        let mut run = Vec::new();
        while i < escapes.len() {
            let start = escapes[i];
            buf.copy_within(from..start, to);
            to += start - from;
            run.clear();
            let mut end = start;
            while i < escapes.len() && escapes[i] == end {
                run.push(bytes[i]);
                end += 1 + GROWTH;
                i += 1;
            }
            for chunk in run.utf8_chunks() {
                let valid = chunk.valid().as_bytes();
                buf[to..to + valid.len()].copy_from_slice(valid);
                to += valid.len();
                buf[to..to + chunk.invalid().len()].fill(b'?');
                to += chunk.invalid().len();
            }
            from = end;
        }
        let rest = buf.len() - from;
        buf.copy_within(from.., to);
        buf.truncate(to + rest);
        buf.shrink_to_fit();
        let shown = String::from_utf8(buf)
            .expect("valid text and whole characters of valid runs, joined at character boundaries");
        ShownBytes {
            shown,
            offsets: Escaped {
                text: String::new(),
                escapes,
            },
            bytes,
            len: self.len,
        }
    }
}

/// Input that was not valid UTF-8, as text to show once it has been searched (see
/// [`EscapedBytes::into_shown`]): every invalid byte a `?`, as long as the input, with
/// the way from offsets into the escaped string to offsets into the input, and the
/// invalid bytes themselves, so the input can be made again.
#[derive(Clone, Debug)]
pub struct ShownBytes {
    shown: String,
    /// The escapes' places in the escaped string (its text dropped).
    offsets: Escaped,
    /// The byte of each escape.
    bytes: Vec<u8>,
    len: usize,
}

impl ShownBytes {
    /// The text to show, as [`EscapedBytes::to_lossy`] gives it.
    pub fn as_str(&self) -> &str {
        &self.shown
    }

    /// The input's length in bytes (the shown text's too).
    pub fn input_len(&self) -> usize {
        self.len
    }

    /// The input again: the shown text with each escape's byte put back at its place.
    pub fn to_input(&self) -> Vec<u8> {
        let mut out = self.shown.as_bytes().to_vec();
        for (k, (&p, &b)) in self.offsets.escapes.iter().zip(&self.bytes).enumerate() {
            // The `k` escapes before this one took 3 bytes more each.
            out[p - GROWTH * k] = b;
        }
        out
    }

    /// As [`EscapedBytes::restore`]: offsets of a report made from the escaped string
    /// moved into the input.
    pub fn restore(&self, report: &mut Report) {
        if !self.offsets.escapes.is_empty() {
            self.offsets.restore(report, self.len);
        }
    }

    /// As [`EscapedBytes::restore_occurrence`].
    pub fn restore_occurrence(&self, occurrence: Occurrence) -> Occurrence {
        let mut o = occurrence;
        o.span = self.offsets.span(o.span);
        o
    }

    /// As [`EscapedBytes::restore_located`].
    pub fn restore_located(&self, found: &mut crate::DocRepeats) {
        if !self.offsets.escapes.is_empty() {
            found.map_spans(self.len, |s| self.offsets.span(s));
        }
    }
}

impl AsRef<str> for EscapedBytes {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

/// `input` with `cuts` (ascending, in bounds) made; `expected` is the length the cuts were
/// made for.
pub(crate) fn cut(input: &[u8], expected: usize, cuts: &[Span]) -> Result<Vec<u8>> {
    let mismatch = || crate::Error::TextMismatch {
        expected,
        actual: input.len(),
    };
    if input.len() != expected {
        return Err(mismatch());
    }
    let removed: usize = cuts.iter().map(Span::len).sum();
    let mut out = Vec::with_capacity(input.len().saturating_sub(removed));
    // The kept pieces run from the end of one cut to the start of the next.
    let starts = std::iter::once(0).chain(cuts.iter().map(|c| c.end));
    let ends = cuts.iter().map(|c| c.start).chain(std::iter::once(input.len()));
    for (start, end) in starts.zip(ends) {
        out.extend_from_slice(input.get(start..end).ok_or_else(mismatch)?);
    }
    Ok(out)
}

impl Finder {
    /// Finds every repeat in `input`, which may hold invalid UTF-8. Never fails.
    ///
    /// Valid UTF-8 gets exactly the report of [`find`](Finder::find) (at the cost of one
    /// UTF-8 check). Otherwise every byte that is not part of a valid character is a
    /// character of its own that equals only the same byte: two units are equal when they
    /// hold the same invalid bytes at the same places and are equal elsewhere after
    /// normalization, and a unit holding an invalid byte never equals one without it.
    /// Offsets are bytes into `input`, on the boundaries of its valid characters and its
    /// invalid bytes; line numbers are as for text (invalid bytes never end a line).
    ///
    /// Each invalid byte counts as one character toward
    /// [`FinderBuilder::min_chars`](crate::FinderBuilder::min_chars) and as 4 bytes toward
    /// [`FinderBuilder::min_bytes`](crate::FinderBuilder::min_bytes), as would a
    /// character of the private-use range the search stands them in by
    /// (`U+10FF80..=U+10FFFF`). Literal characters of that range are compared by their
    /// bytes too, so they never equal invalid bytes.
    ///
    /// ```
    /// // A stray Latin-1 byte (0xE9) in a line that repeats.
    /// let input = b"Caf\xE9 menu of the day, soup\nopen daily\nCaf\xE9 menu of the day, soup\n";
    /// let report = dedupe::Finder::new().find_bytes(input);
    /// let later = report.groups()[0].occurrences()[1];
    /// assert_eq!(later.line(), 3);
    /// assert_eq!(later.bytes(input), b"Caf\xE9 menu of the day, soup");
    /// assert_eq!(report.repair_bytes(input)?, b"Caf\xE9 menu of the day, soup\nopen daily\n");
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn find_bytes(&self, input: &[u8]) -> Report {
        if let Ok(text) = std::str::from_utf8(input) {
            return self.find(text);
        }
        let escaped = Escaped::new(input);
        let mut report = self.find(&escaped.text);
        escaped.restore(&mut report, input.len());
        report
    }
}

impl Report {
    /// The input with repeats removed, as [`repair`](Report::repair) does for text: the
    /// cuts of [`removals`](Report::removals) are made, and every other byte, invalid or
    /// not, is kept as it was.
    ///
    /// Fails with [`Error::TextMismatch`](crate::Error::TextMismatch) when `input` is not
    /// the length of the input the report was made from.
    ///
    /// ```
    /// let input = b"\xFF\xFE a header line, twice\n\xFF\xFE a header line, twice\nbody \x80\n";
    /// let report = dedupe::Finder::new().find_bytes(input);
    /// assert_eq!(report.repair_bytes(input)?, b"\xFF\xFE a header line, twice\nbody \x80\n");
    /// assert!(report.repair_bytes(b"shorter").is_err());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn repair_bytes(&self, input: &[u8]) -> Result<Vec<u8>> {
        cut(input, self.bytes, &self.removals)
    }
}

impl Occurrence {
    /// Its bytes, sliced from the input the report was made from (see
    /// [`Finder::find_bytes`]).
    ///
    /// ```
    /// let input = b"odd byte \x80 in a line\nodd byte \x80 in a line";
    /// let report = dedupe::Finder::new().find_bytes(input);
    /// assert_eq!(report.groups()[0].occurrences()[1].bytes(input), b"odd byte \x80 in a line");
    /// ```
    pub fn bytes<'t>(&self, input: &'t [u8]) -> &'t [u8] {
        &input[self.span]
    }
}

/// Slices bytes at a [`Span`], as `&input[span.start..span.end]`.
///
/// ```
/// use dedupe::Span;
/// let input = b"ab\xFFcd";
/// assert_eq!(&input[..][Span { start: 1, end: 4 }], b"b\xFFc");
/// ```
impl Index<Span> for [u8] {
    type Output = [u8];

    fn index(&self, span: Span) -> &[u8] {
        &self[span.start..span.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FinderBuilder, Normalize, Unit};

    fn finder() -> Finder {
        FinderBuilder::new()
            .min_bytes(1)
            .unit(Unit::Line)
            .build()
            .unwrap()
    }

    /// The bytes of every group's occurrences.
    fn groups<'t>(report: &Report, input: &'t [u8]) -> Vec<Vec<&'t [u8]>> {
        let groups = report.groups().iter();
        groups
            .map(|g| g.occurrences().iter().map(|o| o.bytes(input)).collect())
            .collect()
    }

    #[test]
    fn escapes_map_back_to_input_offsets() {
        let input = b"a\xFFb\xE2\x82c";
        let esc = Escaped::new(input);
        assert_eq!(esc.text, "a\u{10FFFF}b\u{10FFE2}\u{10FF82}c");
        assert_eq!(esc.escapes, [1, 6, 10]);
        let back: Vec<usize> = esc.text.char_indices().map(|(p, _)| esc.back(p)).collect();
        assert_eq!(back, [0, 1, 2, 3, 4, 5]);
        assert_eq!(esc.back(esc.text.len()), input.len());
    }

    #[test]
    fn literal_escape_range_is_escaped_byte_by_byte() {
        // U+10FF80 and U+10FFFF are escaped; U+10FF7F and U+10FEFF (also F4 8F ..) are not.
        let input = "\u{10FF80}\u{10FF7F}\u{10FEFF}\u{10FFFF}\u{1F600}".as_bytes();
        let mut bytes = input.to_vec();
        bytes.push(0xFF);
        let esc = Escaped::new(&bytes);
        let expected = "\u{10FFF4}\u{10FF8F}\u{10FFBE}\u{10FF80}\u{10FF7F}\u{10FEFF}\
                        \u{10FFF4}\u{10FF8F}\u{10FFBF}\u{10FFBF}\u{1F600}\u{10FFFF}";
        assert_eq!(esc.text, expected);
        assert_eq!(esc.escapes.len(), 9);
        assert_eq!(esc.back(esc.text.len()), bytes.len());
    }

    /// What the command line showed before [`EscapedBytes::to_lossy`]: every invalid
    /// byte of the input as `?`, read off the input itself.
    fn naive_lossy(input: &[u8]) -> String {
        let mut shown = String::new();
        for chunk in input.utf8_chunks() {
            shown.push_str(chunk.valid());
            shown.extend(chunk.invalid().iter().map(|_| '?'));
        }
        shown
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Bytes cut to exercise the decoder: anything, text with characters of the
        /// escapes' range, and truncated sequences that may complete each other.
        fn piece() -> impl Strategy<Value = Vec<u8>> {
            prop_oneof![
                proptest::collection::vec(any::<u8>(), 0..6),
                "[a-c\u{e9}\u{20ac}\u{10FF7F}-\u{10FFFF}\u{1F600} ]{0,4}".prop_map(String::into_bytes),
                proptest::sample::select(vec![
                    b"\xF4\x8F\xBE".to_vec(),
                    b"\xF4\x8F".to_vec(),
                    b"\xE2\x82".to_vec(),
                    b"\xC3".to_vec(),
                    b"\xA9".to_vec(),
                    b"\xBF".to_vec(),
                    b"\xF0\x9F\x98".to_vec(),
                ]),
            ]
        }

        proptest! {
            /// The cuts found by `from_utf8` are those of `utf8_chunks`, also when the
            /// valid text before the first invalid byte is known.
            #[test]
            fn cuts_are_utf8_chunks(pieces in proptest::collection::vec(piece(), 0..12)) {
                let input = pieces.concat();
                let mut naive = Vec::new();
                let mut at = 0;
                for chunk in input.utf8_chunks() {
                    let (v, bad) = (chunk.valid().len(), chunk.invalid().len());
                    naive.push((at, at + v, at + v + bad));
                    at += v + bad;
                }
                prop_assert_eq!(utf8_cuts(&input, 0).collect::<Vec<_>>(), naive.clone());
                let valid = std::str::from_utf8(&input).map_or_else(|e| e.valid_up_to(), |_| input.len());
                prop_assert_eq!(utf8_cuts(&input, valid).collect::<Vec<_>>(), naive);
            }

            #[test]
            fn decoding_and_showing_equal_the_input(pieces in proptest::collection::vec(piece(), 0..12)) {
                let input = pieces.concat();
                let e = EscapedBytes::new(&input);
                prop_assert_eq!(e.to_input(), input.clone());
                let lossy = e.to_lossy();
                prop_assert_eq!(&lossy, &naive_lossy(&input));
                prop_assert_eq!(lossy.len(), input.len());
                let taken = EscapedBytes::from_vec(input.clone());
                prop_assert_eq!(taken.as_str(), e.as_str());
                prop_assert_eq!(&taken.escaped.escapes, &e.escaped.escapes);
                prop_assert_eq!(taken.input_len(), input.len());
                // Shown in place: the same text, the same input, the same offsets.
                let offsets: Vec<usize> = (0..=e.as_str().len())
                    .filter(|&p| e.as_str().is_char_boundary(p))
                    .collect();
                let back: Vec<usize> = offsets.iter().map(|&p| e.input_offset(p)).collect();
                let shown = e.clone().into_shown();
                prop_assert_eq!(shown.as_str(), lossy.as_str());
                prop_assert_eq!(shown.to_input(), input.clone());
                prop_assert_eq!(shown.input_len(), input.len());
                let moved: Vec<usize> = offsets.iter().map(|&p| shown.offsets.back(p)).collect();
                prop_assert_eq!(moved, back);
            }
        }
    }

    #[test]
    fn invalid_bytes_compare_as_themselves() {
        let input: &[u8] = b"tea \xFF\nsoup\ntea \xFE\ntea \xFF  \ntea\ntea \xEF\xBF\xBD\n  tea \xFF\n";
        let report = finder().find_bytes(input);
        // 0xFF equals 0xFF only: not 0xFE, not the replacement character, not nothing.
        assert_eq!(groups(&report, input), [vec![&b"tea \xFF"[..]; 3]]);
        let lines: Vec<usize> = report.groups()[0]
            .occurrences()
            .iter()
            .map(|o| o.line())
            .collect();
        assert_eq!(lines, [1, 4, 7]);
        assert_eq!(
            report.groups()[0].occurrences()[2].span(),
            Span { start: 39, end: 44 }
        );
    }

    #[test]
    fn truncated_and_overlong_sequences_are_bytes_of_their_own() {
        // E2 82 is a truncated euro sign; C0 AF an overlong '/'.
        let input: &[u8] =
            b"x\xE2\x82 \xC0\xAF\nx\xE2\x82 \xC0\xAF\nx\xE2\x82\xAC \xC0\xAF\nx\xE2 \xC0\xAF\n";
        let report = finder().find_bytes(input);
        assert_eq!(groups(&report, input), [vec![&b"x\xE2\x82 \xC0\xAF"[..]; 2]]);
        assert_eq!(report.removals(), [Span { start: 7, end: 14 }]);
    }

    #[test]
    fn literal_private_use_never_equals_an_invalid_byte() {
        // 0xFF escapes to U+10FFFF: the literal character must stay apart from it.
        let input = [
            &b"end \xFF\n"[..],
            "end \u{10FFFF}\n".as_bytes(),
            "end \u{10FFFF}\n".as_bytes(),
        ]
        .concat();
        let report = finder().find_bytes(&input);
        assert_eq!(groups(&report, &input), [vec!["end \u{10FFFF}".as_bytes(); 2]]);
        assert_eq!(
            report.groups()[0].occurrences()[0].span(),
            Span { start: 6, end: 14 }
        );
    }

    #[test]
    fn valid_input_gives_the_text_report() {
        let text = "one line \u{10FFFF} here\nother\none line \u{10FFFF} here\n";
        let f = FinderBuilder::new().inner(true).near(true).build().unwrap();
        assert_eq!(f.find_bytes(text.as_bytes()), f.find(text));
    }

    #[test]
    fn every_offset_is_mapped_back() {
        let input: &[u8] =
            b"\xFF\xFF\xFF pad\nthe same line \x80 twice\n\xFF\xFFthe cat sat sat on the mat \xFF\n\
                            the same line \x80 twice\n";
        let f = FinderBuilder::new()
            .unit(Unit::Line)
            .min_bytes(5)
            .inner(true)
            .build()
            .unwrap();
        let report = f.find_bytes(input);
        assert_eq!(report.bytes(), input.len());
        let group = &report.groups()[0];
        assert_eq!(group.occurrences()[1].bytes(input), b"the same line \x80 twice");
        let stutter = &report.inner()[0];
        assert_eq!(stutter.occurrences()[0].bytes(input), b"sat sat");
        assert_eq!(&input[stutter.first_copy().unwrap()], b"sat");
        // The last line goes with the line end before it; the input's final one stays.
        assert_eq!(report.removals(), [Span { start: 60, end: 82 }]);
        assert_eq!(report.stats().repeated_bytes, 21);
        assert_eq!(report.stats().repeated_fraction, 21.0 / 83.0);
        assert_eq!(
            report.repair_bytes(input).unwrap(),
            [&input[..60], b"\n"].concat()
        );
        // The shown text moves every offset as the escaped string does.
        let e = EscapedBytes::new(input);
        let mut escaped = f.find(e.as_str());
        let mut shown = escaped.clone();
        e.restore(&mut escaped);
        e.into_shown().restore(&mut shown);
        assert_eq!(format!("{escaped:?}"), format!("{shown:?}"));
        assert_eq!(format!("{escaped:?}"), format!("{report:?}"));
    }

    #[test]
    fn near_duplicates_are_mapped_back() {
        let a = b"\xFF one two three four five six seven eight nine ten eleven twelve thirteen";
        let b = b"\xFF one two three four five six seven eight nine ten eleven twelve fourteen";
        let input = [&a[..], b"\n", &b[..]].concat();
        let report = FinderBuilder::new()
            .near(true)
            .build()
            .unwrap()
            .find_bytes(&input);
        let near = report.near()[0].occurrences();
        assert_eq!((near[0].bytes(&input), near[1].bytes(&input)), (&a[..], &b[..]));
    }

    #[test]
    fn normalization_applies_around_invalid_bytes() {
        let input: &[u8] = b"\xFF  Spaced\t out \xFF\n\xFF Spaced out \xFF\n";
        let exact = FinderBuilder::new().normalize(Normalize::Exact).build().unwrap();
        assert!(exact.find_bytes(input).groups().is_empty());
        assert_eq!(finder().find_bytes(input).groups().len(), 1);
    }

    #[test]
    fn repair_bytes_checks_the_length() {
        let report = finder().find_bytes(b"a\xFF\na\xFF");
        assert_eq!(report.repair_bytes(b"a\xFF\na\xFF").unwrap(), b"a\xFF");
        assert!(matches!(
            report.repair_bytes(b"a\xFF\na"),
            Err(crate::Error::TextMismatch {
                expected: 5,
                actual: 4
            })
        ));
    }
}
