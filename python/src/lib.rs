//! `dedupe_text._native`: the Python bindings of the `dedupe` library, built by maturin
//! into the abi3 extension module that the `dedupe_text` package wraps.
//!
//! Every result is converted to plain Python objects (frozen classes of offsets) once the
//! work is done; the work itself runs with the GIL released. Offsets are given twice:
//! bytes into the UTF-8 text, as the Rust library reports them, and code points, as Python
//! indexes a `str`.

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;

mod batch;
mod chars;
mod corpus;
mod finder;
mod jsonl;
mod report;
mod stats;

create_exception!(
    dedupe_text,
    DedupeError,
    PyValueError,
    "An error of the dedupe engine (a bad setting, an index that does not fit, a text that is not the one a report was made for), carrying the engine's message."
);

/// The Python exception for an error of the library: `OSError` for files, `DedupeError`
/// (a `ValueError`) for everything else, with the library's message.
pub(crate) fn to_py(e: dedupe::Error) -> PyErr {
    match e {
        dedupe::Error::Io { .. } => PyOSError::new_err(e.to_string()),
        other => DedupeError::new_err(other.to_string()),
    }
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("DedupeError", m.py().get_type::<DedupeError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    report::register(m)?;
    finder::register(m)?;
    corpus::register(m)?;
    stats::register(m)?;
    batch::register(m)?;
    jsonl::register(m)?;
    Ok(())
}
