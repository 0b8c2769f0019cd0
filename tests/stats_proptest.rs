//! Property tests of the repetition statistics: invariants, and equality with a naive
//! oracle that follows the definitions with owned strings.

use dedupe::{
    explain_repetition, repetition_stats, repetition_stats_with_words, RepetitionAnalyzer, RepetitionStats,
    DUPLICATE_NGRAM_SIZES, TOP_NGRAM_SIZES,
};
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};

fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `re.split("\n{min,}", text)` with a naive scan.
fn split_runs(text: &str, min: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let (mut out, mut cur, mut i) = (Vec::new(), String::new(), 0);
    while i < chars.len() {
        if chars[i] == '\n' {
            let run = chars[i..].iter().take_while(|&&c| c == '\n').count();
            if run >= min {
                out.push(std::mem::take(&mut cur));
            } else {
                cur.extend(&chars[i..i + run]);
            }
            i += run;
        } else {
            cur.push(chars[i]);
            i += 1;
        }
    }
    out.push(cur);
    out
}

fn duplicates(pieces: &[String]) -> (usize, usize) {
    let mut seen = HashSet::new();
    let (mut n, mut chars) = (0, 0);
    for p in pieces {
        if !seen.insert(p.clone()) {
            n += 1;
            chars += p.chars().count();
        }
    }
    (n, chars)
}

fn oracle(text: &str, words: &[&str]) -> RepetitionStats {
    let mut s = repetition_stats_with_words("", words); // zeroed, with words.len()
    if text.is_empty() {
        return s;
    }
    let total = text.chars().count();
    s.chars = total;
    let paragraphs = split_runs(text.trim_matches(is_py_space), 2);
    let (n, c) = duplicates(&paragraphs);
    s.duplicate_paragraph_fraction = n as f64 / paragraphs.len() as f64;
    s.duplicate_paragraph_char_fraction = c as f64 / total as f64;
    let lines = split_runs(text, 1);
    let (n, c) = duplicates(&lines);
    s.duplicate_line_fraction = n as f64 / lines.len() as f64;
    s.duplicate_line_char_fraction = c as f64 / total as f64;
    for (i, &n) in TOP_NGRAM_SIZES.iter().enumerate() {
        let grams: Vec<String> = words.windows(n).map(|w| w.join(" ")).collect();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for g in &grams {
            *counts.entry(g).or_default() += 1;
        }
        // The first n-gram (in text order) of the highest count.
        let best = grams.iter().fold(None::<(&str, usize)>, |best, g| match best {
            Some((_, c)) if c >= counts[g.as_str()] => best,
            _ => Some((g, counts[g.as_str()])),
        });
        if let Some((g, c)) = best {
            s.top_ngram_char_fraction[i] = (g.chars().count() * c) as f64 / total as f64;
        }
    }
    for (i, &n) in DUPLICATE_NGRAM_SIZES.iter().enumerate() {
        let mut seen = HashSet::new();
        let (mut chars, mut idx) = (0, 0);
        while idx + n <= words.len() {
            let g = words[idx..idx + n].concat();
            if seen.contains(&g) {
                chars += g.chars().count();
                idx += n;
            } else {
                seen.insert(g);
                idx += 1;
            }
        }
        s.duplicate_ngram_char_fraction[i] = chars as f64 / total as f64;
    }
    s
}

/// Text built from a few repeated pieces and separators, so repeats occur.
fn repetitive_text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "a b c",
        "la la",
        "x",
        "",
        " ",
        "\t",
        "é ü 東京 😀",
        "one two three four five",
        "ab c",
        "a bc",
        "can't stop",
        "\r",
        "\u{1f}",
    ]);
    let sep = prop::sample::select(vec!["\n", "\n\n", " ", "\n\n\n", "\r\n", "\r\n\r\n", ""]);
    prop::collection::vec((piece, sep), 0..40)
        .prop_map(|v| v.into_iter().flat_map(|(p, s)| [p, s]).collect::<String>())
}

fn assert_in_range(s: &RepetitionStats) {
    let fractions = [
        s.duplicate_paragraph_fraction,
        s.duplicate_paragraph_char_fraction,
        s.duplicate_line_fraction,
        s.duplicate_line_char_fraction,
    ]
    .into_iter()
    .chain(s.duplicate_ngram_char_fraction);
    for f in fractions {
        assert!((0.0..=1.0).contains(&f), "{f} in {s:?}");
    }
    // Top n-grams count overlapping occurrences: bounded by 2n - 1 when words are
    // disjoint pieces of the text.
    for (f, n) in s.top_ngram_char_fraction.into_iter().zip(TOP_NGRAM_SIZES) {
        assert!(f >= 0.0 && f <= (2 * n - 1) as f64, "{f} for n = {n} in {s:?}");
    }
}

proptest! {
    #[test]
    fn equals_oracle_on_repetitive_text(text in repetitive_text()) {
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .collect();
        prop_assert_eq!(repetition_stats_with_words(&text, &words), oracle(&text, &words));
    }

    #[test]
    fn equals_oracle_on_arbitrary_words(
        text in "\\PC{0,30}",
        words in prop_oneof![
            prop::collection::vec("[ab ]{0,3}", 0..60),
            prop::collection::vec("[ab]{1,7}", 0..200),
        ],
    ) {
        // Small alphabets make joined n-grams collide although the word lists differ; the
        // longer words also exercise the 16-byte shingle pruning.
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        prop_assert_eq!(repetition_stats_with_words(&text, &words), oracle(&text, &words));
    }

    #[test]
    fn fractions_in_range(text in prop_oneof![repetitive_text(), any::<String>()]) {
        assert_in_range(&repetition_stats(&text));
    }

    #[test]
    fn explanation_agrees_with_stats(text in repetitive_text()) {
        let why = explain_repetition(&text);
        prop_assert_eq!(why.stats, repetition_stats(&text));
        let spans = why
            .duplicate_lines
            .iter()
            .chain(&why.duplicate_paragraphs)
            .chain(why.duplicate_ngrams.iter().flatten())
            .chain(why.top_ngrams.iter().flatten().flat_map(|t| &t.occurrences));
        for &span in spans {
            prop_assert!(span.start <= span.end && span.end <= text.len());
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
        // Each duplicate line equals an earlier line.
        for span in &why.duplicate_lines {
            let line = &text.as_str()[*span];
            let earlier = split_runs(&text[..span.start], 1);
            prop_assert!(earlier.iter().any(|l| l == line), "{:?}", line);
        }
        for top in why.top_ngrams.iter().flatten() {
            prop_assert_eq!(top.occurrences.len(), top.count);
        }
    }

    #[test]
    fn analyzer_reuse_changes_nothing(a in repetitive_text(), b in repetitive_text()) {
        let mut analyzer = RepetitionAnalyzer::new();
        analyzer.stats(&a);
        prop_assert_eq!(analyzer.stats(&b), repetition_stats(&b));
    }
}

#[test]
fn empty_text_gives_zeros() {
    let s = repetition_stats("");
    assert_eq!(s, oracle("", &[]));
    assert_in_range(&s);
    assert!(s.top_ngram_char_fraction.iter().all(|f| *f == 0.0));
}
