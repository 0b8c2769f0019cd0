//! `Finder`: the Rust `FinderBuilder` settings as keyword arguments, and the one-call
//! functions on the default finder.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::report::{convert, Converter, Occurrence, Report};

/// The settings a `Finder` was made with: what it pickles as.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Settings {
    unit: String,
    normalize: String,
    fold_case: bool,
    min_chars: Option<usize>,
    min_bytes: Option<usize>,
    threads: Option<usize>,
    hash_seed: Option<u64>,
    inner: bool,
    stutters: bool,
    runs: bool,
    min_run_words: usize,
    near: bool,
    near_threshold: f64,
    shingle_words: usize,
}

impl Settings {
    fn build(&self) -> PyResult<dedupe::Finder> {
        let mut b = dedupe::FinderBuilder::new();
        b.unit(match self.unit.as_str() {
            "auto" => dedupe::Unit::Auto,
            "line" => dedupe::Unit::Line,
            "paragraph" => dedupe::Unit::Paragraph,
            other => {
                return Err(PyValueError::new_err(format!(
                    "unit must be 'auto', 'line' or 'paragraph', not {other:?}"
                )))
            }
        });
        b.normalize(match self.normalize.as_str() {
            "exact" => dedupe::Normalize::Exact,
            "whitespace" => dedupe::Normalize::Whitespace,
            "unicode" => dedupe::Normalize::Unicode,
            other => {
                return Err(PyValueError::new_err(format!(
                    "normalize must be 'exact', 'whitespace' or 'unicode', not {other:?}"
                )))
            }
        });
        b.fold_case(self.fold_case).threads(self.threads);
        match (self.min_chars, self.min_bytes) {
            (Some(_), Some(_)) => {
                return Err(crate::DedupeError::new_err(
                    "give min_chars or min_bytes, not both: both set the least size of a unit",
                ))
            }
            (None, Some(bytes)) => b.min_bytes(bytes),
            (chars, None) => b.min_chars(chars.unwrap_or(20)),
        };
        if let Some(seed) = self.hash_seed {
            b.hash_seed(seed);
        }
        if self.inner || self.stutters || self.runs {
            b.stutters(self.inner || self.stutters)
                .runs(self.inner || self.runs)
                .min_run_words(self.min_run_words);
        }
        if self.near {
            let mut cfg = dedupe::near::NearConfig::default();
            cfg.threshold = self.near_threshold;
            cfg.minhash.k = self.shingle_words;
            b.near_config(cfg);
        }
        b.build().map_err(crate::to_py)
    }
}

/// A reusable search set up once: `Finder(unit="auto", normalize="unicode",
/// fold_case=False, min_chars=None, min_bytes=None, threads=None, hash_seed=None,
/// inner=False, stutters=False, runs=False, min_run_words=8, near=False,
/// near_threshold=0.8, shingle_words=5)`.
///
/// A unit counts when it has at least `min_chars` characters after normalization (20 when
/// neither is given), or `min_bytes` bytes instead. `inner=True` looks inside units for
/// both stutters and repeated runs of words; `stutters` and `runs` ask for one of them.
///
/// Pickles (by its settings), so Ray and multiprocessing workers can receive it.
#[pyclass(module = "dedupe_text._native", frozen)]
pub struct Finder {
    pub(crate) settings: Settings,
    pub(crate) rust: dedupe::Finder,
    /// With `threads` set: the pool the batch functions spread documents over (the
    /// engine's own parallel stages use the finder's pool).
    pub(crate) pool: Option<std::sync::Arc<rayon::ThreadPool>>,
}

#[pymethods]
impl Finder {
    #[new]
    #[pyo3(signature = (unit="auto", normalize="unicode", fold_case=false, min_chars=None, min_bytes=None,
        threads=None, hash_seed=None, inner=false, stutters=false, runs=false, min_run_words=8, near=false,
        near_threshold=0.8, shingle_words=5))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        unit: &str,
        normalize: &str,
        fold_case: bool,
        min_chars: Option<usize>,
        min_bytes: Option<usize>,
        threads: Option<usize>,
        hash_seed: Option<u64>,
        inner: bool,
        stutters: bool,
        runs: bool,
        min_run_words: usize,
        near: bool,
        near_threshold: f64,
        shingle_words: usize,
    ) -> PyResult<Self> {
        let settings = Settings {
            unit: unit.to_owned(),
            normalize: normalize.to_owned(),
            fold_case,
            min_chars,
            min_bytes,
            threads,
            hash_seed,
            inner,
            stutters,
            runs,
            min_run_words,
            near,
            near_threshold,
            shingle_words,
        };
        let rust = settings.build()?;
        let pool = match threads {
            Some(n) => Some(std::sync::Arc::new(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| crate::DedupeError::new_err(e.to_string()))?,
            )),
            None => None,
        };
        Ok(Finder { settings, rust, pool })
    }

    /// The settings as keyword arguments: `Finder(**f.settings())` is an equal finder.
    fn settings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = &self.settings;
        let d = PyDict::new(py);
        d.set_item("unit", &s.unit)?;
        d.set_item("normalize", &s.normalize)?;
        d.set_item("fold_case", s.fold_case)?;
        d.set_item("min_chars", s.min_chars)?;
        d.set_item("min_bytes", s.min_bytes)?;
        d.set_item("threads", s.threads)?;
        d.set_item("hash_seed", s.hash_seed)?;
        d.set_item("inner", s.inner)?;
        d.set_item("stutters", s.stutters)?;
        d.set_item("runs", s.runs)?;
        d.set_item("min_run_words", s.min_run_words)?;
        d.set_item("near", s.near)?;
        d.set_item("near_threshold", s.near_threshold)?;
        d.set_item("shingle_words", s.shingle_words)?;
        Ok(d)
    }

    fn __getnewargs_ex__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyTuple>, Bound<'py, PyDict>)> {
        Ok((PyTuple::empty(py), self.settings(py)?))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .downcast::<Finder>()
            .is_ok_and(|o| o.get().settings == self.settings)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let s = self.settings(py)?;
        let parts: Vec<String> = s
            .iter()
            .map(|(k, v)| Ok(format!("{}={}", k, v.repr()?)))
            .collect::<PyResult<_>>()?;
        Ok(format!("Finder({})", parts.join(", ")))
    }

    /// Every repeat in `text`: a `Report`.
    fn find(&self, py: Python<'_>, text: String) -> Report {
        py.allow_threads(|| {
            let report = self.rust.find(&text);
            convert(&text, report)
        })
    }

    /// `text` with every repeat left once (first occurrences kept).
    fn repair(&self, py: Python<'_>, text: String) -> PyResult<String> {
        py.allow_threads(|| self.rust.find(&text).repair(&text))
            .map_err(crate::to_py)
    }

    /// The normalized form of `text`: what units are compared by.
    fn normalize(&self, text: &str) -> String {
        self.rust.normalize(text).into_owned()
    }

    /// Whether a unit's text is long enough to count, once normalized.
    fn counts(&self, unit: &str) -> bool {
        self.rust.counts(unit)
    }

    /// The units `text` is cut into, every one, short ones included, in order.
    fn units(&self, py: Python<'_>, text: String) -> Vec<Occurrence> {
        py.allow_threads(|| {
            let units = self.rust.units(&text);
            let offsets = units
                .iter()
                .flat_map(|o| [o.span().start, o.span().end])
                .collect();
            let conv = Converter::new(&text, offsets);
            units.iter().map(|o| conv.occurrence(o)).collect()
        })
    }

    /// `(unit, fingerprint)` of every unit long enough to count: the 128-bit fingerprint
    /// of its normalized text, as an int, and its unit number.
    fn unit_fingerprints(&self, py: Python<'_>, text: String) -> Vec<(usize, u128)> {
        py.allow_threads(|| self.rust.unit_fingerprints(&text))
    }

    /// The `(start, end)` byte spans that remove the units numbered `units` from `text`,
    /// as a corpus-wide repair cuts them (whole lines with their separators).
    fn cuts_for_units(&self, py: Python<'_>, text: String, units: Vec<usize>) -> Vec<(usize, usize)> {
        py.allow_threads(|| {
            self.rust
                .cuts_for_units(&text, &units)
                .iter()
                .map(|s| (s.start, s.end))
                .collect()
        })
    }
}

impl Finder {
    /// Runs `f` on the finder's batch pool, or rayon's global pool without `threads`.
    pub(crate) fn run<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        match &self.pool {
            Some(pool) => pool.install(f),
            None => f(),
        }
    }

    pub(crate) fn default_rust() -> dedupe::Finder {
        dedupe::Finder::new()
    }

    /// The settings of `Finder()`.
    pub(crate) fn default_settings() -> Settings {
        Settings {
            unit: "auto".into(),
            normalize: "unicode".into(),
            fold_case: false,
            min_chars: None,
            min_bytes: None,
            threads: None,
            hash_seed: None,
            inner: false,
            stutters: false,
            runs: false,
            min_run_words: 8,
            near: false,
            near_threshold: 0.8,
            shingle_words: 5,
        }
    }
}

/// Every repeat in `text`, with the default settings: a `Report`.
#[pyfunction]
fn find_repeats(py: Python<'_>, text: String) -> Report {
    py.allow_threads(|| {
        let report = dedupe::find_repeats(&text);
        convert(&text, report)
    })
}

/// `text` with every repeat left once (first occurrences kept), default settings.
#[pyfunction]
fn repair(py: Python<'_>, text: String) -> PyResult<String> {
    py.allow_threads(|| Finder::default_rust().find(&text).repair(&text))
        .map_err(crate::to_py)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Finder>()?;
    m.add_function(wrap_pyfunction!(find_repeats, m)?)?;
    m.add_function(wrap_pyfunction!(repair, m)?)?;
    Ok(())
}
