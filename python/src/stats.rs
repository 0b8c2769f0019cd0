//! Gopher repetition statistics under datatrove's names, and MinHash signatures.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::chars::char_offsets;

/// The statistics as a dict keyed by datatrove's names (`dup_para_frac`,
/// `dup_para_char_frac`, `dup_line_frac`, `dup_line_char_frac`, `top_{n}_gram` for n = 2..4,
/// `duplicated_{n}_n_grams` for n = 5..10), plus `chars` and `words`.
pub(crate) fn stats_dict<'py>(py: Python<'py>, s: &dedupe::RepetitionStats) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (name, value) in stat_pairs(s) {
        d.set_item(name, value)?;
    }
    d.set_item("chars", s.chars)?;
    d.set_item("words", s.words)?;
    Ok(d)
}

/// `(datatrove name, value)` of every fraction, in datatrove's order of checking.
pub(crate) fn stat_pairs(s: &dedupe::RepetitionStats) -> Vec<(String, f64)> {
    let mut out = vec![
        ("dup_para_frac".to_owned(), s.duplicate_paragraph_fraction),
        (
            "dup_para_char_frac".to_owned(),
            s.duplicate_paragraph_char_fraction,
        ),
        ("dup_line_frac".to_owned(), s.duplicate_line_fraction),
        ("dup_line_char_frac".to_owned(), s.duplicate_line_char_fraction),
    ];
    for (n, v) in dedupe::TOP_NGRAM_SIZES.iter().zip(s.top_ngram_char_fraction) {
        out.push((format!("top_{n}_gram"), v));
    }
    for (n, v) in dedupe::DUPLICATE_NGRAM_SIZES
        .iter()
        .zip(s.duplicate_ngram_char_fraction)
    {
        out.push((format!("duplicated_{n}_n_grams"), v));
    }
    out
}

/// The Gopher repetition statistics of `text`, as datatrove 0.10 names them.
///
/// Words are split by Unicode word boundaries (UAX #29) unless `words` is given (for
/// example datatrove's tokenizer's words for `text`); line and paragraph statistics
/// depend on `text` alone.
#[pyfunction]
#[pyo3(signature = (text, words=None))]
fn repetition_stats<'py>(
    py: Python<'py>,
    text: String,
    words: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyDict>> {
    let s = py.allow_threads(|| match &words {
        None => dedupe::repetition_stats(&text),
        Some(w) => {
            let w: Vec<&str> = w.iter().map(String::as_str).collect();
            dedupe::repetition_stats_with_words(&text, &w)
        }
    });
    stats_dict(py, &s)
}

/// The datatrove name of the first Gopher rule that `text` fails with datatrove's default
/// thresholds (`"empty"`, `"dup_para_frac"`, ..., `"duplicated_10_n_grams"`), or `None`
/// when it passes.
#[pyfunction]
fn gopher_rule(py: Python<'_>, text: String) -> Option<String> {
    py.allow_threads(|| {
        let s = dedupe::repetition_stats(&text);
        dedupe::GopherThresholds::default()
            .check(&s)
            .map(|r| r.to_string())
    })
}

/// Byte spans as `[(start, end), ...]` and the same in code points.
type Spans = (Vec<(usize, usize)>, Vec<(usize, usize)>);

fn spans(text: &str, list: &[dedupe::Span]) -> Spans {
    let flat: Vec<usize> = list.iter().flat_map(|s| [s.start, s.end]).collect();
    let chars = char_offsets(text, &flat);
    (
        list.iter().map(|s| (s.start, s.end)).collect(),
        chars.chunks(2).map(|c| (c[0], c[1])).collect(),
    )
}

/// The statistics of `text` together with the spans that produced them: a dict with
/// `stats` (as `repetition_stats`), and for each statistic the spans behind it, in bytes
/// and code points: `duplicate_paragraphs`, `duplicate_lines`, `top_{n}_gram`
/// (every occurrence of the most frequent n-gram), `duplicated_{n}_n_grams`; each
/// `{"bytes": [(start, end), ...], "chars": [...]}`; and `rule`, as `gopher_rule` gives it.
#[pyfunction]
fn explain_repetition<'py>(py: Python<'py>, text: String) -> PyResult<Bound<'py, PyDict>> {
    let (why, lists) = py.allow_threads(|| {
        let why = dedupe::explain_repetition(&text);
        let mut lists: Vec<(String, Spans)> = vec![
            (
                "duplicate_paragraphs".into(),
                spans(&text, &why.duplicate_paragraphs),
            ),
            ("duplicate_lines".into(), spans(&text, &why.duplicate_lines)),
        ];
        for (n, top) in dedupe::TOP_NGRAM_SIZES.iter().zip(&why.top_ngrams) {
            let occ = top.as_ref().map_or(&[][..], |t| &t.occurrences[..]);
            lists.push((format!("top_{n}_gram"), spans(&text, occ)));
        }
        for (n, dup) in dedupe::DUPLICATE_NGRAM_SIZES.iter().zip(&why.duplicate_ngrams) {
            lists.push((format!("duplicated_{n}_n_grams"), spans(&text, dup)));
        }
        (why, lists)
    });
    let d = PyDict::new(py);
    d.set_item("stats", stats_dict(py, &why.stats)?)?;
    let rule = dedupe::GopherThresholds::default()
        .check(&why.stats)
        .map(|r| r.to_string());
    d.set_item("rule", rule)?;
    for (name, (bytes, chars)) in lists {
        let e = PyDict::new(py);
        e.set_item("bytes", bytes)?;
        e.set_item("chars", chars)?;
        d.set_item(name, e)?;
    }
    Ok(d)
}

/// A MinHash hasher from keyword settings.
pub(crate) fn hasher(
    num_hashes: usize,
    shingle_words: usize,
    char_k: usize,
    seed: Option<u64>,
) -> PyResult<dedupe::near::MinHasher> {
    let mut cfg = dedupe::near::MinHashConfig::default();
    cfg.num_hashes = num_hashes;
    cfg.k = shingle_words;
    cfg.char_k = char_k;
    if let Some(seed) = seed {
        cfg.seed = seed;
    }
    dedupe::near::MinHasher::new(&cfg).map_err(crate::to_py)
}

/// The MinHash signature of each text: a list of `num_hashes` 64-bit ints per text
/// (shingles: lower-cased word `shingle_words`-grams, and character `char_k`-grams in
/// scripts written without spaces), computed in parallel.
#[pyfunction]
#[pyo3(signature = (texts, num_hashes=128, shingle_words=5, char_k=3, seed=None))]
fn minhash_signatures(
    py: Python<'_>,
    texts: Vec<String>,
    num_hashes: usize,
    shingle_words: usize,
    char_k: usize,
    seed: Option<u64>,
) -> PyResult<Vec<Vec<u64>>> {
    let h = hasher(num_hashes, shingle_words, char_k, seed)?;
    Ok(py.allow_threads(|| {
        h.signatures(&texts)
            .into_iter()
            .map(|s| s.values().to_vec())
            .collect()
    }))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(repetition_stats, m)?)?;
    m.add_function(wrap_pyfunction!(gopher_rule, m)?)?;
    m.add_function(wrap_pyfunction!(explain_repetition, m)?)?;
    m.add_function(wrap_pyfunction!(minhash_signatures, m)?)?;
    Ok(())
}
