//! Normalization: what two units must share, after which they count as equal.
//!
//! Normalization only decides equality. Reported spans always point into the original
//! bytes, and nothing is ever rewritten in the text a caller gets back.

use std::borrow::Cow;

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// How unit text is normalized before units are compared.
///
/// Every level trims the unit (a unit's span never includes surrounding whitespace).
/// Each level includes the one before it:
///
/// | level | what else it does |
/// |---|---|
/// | [`Exact`](Normalize::Exact) | nothing: units must be byte-for-byte equal |
/// | [`Whitespace`](Normalize::Whitespace) | every run of whitespace (tab, CR, NBSP, U+3000, line breaks inside a paragraph, ...) becomes one space |
/// | [`Unicode`](Normalize::Unicode) (default) | Unicode NFKC; curly quotes fold to straight ones (`‘ ’ ‚ ‛` to `'`, `“ ” „ ‟` to `"`); zero-width characters (U+200B-U+200D, U+2060), soft hyphens and byte order marks are dropped |
///
/// Case folding is separate and off by default: see
/// [`FinderBuilder::fold_case`](crate::FinderBuilder::fold_case).
///
/// ```
/// use dedupe::{FinderBuilder, Normalize};
///
/// let finder = FinderBuilder::new().normalize(Normalize::Whitespace).build()?;
/// assert_eq!(finder.normalize("  a\t\u{a0} b "), "a b");
/// # Ok::<(), dedupe::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Normalize {
    /// Units must be byte-for-byte equal (after trimming).
    Exact,
    /// Whitespace runs collapse to one space.
    Whitespace,
    /// Whitespace, NFKC, quote folding and invisible characters dropped.
    #[default]
    Unicode,
}

/// A normalization level with its case setting: a pure function from text to text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Normalizer {
    pub(crate) level: Normalize,
    pub(crate) fold_case: bool,
}

/// Reusable buffers, so normalizing a unit allocates nothing once they have grown.
#[derive(Default)]
pub(crate) struct Scratch {
    out: String,
    nfkc: String,
}

impl Normalizer {
    /// Normalizes `text`, borrowing it when it is already normal (the common case),
    /// writing into `scratch` otherwise.
    #[inline]
    pub(crate) fn apply<'a>(&self, text: &'a str, scratch: &'a mut Scratch) -> &'a str {
        if (self.level == Normalize::Exact && !self.fold_case) || self.is_normal_ascii(text.as_bytes()) {
            return text;
        }
        scratch.out.clear();
        if text.is_ascii() {
            self.ascii_into(text.as_bytes(), &mut scratch.out);
        } else {
            self.unicode_into(text, &mut scratch.out, &mut scratch.nfkc);
        }
        &scratch.out
    }

    /// Normalizes into a fresh `Cow`.
    pub(crate) fn normalize_cow<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut scratch = Scratch::default();
        let normal = self.apply(text, &mut scratch);
        if normal.len() == text.len() && normal.as_ptr() == text.as_ptr() {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(normal.to_owned())
        }
    }

    /// Whether pure-ASCII `b` is left unchanged: the hot path's one cheap check.
    ///
    /// Trimmed ASCII text without control characters, without two spaces in a row and
    /// (when folding case) without capitals is normal at every level.
    #[inline]
    pub(crate) fn is_normal_ascii(&self, b: &[u8]) -> bool {
        if b.is_empty() {
            return true;
        }
        let first = b[0];
        let last = b[b.len() - 1];
        if first == b' ' || last == b' ' {
            return false;
        }
        let exact = self.level == Normalize::Exact;
        let fold = self.fold_case;
        // Branch-free over 64-byte chunks so the compiler can vectorize; one early exit a chunk.
        let mut prev_space = false;
        for chunk in b.chunks(64) {
            let mut bad = 0u8;
            let mut prev = prev_space as u8;
            for &c in chunk {
                let space = (c == b' ') as u8;
                let ctrl = (c < 0x20) as u8;
                let high = c >> 7;
                let upper = (c.wrapping_sub(b'A') < 26) as u8;
                let text_bad = if exact { high } else { high | ctrl | (space & prev) };
                bad |= text_bad | (upper & fold as u8);
                prev = space;
            }
            if bad != 0 {
                return false;
            }
            prev_space = prev != 0;
        }
        true
    }

    /// The ASCII slow path: collapse whitespace, fold case.
    fn ascii_into(&self, b: &[u8], out: &mut String) {
        let collapse = self.level != Normalize::Exact;
        let mut pending = false;
        for &c in b {
            if collapse && is_ascii_space(c) {
                pending = !out.is_empty();
                continue;
            }
            if pending {
                out.push(' ');
                pending = false;
            }
            out.push(if self.fold_case { c.to_ascii_lowercase() } else { c } as char);
        }
    }

    /// The general path: NFKC when the text is not already NFKC, then one pass over chars.
    fn unicode_into(&self, text: &str, out: &mut String, nfkc: &mut String) {
        if self.level != Normalize::Unicode {
            self.fold_into(text, out, false);
            return;
        }
        if self.fold_into(text, out, true) {
            return;
        }
        out.clear();
        nfkc_into(text, nfkc);
        self.fold_into(nfkc, out, false);
    }

    /// Everything but NFKC: whitespace, quotes, invisible characters, case. Runs of
    /// printable ASCII (single spaces included) are copied whole; every other character
    /// is handled on its own.
    ///
    /// With `check_nfkc`, returns `false`, with `out` unfinished, at the first run of
    /// non-ASCII characters that `is_nfkc_quick` does not call NFKC. ASCII resets that
    /// check's state, so checking run by run equals checking the whole text.
    fn fold_into(&self, text: &str, out: &mut String, check_nfkc: bool) -> bool {
        let b = text.as_bytes();
        let plain = |c: u8| c > b' ' && c < 0x80;
        let collapse = self.level != Normalize::Exact;
        let unicode = self.level == Normalize::Unicode;
        let mut pending = false;
        let mut checked_to = 0;
        let mut i = 0;
        while i < b.len() {
            let start = i;
            while i < b.len() {
                if i > start && i + 32 <= b.len() && plain_run(&b[i..i + 32]) {
                    i += 32;
                } else if plain(b[i]) {
                    i += 1;
                } else if i > start && b[i] == b' ' && i + 1 < b.len() && plain(b[i + 1]) {
                    i += 2;
                } else {
                    break;
                }
            }
            if i > start {
                if pending {
                    out.push(' ');
                    pending = false;
                }
                let run = &text[start..i];
                if self.fold_case {
                    out.extend(run.bytes().map(|c| c.to_ascii_lowercase() as char));
                } else {
                    out.push_str(run);
                }
            }
            if check_nfkc && i >= checked_to && i < b.len() && b[i] >= 0x80 {
                let end = b[i..].iter().position(|&c| c < 0x80).map_or(b.len(), |p| i + p);
                let run = &text[i..end];
                if !run.chars().all(is_common_nfkc) && is_nfkc_quick(run.chars()) != IsNormalized::Yes {
                    return false;
                }
                checked_to = end;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            if collapse && c.is_whitespace() {
                pending = !out.is_empty();
                continue;
            }
            let c = if unicode {
                match c {
                    '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => continue,
                    '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => '\'',
                    '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' => '"',
                    c => c,
                }
            } else {
                c
            };
            if pending {
                out.push(' ');
                pending = false;
            }
            if self.fold_case {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
        true
    }
}

/// NFKC of `text` into `out`, the table-driven normalizer run only on each maximal
/// non-ASCII run together with the ASCII character before it (a combining mark may
/// compose with it). ASCII characters are starters that never compose with what comes
/// before them, so the text can be cut in front of any of them and the pieces
/// normalized separately.
fn nfkc_into(text: &str, out: &mut String) {
    out.clear();
    let b = text.as_bytes();
    let mut done = 0;
    while let Some(p) = b[done..].iter().position(|&c| c >= 0x80) {
        let run = done + p;
        let from = run.saturating_sub(1).max(done);
        let end = b[run..]
            .iter()
            .position(|&c| c < 0x80)
            .map_or(b.len(), |q| run + q);
        out.push_str(&text[done..from]);
        out.extend(text[from..end].nfkc());
        done = end;
    }
    out.push_str(&text[done..]);
}

/// Whether `w`, following a printable non-space ASCII byte, continues a run that
/// [`Normalizer::fold_into`] copies whole: printable ASCII and single spaces, not ending
/// in a space. Branch-free, so it vectorizes.
#[inline]
fn plain_run(w: &[u8]) -> bool {
    let mut bad = 0u8;
    let mut prev = 0u8;
    for &c in w {
        let space = (c == b' ') as u8;
        bad |= (c < 0x20) as u8 | (c >> 7) | (space & prev);
        prev = space;
    }
    bad == 0 && prev == 0
}

/// Common non-ASCII characters that are NFKC already and starters (canonical combining
/// class 0): Latin-1 letters, Cyrillic letters, dashes, curly quotes, daggers, bullet,
/// the ideographic comma and full stop, and CJK unified ideographs. A run of only these
/// needs no `is_nfkc_quick` table lookups.
#[inline]
fn is_common_nfkc(c: char) -> bool {
    matches!(
        c,
        '\u{C0}'..='\u{FF}'
            | '\u{400}'..='\u{482}'
            | '\u{48A}'..='\u{4FF}'
            | '\u{2010}'
            | '\u{2013}'..='\u{2015}'
            | '\u{2018}'..='\u{2022}'
            | '\u{3001}'..='\u{3002}'
            | '\u{4E00}'..='\u{9FFF}'
    )
}

/// ASCII characters that `char::is_whitespace` accepts (`u8::is_ascii_whitespace` misses VT).
#[inline]
fn is_ascii_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(level: Normalize, fold_case: bool, s: &str) -> String {
        Normalizer { level, fold_case }.normalize_cow(s).into_owned()
    }

    #[test]
    fn clean_ascii_is_borrowed() {
        let n = Normalizer {
            level: Normalize::Unicode,
            fold_case: false,
        };
        let s = "A plain sentence, with punctuation.";
        assert!(matches!(n.normalize_cow(s), Cow::Borrowed(_)));
    }

    #[test]
    fn common_nfkc_characters_are_nfkc_starters() {
        for c in ('\u{80}'..='\u{FFFF}').filter(|&c| is_common_nfkc(c)) {
            assert_eq!(is_nfkc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(
                is_nfkc_quick(['a', c, 'a'].into_iter()),
                IsNormalized::Yes,
                "{c:?}"
            );
            assert_eq!(c.nfkc().collect::<String>(), c.to_string(), "{c:?}");
            assert_eq!(
                unicode_normalization::char::canonical_combining_class(c),
                0,
                "{c:?}"
            );
        }
    }

    #[test]
    fn nfkc_by_pieces_equals_nfkc() {
        let mut out = String::new();
        for s in [
            "",
            "plain",
            "e\u{301}",
            "\u{301}x",
            "caf\u{e9} and cafe\u{301} \u{2026} done",
            "\u{fb01}ne\u{a0}x\u{ff41}\u{3000}y\u{2024}",
            "a\u{1100}\u{1161}\u{11a8}b\u{ac00}\u{11a8}",
            "q\u{323}\u{307}z\u{1e0b}\u{323}",
        ] {
            nfkc_into(s, &mut out);
            assert_eq!(out, s.nfkc().collect::<String>(), "{s:?}");
        }
    }

    #[test]
    fn runs_copied_whole_keep_their_spaces_right() {
        let n = Normalizer {
            level: Normalize::Unicode,
            fold_case: false,
        };
        let long = "word ".repeat(20);
        for s in [
            format!("\u{201C}{long}x\u{201D}"),
            format!("\u{201C}{long} x  y\u{201D}"),
            format!("\u{201C}x{long}\ty\u{201D}"),
            format!("\u{201C}x{long}{long}"),
        ] {
            let expect: String = s
                .replace(['\u{201C}', '\u{201D}'], "\"")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(n.normalize_cow(&s), expect);
        }
    }

    #[test]
    fn whitespace_collapses() {
        for level in [Normalize::Whitespace, Normalize::Unicode] {
            assert_eq!(norm(level, false, "a  b\tc\r\nd"), "a b c d");
            assert_eq!(norm(level, false, "a\u{a0}b\u{3000}c"), "a b c");
            assert_eq!(norm(level, false, " a "), "a");
        }
        assert_eq!(norm(Normalize::Exact, false, "a  b"), "a  b");
    }

    #[test]
    fn unicode_level() {
        let u = |s| norm(Normalize::Unicode, false, s);
        assert_eq!(u("\u{2018}hi\u{2019} \u{201C}there\u{201D}"), "'hi' \"there\"");
        assert_eq!(u("e\u{301}"), "\u{e9}"); // NFD to NFC
        assert_eq!(u("\u{FB01}ne"), "fine"); // ligature, NFKC
        assert_eq!(
            u("\u{FEFF}zero\u{200B}width soft\u{AD}hyphen"),
            "zerowidth softhyphen"
        );
        assert_eq!(u("ａｂｃ"), "abc"); // fullwidth, NFKC
                                        // Whitespace mode leaves quotes and NFD alone.
        assert_eq!(norm(Normalize::Whitespace, false, "\u{2019}"), "\u{2019}");
    }

    #[test]
    fn case_folding() {
        assert_eq!(norm(Normalize::Unicode, true, "Hello WORLD"), "hello world");
        assert_eq!(norm(Normalize::Exact, true, "ÀB"), "àb");
        assert_eq!(norm(Normalize::Exact, false, "ÀB"), "ÀB");
    }

    #[test]
    fn ascii_check_sees_double_spaces_across_chunks() {
        let n = Normalizer {
            level: Normalize::Whitespace,
            fold_case: false,
        };
        let mut s = "x".repeat(63);
        s.push_str("  y");
        assert_eq!(n.normalize_cow(&s), format!("{} y", "x".repeat(63)));
    }
}
