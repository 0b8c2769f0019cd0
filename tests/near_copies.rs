//! Near groups list every occurrence of each text in them (#14 item 4): a paragraph
//! occurring three times near a paragraph occurring twice is five occurrences, two texts
//! and one pair, not one occurrence pair.

use dedupe::{FinderBuilder, Unit};

const A: &str = "The committee met on Tuesday to discuss the budget for the coming year and agreed to raise library funding by ten percent.";
const B: &str = "The committee met on Tuesday to discuss the budget for the coming year and agreed to raise library funding by eight percent.";

fn text() -> String {
    [
        A,
        "First filler paragraph, alone.",
        B,
        A,
        "Second filler paragraph, alone too.",
        A,
        B,
    ]
    .join("\n\n")
}

fn paragraphs() -> dedupe::Finder {
    FinderBuilder::new()
        .unit(Unit::Paragraph)
        .near(true)
        .build()
        .unwrap()
}

#[test]
fn every_copy_of_each_text_is_in_the_group() {
    let text = text();
    let report = paragraphs().find(&text);
    assert_eq!(report.near().len(), 1);
    let n = &report.near()[0];
    let found: Vec<&str> = n.occurrences().iter().map(|o| o.text(&text)).collect();
    assert_eq!(found, [A, B, A, A, B]);
    // Occurrence units in text order: paragraphs 0, 2, 3, 5, 6.
    let units: Vec<usize> = n.occurrences().iter().map(|o| o.unit()).collect();
    assert_eq!(units, [0, 2, 3, 5, 6]);
    assert_eq!(n.texts(), &[vec![0, 2, 3], vec![1, 4]]);
    assert_eq!(n.pairs().len(), 1);
    let p = n.pairs()[0];
    assert_eq!((p.a(), p.b()), (0, 1));
    assert!(p.jaccard() >= 0.8 && p.jaccard() < 1.0);
}

#[test]
fn the_report_shows_every_copy_of_the_near_text() {
    let text = text();
    let shown = paragraphs().find(&text).show(&text).to_string();
    let near: Vec<&str> = shown
        .lines()
        .filter(|l| l.contains("near duplicate of"))
        .collect();
    assert_eq!(near.len(), 2, "{shown}");
}

#[test]
fn texts_without_copies_are_one_occurrence_each() {
    let text = [A, B].join("\n\n");
    let report = paragraphs().find(&text);
    assert_eq!(report.near()[0].texts(), &[vec![0], vec![1]]);
    assert_eq!(report.near()[0].occurrences().len(), 2);
}
