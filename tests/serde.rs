//! Reports as JSON through the `serde` feature: what a user sees, and a lossless round trip.

use dedupe::{Finder, FinderBuilder, Report};

const SEED: &str = include_str!("data/doubled-article.txt");

#[test]
fn the_seed_report_serializes_with_its_offsets() {
    let json = serde_json::to_string(&dedupe::find_repeats(SEED)).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let block = &value["blocks"][0];
    assert_eq!(block["units"], 11);
    let spans: Vec<(u64, u64)> = block["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["span"]["start"].as_u64().unwrap(),
                o["span"]["end"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(spans, [(126, 3161), (3162, 6197)]);
    assert_eq!(block["occurrences"][1]["line"], 13);
    assert_eq!(value["unit"], "line");
}

#[test]
fn every_kind_of_finding_round_trips() {
    let finder = FinderBuilder::new().inner(true).near(true).build().unwrap();
    let near = "The committee met on Tuesday to discuss the budget for the coming year and agreed to raise library funding by ten percent.\n\
                The committee met on Tuesday to discuss the budget for the coming year and agreed to raise library funding by twelve percent.\n";
    let text = format!("{SEED}\n{near}");
    let report = finder.find(&text);
    assert!(!report.inner().is_empty() && !report.near().is_empty() && !report.blocks().is_empty());
    let json = serde_json::to_string(&report).unwrap();
    let back: Report = serde_json::from_str(&json).unwrap();
    // Everything but the unstable work counters, which are not serialized.
    assert_eq!(back.groups(), report.groups());
    assert_eq!(back.blocks(), report.blocks());
    assert_eq!(back.inner(), report.inner());
    assert_eq!(back.near(), report.near());
    assert_eq!(back.stats(), report.stats());
    assert_eq!(back.removals(), report.removals());
    assert_eq!(back.repair(&text).unwrap(), report.repair(&text).unwrap());
}

#[test]
fn corpus_occurrences_carry_their_document() {
    let docs = [
        "Story one here.\nShared footer line of the site",
        "Shared footer line of the site",
    ];
    let report = Finder::new().find_many(docs);
    let group = serde_json::to_value(&report.groups()[0]).unwrap();
    let docs_of: Vec<u64> = group["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["doc"].as_u64().unwrap())
        .collect();
    assert_eq!(docs_of, [0, 1]);
    let member = serde_json::to_value(report.located(1).unwrap().groups()[0]).unwrap();
    assert_eq!(member["of"], 0);
    assert_eq!(member["occurrence"]["doc"], 1);
}
