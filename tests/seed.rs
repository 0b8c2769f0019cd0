//! The seed: a news article whose body was extracted twice.

use dedupe::{find_repeats, Span};

const SEED: &str = include_str!("data/doubled-article.txt");

#[test]
fn doubled_body_is_one_block_of_eleven() {
    let report = find_repeats(SEED);
    assert_eq!(report.units(), 23);
    assert_eq!(report.blocks().len(), 1);
    let block = &report.blocks()[0];
    assert_eq!(block.units(), 11);
    let occ = block.occurrences();
    assert_eq!(occ.len(), 2);
    assert_eq!(
        occ[0].span(),
        Span {
            start: 126,
            end: 3161
        }
    );
    assert_eq!(
        occ[1].span(),
        Span {
            start: 3162,
            end: 6197
        }
    );
    assert_eq!((occ[0].line(), occ[0].end_line()), (2, 12));
    assert_eq!((occ[1].line(), occ[1].end_line()), (13, 23));
    // Every unit of the body is a group of two.
    assert_eq!(report.groups().len(), 11);
    assert!(report.groups().iter().all(|g| g.occurrences().len() == 2));
    let stats = report.stats();
    assert_eq!(
        (stats.units(), stats.repeated_units(), stats.repeated_bytes()),
        (23, 11, 3035)
    );
}

#[test]
fn repair_keeps_lines_one_to_twelve() {
    let report = find_repeats(SEED);
    let repaired = report.repair(SEED).unwrap();
    let first_twelve: Vec<&str> = SEED.lines().take(12).collect();
    assert_eq!(repaired, first_twelve.join("\n"));
    // Repairing again changes nothing.
    assert_eq!(find_repeats(&repaired).repair(&repaired).unwrap(), repaired);
}
