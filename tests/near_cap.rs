//! The candidate cap per LSH bucket (`NearConfig::max_bucket`): templated text, thousands of
//! units differing by one word, costs linear work, counted rather than timed, and still
//! comes out as one group.

use dedupe::near::{NearConfig, NearFinder, NearWork};

/// `n` units of 80 words, equal but for the word in the middle, unique to each: every two
/// share 71 of their 76 word 5-grams (Jaccard 71/81 = 0.877).
fn templated(n: usize) -> Vec<String> {
    let words: Vec<String> = (0..80).map(|i| format!("word{}", i * 7919 % 1000)).collect();
    (0..n)
        .map(|i| {
            let mut w = words.clone();
            w[40] = format!("item{i}x");
            w.join(" ")
        })
        .collect()
}

fn run(n: usize, max_bucket: usize) -> (usize, usize, NearWork) {
    let mut cfg = NearConfig::default();
    cfg.max_bucket = max_bucket;
    let (groups, work) = NearFinder::new(&cfg).unwrap().groups_with_work(&templated(n));
    let largest = groups.iter().map(|g| g.members().len()).max().unwrap_or(0);
    (groups.len(), largest, work)
}

#[test]
fn a_huge_bucket_costs_linear_work_and_is_still_one_group() {
    let (groups, largest, small) = run(2_500, 64);
    assert_eq!((groups, largest), (1, 2_500));
    let (groups, largest, big) = run(10_000, 64);
    assert_eq!((groups, largest), (1, 10_000));
    // 4x the units: at most 4.5x the work in every count.
    for (name, s, b) in [
        ("candidate pairs", small.candidate_pairs, big.candidate_pairs),
        ("verified pairs", small.verified_pairs, big.verified_pairs),
        ("verify steps", small.verify_steps, big.verify_steps),
        ("shingles", small.shingles, big.shingles),
    ] {
        assert!(b * 2 <= s * 9, "{name}: {s} -> {b}");
    }
    // At most max_bucket pairs a unit in each of the 18 bands (bands bucket the units
    // differently, so the distinct pairs are more than one band's).
    assert!(big.candidate_pairs <= 18 * 64 * 10_000, "{big:?}");
    assert!(big.verified_pairs <= big.candidate_pairs, "{big:?}");
}

#[test]
fn without_the_cap_the_same_input_is_quadratic() {
    // What the cap prevents, so the test above can fail: 2x the units, about 4x the pairs.
    let (_, _, small) = run(400, usize::MAX);
    let (groups, largest, big) = run(800, usize::MAX);
    assert_eq!((groups, largest), (1, 800));
    assert!(
        big.verified_pairs * 10 > small.verified_pairs * 35,
        "{small:?} {big:?}"
    );
    // Every pair is a true pair here, and nearly all of them are candidates.
    assert!(big.verified_pairs > 800 * 799 / 2 * 9 / 10, "{big:?}");
}

#[test]
fn small_buckets_are_paired_in_full_and_the_cap_keeps_the_groups() {
    // Below the cap nothing changes; above it the groups are the same here (a chain and a
    // star join near-identical units), with fewer pairs listed.
    let texts = templated(300);
    let full = {
        let mut cfg = NearConfig::default();
        cfg.max_bucket = usize::MAX;
        NearFinder::new(&cfg).unwrap().groups(&texts)
    };
    for cap in [2, 8, 64, 1000] {
        let mut cfg = NearConfig::default();
        cfg.max_bucket = cap;
        let capped = NearFinder::new(&cfg).unwrap().groups(&texts);
        let members =
            |g: &[dedupe::near::NearGroup]| g.iter().map(|g| g.members().to_vec()).collect::<Vec<_>>();
        assert_eq!(members(&capped), members(&full), "cap {cap}");
        if cap >= 300 {
            assert_eq!(capped, full, "cap {cap}");
        } else {
            assert!(capped[0].pairs().len() < full[0].pairs().len(), "cap {cap}");
            assert!(capped[0].pairs().iter().all(|p| p.jaccard() >= 0.8));
        }
    }
}
