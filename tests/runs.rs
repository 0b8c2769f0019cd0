//! Repeated runs of words (`FinderBuilder::runs`), issue #14 item 6: not inside a
//! document that duplicates an earlier one, not inside units already in a group or block,
//! once per document, never beside their own sub-runs.

use dedupe::{Finder, FinderBuilder, InnerKind, InnerRepeat, Report, Span};

fn runs_finder() -> Finder {
    FinderBuilder::new().runs(true).build().unwrap()
}

fn runs(report: &Report) -> Vec<&InnerRepeat> {
    report
        .inner()
        .iter()
        .filter(|r| r.kind() == InnerKind::Repeat)
        .collect()
}

fn spans(r: &InnerRepeat) -> Vec<Span> {
    r.occurrences().iter().map(|o| o.span()).collect()
}

/// The later occurrences of every group and block: what the exact finder already cuts.
fn covered(report: &Report) -> Vec<Span> {
    let groups = report.groups().iter().flat_map(|g| &g.occurrences()[1..]);
    let blocks = report.blocks().iter().flat_map(|b| &b.occurrences()[1..]);
    groups.chain(blocks).map(|o| o.span()).collect()
}

/// The normalized words of `s`, to compare runs as the finder does (near enough: runs
/// here differ in words, not in case or spacing).
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Checks the rules every report must keep, by brute force over its runs.
fn check_rules(text: &str, report: &Report) {
    let cov = covered(report);
    let found = runs(report);
    for r in &found {
        assert!(r.occurrences().len() >= 2, "{r:?}");
        for s in spans(r) {
            // No word of a run lies in a later copy of a repeated unit or block.
            assert!(
                !cov.iter().any(|c| c.start < s.end && s.start < c.end),
                "a run reaches into a covered range: {:?} {s:?} {:?}",
                &text[s],
                cov.iter()
                    .filter(|c| c.start < s.end && s.start < c.end)
                    .map(|c| (c, &text[*c]))
                    .collect::<Vec<_>>()
            );
        }
    }
    for (i, a) in found.iter().enumerate() {
        for (j, b) in found.iter().enumerate() {
            if i == j {
                continue;
            }
            // Once per document: no two findings of the same run.
            assert_ne!(
                words(a.occurrences()[0].text(text)),
                words(b.occurrences()[0].text(text)),
                "the same run twice"
            );
            // No sub-run whose occurrences sit one for one inside a longer run's.
            let inside = a.occurrences().len() == b.occurrences().len()
                && spans(a)
                    .iter()
                    .zip(spans(b))
                    .all(|(x, y)| y.start <= x.start && x.end <= y.end);
            assert!(
                !inside,
                "{:?} reported inside {:?}",
                a.occurrences()[0].text(text),
                b.occurrences()[0].text(text)
            );
        }
    }
}

/// `tests/data/openssl-man-tails.txt`: lines 401,646-401,805 of /work/data/man-pages.txt,
/// the rendered manual pages of Debian 12's `openssl` package 3.0.19 (the end of
/// `openssl-spkac(1ssl)` and the whole of `openssl-verify(1ssl)`). Issue #14, item 6: the
/// COPYRIGHT paragraphs repeat (a group), and the footer after them differs from page to
/// page, so a 58-word run over the COPYRIGHT section and the start of the footer was
/// reported: the paragraphs' repeat, no finding of its own.
#[test]
fn openssl_copyright_repeat_is_no_run() {
    let text = include_str!("data/openssl-man-tails.txt");
    let report = runs_finder().find(text);
    check_rules(text, &report);
    let found = runs(&report);
    assert!(
        !found
            .iter()
            .any(|r| r.occurrences()[0].text(text).contains("COPYRIGHT")),
        "{found:?}"
    );
    // What is left are real repeats inside the pages: the HISTORY sentence of both pages.
    let first: Vec<&str> = found.iter().map(|r| r.occurrences()[0].text(text)).collect();
    assert!(
        first.contains(&"The -engine option was deprecated in OpenSSL 3.0"),
        "{first:?}"
    );
}

/// Issue #14, item 6: a document that is an exact duplicate of an earlier one repeats its
/// runs; they are reported in the first copy only.
#[test]
fn no_runs_in_a_duplicate_document() {
    let text = include_str!("data/openssl-man-tails.txt");
    let other = "A different document with a line or two.\nNothing repeats in it at all.";
    let finder = runs_finder();
    let report = finder.find_many([text, other, text]);
    assert_eq!(report.duplicate_documents(), &[vec![0, 2]]);
    let first = runs(&report.documents()[0]).len();
    assert!(first >= 5, "{first}");
    assert!(runs(&report.documents()[2]).is_empty());
    // The bytes entry does the same.
    let bytes = finder.find_many_bytes([text.as_bytes(), other.as_bytes(), text.as_bytes()]);
    assert_eq!(runs(&bytes.documents()[0]).len(), first);
    assert!(runs(&bytes.documents()[2]).is_empty());
    // A document equal only after normalization counts as a duplicate too.
    let spaced = text.replace("OpenSSL 3.0", "OpenSSL  3.0");
    let report = finder.find_many([text, spaced.as_str()]);
    assert_eq!(report.duplicate_documents(), &[vec![0, 1]]);
    assert!(runs(&report.documents()[1]).is_empty());
    // Stutters stay where they are: they are errors in each copy.
    let doubled = "He met the the president at noon today.";
    let finder = FinderBuilder::new().inner(true).build().unwrap();
    let report = finder.find_many([doubled, doubled]);
    assert_eq!(report.documents()[1].inner().len(), 1);
}

/// Issue #14, item 6, across documents: a run whose occurrences lie inside units that
/// repeat units of an earlier document is those units' repeat (it was reported in each
/// later document); a run with an occurrence of its own is still reported.
#[test]
fn no_runs_inside_units_repeated_from_another_document() {
    let footer = "Report bugs to the maintainers of this package at the address below.";
    let notice = "Copies of this manual may be made and shared under the same terms as the program.";
    let first = format!("The first page.\n{footer}\n{notice}");
    // The footer twice in the second document, both copies repeats of the first's.
    let second = format!("{footer}\nThe second page.\n{footer}");
    // The notice's sentence once inside a repeated line, once inside a line of its own.
    let third = format!("{notice}\nFirst own words. {notice}\nAgain other text: {notice}");
    let finder = runs_finder();
    let alone = finder.find(&second);
    assert!(
        runs(&alone).is_empty(),
        "two copies of one line are a group, no run"
    );
    let alone = finder.find(&third);
    assert_eq!(runs(&alone).len(), 1);
    assert_eq!(runs(&alone)[0].occurrences().len(), 3);
    let report = finder.find_many([first.as_str(), second.as_str(), third.as_str()]);
    assert!(runs(&report.documents()[1]).is_empty());
    // In the third document the copy in its first line (a repeat of the first
    // document's line) is dropped; the two in lines of its own stay.
    let left = runs(&report.documents()[2]);
    assert_eq!(left.len(), 1, "{left:?}");
    let starts: Vec<usize> = left[0].occurrences().iter().map(|o| o.line()).collect();
    assert_eq!(starts, [2, 3]);
    assert_eq!(left[0].copies(), 2);
    // The bytes entry does the same.
    let bytes = finder.find_many_bytes([first.as_bytes(), second.as_bytes(), third.as_bytes()]);
    assert_eq!(runs(&bytes.documents()[2]).len(), 1);
    assert_eq!(runs(&bytes.documents()[2])[0].occurrences().len(), 2);
    // Left with two occurrences, a run can be a sub-run of a longer one with the same
    // two: only the longer is reported.
    let fifth = format!("{notice}\nOwn words. {notice}\nOther words: {notice}");
    assert_eq!(runs(&finder.find(&fifth)).len(), 2);
    let report = finder.find_many([first.as_str(), fifth.as_str()]);
    let left = runs(&report.documents()[1]);
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0].tokens(), 17); // "words" and the sentence
                                      // Two occurrences of a run, both inside lines repeated from document 0: no run.
    let fourth = format!("{notice}\nFirst own words.\n{notice}");
    let report = finder.find_many([first.as_str(), fourth.as_str()]);
    assert!(runs(&report.documents()[1]).is_empty());
}

/// Issue #14, item 6: a sub-run of a reported run, whose other occurrence lay in covered
/// lines, was reported beside the run when more than 64 other runs started between the
/// two (the containment check looked at the 64 nearest).
#[test]
fn a_sub_run_is_never_reported_with_its_run() {
    let w: Vec<String> = (0..120).map(|i| format!("w{i}")).collect();
    let all = w.join(" ");
    let mut paras = vec![format!("a1 {all} a2"), format!("b1 {all} b2")];
    // Seventy sub-runs, each with a third occurrence of its own: reported, and all
    // starting between the long run and w80.
    for k in 0..70 {
        paras.push(format!("c{k} {} d{k}", w[k..k + 10].join(" ")));
    }
    // w80 .. w89 again, across two lines that are later copies of lines seen before.
    let x = format!("x0 x1 x2 {}", w[80..85].join(" "));
    let y = format!("{} y0 y1 y2", w[85..90].join(" "));
    paras.extend([
        x.clone(),
        "filler one here".into(),
        y.clone(),
        "filler two there".into(),
    ]);
    paras.push(format!("{x}\n{y}"));
    let text = paras.join("\n\n") + "\n";
    let report = runs_finder().find(&text);
    check_rules(&text, &report);
    let found = runs(&report);
    assert!(found.len() > 70, "{}", found.len());
    assert!(found
        .iter()
        .any(|r| r.tokens() == 120 && r.occurrences().len() == 2));
    assert!(!found
        .iter()
        .any(|r| r.occurrences()[0].text(&text) == w[80..90].join(" ")));
}

/// One finding per distinct run, every occurrence listed.
#[test]
fn a_run_is_reported_once_with_every_occurrence() {
    let s = "the committee will meet again on the first tuesday of every month";
    let text = format!("First: {s}.\n\nThen, {s}, as agreed.\n\nAnd {s} (once more).\n");
    let report = runs_finder().find(&text);
    check_rules(&text, &report);
    let found = runs(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].occurrences().len(), 3);
    assert!(found[0].occurrences().iter().all(|o| o.text(&text) == s));
}

/// The rules hold on every file of real text in tests/data.
#[test]
fn rules_hold_on_real_text() {
    let finder = runs_finder();
    for text in [
        include_str!("data/binutils-copyright.txt"),
        include_str!("data/boost-copyright-excerpt.txt"),
        include_str!("data/krb5-copyright.txt"),
        include_str!("data/doubled-article.txt"),
        include_str!("data/openssl-man-tails.txt"),
    ] {
        check_rules(text, &finder.find(text));
    }
}
