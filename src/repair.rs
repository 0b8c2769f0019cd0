//! Repair: which bytes to cut so that every repeat is left once.

use memchr::{memchr2, memrchr2};

use crate::report::Group;
use crate::split::{Pos, RawUnit};
use crate::Span;

/// The cuts that leave one occurrence of every group, ascending and disjoint.
///
/// Each maximal run of consecutive units (short ones included) that are all later
/// occurrences is cut whole lines at a time: from the start of its first unit's line
/// (indentation included) to the start of the next unit's line, so the separator after
/// it goes too and the next unit keeps its indentation. A run at the very end of the text
/// is cut from the line terminator before it to the end of its last line, so the text's
/// own ending (a final newline, say) and the trailing whitespace of the kept line before
/// it stay. A text none of whose units is kept (possible corpus-wide) is cut whole.
pub(crate) fn removals<P: Pos>(text: &str, units: &[RawUnit<P>], groups: &[Group]) -> Vec<Span> {
    let mut removed = vec![false; units.len()];
    for g in groups {
        for o in &g.occurrences[1..] {
            removed[o.unit] = true;
        }
    }
    cuts(text, units, &removed)
}

/// The cuts that remove the units flagged in `removed` (see [`removals`]).
pub(crate) fn cuts<P: Pos>(text: &str, units: &[RawUnit<P>], removed: &[bool]) -> Vec<Span> {
    let bytes = text.as_bytes();
    // Where the line holding unit `k` starts: just after the last terminator before it.
    // Units sit on different lines, so there is one between `k - 1` and `k`.
    let line_start = |k: usize| -> usize {
        let from = if k == 0 { 0 } else { units[k - 1].span().end };
        memrchr2(b'\n', b'\r', &bytes[from..units[k].span().start]).map_or(from, |p| from + p + 1)
    };
    let mut cuts = Vec::new();
    let mut i = 0;
    while i < units.len() {
        if !removed[i] {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < units.len() && removed[j + 1] {
            j += 1;
        }
        let cut = if j + 1 < units.len() {
            Span {
                start: line_start(i),
                end: line_start(j + 1),
            }
        } else {
            // At the end: from the terminator after the last kept unit. When nothing is
            // kept (corpus-wide, a whole document can repeat), everything goes.
            let start = match i.checked_sub(1) {
                Some(kept) => {
                    let kept_end = units[kept].span().end;
                    memchr2(b'\n', b'\r', &bytes[kept_end..]).map_or(kept_end, |p| kept_end + p)
                }
                None => 0,
            };
            let last_end = units[j].span().end;
            let end = match i {
                0 => bytes.len(),
                _ => memchr2(b'\n', b'\r', &bytes[last_end..]).map_or(bytes.len(), |p| last_end + p),
            };
            Span { start, end }
        };
        cuts.push(cut);
        i = j + 1;
    }
    cuts
}

/// `text` without the `cuts`; `bytes` is the length of the text the cuts were made for.
pub(crate) fn apply(text: &str, bytes: usize, cuts: &[Span]) -> crate::Result<String> {
    let mismatch = || crate::Error::TextMismatch {
        expected: bytes,
        actual: text.len(),
    };
    if text.len() != bytes {
        return Err(mismatch());
    }
    let removed: usize = cuts.iter().map(Span::len).sum();
    let mut out = String::with_capacity(text.len() - removed);
    let mut at = 0;
    for cut in cuts {
        out.push_str(text.get(at..cut.start).ok_or_else(mismatch)?);
        at = cut.end;
    }
    out.push_str(text.get(at..).ok_or_else(mismatch)?);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::FinderBuilder;

    fn repair(text: &str) -> String {
        let report = FinderBuilder::new().min_bytes(1).build().unwrap().find(text);
        report.repair(text).unwrap()
    }

    #[test]
    fn cuts_keep_what_is_not_a_repeat() {
        assert_eq!(repair("X\nA\nB\nA\n  C\n"), "X\nA\nB\n  C\n");
        assert_eq!(repair("X  \nA\nA  \n"), "X  \nA\n");
        assert_eq!(repair("A\nA"), "A");
        assert_eq!(repair("A\r\nB\r\nA\r\nB\r\nC"), "A\r\nB\r\nC");
        assert_eq!(repair("P1 a\nP1 b\n\nP2\n\nP1 a\nP1 b\n"), "P1 a\nP1 b\n\nP2\n");
        assert_eq!(repair("P1\n\nP2\n\nP1\n\nP3"), "P1\n\nP2\n\nP3");
    }
}
