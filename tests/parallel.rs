//! One big document gives the same report on 1, 2 and 4 threads: the parallel paths
//! (splitting and fingerprinting in chunks from a megabyte up, the stutter scan in pieces
//! from two) merge their results in text order.

use dedupe::{FinderBuilder, Unit};

/// About `bytes` of generated lines and paragraphs, a third of them repeated.
fn generated(bytes: usize) -> String {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |m: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % m
    };
    let mut text = String::with_capacity(bytes + 200);
    while text.len() < bytes {
        let id = if next(3) == 0 { next(500) } else { next(1 << 40) };
        let words = 4 + next(12);
        for w in 0..words {
            text.push_str(&format!("w{} ", (id + w) % 977 + id));
            if next(40) == 0 {
                // A stutter, which the pieces of the stutter scan must each find.
                text.push_str("stuck on on ");
            }
        }
        text.push_str(if next(5) == 0 { "\n\n" } else { "\n" });
    }
    text
}

/// Real text: this crate's own sources and docs, over a megabyte by repetition with a
/// numbered heading before each copy (so copies differ a little).
fn real(bytes: usize) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files = Vec::new();
    for dir in ["src", "src/gopher", "tests"] {
        let Ok(entries) = std::fs::read_dir(format!("{root}/{dir}")) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    files.sort();
    files.push(format!("{root}/README.md").into());
    let sources: String = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    assert!(sources.len() > 10_000, "the crate's sources are readable");
    let mut text = String::new();
    let mut copy = 0;
    while text.len() < bytes {
        copy += 1;
        text.push_str(&format!("# copy {copy}\n\n"));
        // Every copy but the first loses a different slice, so blocks start and end
        // at different places.
        let cut = boundary(&sources, (copy * 7919) % sources.len());
        text.push_str(&sources[cut..]);
        text.push_str(&sources[..boundary(&sources, cut / 2)]);
    }
    text
}

/// The last char boundary of `s` at or before `i`.
fn boundary(s: &str, i: usize) -> usize {
    (0..=i).rev().find(|&j| s.is_char_boundary(j)).unwrap_or(0)
}

fn same_on_every_thread_count(text: &str) {
    assert!(text.len() >= 2 << 20, "big enough for the parallel paths");
    for unit in [Unit::Line, Unit::Paragraph] {
        for stutters in [false, true] {
            let report = |n: usize| {
                FinderBuilder::new()
                    .unit(unit)
                    .stutters(stutters)
                    .threads(Some(n))
                    .build()
                    .expect("valid settings")
                    .find(text)
            };
            let one = report(1);
            assert!(!one.groups().is_empty(), "{unit:?}: the text has repeats");
            assert_eq!(one.inner().is_empty(), !stutters, "{unit:?}: stutters found");
            for n in [2, 4] {
                assert!(
                    report(n) == one,
                    "{unit:?} {stutters}: {n} threads differ from one"
                );
            }
        }
    }
}

#[test]
fn generated_document_same_on_1_2_4_threads() {
    same_on_every_thread_count(&generated(3 << 20));
}

#[test]
fn real_document_same_on_1_2_4_threads() {
    same_on_every_thread_count(&real(3 << 20));
}
