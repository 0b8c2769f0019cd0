//! dedupe: find duplicated content in text.
#![forbid(unsafe_code)]

pub mod near;
mod report;
mod words;

pub use report::Span;
