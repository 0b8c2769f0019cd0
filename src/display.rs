//! The human report: one finding per line, ordered by where it starts, then a summary.

use std::fmt::{self, Write};

use crate::report::{Occurrence, Report};
use crate::{InnerKind, Unit};

/// Characters of a finding's text shown at most.
const SNIPPET_CHARS: usize = 80;

/// One line of the report, before sorting.
struct Line {
    at: usize,
    order: u8,
    message: String,
}

pub(crate) fn write(f: &mut fmt::Formatter<'_>, report: &Report, text: Option<&str>) -> fmt::Result {
    let units = match report.unit() {
        Unit::Paragraph => ("paragraph", "paragraphs"),
        _ => ("line", "lines"),
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut push = |o: &Occurrence, order: u8, what: String| {
        let mut message = format!(
            "{}: {what} (bytes {}..{})",
            place(o),
            o.span().start,
            o.span().end
        );
        if let Some(text) = text {
            message.push_str(": ");
            snippet(&mut message, o.text(text));
        }
        lines.push(Line {
            at: o.span().start,
            order,
            message,
        });
    };
    // Later copies of blocks; a group's later copy inside one of them says nothing more.
    let mut covered: Vec<crate::Span> = Vec::new();
    for b in report.blocks() {
        let first = &b.occurrences()[0];
        for o in &b.occurrences()[1..] {
            covered.push(o.span());
            let n = b.units();
            let what = format!(
                "{} {}, a block of {n} {}",
                verb(o, "repeats", "repeat"),
                place(first),
                if n == 1 { units.0 } else { units.1 }
            );
            push(o, 0, what);
        }
    }
    covered.sort_unstable();
    let inside = |s: crate::Span| {
        let k = covered.partition_point(|c| c.start <= s.start);
        k > 0 && covered[k - 1].contains(s)
    };
    for g in report.groups() {
        let first = &g.occurrences()[0];
        for o in g.occurrences()[1..].iter().filter(|o| !inside(o.span())) {
            push(o, 1, format!("{} {}", verb(o, "repeats", "repeat"), place(first)));
        }
    }
    for r in report.inner() {
        let first = &r.occurrences()[0];
        match r.kind() {
            InnerKind::Stutter => {
                let inside = if r.in_covered() {
                    ", inside a repeat above"
                } else {
                    ""
                };
                push(first, 2, format!("stutter, {} copies{inside}", r.copies()))
            }
            _ => {
                for o in &r.occurrences()[1..] {
                    push(o, 2, format!("{} words repeat {}", r.tokens(), place(first)));
                }
            }
        }
    }
    for n in report.near() {
        for p in n.pairs() {
            let (a, b) = (&n.occurrences()[p.a()], &n.occurrences()[p.b()]);
            push(
                b,
                3,
                format!("near duplicate of {} (jaccard {:.2})", place(a), p.jaccard()),
            );
        }
    }
    lines.sort_by_key(|l| (l.at, l.order));
    for l in &lines {
        writeln!(f, "{}", l.message)?;
    }
    summary(f, report, units)
}

fn summary(f: &mut fmt::Formatter<'_>, report: &Report, units: (&str, &str)) -> fmt::Result {
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let n = report.units();
    write!(
        f,
        "{} in {}, {}: ",
        if report.has_repeats() {
            "found"
        } else {
            "nothing repeats"
        },
        count(n, units.0, units.1),
        count(report.bytes(), "byte", "bytes")
    )?;
    let stutters = report
        .inner()
        .iter()
        .filter(|r| r.kind() == InnerKind::Stutter)
        .count();
    let parts = [
        (report.groups().len(), "group", "groups"),
        (report.blocks().len(), "block", "blocks"),
        (stutters, "stutter", "stutters"),
        (
            report.inner().len() - stutters,
            "repeated run of words",
            "repeated runs of words",
        ),
        (
            report.near().len(),
            "near-duplicate group",
            "near-duplicate groups",
        ),
    ];
    let listed: Vec<String> = parts
        .iter()
        .filter(|p| p.0 > 0)
        .map(|&(k, one, many)| count(k, one, many))
        .collect();
    if !listed.is_empty() {
        write!(f, "{}; ", listed.join(", "))?;
    }
    let stats = report.stats();
    writeln!(
        f,
        "{} of {} in repeated units ({:.1}%)",
        count(stats.repeated_bytes(), "byte", "bytes"),
        report.bytes(),
        100.0 * stats.repeated_fraction()
    )
}

/// "line 5" or "lines 5-7".
fn place(o: &Occurrence) -> String {
    if o.line() == o.end_line() {
        format!("line {}", o.line())
    } else {
        format!("lines {}-{}", o.line(), o.end_line())
    }
}

/// The verb that agrees with [`place`].
fn verb<'a>(o: &Occurrence, one: &'a str, many: &'a str) -> &'a str {
    if o.line() == o.end_line() {
        one
    } else {
        many
    }
}

/// `text` on one line, quoted: whitespace runs as one space, line breaks as `\n`, at
/// most [`SNIPPET_CHARS`] characters.
fn snippet(out: &mut String, text: &str) {
    out.push('"');
    let mut shown = 0;
    let mut space = false;
    for c in text.chars() {
        if shown >= SNIPPET_CHARS {
            out.push('…');
            break;
        }
        match c {
            '\n' | '\r' => {
                if !out.ends_with("\\n") {
                    out.push_str("\\n");
                    shown += 1;
                }
                space = false;
            }
            c if c.is_whitespace() => space = true,
            '"' | '\\' => {
                flush(out, &mut space, &mut shown);
                out.push('\\');
                out.push(c);
                shown += 1;
            }
            c if c.is_control() => {
                flush(out, &mut space, &mut shown);
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
                shown += 1;
            }
            c => {
                flush(out, &mut space, &mut shown);
                out.push(c);
                shown += 1;
            }
        }
    }
    out.push('"');
}

fn flush(out: &mut String, space: &mut bool, shown: &mut usize) {
    if std::mem::take(space) && !out.ends_with("\\n") {
        out.push(' ');
        *shown += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snip(text: &str) -> String {
        let mut s = String::new();
        snippet(&mut s, text);
        s
    }

    #[test]
    fn snippets_are_one_short_line() {
        assert_eq!(snip("a  b\n\n  c\td"), "\"a b\\nc d\"");
        assert_eq!(snip("say \"hi\"\\"), "\"say \\\"hi\\\"\\\\\"");
        assert_eq!(snip("\u{7}"), "\"\\u{7}\"");
        let long = "x".repeat(200);
        assert_eq!(snip(&long).chars().count(), SNIPPET_CHARS + 3);
    }

    #[test]
    fn findings_are_ordered_by_place() {
        let text = "first line that repeats\nsecond line that repeats\nfirst line that repeats\nsecond line that repeats\nfirst line that repeats\n";
        let shown = crate::find_repeats(text).show(text).to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(
            lines[0],
            "lines 3-4: repeat lines 1-2, a block of 2 lines (bytes 49..97): \"first line that repeats\\nsecond line that repeats\""
        );
        assert_eq!(
            lines[1],
            "line 5: repeats line 1 (bytes 98..121): \"first line that repeats\""
        );
        assert!(
            lines[2].starts_with("found in 5 lines, 122 bytes: 2 groups, 1 block; "),
            "{}",
            lines[2]
        );
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn nothing_found_is_one_line() {
        let shown = crate::find_repeats("only one line here").to_string();
        assert_eq!(
            shown,
            "nothing repeats in 1 line, 18 bytes: 0 bytes of 18 in repeated units (0.0%)\n"
        );
    }
}
