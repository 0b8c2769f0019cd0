//! dedupe: find duplicated content in text.
#![forbid(unsafe_code)]

mod report;
mod stats;
mod words;

pub use report::Span;
pub use stats::{
    explain_repetition, repetition_stats, repetition_stats_with_words, GopherRule,
    GopherThresholds, RepetitionAnalyzer, RepetitionExplanation, RepetitionStats, TopNgram,
    DUPLICATE_NGRAM_SIZES, TOP_NGRAM_SIZES,
};
