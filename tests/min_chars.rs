//! The minimum unit size counts characters (Unicode scalar values after normalization),
//! not bytes (issue #14, item 2): short CJK phrases and emoji lines are not units, and a
//! Latin-script line with many diacritics is judged by its characters.

use dedupe::{Finder, FinderBuilder, Unit};

fn by_line() -> Finder {
    FinderBuilder::new().unit(Unit::Line).build().unwrap()
}

/// `line` three times, between lines that occur once.
fn thrice(line: &str) -> String {
    format!("{line}\nfirst other line of the text\n{line}\nsecond other line of the text\n{line}\n")
}

#[test]
fn an_18_character_chinese_phrase_is_not_a_unit() {
    let phrase = "鉴于有必要促进各国间友好关系的发展,";
    assert_eq!((phrase.chars().count(), phrase.len()), (18, 52));
    let finder = by_line();
    assert!(!finder.counts(phrase));
    assert!(!finder.find(&thrice(phrase)).has_repeats());
    // Two more characters make it one.
    let longer = "鉴于有必要促进各国间友好关系的发展,因此";
    assert_eq!(longer.chars().count(), 20);
    assert!(finder.counts(longer));
    assert_eq!(finder.find(&thrice(longer)).groups()[0].occurrences().len(), 3);
}

#[test]
fn seven_hearts_are_not_a_unit() {
    let hearts = "❤️".repeat(7);
    assert_eq!((hearts.chars().count(), hearts.len()), (14, 42));
    assert!(!by_line().find(&thrice(&hearts)).has_repeats());
}

#[test]
fn a_19_character_vietnamese_line_is_too_short_and_does_not_break_a_block() {
    let short = "Tiếng Việt có dấu.."; // 19 characters, more than 20 bytes
    assert_eq!(short.chars().count(), 19);
    assert!(short.len() > 20);
    let finder = by_line();
    assert!(!finder.counts(short));
    // A block of two lines, the second copy with the short line between them: too short
    // to count, it is skipped over and the block is whole.
    let a = "Alpha line of the story here";
    let b = "Bravo line of the story here";
    let text = format!("{a}\n{b}\nsomething else entirely, once\n{a}\n{short}\n{b}\n");
    let report = finder.find(&text);
    assert_eq!(report.blocks().len(), 1, "{report:?}");
    assert_eq!(report.blocks()[0].units(), 2);
    // Counted in bytes, the same line is a unit and breaks the block.
    let bytes = FinderBuilder::new()
        .unit(Unit::Line)
        .min_bytes(20)
        .build()
        .unwrap();
    assert!(bytes.counts(short));
    assert!(bytes.find(&text).blocks().is_empty());
}

#[test]
fn characters_are_counted_after_normalization() {
    // Six fullwidth letters and runs of whitespace: 11 characters once NFKC and
    // whitespace folding have run, 14 before.
    let spaced = "ａ ｂ  ｃ\tｄ   ｅ ｆ"; // fullwidth letters: "a b c d e f" once normalized
    let finder = FinderBuilder::new().min_chars(11).build().unwrap();
    assert_eq!(finder.normalize(spaced), "a b c d e f");
    assert!(finder.counts(spaced));
    let finder = FinderBuilder::new().min_chars(12).build().unwrap();
    assert!(!finder.counts(spaced));
}

#[test]
fn the_last_minimum_set_wins() {
    let line = "中文字符中文字符"; // 8 characters, 24 bytes
    let chars_last = FinderBuilder::new().min_bytes(20).min_chars(10).build().unwrap();
    assert!(!chars_last.counts(line));
    let bytes_last = FinderBuilder::new().min_chars(10).min_bytes(20).build().unwrap();
    assert!(bytes_last.counts(line));
    assert!(FinderBuilder::new().min_chars(0).build().is_err());
}
