//! Hostile and broken input: each case with its expected answer.

use dedupe::{find_repeats, Finder, FinderBuilder, Report, Span, Unit};

fn finder(min_bytes: usize) -> Finder {
    FinderBuilder::new()
        .unit(Unit::Line)
        .min_bytes(min_bytes)
        .build()
        .unwrap()
}

/// The work stays within `O(n log n)` of the `n` units: counted, not timed.
fn check_work(report: &Report) {
    let w = report.work();
    let n = w.units.max(2);
    let log = 64 - n.leading_zeros() as u64;
    assert!(w.comparisons <= 2 * n * log, "{w:?}");
    assert!(w.suffix_steps <= n * (log + 3), "{w:?}");
    assert!(w.occurrence_steps <= 4 * n, "{w:?}");
}

/// What every report must satisfy, whatever the input.
fn check(text: &str, report: &Report) {
    check_work(report);
    for g in report.groups() {
        for o in g.occurrences() {
            let s = o.span();
            assert!(s.start < s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }
    let repaired = report.repair(text).unwrap();
    // The input is the repaired text with the cuts put back.
    let mut rebuilt = String::new();
    let mut at = 0;
    let mut kept = 0;
    for cut in report.removals() {
        rebuilt.push_str(&repaired[kept..kept + (cut.start - at)]);
        kept += cut.start - at;
        rebuilt.push_str(&text[cut.start..cut.end]);
        at = cut.end;
    }
    rebuilt.push_str(&repaired[kept..]);
    assert_eq!(rebuilt, text);
}

#[test]
fn empty_input() {
    let report = find_repeats("");
    assert_eq!(report.units(), 0);
    assert!(!report.has_repeats());
    assert_eq!(report.repair("").unwrap(), "");
    assert_eq!(report.stats().repeated_fraction(), 0.0);
}

#[test]
fn only_whitespace() {
    let text = " \n\t\r\n\u{a0}\u{3000}\n\r\r\n  ";
    let report = find_repeats(text);
    assert_eq!(report.units(), 0);
    assert_eq!(report.repair(text).unwrap(), text);
}

#[test]
fn a_million_identical_lines_are_one_group_and_no_block() {
    let line = "the same line, repeated far too often\n";
    let text = line.repeat(1_000_000);
    let report = find_repeats(&text);
    assert_eq!(report.units(), 1_000_000);
    assert_eq!(report.groups().len(), 1);
    assert_eq!(report.groups()[0].occurrences().len(), 1_000_000);
    assert!(report.blocks().is_empty());
    assert_eq!(report.repair(&text).unwrap(), line);
    assert_eq!(report.stats().repeated_units(), 999_999);
    check_work(&report);
    assert_eq!(report.work().comparisons, 999_999);
}

#[test]
fn a_million_one_character_lines() {
    let text: String = (0..1_000_000)
        .map(|i| format!("{}\n", (b'a' + (i % 26) as u8) as char))
        .collect();
    // Too short to count by default.
    assert!(!find_repeats(&text).has_repeats());
    // Counted, they are 26 groups and one block of 26 lines, once per period.
    let report = finder(1).find(&text);
    assert_eq!(report.groups().len(), 26);
    assert_eq!(report.blocks().len(), 1);
    assert_eq!(report.blocks()[0].units(), 26);
    assert_eq!(report.blocks()[0].occurrences().len(), 1_000_000 / 26);
    let first_period: String = (0..26).map(|i| format!("{}\n", (b'a' + i) as char)).collect();
    assert_eq!(report.repair(&text).unwrap(), first_period);
    check_work(&report);
}

#[test]
fn periodic_units_give_one_block_per_period() {
    let text = "first line of the pair\nsecond line of the pair\n".repeat(5);
    let report = find_repeats(&text);
    assert_eq!(report.blocks().len(), 1);
    let occ = report.blocks()[0].occurrences();
    assert_eq!(
        occ.iter().map(|o| o.line()).collect::<Vec<_>>(),
        vec![1, 3, 5, 7, 9]
    );
    check(&text, &report);
}

#[test]
fn periodic_blocks_of_every_period_stay_near_linear() {
    for period in [2usize, 3, 7, 64, 1000] {
        let text: String = (0..200_000)
            .map(|i| format!("line number {:06} of the cycle\n", i % period))
            .collect();
        let report = find_repeats(&text);
        assert_eq!(report.groups().len(), period, "{period}");
        if period >= 2 {
            assert_eq!(report.blocks().len(), 1, "{period}");
            assert_eq!(report.blocks()[0].units(), period);
        }
        check_work(&report);
    }
}

#[test]
#[ignore = "allocates a 100 MB line; run with --ignored"]
fn a_hundred_megabyte_line_without_newline() {
    let text = "abcdefghij".repeat(10_000_000);
    let report = find_repeats(&text);
    assert_eq!(report.units(), 1);
    assert!(!report.has_repeats());
    let doubled = format!("{text}\n{text}");
    let report = find_repeats(&doubled);
    assert_eq!(report.groups().len(), 1);
    assert_eq!(report.repair(&doubled).unwrap(), text);
}

#[test]
fn nul_bytes_are_text() {
    let text = "a line with a \0 NUL inside it\nanother line here, plain\na line with a \0 NUL inside it";
    let report = find_repeats(text);
    assert_eq!(report.groups().len(), 1);
    assert_eq!(report.groups()[0].occurrences()[1].line(), 3);
    check(text, &report);
}

#[test]
fn lone_carriage_returns_end_lines() {
    let text = "an old Mac line, repeated\ranother old Mac line\ran old Mac line, repeated\r";
    let report = find_repeats(text);
    let occ = report.groups()[0].occurrences();
    assert_eq!((occ[0].line(), occ[1].line()), (1, 3));
    assert_eq!(occ[1].span(), Span { start: 47, end: 72 });
    assert_eq!(
        report.repair(text).unwrap(),
        "an old Mac line, repeated\ranother old Mac line\r"
    );
}

#[test]
fn a_byte_order_mark_does_not_hide_a_repeat() {
    let text =
        "\u{FEFF}Title of the page, repeated\nbody text that is different\nTitle of the page, repeated\n";
    let report = find_repeats(text);
    assert_eq!(report.groups().len(), 1);
    // The span keeps the BOM: spans point into the original bytes.
    assert_eq!(report.groups()[0].occurrences()[0].span().start, 0);
    check(text, &report);
}

#[test]
fn scripts_without_spaces() {
    for line in [
        "重复的句子在这里出现了两次，中间没有空格。", // 21 characters: a unit (#14)
        "هذه جملة مكررة مرتين في النص بدون تغيير",
        "ประโยคนี้ซ้ำสองครั้งในข้อความโดยไม่มีช่องว่าง",
        "この文は二回繰り返されています。スペースはありません。",
    ] {
        let text = format!("{line}\n別の行、ここは一度だけ出てくる文章です。\n{line}");
        let report = find_repeats(&text);
        assert_eq!(report.groups().len(), 1, "{line}");
        assert_eq!(report.groups()[0].occurrences()[1].text(&text), line);
        check(&text, &report);
    }
}

#[test]
fn emoji_sequences_and_combining_marks() {
    // NFC and NFD spellings of the same paragraph are one group.
    let nfc = "Caf\u{e9} cr\u{e8}me br\u{fb}l\u{e9}e, the menu says";
    let nfd = "Cafe\u{301} cre\u{300}me bru\u{302}le\u{301}e, the menu says";
    let text = format!("{nfc}\n{nfd}\n");
    let report = find_repeats(&text);
    assert_eq!(report.groups().len(), 1);
    check(&text, &report);
    // Emoji with skin tones and ZWJ sequences survive as text; spans stay on boundaries.
    let emoji = "Family: \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} and \u{1F44D}\u{1F3FD} thumbs";
    let text = format!("{emoji}\n{emoji}\nx");
    let report = find_repeats(&text);
    assert_eq!(report.groups()[0].occurrences()[1].text(&text), emoji);
    check(&text, &report);
}

#[test]
fn a_finder_with_its_own_pool_inside_a_parallel_iterator() {
    use rayon::prelude::*;
    // Each call would wait on the finder's one-thread pool from a worker of the global
    // pool; the finder runs on the calling thread instead, so nothing nests or blocks.
    let finder = FinderBuilder::new().threads(Some(1)).build().unwrap();
    let big = "a long enough line, repeated\n".repeat(40_000); // over the parallel threshold
    let docs: Vec<String> = (0..64).map(|i| format!("{big}doc {i}\n")).collect();
    let counts: Vec<usize> = docs.par_iter().map(|d| finder.find(d).groups().len()).collect();
    assert!(counts.iter().all(|&c| c == 1));
    let mut index = dedupe::CorpusIndex::new(&finder);
    index.add(&docs);
    assert_eq!(index.resolve().duplicate_documents().len(), 0);
}
