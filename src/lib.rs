//! dedupe: find duplicated content in text.
#![forbid(unsafe_code)]

mod report;
mod words;

pub use report::Span;
