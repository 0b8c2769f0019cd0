//! Stutters: a phrase immediately followed by copies of itself (rules in the parent
//! module's docs).

use super::covered::is_covered;
use super::tokens::{Token, Words, NUMERIC, ONE_CHAR};
use super::{occurrence, InnerKind, InnerRepeat, Work};
use crate::lines::LineIndex;
use crate::Span;

/// Single words whose immediate double is legitimate (already lowercase).
pub(super) const LEGIT_DOUBLES: &[&str] = &[
    "had", "that", "very", "really", "so", "no", "yes", "ha", "haha", "he", "hee", "ho", "hey", "hi", "bye",
    "la", "na", "oh", "ah", "aw", "boo", "blah", "bla", "tut", "tsk", "shh", "sh", "hush", "knock", "ding",
    "dong", "chop", "bang", "boom", "there", "now", "come", "well", "far", "many", "long", "much", "more",
    "again", "yeah", "yay", "wow", "ok", "okay", "mm", "hmm", "uh", "um", "er", "wait",
];

/// Whether the bytes between two words end a line or a sentence.
fn hard_gap(gap: &str) -> bool {
    let mut chars = gap.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => return true,
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

/// Whether copies may be separated by `gap`, for a phrase of `d` words.
#[inline]
fn boundary_ok(gap: &str, d: usize) -> bool {
    if d == 1 {
        // A single word doubles only across plain whitespace, never a line break.
        gap.bytes().all(|c| c == b' ' || c == b'\t') || (!gap.is_ascii() && gap.chars().all(is_inline_space))
    } else {
        !hard_gap(gap)
    }
}

fn is_inline_space(c: char) -> bool {
    c.is_whitespace()
        && !matches!(
            c,
            '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}'
        )
}

/// Whether an immediately repeated phrase is reported, by the rules in the module docs.
fn reportable(text: &str, words: &Words, phrase: &[Token]) -> bool {
    if phrase.iter().all(|t| t.class & NUMERIC != 0) {
        return false;
    }
    let one_char = phrase.iter().all(|t| t.class & ONE_CHAR != 0);
    if phrase.len() == 1 {
        let id = phrase[0].id;
        if words.legit.binary_search(&id).is_ok() {
            return false;
        }
        return !one_char || matches!(&text[phrase[0].start..phrase[0].end], "a" | "I");
    }
    !(one_char && phrase.len() < 3)
}

/// Trailing punctuation after token `t`: the gap's bytes up to the first whitespace.
fn trailing(text: &str, toks: &[Token], t: usize) -> usize {
    let end = toks.get(t + 1).map_or(text.len(), |n| n.start);
    let gap = &text[toks[t].end..end];
    gap.find(char::is_whitespace).unwrap_or(gap.len())
}

pub(super) fn stutters(
    text: &str,
    words: &Words,
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
    let gap = |j: usize| &text[toks[j - 1].end..toks[j].start];
    let mut i = 0;
    while i + 1 < n {
        let mut found = None;
        for d in 1..=max_words {
            if i + 2 * d > n {
                break;
            }
            if ids[i] == ids[i + d] && same(i, i + d, d, work) && boundary_ok(gap(i + d), d) {
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
            && same(i, i + copies * d, d, work)
            && boundary_ok(gap(i + copies * d), d)
        {
            copies += 1;
        }
        let last = i + copies * d - 1;
        if reportable(text, words, &toks[i..i + d]) {
            let first_trail = trailing(text, toks, i + d - 1);
            let first_end = toks[i + d - 1].end + first_trail;
            let mut end = toks[last].end;
            let last_trail = trailing(text, toks, last);
            if last_trail == first_trail
                && text[end..end + last_trail] == text[toks[i + d - 1].end..first_end]
            {
                end += last_trail;
            }
            let span = Span {
                start: toks[i].start,
                end,
            };
            out.push(InnerRepeat {
                kind: InnerKind::Stutter,
                tokens: d,
                copies,
                occurrences: vec![occurrence(lines, span)],
                first_copy: Some(Span {
                    start: toks[i].start,
                    end: first_end,
                }),
                in_covered: is_covered(covered, span),
            });
        }
        i = last + 1;
    }
}
