//! The Gopher repetition statistics on any text: no panic, the same statistics whether the
//! crate splits the words or unicode-segmentation does (so the crate's splitter, with its
//! ASCII fast path, finds UAX #29's words), and the same from `explain_repetition`.
#![no_main]

use dedupe::{explain_repetition, repetition_stats, repetition_stats_with_words};
use unicode_segmentation::UnicodeSegmentation;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ours = repetition_stats(text);
    let words: Vec<&str> = text.unicode_words().collect();
    let theirs = repetition_stats_with_words(text, &words);
    // NaN never occurs (empty texts give zeros), so equality is exact equality.
    assert_eq!(ours, theirs, "{text:?}");
    assert_eq!(explain_repetition(text).stats, ours, "{text:?}");
});
