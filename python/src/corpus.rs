//! The corpus index: add or index documents, save, load, merge, resolve; then locate and
//! repair each document.

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::finder::Finder;
use crate::report::{convert, Converter, Occurrence, Report};

/// The fingerprints of every unit of a corpus: `CorpusIndex(finder=None)`.
///
/// Documents are numbered in the order they are added, from 0. Indexes of consecutive
/// shards merge, in order, into the index of the whole corpus. Pickles (as its on-disk
/// format), so workers can receive one or send theirs back.
#[pyclass(module = "dedupe_text._native")]
pub struct CorpusIndex {
    finder: Py<Finder>,
    rust: dedupe::CorpusIndex,
}

fn finder_or_default(py: Python<'_>, finder: Option<Py<Finder>>) -> PyResult<Py<Finder>> {
    match finder {
        Some(f) => Ok(f),
        None => Py::new(
            py,
            Finder {
                settings: Finder::default_settings(),
                rust: dedupe::Finder::new(),
                pool: None,
            },
        ),
    }
}

#[pymethods]
impl CorpusIndex {
    #[new]
    #[pyo3(signature = (finder=None))]
    fn new(py: Python<'_>, finder: Option<Py<Finder>>) -> PyResult<Self> {
        let finder = finder_or_default(py, finder)?;
        let rust = dedupe::CorpusIndex::new(&finder.get().rust);
        Ok(CorpusIndex { finder, rust })
    }

    /// The finder whose settings the index was built with.
    #[getter]
    fn finder(&self, py: Python<'_>) -> Py<Finder> {
        self.finder.clone_ref(py)
    }

    /// Documents added so far; the next one added gets this number.
    #[getter]
    fn documents(&self) -> usize {
        self.rust.documents()
    }

    /// Units in the index (those long enough to count).
    #[getter]
    fn units(&self) -> usize {
        self.rust.units()
    }

    /// Adds `texts`, numbered on from `documents`, and returns their within-document
    /// reports (occurrences carry their document number).
    fn add(&mut self, py: Python<'_>, texts: Vec<String>) -> Vec<Report> {
        let rust = &mut self.rust;
        py.allow_threads(move || {
            let reports = rust.add(&texts);
            reports
                .into_iter()
                .zip(&texts)
                .map(|(r, t)| convert(t, r))
                .collect()
        })
    }

    /// Adds `texts` as `add` does, without making their reports (the cheaper call).
    fn index(&mut self, py: Python<'_>, texts: Vec<String>) {
        let rust = &mut self.rust;
        py.allow_threads(move || rust.index(&texts));
    }

    /// Appends `other`, an index of the documents that follow this one's (renumbered on
    /// from this index's). Raises `DedupeError` when the settings differ.
    fn merge(&mut self, other: &CorpusIndex) -> PyResult<()> {
        self.rust.merge(other.rust.clone()).map_err(crate::to_py)
    }

    /// The index in the library's on-disk format (what `dedupe --save-index` writes).
    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let mut out = Vec::new();
        let rust = &self.rust;
        py.allow_threads(|| rust.save(&mut out))?;
        Ok(PyBytes::new(py, &out))
    }

    /// Writes the index to the file `path`.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        let rust = &self.rust;
        py.allow_threads(|| -> std::io::Result<()> {
            let file = std::fs::File::create(&path)?;
            let mut w = std::io::BufWriter::new(file);
            rust.save(&mut w)?;
            std::io::Write::flush(&mut w)
        })
        .map_err(|e| pyo3::exceptions::PyOSError::new_err(format!("{}: {e}", path.display())))
    }

    /// An index read from `data` (bytes of `to_bytes` or `save`). `finder` must have the
    /// settings it was built with (default: the default finder).
    #[staticmethod]
    #[pyo3(signature = (data, finder=None))]
    fn from_bytes(py: Python<'_>, data: &[u8], finder: Option<Py<Finder>>) -> PyResult<Self> {
        let finder = finder_or_default(py, finder)?;
        let rust = dedupe::CorpusIndex::load(&finder.get().rust, data).map_err(crate::to_py)?;
        Ok(CorpusIndex { finder, rust })
    }

    /// An index read from the file `path`.
    #[staticmethod]
    #[pyo3(signature = (path, finder=None))]
    fn load(py: Python<'_>, path: std::path::PathBuf, finder: Option<Py<Finder>>) -> PyResult<Self> {
        let finder = finder_or_default(py, finder)?;
        let f = finder.get();
        let rust = py
            .allow_threads(|| dedupe::CorpusIndex::open(&f.rust, &path))
            .map_err(crate::to_py)?;
        Ok(CorpusIndex { finder, rust })
    }

    /// What repeats across the corpus, and what to cut from each document.
    fn resolve(&self, py: Python<'_>) -> CorpusRepeats {
        let rust = &self.rust;
        CorpusRepeats {
            rust: py.allow_threads(|| rust.resolve()),
        }
    }

    fn __getnewargs__(&self, py: Python<'_>) -> (Py<Finder>,) {
        (self.finder.clone_ref(py),)
    }

    fn __getstate__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        self.to_bytes(py)
    }

    fn __setstate__(&mut self, state: &[u8]) -> PyResult<()> {
        self.rust = dedupe::CorpusIndex::load(&self.finder.get().rust, state).map_err(crate::to_py)?;
        Ok(())
    }

    fn __repr__(&self) -> String {
        format!(
            "CorpusIndex(documents={}, units={})",
            self.rust.documents(),
            self.rust.units()
        )
    }
}

/// A block of units found in two or more documents.
#[pyclass(module = "dedupe_text._native", frozen, get_all)]
#[derive(Clone, Debug)]
pub struct CorpusBlock {
    /// Units (of those long enough to count) in each occurrence.
    pub units: usize,
    /// Every occurrence as `(doc, first_unit, last_unit)`, in corpus order.
    pub runs: Vec<(usize, usize, usize)>,
}

/// One document's part in a group or block across the corpus.
#[pyclass(module = "dedupe_text._native", frozen, get_all)]
#[derive(Clone, Debug)]
pub struct Member {
    /// The number of the group or block (in `CorpusRepeats.groups` / `.blocks`).
    pub of: usize,
    /// Where, in this document.
    pub occurrence: Occurrence,
}

/// One document's part in the corpus-wide results, from `CorpusRepeats.locate`.
#[pyclass(module = "dedupe_text._native", frozen)]
pub struct DocRepeats {
    rust: dedupe::DocRepeats,
    /// Its units in cross-document groups.
    #[pyo3(get)]
    groups: Vec<Member>,
    /// Its runs in cross-document blocks.
    #[pyo3(get)]
    blocks: Vec<Member>,
    /// The cuts of a corpus-wide repair, `(start, end)` bytes.
    #[pyo3(get)]
    removals: Vec<(usize, usize)>,
    /// The same in code points.
    #[pyo3(get)]
    char_removals: Vec<(usize, usize)>,
}

#[pymethods]
impl DocRepeats {
    /// The document's text with the corpus-wide cuts made.
    fn repair(&self, py: Python<'_>, text: String) -> PyResult<String> {
        py.allow_threads(|| self.rust.repair(&text)).map_err(crate::to_py)
    }
}

/// What repeats across a corpus, by document and unit numbers: from `CorpusIndex.resolve`.
#[pyclass(module = "dedupe_text._native", frozen)]
pub struct CorpusRepeats {
    rust: dedupe::CorpusRepeats,
}

fn run(r: &dedupe::UnitRun) -> (usize, usize, usize) {
    (r.doc(), r.first(), r.last())
}

#[pymethods]
impl CorpusRepeats {
    /// Units equal across two or more documents: lists of `(doc, unit, unit)`.
    #[getter]
    fn groups(&self) -> Vec<Vec<(usize, usize, usize)>> {
        self.rust
            .groups()
            .iter()
            .map(|g| g.iter().map(run).collect())
            .collect()
    }

    /// Blocks found in two or more documents.
    #[getter]
    fn blocks(&self) -> Vec<CorpusBlock> {
        self.rust
            .blocks()
            .iter()
            .map(|b| CorpusBlock {
                units: b.units(),
                runs: b.runs().iter().map(run).collect(),
            })
            .collect()
    }

    /// Sets of documents whose whole normalized text is equal.
    #[getter]
    fn duplicate_documents(&self) -> Vec<Vec<usize>> {
        self.rust.duplicate_documents().to_vec()
    }

    /// Document `doc`'s spans and lines in groups and blocks, and its cuts; `text` must be
    /// the text it was indexed from. Raises `DedupeError` for a document not in the index.
    fn locate(&self, py: Python<'_>, doc: usize, text: String) -> PyResult<DocRepeats> {
        py.allow_threads(|| {
            let found = self.rust.locate(doc, &text).map_err(crate::to_py)?;
            let mut offsets = Vec::new();
            for m in found.groups().iter().chain(found.blocks()) {
                offsets.extend([m.occurrence().span().start, m.occurrence().span().end]);
            }
            offsets.extend(found.removals().iter().flat_map(|s| [s.start, s.end]));
            let conv = Converter::new(&text, offsets);
            let members = |list: &[dedupe::Member]| -> Vec<Member> {
                list.iter()
                    .map(|m| Member {
                        of: m.of(),
                        occurrence: conv.occurrence(&m.occurrence()),
                    })
                    .collect()
            };
            Ok(DocRepeats {
                groups: members(found.groups()),
                blocks: members(found.blocks()),
                removals: found.removals().iter().map(|s| (s.start, s.end)).collect(),
                char_removals: found.removals().iter().map(|&s| conv.span(s)).collect(),
                rust: found,
            })
        })
    }

    /// Document `doc`'s text with the corpus-wide cuts made.
    fn repair(&self, py: Python<'_>, doc: usize, text: String) -> PyResult<String> {
        py.allow_threads(|| self.rust.locate(doc, &text)?.repair(&text))
            .map_err(crate::to_py)
    }

    /// Whether unit `unit` of document `doc` repeats a unit earlier in the corpus.
    fn is_repeat(&self, doc: usize, unit: usize) -> bool {
        self.rust.is_repeat(doc, unit)
    }

    /// Units document `doc` loses in a corpus-wide repair.
    fn removed_units(&self, doc: usize) -> usize {
        self.rust.removed_units(doc)
    }

    /// Whether document `doc` takes any part in the corpus-wide results.
    fn involves(&self, doc: usize) -> bool {
        self.rust.involves(doc)
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<CorpusIndex>()?;
    m.add_class::<CorpusRepeats>()?;
    m.add_class::<CorpusBlock>()?;
    m.add_class::<DocRepeats>()?;
    m.add_class::<Member>()?;
    Ok(())
}
