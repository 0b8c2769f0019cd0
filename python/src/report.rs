//! The report classes: plain offsets, bytes and code points, copied out of the library's
//! [`dedupe::Report`] once a search is done.

use pyo3::prelude::*;

use crate::chars::CharOffsets;

/// One place in a text: a unit, a block, a repeat inside a unit.
#[pyclass(module = "dedupe_text._native", frozen, eq, hash, get_all)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Occurrence {
    /// The document (0 for a single text; its number in a corpus).
    pub doc: usize,
    /// First byte, from 0, into the UTF-8 encoding of the text.
    pub start: usize,
    /// Byte after the last (exclusive).
    pub end: usize,
    /// First code point, from 0: `text[char_start:char_end]` in Python.
    pub char_start: usize,
    /// Code point after the last (exclusive).
    pub char_end: usize,
    /// Line of the first byte, from 1 (`\n`, `\r\n` and a lone `\r` end lines).
    pub line: usize,
    /// Line of the last byte.
    pub end_line: usize,
    /// The number of the (first) unit, from 0, short units counted.
    pub unit: usize,
}

#[pymethods]
impl Occurrence {
    /// The occurrence's text, cut from the text it was found in: `text[char_start:char_end]`.
    fn text<'py>(&self, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        text.get_item(pyo3::types::PySlice::new(
            text.py(),
            self.char_start as isize,
            self.char_end as isize,
            1,
        ))
    }

    fn __repr__(&self) -> String {
        format!(
            "Occurrence(doc={}, start={}, end={}, char_start={}, char_end={}, line={}, end_line={}, unit={})",
            self.doc,
            self.start,
            self.end,
            self.char_start,
            self.char_end,
            self.line,
            self.end_line,
            self.unit
        )
    }
}

/// Equal units (after normalization): two or more occurrences, in text order.
#[pyclass(module = "dedupe_text._native", frozen, get_all)]
#[derive(Clone, Debug)]
pub struct Group {
    /// Every occurrence; the first is the one a repair keeps.
    pub occurrences: Vec<Occurrence>,
}

#[pymethods]
impl Group {
    fn __len__(&self) -> usize {
        self.occurrences.len()
    }
    fn __repr__(&self) -> String {
        format!("Group({} occurrences)", self.occurrences.len())
    }
}

/// A maximal run of consecutive units that occurs again.
#[pyclass(module = "dedupe_text._native", frozen, get_all)]
#[derive(Clone, Debug)]
pub struct Block {
    /// Units (of those long enough to count) in each occurrence.
    pub units: usize,
    /// Every occurrence, in text order.
    pub occurrences: Vec<Occurrence>,
}

#[pymethods]
impl Block {
    fn __len__(&self) -> usize {
        self.occurrences.len()
    }
    fn __repr__(&self) -> String {
        format!(
            "Block(units={}, {} occurrences)",
            self.units,
            self.occurrences.len()
        )
    }
}

/// A repeat inside a unit: a stutter ("the the") or a repeated run of words.
#[pyclass(module = "dedupe_text._native", frozen, get_all)]
#[derive(Clone, Debug)]
pub struct InnerRepeat {
    /// `"stutter"` or `"repeat"`.
    pub kind: String,
    /// Words in one copy.
    pub tokens: usize,
    /// Copies: consecutive ones for a stutter, occurrences for a repeat.
    pub copies: usize,
    /// A stutter: one occurrence spanning every copy; a repeat: each occurrence.
    pub occurrences: Vec<Occurrence>,
    /// A stutter's first copy as `(start, end)` bytes, else `None`.
    pub first_copy: Option<(usize, usize)>,
    /// The same in code points.
    pub char_first_copy: Option<(usize, usize)>,
    /// Whether it lies inside a unit already reported as a repeat.
    pub in_covered: bool,
}

#[pymethods]
impl InnerRepeat {
    fn __repr__(&self) -> String {
        format!(
            "InnerRepeat(kind={:?}, tokens={}, copies={})",
            self.kind, self.tokens, self.copies
        )
    }
}

/// Near-duplicate units: similar, not equal, connected by verified pairs.
#[pyclass(module = "dedupe_text._native", frozen, get_all)]
#[derive(Clone, Debug)]
pub struct NearRepeat {
    /// The units, in text order.
    pub occurrences: Vec<Occurrence>,
    /// The verified pairs: `(i, j, jaccard)` with `i`, `j` positions in `occurrences`.
    pub pairs: Vec<(usize, usize, f64)>,
}

#[pymethods]
impl NearRepeat {
    fn __repr__(&self) -> String {
        format!("NearRepeat({} occurrences)", self.occurrences.len())
    }
}

/// Everything found in one text: groups, blocks, repeats inside units, near duplicates,
/// and the cuts a repair makes.
#[pyclass(module = "dedupe_text._native", frozen)]
pub struct Report {
    rust: dedupe::Report,
    /// Equal units, sorted by first occurrence.
    #[pyo3(get)]
    groups: Vec<Group>,
    /// Maximal repeated blocks of two or more units, sorted by first occurrence.
    #[pyo3(get)]
    blocks: Vec<Block>,
    /// Stutters and repeated runs inside units (a finder with `inner=True`).
    #[pyo3(get)]
    inner: Vec<InnerRepeat>,
    /// Near-duplicate units (a finder with `near=True`).
    #[pyo3(get)]
    near: Vec<NearRepeat>,
    /// What a repair cuts, as `(start, end)` bytes, ascending.
    #[pyo3(get)]
    removals: Vec<(usize, usize)>,
    /// The same in code points.
    #[pyo3(get)]
    char_removals: Vec<(usize, usize)>,
}

#[pymethods]
impl Report {
    /// Units in the text, short ones included.
    #[getter]
    fn units(&self) -> usize {
        self.rust.units()
    }
    /// Length of the text in bytes (UTF-8).
    #[getter]
    fn bytes(&self) -> usize {
        self.rust.bytes()
    }
    /// The unit used: `"line"` or `"paragraph"`.
    #[getter]
    fn unit(&self) -> &'static str {
        unit_name(self.rust.unit())
    }
    /// The stutters alone, of `inner`.
    #[getter]
    fn stutters(&self) -> Vec<InnerRepeat> {
        self.inner
            .iter()
            .filter(|r| r.kind == "stutter")
            .cloned()
            .collect()
    }
    /// Units that repeat an earlier one.
    #[getter]
    fn repeated_units(&self) -> usize {
        self.rust.stats().repeated_units()
    }
    /// Bytes of the units that repeat an earlier one.
    #[getter]
    fn repeated_bytes(&self) -> usize {
        self.rust.stats().repeated_bytes()
    }
    /// `repeated_bytes / bytes` (0.0 for an empty text).
    #[getter]
    fn repeated_fraction(&self) -> f64 {
        self.rust.stats().repeated_fraction()
    }
    /// Whether anything at all was found.
    fn has_repeats(&self) -> bool {
        self.rust.has_repeats()
    }
    /// `text` with every repeat left once: the report must have been made from `text`.
    ///
    /// Raises `DedupeError` when `text` is not that text.
    fn repair(&self, py: Python<'_>, text: String) -> PyResult<String> {
        py.allow_threads(|| self.rust.repair(&text)).map_err(crate::to_py)
    }
    /// The report as a person reads it (the Rust `Display`).
    fn __str__(&self) -> String {
        self.rust.to_string()
    }
    fn __repr__(&self) -> String {
        format!(
            "Report(units={}, groups={}, blocks={}, inner={}, near={})",
            self.rust.units(),
            self.groups.len(),
            self.blocks.len(),
            self.inner.len(),
            self.near.len()
        )
    }
}

pub(crate) fn unit_name(unit: dedupe::Unit) -> &'static str {
    match unit {
        dedupe::Unit::Paragraph => "paragraph",
        dedupe::Unit::Line => "line",
        _ => "auto",
    }
}

/// Converts the library's occurrences of one text, with its code point offsets at hand.
pub(crate) struct Converter {
    chars: CharOffsets,
}

impl Converter {
    /// A converter for every offset of `report` in `text`.
    pub(crate) fn for_report(text: &str, report: &dedupe::Report) -> Converter {
        let mut offsets = Vec::new();
        let mut add = |o: &dedupe::Occurrence| offsets.extend([o.span().start, o.span().end]);
        report
            .groups()
            .iter()
            .flat_map(|g| g.occurrences())
            .for_each(&mut add);
        report
            .blocks()
            .iter()
            .flat_map(|b| b.occurrences())
            .for_each(&mut add);
        report
            .inner()
            .iter()
            .flat_map(|r| r.occurrences())
            .for_each(&mut add);
        report
            .near()
            .iter()
            .flat_map(|n| n.occurrences())
            .for_each(&mut add);
        for r in report.inner() {
            offsets.extend(r.first_copy().iter().flat_map(|s| [s.start, s.end]));
        }
        offsets.extend(report.removals().iter().flat_map(|s| [s.start, s.end]));
        Converter::new(text, offsets)
    }

    pub(crate) fn new(text: &str, offsets: Vec<usize>) -> Converter {
        Converter {
            chars: CharOffsets::new(text, offsets),
        }
    }

    pub(crate) fn occurrence(&self, o: &dedupe::Occurrence) -> Occurrence {
        Occurrence {
            doc: o.doc(),
            start: o.span().start,
            end: o.span().end,
            char_start: self.chars.get(o.span().start),
            char_end: self.chars.get(o.span().end),
            line: o.line(),
            end_line: o.end_line(),
            unit: o.unit(),
        }
    }

    pub(crate) fn span(&self, s: dedupe::Span) -> (usize, usize) {
        (self.chars.get(s.start), self.chars.get(s.end))
    }

    fn occurrences(&self, list: &[dedupe::Occurrence]) -> Vec<Occurrence> {
        list.iter().map(|o| self.occurrence(o)).collect()
    }

    /// The Python report of `report`, found in `text`.
    pub(crate) fn report(&self, report: dedupe::Report) -> Report {
        let groups = report
            .groups()
            .iter()
            .map(|g| Group {
                occurrences: self.occurrences(g.occurrences()),
            })
            .collect();
        let blocks = report
            .blocks()
            .iter()
            .map(|b| Block {
                units: b.units(),
                occurrences: self.occurrences(b.occurrences()),
            })
            .collect();
        let inner = report
            .inner()
            .iter()
            .map(|r| InnerRepeat {
                kind: match r.kind() {
                    dedupe::InnerKind::Stutter => "stutter",
                    _ => "repeat",
                }
                .to_owned(),
                tokens: r.tokens(),
                copies: r.copies(),
                occurrences: self.occurrences(r.occurrences()),
                first_copy: r.first_copy().map(|s| (s.start, s.end)),
                char_first_copy: r.first_copy().map(|s| self.span(s)),
                in_covered: r.in_covered(),
            })
            .collect();
        let near = report
            .near()
            .iter()
            .map(|n| NearRepeat {
                occurrences: self.occurrences(n.occurrences()),
                pairs: n.pairs().iter().map(|p| (p.a(), p.b(), p.jaccard())).collect(),
            })
            .collect();
        let removals = report.removals().iter().map(|s| (s.start, s.end)).collect();
        let char_removals = report.removals().iter().map(|&s| self.span(s)).collect();
        Report {
            rust: report,
            groups,
            blocks,
            inner,
            near,
            removals,
            char_removals,
        }
    }
}

/// A report made from `text`, converted.
pub(crate) fn convert(text: &str, report: dedupe::Report) -> Report {
    Converter::for_report(text, &report).report(report)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Occurrence>()?;
    m.add_class::<Group>()?;
    m.add_class::<Block>()?;
    m.add_class::<InnerRepeat>()?;
    m.add_class::<NearRepeat>()?;
    m.add_class::<Report>()?;
    Ok(())
}
