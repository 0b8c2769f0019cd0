//! Repair: nothing but later occurrences is cut, and repairing twice changes nothing more.
#![no_main]

mod common;

use dedupe::Unit;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (finder, text) = common::setup(data);
    let report = finder.find(&text);
    let repaired = report.repair(&text).expect("same text");
    common::check_repair(&text, report.removals(), &repaired);
    // Every cut holds a later occurrence and no first one.
    for g in report.groups() {
        let first = g.occurrences()[0].span();
        assert!(report
            .removals()
            .iter()
            .all(|c| c.end <= first.start || c.start >= first.end));
    }
    // With an explicit unit, the repaired text has nothing left to repair.
    if report.unit() != Unit::Auto {
        let again = finder.find(&repaired);
        if again.unit() == report.unit() {
            assert!(!again.has_repeats(), "repeats left after repair");
            assert_eq!(again.repair(&repaired).unwrap(), repaired);
        }
    }
});
