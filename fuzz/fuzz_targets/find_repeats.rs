//! `find_repeats` under random configurations: the report's invariants hold.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (finder, text) = common::setup(data);
    let report = finder.find(&text);
    common::check_report(&finder, &text, &report);
});
