//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong: building a [`Finder`](crate::Finder), reading input,
/// or applying a report to a text it was not made from. Searching itself never fails.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A configuration value is out of range; the message says which.
    #[error("invalid configuration: {0}")]
    Config(&'static str),
    /// Reading a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file that could not be read.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// Input is not valid UTF-8.
    #[error("{}: invalid UTF-8 at byte {offset}", path.as_deref().map_or("<input>".into(), |p| p.display().to_string()))]
    InvalidUtf8 {
        /// The file, when the input came from one.
        path: Option<PathBuf>,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A saved [`CorpusIndex`](crate::CorpusIndex) cannot be used: not an index, cut
    /// short, another format version, or built with other settings (the message says
    /// which).
    #[error("corpus index: {0}")]
    Index(String),
    /// A document number past the end of the corpus.
    #[error("no document {doc}: the corpus has {documents}")]
    NoDocument {
        /// The number asked for.
        doc: usize,
        /// How many documents there are.
        documents: usize,
    },
    /// A [`Report`](crate::Report) was applied to a text other than the one it was made from.
    #[error("report was made from a text of {expected} bytes, given {actual} bytes")]
    TextMismatch {
        /// The length of the text the report was made from.
        expected: usize,
        /// The length of the text given.
        actual: usize,
    },
    /// A line of a JSONL input is not a document (feature `jsonl`): not UTF-8, or not a
    /// JSON object with a string text field. The message says what is wrong, and where in
    /// the line.
    #[error("{}:{line}: {message}", path.display())]
    Jsonl {
        /// The input, as named to the reader.
        path: PathBuf,
        /// The line, from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// The thread pool could not be built.
    #[error("thread pool: {0}")]
    Pool(#[from] rayon::ThreadPoolBuildError),
}

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
