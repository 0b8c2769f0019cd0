//! Arrow batches: columns of texts in, columns out, no Python object per row.
//!
//! The Python side (`dedupe_text.arrow`) casts a `pyarrow` string array to
//! `large_string` and hands over its three buffers (validity bitmap, 64-bit offsets,
//! UTF-8 data) as bytes with the array's offset and length; every function here returns
//! little-endian fixed-width buffers that become `pyarrow` arrays without a copy per row.
//! The layout is Arrow's columnar format; reading it needs neither arrow-rs nor `unsafe`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use rayon::prelude::*;

use crate::chars::char_offsets;
use crate::finder::Finder;
use crate::stats::{hasher, stat_pairs};

/// A `large_string` array as the Python side hands it over: its offsets and data buffers,
/// its validity bitmap (`None` without nulls), its offset and its length.
type Buffers<'py> = (
    Bound<'py, PyBytes>,
    Bound<'py, PyBytes>,
    Option<Bound<'py, PyBytes>>,
    usize,
    usize,
);

/// A `large_string` Arrow array, borrowed from its buffers.
struct Texts<'a> {
    offsets: &'a [u8],
    data: &'a [u8],
    validity: Option<&'a [u8]>,
    offset: usize,
    len: usize,
}

impl<'a> Texts<'a> {
    fn of((offsets, data, validity, offset, len): &'a Buffers<'_>) -> PyResult<Self> {
        let (offsets, data) = (offsets.as_bytes(), data.as_bytes());
        let validity = validity.as_ref().map(|v| v.as_bytes());
        let (offset, len) = (*offset, *len);
        let need = offset
            .checked_add(len)
            .and_then(|n| n.checked_add(1))
            .and_then(|n| n.checked_mul(8))
            .ok_or_else(|| PyValueError::new_err("array too long"))?;
        if offsets.len() < need {
            return Err(PyValueError::new_err("offsets buffer shorter than the array"));
        }
        if let Some(v) = validity {
            if v.len() * 8 < offset + len {
                return Err(PyValueError::new_err("validity buffer shorter than the array"));
            }
        }
        Ok(Texts {
            offsets,
            data,
            validity,
            offset,
            len,
        })
    }

    fn at(&self, i: usize) -> i64 {
        let k = (self.offset + i) * 8;
        let mut b = [0u8; 8];
        b.copy_from_slice(&self.offsets[k..k + 8]);
        i64::from_le_bytes(b)
    }

    /// Text `i`: `""` for a null; an error for offsets out of bounds or bytes that are not
    /// UTF-8.
    fn get(&self, i: usize) -> Result<&'a str, String> {
        let j = self.offset + i;
        if let Some(v) = self.validity {
            if v[j / 8] >> (j % 8) & 1 == 0 {
                return Ok("");
            }
        }
        let (s, e) = (self.at(i), self.at(i + 1));
        let range = usize::try_from(s)
            .ok()
            .zip(usize::try_from(e).ok())
            .filter(|(s, e)| s <= e && *e <= self.data.len())
            .ok_or_else(|| format!("row {i}: offsets {s}..{e} out of bounds"))?;
        std::str::from_utf8(&self.data[range.0..range.1]).map_err(|err| format!("row {i}: {err}"))
    }

    /// Every text, or the first error.
    fn all(&self) -> PyResult<Vec<&'a str>> {
        (0..self.len)
            .map(|i| self.get(i))
            .collect::<Result<_, _>>()
            .map_err(PyValueError::new_err)
    }
}

fn le<T: Copy, const N: usize>(v: &[T], f: impl Fn(T) -> [u8; N]) -> Vec<u8> {
    let mut out = Vec::with_capacity(v.len() * N);
    for &x in v {
        out.extend_from_slice(&f(x));
    }
    out
}

fn bytes<'py>(py: Python<'py>, v: Vec<u8>) -> Bound<'py, PyBytes> {
    PyBytes::new(py, &v)
}

type Cols<'py> = Vec<Bound<'py, PyBytes>>;

/// Every counting unit of every text: columns `doc` (u32, the row), `unit` (u32),
/// `fp_lo`, `fp_hi` (u64 halves of the 128-bit fingerprint), as little-endian buffers.
#[pyfunction]
fn batch_unit_fingerprints<'py>(py: Python<'py>, finder: &Finder, texts: Buffers<'_>) -> PyResult<Cols<'py>> {
    let texts = Texts::of(&texts)?.all()?;
    let f = &finder.rust;
    let (docs, units, lo, hi) = py.allow_threads(|| {
        let per: Vec<Vec<(usize, u128)>> =
            finder.run(|| texts.par_iter().map(|t| f.unit_fingerprints(t)).collect());
        let n: usize = per.iter().map(Vec::len).sum();
        let (mut docs, mut units, mut lo, mut hi) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for (d, prints) in per.iter().enumerate() {
            for &(u, fp) in prints {
                docs.push(d as u32);
                units.push(u as u32);
                lo.push(fp as u64);
                hi.push((fp >> 64) as u64);
            }
        }
        (
            le(&docs, u32::to_le_bytes),
            le(&units, u32::to_le_bytes),
            le(&lo, u64::to_le_bytes),
            le(&hi, u64::to_le_bytes),
        )
    });
    Ok(vec![
        bytes(py, docs),
        bytes(py, units),
        bytes(py, lo),
        bytes(py, hi),
    ])
}

/// What a within-document repair cuts from every text: columns `doc` (u32), `start`,
/// `end` (u64 bytes), `char_start`, `char_end` (u64 code points).
#[pyfunction]
fn batch_cuts<'py>(py: Python<'py>, finder: &Finder, texts: Buffers<'_>) -> PyResult<Cols<'py>> {
    let texts = Texts::of(&texts)?.all()?;
    let f = &finder.rust;
    let cols = py.allow_threads(|| {
        let per: Vec<(Vec<u64>, Vec<u64>)> = finder.run(|| {
            texts
                .par_iter()
                .map(|t| {
                    let report = f.find(t);
                    let flat: Vec<usize> = report.removals().iter().flat_map(|s| [s.start, s.end]).collect();
                    let chars = char_offsets(t, &flat);
                    (
                        flat.iter().map(|&x| x as u64).collect(),
                        chars.iter().map(|&x| x as u64).collect(),
                    )
                })
                .collect()
        });
        let (mut doc, mut start, mut end, mut cs, mut ce) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (d, (b, c)) in per.iter().enumerate() {
            for k in 0..b.len() / 2 {
                doc.push(d as u32);
                start.push(b[2 * k]);
                end.push(b[2 * k + 1]);
                cs.push(c[2 * k]);
                ce.push(c[2 * k + 1]);
            }
        }
        [
            le(&doc, u32::to_le_bytes),
            le(&start, u64::to_le_bytes),
            le(&end, u64::to_le_bytes),
            le(&cs, u64::to_le_bytes),
            le(&ce, u64::to_le_bytes),
        ]
    });
    Ok(cols.into_iter().map(|c| bytes(py, c)).collect())
}

/// The Gopher statistics of every text: the names (datatrove's, then `chars`, `words`)
/// and one f64 column per name, one row per text.
#[pyfunction]
fn batch_stats<'py>(py: Python<'py>, texts: Buffers<'_>) -> PyResult<(Vec<String>, Cols<'py>)> {
    let texts = Texts::of(&texts)?.all()?;
    let (names, cols) = py.allow_threads(|| {
        let per: Vec<dedupe::RepetitionStats> =
            texts.par_iter().map(|t| dedupe::repetition_stats(t)).collect();
        let mut names: Vec<String> = stat_pairs(&dedupe::RepetitionStats::default())
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        names.extend(["chars".to_owned(), "words".to_owned()]);
        let mut cols = vec![Vec::with_capacity(per.len()); names.len()];
        for s in &per {
            let mut values: Vec<f64> = stat_pairs(s).into_iter().map(|(_, v)| v).collect();
            values.extend([s.chars as f64, s.words as f64]);
            for (c, v) in cols.iter_mut().zip(values) {
                c.push(v);
            }
        }
        (
            names,
            cols.iter().map(|c| le(c, f64::to_le_bytes)).collect::<Vec<_>>(),
        )
    });
    Ok((names, cols.into_iter().map(|c| bytes(py, c)).collect()))
}

/// The MinHash signature of every text, row after row: `length * num_hashes` u64 values.
#[pyfunction]
#[pyo3(signature = (texts, num_hashes=128, shingle_words=5, char_k=3, seed=None))]
fn batch_signatures<'py>(
    py: Python<'py>,
    texts: Buffers<'_>,
    num_hashes: usize,
    shingle_words: usize,
    char_k: usize,
    seed: Option<u64>,
) -> PyResult<(usize, Bound<'py, PyBytes>)> {
    let texts = Texts::of(&texts)?.all()?;
    let h = hasher(num_hashes, shingle_words, char_k, seed)?;
    let (slots, flat) = py.allow_threads(|| {
        let sigs = h.signatures(&texts);
        let slots = h.config().num_hashes.clamp(1, 8192);
        let mut flat = Vec::with_capacity(sigs.len() * slots * 8);
        for s in &sigs {
            for &v in s.values() {
                flat.extend_from_slice(&v.to_le_bytes());
            }
        }
        (slots, flat)
    });
    Ok((slots, bytes(py, flat)))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(batch_unit_fingerprints, m)?)?;
    m.add_function(wrap_pyfunction!(batch_cuts, m)?)?;
    m.add_function(wrap_pyfunction!(batch_stats, m)?)?;
    m.add_function(wrap_pyfunction!(batch_signatures, m)?)?;
    Ok(())
}
