//! JSONL through the library's reader and byte-preserving writer, so that a pipeline in
//! Python reads documents and writes cleaned lines exactly as `dedupe --clean` does.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use dedupe::jsonl::{Batch, Reader};

/// Every document of a JSONL file's bytes (plain, gzip or zstd): `(line, raw, text)` with
/// `line` its line number from 1, `raw` the line as it came (no line end), `text` its
/// decoded text (`""` for a line the reader skips, whose `raw` is written back as is).
///
/// Raises `DedupeError` for a line that is not a JSON object with a string text field.
#[pyfunction]
#[pyo3(signature = (data, path="<input>", text_field="text", id_field="id"))]
fn jsonl_documents<'py>(
    py: Python<'py>,
    data: Vec<u8>,
    path: &str,
    text_field: &str,
    id_field: &str,
) -> PyResult<Vec<(usize, Bound<'py, PyBytes>, String)>> {
    let path = path.to_owned();
    let (text_field, id_field) = (text_field.to_owned(), id_field.to_owned());
    let docs = py
        .allow_threads(move || -> dedupe::Result<Vec<(usize, Vec<u8>, String)>> {
            let mut reader = Reader::new(path, std::io::Cursor::new(data))?;
            reader.text_field(text_field).id_field(id_field);
            let mut batch = Batch::new();
            let mut out = Vec::new();
            loop {
                let done = reader.fill(&mut batch, 1 << 22)?;
                out.extend(
                    batch
                        .iter()
                        .map(|d| (d.line(), d.raw().to_vec(), d.text().to_owned())),
                );
                batch.clear();
                if done {
                    return Ok(out);
                }
            }
        })
        .map_err(crate::to_py)?;
    Ok(docs
        .into_iter()
        .map(|(line, raw, text)| (line, PyBytes::new(py, &raw), text))
        .collect())
}

/// `raw`, one JSONL line, with the byte spans `cuts` (of its decoded text, ascending and
/// disjoint) cut out of its text literal and every other byte as it came: the line
/// `dedupe --clean` writes.
#[pyfunction]
#[pyo3(signature = (raw, cuts, text_field="text", id_field="id"))]
fn jsonl_cut_line<'py>(
    py: Python<'py>,
    raw: Vec<u8>,
    cuts: Vec<(usize, usize)>,
    text_field: &str,
    id_field: &str,
) -> PyResult<Bound<'py, PyBytes>> {
    let (text_field, id_field) = (text_field.to_owned(), id_field.to_owned());
    let out = py.allow_threads(move || -> PyResult<Vec<u8>> {
        let mut reader = Reader::new("<line>", std::io::Cursor::new(raw)).map_err(crate::to_py)?;
        reader.text_field(text_field).id_field(id_field);
        let mut batch = Batch::new();
        while !reader.fill(&mut batch, 1 << 20).map_err(crate::to_py)? {}
        let doc = batch
            .get(0)
            .ok_or_else(|| PyValueError::new_err("jsonl_cut_line: the line holds no document"))?;
        let len = doc.text().len();
        let mut spans = Vec::with_capacity(cuts.len());
        let mut at = 0;
        for (start, end) in cuts {
            if start < at || end < start || end > len || !doc.text().is_char_boundary(start) || !doc.text().is_char_boundary(end) {
                return Err(PyValueError::new_err(format!(
                    "jsonl_cut_line: cut {start}..{end} is not ascending, disjoint and on character boundaries of a text of {len} bytes"
                )));
            }
            spans.push(dedupe::Span { start, end });
            at = end;
        }
        let mut out = Vec::new();
        doc.write_cut(&spans, &mut out);
        Ok(out)
    })?;
    Ok(PyBytes::new(py, &out))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(jsonl_documents, m)?)?;
    m.add_function(wrap_pyfunction!(jsonl_cut_line, m)?)?;
    Ok(())
}
