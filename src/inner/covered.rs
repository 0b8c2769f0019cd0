//! Covered ranges: what the exact finder already reports, merged for look-ups.

use crate::Span;

/// Covered ranges sorted, with ranges that overlap or are separated by whitespace only
/// merged.
pub(super) fn merge_covered(text: &str, covered: &[Span]) -> Vec<Span> {
    let mut v: Vec<Span> = covered
        .iter()
        .filter(|s| s.start < s.end && s.end <= text.len())
        .copied()
        .collect();
    v.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(v.len());
    for s in v {
        if let Some(last) = out.last_mut() {
            if s.start <= last.end
                || text
                    .get(last.end..s.start)
                    .is_some_and(|g| g.chars().all(char::is_whitespace))
            {
                last.end = last.end.max(s.end);
                continue;
            }
        }
        out.push(s);
    }
    out
}

/// Whether `span` lies wholly inside one of the merged `covered` ranges.
pub(super) fn is_covered(covered: &[Span], span: Span) -> bool {
    let i = covered.partition_point(|c| c.start <= span.start);
    i > 0 && covered[i - 1].end >= span.end
}
