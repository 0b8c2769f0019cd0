//! Lines and paragraphs as datatrove splits them, and their duplicates.

use super::table::Table;
use crate::report::Span;

/// datatrove's `find_duplicates` over `pieces` of `text`, with `key` giving each piece's
/// hash (confirmed on text): (duplicates, their chars).
pub(super) fn duplicates(
    table: &mut Table,
    text: &str,
    ascii: bool,
    pieces: &[Span],
    mut out: Option<&mut Vec<Span>>,
    mut key: impl FnMut(Span) -> u64,
) -> (usize, usize) {
    table.reset(pieces.len());
    let (mut count, mut chars) = (0, 0);
    for (i, &span) in pieces.iter().enumerate() {
        let piece = &text[span];
        let found = table.find_or_insert(key(span), i as u32, |j| &text[pieces[j as usize]] == piece);
        if found.is_some() {
            count += 1;
            chars += if ascii { piece.len() } else { char_count(piece) };
            if let Some(out) = out.as_mut() {
                out.push(span);
            }
        }
    }
    (count, chars)
}

/// Python's `str.isspace`: Unicode White_Space plus U+001C..U+001F.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Unicode scalar values in `s` (Python's `len`).
#[inline]
pub(super) fn char_count(s: &str) -> usize {
    s.as_bytes().iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// Runs of `'\n'` in `text[start..end]`: (run start, run end).
fn newline_runs(text: &str, start: usize, end: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = &text.as_bytes()[..end];
    let mut pos = start;
    std::iter::from_fn(move || {
        let s = pos + memchr::memchr(b'\n', &bytes[pos..])?;
        let e = s + bytes[s..].iter().take_while(|&&b| b == b'\n').count();
        pos = e;
        Some((s, e))
    })
}

/// `re.split(r"\n{2,}", text.strip())`, as spans of `text`.
pub(super) fn split_paragraphs(text: &str, out: &mut Vec<Span>) {
    out.clear();
    let trimmed = text.trim_start_matches(is_py_space);
    let start = text.len() - trimmed.len();
    let end = start + trimmed.trim_end_matches(is_py_space).len();
    let mut piece = start;
    for (s, e) in newline_runs(text, start, end) {
        if e - s >= 2 {
            out.push(Span { start: piece, end: s });
            piece = e;
        }
    }
    out.push(Span { start: piece, end });
}

/// `re.split("\n+", text)`, as spans of `text`.
pub(super) fn split_lines(text: &str, out: &mut Vec<Span>) {
    out.clear();
    let mut piece = 0;
    for (s, e) in newline_runs(text, 0, text.len()) {
        out.push(Span { start: piece, end: s });
        piece = e;
    }
    out.push(Span {
        start: piece,
        end: text.len(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        split_lines(text, &mut v);
        v.into_iter().map(|s| &text[s]).collect()
    }

    fn paragraphs(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        split_paragraphs(text, &mut v);
        v.into_iter().map(|s| &text[s]).collect()
    }

    #[test]
    fn splits_lines_like_python_re_split() {
        assert_eq!(lines(""), [""]);
        assert_eq!(lines("a"), ["a"]);
        assert_eq!(lines("a\nb\n"), ["a", "b", ""]);
        assert_eq!(lines("\n\na\n\n\nb"), ["", "a", "b"]);
        assert_eq!(lines("a\r\n\r\nb"), ["a\r", "\r", "b"]);
    }

    #[test]
    fn splits_paragraphs_like_python_re_split_of_strip() {
        assert_eq!(paragraphs("  \n"), [""]);
        assert_eq!(paragraphs("\n\na\nb\n\n\nc \u{1f}"), ["a\nb", "c"]);
        assert_eq!(paragraphs("a\r\n\r\nb"), ["a\r\n\r\nb"]);
        assert_eq!(paragraphs("\u{3000}x\u{a0}"), ["x"]);
    }

    #[test]
    fn counts_chars_like_python_len() {
        assert_eq!(char_count("héllo wörld 😀"), 13);
    }
}
