//! Stutters: a phrase immediately followed by copies of itself (rules in the parent
//! module's docs).

use super::covered::is_covered;
#[cfg(test)]
use super::tokens::Words;
use super::tokens::{Token, NUMERIC, ONE_CHAR};
#[cfg(test)]
use super::Work;
use super::{occurrence, InnerKind, InnerRepeat};
use crate::lines::LineIndex;
use crate::Span;

/// Single words whose immediate double is legitimate (already lowercase).
pub(super) const LEGIT_DOUBLES: &[&str] = &[
    "had", "that", "very", "really", "so", "no", "yes", "ha", "haha", "he", "hee", "ho", "hey", "hi", "bye",
    "la", "na", "oh", "ah", "aw", "boo", "blah", "bla", "tut", "tsk", "shh", "sh", "hush", "knock", "ding",
    "dong", "chop", "bang", "boom", "there", "now", "come", "well", "far", "many", "long", "much", "more",
    "again", "yeah", "yay", "wow", "ok", "okay", "mm", "hmm", "uh", "um", "er", "wait",
    // German relative pronouns after an article or a preposition ("die Datei, die die
    // Funktion enthält", "in das das Paket"), Dutch "het het", French and Portuguese
    // reflexives ("si vous vous heurtez", "se se deve"), Swedish "läggas till till".
    "die", "der", "das", "den", "dem", "het", "nous", "vous", "se", "till",
    // `ls -l` output: owner and group ("drwxr-xr-x 20 root root").
    "root",
];

/// Whether the bytes between two words end a sentence.
fn sentence_end(gap: &str) -> bool {
    let mut chars = gap.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' | '!' | '?' | '\u{2026}' | '\u{3002}' | '\u{FF01}' | '\u{FF1F}' | '\u{FF61}' => {
                // Skip closing quotes and brackets, and further terminators.
                while let Some(&d) = chars.peek() {
                    if matches!(
                        d,
                        '"' | '\''
                            | ')'
                            | ']'
                            | '}'
                            | '\u{2019}'
                            | '\u{201D}'
                            | '\u{BB}'
                            | '\u{300D}'
                            | '\u{300F}'
                            | '.'
                            | '!'
                            | '?'
                            | '\u{2026}'
                    ) {
                        chars.next();
                    } else {
                        break;
                    }
                }
                match chars.peek() {
                    None => return true,
                    Some(d) if d.is_whitespace() => return true,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    false
}

/// A stutter never crosses one of these: quotes, brackets of every kind, slashes, `@`, `|`,
/// `=` (an option and its value: `auto-delete=AUTO-DELETE`).
fn is_fence(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '<'
            | '>'
            | '/'
            | '\\'
            | '@'
            | '|'
            | '='
            | '\u{AB}'
            | '\u{BB}'
            | '\u{2018}'..='\u{201F}'
            | '\u{2039}'
            | '\u{203A}'
            | '\u{3008}'..='\u{3011}'
            | '\u{FF08}'
            | '\u{FF09}'
            | '\u{FF3B}'
            | '\u{FF3D}'
    )
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}'
    )
}

/// What may stand between two words of a stutter.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Gap {
    /// Whitespace only, with at most one line break, inside one unit.
    Space,
    /// Other punctuation ("Inc., Foundation"), inside one unit, no sentence end.
    Soft,
    /// A fence, a sentence end, a blank line or a break between units.
    Hard,
}

/// Classifies `gap`; `one_unit` says whether the words on either side are in one unit
/// and their lines start with the same indentation (a hanging field such as Debian's
/// `License: SGI` followed by ` SGI FREE SOFTWARE LICENSE` is two lines, not one wrapped).
pub(super) fn gap_kind(gap: &str, one_unit: bool) -> Gap {
    let mut breaks = 0;
    let mut space = true;
    let mut column = false;
    // The current run of whitespace within a line, whether it holds a tab, and whether it
    // starts a line (indentation, not a column boundary).
    let (mut run, mut tab, mut indent, mut after_break) = (0, false, false, false);
    let mut chars = gap.chars();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.as_str().starts_with('\n') {
            continue;
        }
        if is_line_break(c) {
            breaks += 1;
            (run, tab, after_break) = (0, false, true);
            continue;
        }
        if c.is_whitespace() {
            if run == 0 {
                indent = after_break;
            }
            run += 1;
            tab |= c == '\t';
            continue;
        }
        column |= is_column(run, tab, indent);
        (run, tab, after_break) = (0, false, false);
        if is_fence(c) {
            return Gap::Hard;
        }
        space = false;
    }
    column |= is_column(run, tab, indent);
    if column || breaks > 1 || (breaks == 1 && !one_unit) || (!space && sentence_end(gap)) {
        Gap::Hard
    } else if space {
        Gap::Space
    } else {
        Gap::Soft
    }
}

/// Whether a run of `run` whitespace characters inside a line, holding a tab (`tab`)
/// or starting the line (`indent`), is a column boundary: three or more spaces, or a
/// tab, between two things on one line, as in a man-page table (`exists   exists`); two
/// spaces are justified text (`connect to  to  receive`), a line's indentation is none.
fn is_column(run: usize, tab: bool, indent: bool) -> bool {
    run > 0 && !indent && (run >= 3 || tab)
}

/// Whether, when `text[from..to]` holds a line break, the text reads on across it as one
/// hard-wrapped line: the line holding `from` and the line after the break start with
/// the same whitespace, and the line holding `from` is at least [`MIN_WRAPPED`] bytes and
/// half as long as `widest` (the longest line of its unit), as a filled line is. A short line ends by choice (a
/// list: `Andreas Huber` then ` Andreas Huber Dönni`); a hanging field (`License: SGI`
/// then ` SGI FREE SOFTWARE LICENSE`) is indented differently. Reads the line before
/// the break, so each line is read at most once over all gaps. `widest` is called only
/// when the lengths decide.
pub(super) fn wraps(text: &str, from: usize, to: usize, widest: impl FnOnce() -> usize) -> bool {
    let gap = &text[from..to];
    if !gap.contains(is_line_break) {
        return true;
    }
    let after = &gap[after_last(gap, is_line_break)..];
    let after = &after[..after.len() - after.trim_start().len()];
    let line_start = after_last(&text[..from], is_line_break);
    let line = &text[line_start..from];
    let before = &line[..line.len() - line.trim_start().len()];
    let len = line.trim().len();
    before == after && len >= MIN_WRAPPED && 2 * len >= widest()
}

/// A line shorter than this (in bytes, trimmed) is not a filled line of wrapped text.
const MIN_WRAPPED: usize = 30;

/// The length of the longest line (trimmed) in each of `units`, by characters (the
/// naive scan's).
#[cfg(test)]
pub(super) fn widest_lines(text: &str, units: &[Span]) -> Vec<usize> {
    units
        .iter()
        .map(|u| widest_line_naive(&text[u.start..u.end]))
        .collect()
}

/// The length of the longest line of `s`, trimmed: lines end at [`is_line_break`] and
/// are trimmed of whitespace ([`char::is_whitespace`]). ASCII text is cut and trimmed as
/// bytes (its whitespace is that of `u8::is_ascii_whitespace` and `\x0B`, a line break
/// here); [`widest_line_naive`] is the definition.
pub(super) fn widest_line(s: &str) -> usize {
    if !s.is_ascii() {
        return widest_line_naive(s);
    }
    s.as_bytes()
        .split(|&b| matches!(b, b'\n' | b'\r' | 0x0B | 0x0C))
        .map(|l| l.trim_ascii().len())
        .max()
        .unwrap_or(0)
}

/// [`widest_line`] by characters.
pub(super) fn widest_line_naive(s: &str) -> usize {
    s.split(is_line_break).map(|l| l.trim().len()).max().unwrap_or(0)
}

/// The byte just after the last character of `s` matching `pred` (0 if none).
fn after_last(s: &str, pred: impl Fn(char) -> bool) -> usize {
    s.char_indices()
        .rev()
        .find(|&(_, c)| pred(c))
        .map_or(0, |(p, c)| p + c.len_utf8())
}

/// Characters that glue a word to the next one into a name ("gcc-12-base", "AT&T",
/// "Objective-C++"): a stutter does not start or end at one. `.`, `,` and `:` glue only
/// with no whitespace on the other side ("x.y"), since they also end clauses.
fn is_glue(c: char) -> bool {
    // U+2010 and U+2011 are the hyphens of a word broken at a line end in man pages
    // ("an An\u{2010}\n thos").
    matches!(
        c,
        '-' | '+' | '&' | '=' | '#' | '*' | '%' | '$' | '~' | '^' | '_' | '\u{2010}' | '\u{2011}'
    )
}

fn is_weak_glue(c: char) -> bool {
    matches!(c, '.' | ',' | ':' | ';')
}

/// Whether a stutter from word `a` to word `b` cuts a name: glued to the word before it
/// or after it.
pub(super) fn glued(text: &str, toks: &[Token], a: usize, b: usize) -> bool {
    let before = &text[if a == 0 { 0 } else { toks[a - 1].end }..toks[a].start];
    let touching = &before[after_last(before, char::is_whitespace)..];
    let left = a > 0
        && touching
            .chars()
            .next_back()
            .is_some_and(|c| is_glue(c) || (is_weak_glue(c) && touching.len() == before.len()));
    let after = &text[toks[b].end..toks.get(b + 1).map_or(text.len(), |t| t.start)];
    let touching = &after[..after.find(char::is_whitespace).unwrap_or(after.len())];
    let right = b + 1 < toks.len()
        && touching
            .chars()
            .next()
            .is_some_and(|c| is_glue(c) || (is_weak_glue(c) && touching.len() == after.len()));
    left || right
}

/// Whether a whitespace-delimited chunk of text is a path, URL, e-mail address or
/// identifier: it holds `/`, `\`, `@` or `_`, or a `.` or `:` between two letters or
/// digits ("write.hpp", "std::vec").
pub(super) fn is_technical(chunk: &str) -> bool {
    let b = chunk.as_bytes();
    b.iter().enumerate().any(|(k, &c)| match c {
        b'/' | b'\\' | b'@' | b'_' => true,
        b'.' | b':' => {
            let before = b[..k].iter().rev().find(|&&x| x != b':').copied();
            let after = b[k + 1..].iter().find(|&&x| x != b':').copied();
            before.is_some_and(|x| x.is_ascii_alphanumeric() || x >= 0x80)
                && after.is_some_and(|x| x.is_ascii_alphanumeric() || x >= 0x80)
        }
        _ => false,
    })
}

/// Per word and per gap, what the stutter scan must know, in prefix counts so that a
/// range is checked in `O(1)`: `hard[j]` counts the hard gaps before words `1..=j`,
/// `tech[j]` the technical words among `0..j`; `space[j]` says the gap before word `j`
/// is whitespace only.
#[cfg(test)]
pub(super) struct Fences {
    hard: Vec<u32>,
    tech: Vec<u32>,
    space: Vec<bool>,
}

#[cfg(test)]
impl Fences {
    /// `units`: the spans of the units in text order; empty means each line is a unit.
    pub(super) fn new(text: &str, toks: &[Token], units: &[Span]) -> Fences {
        let n = toks.len();
        // Which unit each word starts in (`usize::MAX`: none).
        let mut unit_of = vec![usize::MAX; n];
        let mut u = 0;
        for (j, t) in toks.iter().enumerate() {
            while u < units.len() && units[u].end <= t.start {
                u += 1;
            }
            if u < units.len() && units[u].start <= t.start {
                unit_of[j] = u;
            }
        }
        let widest = widest_lines(text, units);
        let mut hard = vec![0u32; n.max(1)];
        let mut space = vec![false; n.max(1)];
        for j in 1..n {
            let one_unit = !units.is_empty()
                && unit_of[j] != usize::MAX
                && unit_of[j] == unit_of[j - 1]
                && wraps(text, toks[j - 1].end, toks[j].start, || widest[unit_of[j]]);
            let kind = gap_kind(&text[toks[j - 1].end..toks[j].start], one_unit);
            hard[j] = hard[j - 1] + u32::from(kind == Gap::Hard);
            space[j] = kind == Gap::Space;
        }
        // Technical chunks, in one pass over the whitespace-delimited chunks.
        let mut tech = vec![0u32; n + 1];
        let mut j = 0;
        let mut at = 0;
        for chunk in text.split(|c: char| c.is_whitespace()) {
            let end = at + chunk.len();
            at = end;
            // Skip the separator after the chunk (one whitespace character).
            if let Some(c) = text[end..].chars().next() {
                at += c.len_utf8();
            }
            if j >= n || toks[j].start >= end {
                continue;
            }
            let t = is_technical(chunk);
            while j < n && toks[j].start < end {
                // A word may start with whitespace (a space and a mark): it belongs to this chunk.
                tech[j + 1] = tech[j] + u32::from(t);
                j += 1;
            }
        }
        while j < n {
            tech[j + 1] = tech[j];
            j += 1;
        }
        Fences { hard, tech, space }
    }

    /// Whether words `a..=b` are all ordinary and no gap between them is hard.
    fn clear(&self, a: usize, b: usize) -> bool {
        self.tech[b + 1] == self.tech[a] && self.hard[b] == self.hard[a]
    }
}

/// Whether copies may be separated by the gap before word `j`, for a phrase of `d` words:
/// a single word doubles only across whitespace.
#[cfg(test)]
#[inline]
fn boundary_ok(fences: &Fences, j: usize, d: usize) -> bool {
    d > 1 || fences.space[j]
}

/// Whether an immediately repeated phrase is reported, by the rules in the module docs.
#[cfg(test)]
fn reportable(text: &str, words: &Words, toks: &[Token], i: usize, d: usize, copies: usize) -> bool {
    reportable_by(text, toks, i, d, copies, |t| {
        words.legit.binary_search(&t.id).is_ok()
    })
}

/// [`reportable`] for the `copies` copies of the `d` words from `toks[i]` (`toks[i - 1]`,
/// if any, is the word before them in the text), with `legit` saying whether a word is a
/// legitimate double.
pub(super) fn reportable_by(
    text: &str,
    toks: &[Token],
    i: usize,
    d: usize,
    copies: usize,
    legit: impl Fn(&Token) -> bool,
) -> bool {
    let phrase = &toks[i..i + d];
    if phrase.iter().all(|t| t.class & NUMERIC != 0) {
        return false;
    }
    let one_char = phrase.iter().all(|t| t.class & ONE_CHAR != 0);
    let by_words = if phrase.len() == 1 {
        !legit(&phrase[0]) && (!one_char || matches!(&text[phrase[0].start..phrase[0].end], "a" | "I"))
    } else {
        !(one_char && phrase.len() < 3)
    };
    by_words
        && same_shape(text, toks, i, d, copies)
        && punctuation_kept(text, toks, i, d, copies)
        && case_ok(text, toks, i, d, copies)
}

/// Whether punctuation between the copies is part of the phrase: the last copy is
/// followed by it too ("Foundation, Inc., Foundation, Inc.,"). A phrase repeated after a
/// comma and then going on is an apposition or a list ("If x is a NaN, a NaN is
/// returned", "by the tracer, the tracer should", "fie ca 2^n, fie ca 2^n + 2^(n-1)").
fn punctuation_kept(text: &str, toks: &[Token], i: usize, d: usize, copies: usize) -> bool {
    let last = i + copies * d - 1;
    let after = &text[toks[last].end..toks[last].end + trailing(text, toks, last)];
    (1..copies).all(|c| {
        let k = i + c * d - 1;
        let mut marks = text[toks[k].end..toks[k + 1].start]
            .chars()
            .filter(|c| !c.is_whitespace())
            .peekable();
        marks.peek().is_none() || marks.eq(after.chars())
    })
}

/// Whether the copies join their words with the same punctuation (whitespace aside): a
/// command name and its description (`get-credentials - get credentials`), an option
/// and its argument (`pid parent pid-parent`) are not a phrase repeated.
fn same_shape(text: &str, toks: &[Token], i: usize, d: usize, copies: usize) -> bool {
    let marks = |k: usize| {
        text[toks[k].end..toks[k + 1].start]
            .chars()
            .filter(|c| !c.is_whitespace())
    };
    (0..d - 1).all(|k| (1..copies).all(|c| marks(i + k).eq(marks(i + c * d + k))))
}

/// What a reader sees of a word's capitals.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    /// No cased letter ("10", CJK).
    Caseless,
    Lower,
    /// The first character upper case, no other ("The").
    Title,
    /// Anything else: all capitals, or capitals inside ("NAME", "ShmSeg").
    Other,
}

fn case_of(word: &str) -> Case {
    let (mut upper, mut lower, mut first) = (0, 0, false);
    for (k, c) in word.chars().enumerate() {
        if c.is_uppercase() {
            upper += 1;
            first |= k == 0;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    match (upper, lower) {
        (0, 0) => Case::Caseless,
        (0, _) => Case::Lower,
        (1, _) if first => Case::Title,
        _ => Case::Other,
    }
}

/// Whether the copies are written with the same capitals, or differ only as a sentence
/// starting with a doubled word ("The the"): a label or a type and then the word
/// (`Window window`, `region REGION`, `SECTION section`) is not a stutter.
fn case_ok(text: &str, toks: &[Token], i: usize, d: usize, copies: usize) -> bool {
    let case = |k: usize| case_of(&text[toks[k].start..toks[k].end]);
    let mut differs = false;
    for k in 0..d {
        let first = case(i + k);
        for c in 1..copies {
            let other = case(i + c * d + k);
            if other != first {
                if k > 0 || first != Case::Title || other != Case::Lower {
                    return false;
                }
                differs = true;
            }
        }
    }
    !differs || starts_sentence(text, toks, i)
}

/// Whether `toks[i]` starts a sentence: it is the first word of the text, or a blank
/// line or the end of a sentence comes before it.
fn starts_sentence(text: &str, toks: &[Token], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let gap = &text[toks[i - 1].end..toks[i].start];
    let mut breaks = 0;
    let mut chars = gap.chars();
    while let Some(c) = chars.next() {
        if is_line_break(c) && !(c == '\r' && chars.as_str().starts_with('\n')) {
            breaks += 1;
        }
    }
    breaks > 1 || sentence_end(gap)
}

/// Trailing punctuation after token `t`: the gap's bytes up to the first whitespace.
pub(super) fn trailing(text: &str, toks: &[Token], t: usize) -> usize {
    let end = toks.get(t + 1).map_or(text.len(), |n| n.start);
    let gap = &text[toks[t].end..end];
    gap.find(char::is_whitespace).unwrap_or(gap.len())
}

#[cfg(test)]
#[allow(clippy::too_many_arguments)]
pub(super) fn stutters(
    text: &str,
    words: &Words,
    fences: &Fences,
    covered: &[Span],
    max_words: usize,
    lines: &mut LineIndex,
    work: &mut Work,
    out: &mut Vec<InnerRepeat>,
) {
    let (toks, ids) = (&words.toks, &words.ids[..]);
    let n = toks.len();
    let same = |a: usize, b: usize, d: usize, work: &mut Work| {
        work.compared += d;
        ids[a..a + d] == ids[b..b + d]
    };
    let mut i = 0;
    while i + 1 < n {
        let mut found = None;
        for d in 1..=max_words {
            if i + 2 * d > n {
                break;
            }
            if ids[i] == ids[i + d]
                && fences.clear(i, i + 2 * d - 1)
                && boundary_ok(fences, i + d, d)
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
        while i + (copies + 1) * d <= n
            && fences.clear(i, i + (copies + 1) * d - 1)
            && boundary_ok(fences, i + copies * d, d)
            && same(i, i + copies * d, d, work)
        {
            copies += 1;
        }
        let last = i + copies * d - 1;
        if reportable(text, words, toks, i, d, copies) && !glued(text, toks, i, last) {
            out.push(stutter_at(text, toks, i, d, copies, covered, lines));
        }
        i = last + 1;
    }
}

/// The stutter of `copies` copies of the `d` words from `toks[i]`.
pub(super) fn stutter_at(
    text: &str,
    toks: &[Token],
    i: usize,
    d: usize,
    copies: usize,
    covered: &[Span],
    lines: &mut LineIndex,
) -> InnerRepeat {
    let last = i + copies * d - 1;
    let first_trail = trailing(text, toks, i + d - 1);
    let first_end = toks[i + d - 1].end + first_trail;
    let mut end = toks[last].end;
    let last_trail = trailing(text, toks, last);
    if last_trail == first_trail && text[end..end + last_trail] == text[toks[i + d - 1].end..first_end] {
        end += last_trail;
    }
    let span = Span {
        start: toks[i].start,
        end,
    };
    InnerRepeat {
        kind: InnerKind::Stutter,
        tokens: d,
        copies,
        occurrences: vec![occurrence(lines, span)],
        first_copy: Some(Span {
            start: toks[i].start,
            end: first_end,
        }),
        in_covered: is_covered(covered, span),
    }
}
