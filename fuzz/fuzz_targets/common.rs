//! What every fuzz target shares: a configuration drawn from the input, and the checks.
#![allow(dead_code)] // each target uses a part

use dedupe::{Finder, FinderBuilder, Normalize, Report, Unit};

/// A finder configured by the first two bytes of `data`; the rest is the text (invalid
/// UTF-8 replaced, so every input is used).
pub fn setup(data: &[u8]) -> (Finder, String) {
    let (config, rest) = data.split_first().map_or((0, &[][..]), |(c, r)| (*c, r));
    let (features, rest) = rest.split_first().map_or((0, &[][..]), |(c, r)| (*c, r));
    let unit = [Unit::Auto, Unit::Line, Unit::Paragraph][(config % 3) as usize];
    let normalize = [Normalize::Unicode, Normalize::Whitespace, Normalize::Exact][(config / 3 % 3) as usize];
    let min_bytes = [1, 4, 20][(config / 9 % 3) as usize];
    let fold_case = config & 0x80 != 0;
    let mut builder = FinderBuilder::new();
    builder
        .unit(unit)
        .normalize(normalize)
        .min_bytes(min_bytes)
        .fold_case(fold_case);
    if features & 1 != 0 {
        builder.inner(true);
    }
    if features & 2 != 0 {
        builder.near(true);
    }
    let finder = builder.build().expect("valid configuration");
    (finder, String::from_utf8_lossy(rest).into_owned())
}

/// Spans in bounds and on character boundaries; group members equal after normalization;
/// block occurrences in order and apart.
pub fn check_report(finder: &Finder, text: &str, report: &Report) {
    assert_eq!(report.bytes(), text.len());
    for g in report.groups() {
        let occ = g.occurrences();
        assert!(occ.len() >= 2);
        let first = finder.normalize(occ[0].text(text));
        for (k, o) in occ.iter().enumerate() {
            let s = o.span();
            assert!(s.start < s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            assert_eq!(finder.normalize(o.text(text)), first);
            assert_eq!(o.line(), 1 + line_breaks(&text[..s.start]));
            if k > 0 {
                assert!(occ[k - 1].span().end <= s.start);
            }
        }
    }
    for b in report.blocks() {
        let occ = b.occurrences();
        assert!(occ.len() >= 2 && b.units() >= 2);
        for w in occ.windows(2) {
            assert!(w[0].span().end < w[1].span().start);
        }
    }
    for s in report.inner() {
        for o in s.occurrences() {
            let sp = o.span();
            assert!(sp.start < sp.end && sp.end <= text.len());
            assert!(text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end));
            assert_eq!(o.line(), 1 + line_breaks(&text[..sp.start]));
        }
        if let Some(c) = s.first_copy() {
            let o = s.occurrences()[0].span();
            assert!(o.start == c.start && c.end <= o.end);
        }
    }
    for n in report.near() {
        assert!(n.occurrences().len() >= 2);
        for p in n.pairs() {
            let (a, b, j) = (p.a(), p.b(), p.jaccard());
            assert!(a < b && b < n.occurrences().len());
            assert!((0.8..=1.0).contains(&j));
            // Near groups hold units that are not equal.
            let (x, y) = (n.occurrences()[a].text(text), n.occurrences()[b].text(text));
            assert_ne!(finder.normalize(x), finder.normalize(y));
        }
    }
    // Equal work bounds as the adversarial tests: O(n log n) in the units.
    let w = report.work();
    let n = w.units.max(2);
    let log = 64 - n.leading_zeros() as u64;
    assert!(w.comparisons <= 2 * n * log && w.suffix_steps <= n * (log + 3) && w.occurrence_steps <= 4 * n);
}

/// Line breaks as the library counts them: `\n`, `\r\n` and a lone `\r`.
pub fn line_breaks(s: &str) -> usize {
    let b = s.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .count()
}

/// The repaired text with the cuts put back is the input, byte for byte.
pub fn check_repair(text: &str, cuts: &[dedupe::Span], repaired: &str) {
    let mut rebuilt = String::with_capacity(text.len());
    let (mut at, mut kept) = (0, 0);
    for cut in cuts {
        assert!(at <= cut.start && cut.start < cut.end && cut.end <= text.len());
        let keep = cut.start - at;
        rebuilt.push_str(&repaired[kept..kept + keep]);
        kept += keep;
        rebuilt.push_str(&text[cut.start..cut.end]);
        at = cut.end;
    }
    rebuilt.push_str(&repaired[kept..]);
    assert_eq!(rebuilt, text);
}
