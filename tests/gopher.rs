//! Repetition statistics against vectors computed by datatrove 0.10's own code
//! (tests/data/gopher_vectors.json, written by scripts/gopher_vectors.py).

use dedupe::{
    repetition_stats, repetition_stats_with_words, GopherThresholds, RepetitionStats, DUPLICATE_NGRAM_SIZES,
    TOP_NGRAM_SIZES,
};
use serde_json::Value;
use std::collections::HashSet;

fn vectors() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/gopher_vectors.json");
    let text = std::fs::read_to_string(path).expect("read gopher_vectors.json");
    let doc: Value = serde_json::from_str(&text).expect("parse gopher_vectors.json");
    doc["vectors"].as_array().expect("vectors array").clone()
}

/// Asserts `got` equals datatrove's fraction: exactly its numerator over its denominator
/// (Python's int / int and Rust's f64 division both round correctly), and within 1e-12 of
/// the float it printed.
fn check(name: &str, stat: &str, got: f64, want: &Value) {
    let num = want["num"].as_u64().expect("num");
    let den = want["den"].as_u64().expect("den");
    let exact = if den == 0 { 0.0 } else { num as f64 / den as f64 };
    assert_eq!(got, exact, "{name}: {stat} = {num}/{den}");
    let value = want["value"].as_f64().expect("value");
    assert!((got - value).abs() <= 1e-12, "{name}: {stat} {got} vs {value}");
}

fn check_lines_and_paragraphs(name: &str, got: &RepetitionStats, want: &Value) {
    check(
        name,
        "dup_para_frac",
        got.duplicate_paragraph_fraction,
        &want["dup_para_frac"],
    );
    check(
        name,
        "dup_para_char_frac",
        got.duplicate_paragraph_char_fraction,
        &want["dup_para_char_frac"],
    );
    check(
        name,
        "dup_line_frac",
        got.duplicate_line_fraction,
        &want["dup_line_frac"],
    );
    check(
        name,
        "dup_line_char_frac",
        got.duplicate_line_char_fraction,
        &want["dup_line_char_frac"],
    );
}

#[test]
fn vector_names_are_unique_and_cover_the_cases() {
    let vectors = vectors();
    let names: HashSet<&str> = vectors.iter().map(|v| v["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), vectors.len());
    for needed in ["doubled-article", "crlf", "unicode", "empty", "concat-collision"] {
        assert!(names.contains(needed), "missing vector {needed}");
    }
}

#[test]
fn lines_and_paragraphs_match_datatrove() {
    for v in vectors() {
        let name = v["name"].as_str().unwrap();
        let text = v["text"].as_str().unwrap();
        let got = repetition_stats(text);
        assert_eq!(got.chars, text.chars().count(), "{name}");
        check_lines_and_paragraphs(name, &got, &v["stats"]);
    }
}

#[test]
fn ngrams_match_datatrove_with_its_words() {
    for v in vectors() {
        let name = v["name"].as_str().unwrap();
        let text = v["text"].as_str().unwrap();
        let words: Vec<&str> = v["words"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap())
            .collect();
        let got = repetition_stats_with_words(text, &words);
        let want = &v["stats"];
        check_lines_and_paragraphs(name, &got, want);
        for (i, n) in TOP_NGRAM_SIZES.iter().enumerate() {
            let stat = format!("top_{n}_gram");
            let want = &want["top_n_gram"][n.to_string()];
            check(name, &stat, got.top_ngram_char_fraction[i], want);
        }
        for (i, n) in DUPLICATE_NGRAM_SIZES.iter().enumerate() {
            let stat = format!("duplicated_{n}_n_grams");
            let want = &want["dup_n_grams"][n.to_string()];
            check(name, &stat, got.duplicate_ngram_char_fraction[i], want);
        }
    }
}

#[test]
fn verdicts_match_datatrove_default_filter() {
    let gopher = GopherThresholds::default();
    for v in vectors() {
        let name = v["name"].as_str().unwrap();
        let text = v["text"].as_str().unwrap();
        let words: Vec<&str> = v["words"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap())
            .collect();
        let stats = repetition_stats_with_words(text, &words);
        let got = gopher
            .check(&stats)
            .map_or_else(|| "pass".to_string(), |rule| rule.to_string());
        assert_eq!(got, v["verdict"].as_str().unwrap(), "{name}");
    }
}
