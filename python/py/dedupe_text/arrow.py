"""Arrow batches: a ``pyarrow`` array of texts (or a ``RecordBatch`` / ``Table`` and a
column name) in, ``pyarrow`` columns out, with no Python object made per row.

The texts' buffers go to Rust as they are laid out in Arrow (cast to ``large_string``
first when they are not); results come back as fixed-width little-endian buffers
wrapped by :func:`pyarrow.Array.from_buffers`. Null texts count as empty. Work runs in
parallel, with the GIL released.

>>> import pyarrow as pa, dedupe_text.arrow as da
>>> t = da.unit_fingerprints(pa.array(["same line, long enough\\nsame line, long enough", None]))
>>> t.column_names
['doc', 'unit', 'fp_hi', 'fp_lo']
>>> t.column("unit").to_pylist()
[0, 1]
"""

from __future__ import annotations

from typing import Optional, Union

import pyarrow as pa

from . import _native
from ._native import Finder

__all__ = ["unit_fingerprints", "cuts", "stats", "signatures"]

_Texts = Union[pa.Array, pa.ChunkedArray, pa.RecordBatch, pa.Table]


def _buffers(texts: _Texts, column: Optional[str]):
    if isinstance(texts, (pa.RecordBatch, pa.Table)):
        if column is None:
            raise ValueError("a RecordBatch or Table needs the name of its text column")
        texts = texts.column(column)
    if isinstance(texts, pa.ChunkedArray):
        texts = texts.combine_chunks() if texts.num_chunks != 1 else texts.chunk(0)
    if not isinstance(texts, pa.Array):
        texts = pa.array(texts, type=pa.large_string())
    if texts.type != pa.large_string():
        texts = texts.cast(pa.large_string())
    validity, offsets, data = texts.buffers()
    return (
        offsets.to_pybytes(),
        data.to_pybytes() if data is not None else b"",
        validity.to_pybytes() if validity is not None and texts.null_count else None,
        texts.offset,
        len(texts),
    )


def _column(kind: pa.DataType, n: int, raw: bytes) -> pa.Array:
    return pa.Array.from_buffers(kind, n, [None, pa.py_buffer(raw)])


def unit_fingerprints(texts: _Texts, column: Optional[str] = None, finder: Optional[Finder] = None) -> pa.Table:
    """Every unit long enough to count, of every text: a table with ``doc`` (the row,
    uint32), ``unit`` (its number in the text, uint32) and its 128-bit fingerprint as
    ``fp_hi``, ``fp_lo`` (uint64), in row then text order. Equal fingerprints are equal
    normalized units (``Finder.unit_fingerprints`` per text gives the same)."""
    finder = finder or Finder()
    doc, unit, lo, hi = _native.batch_unit_fingerprints(finder, _buffers(texts, column))
    n = len(doc) // 4
    return pa.table(
        {
            "doc": _column(pa.uint32(), n, doc),
            "unit": _column(pa.uint32(), n, unit),
            "fp_hi": _column(pa.uint64(), n, hi),
            "fp_lo": _column(pa.uint64(), n, lo),
        }
    )


def cuts(texts: _Texts, column: Optional[str] = None, finder: Optional[Finder] = None) -> pa.Table:
    """What a within-document repair cuts from every text: a table with ``doc`` (uint32),
    ``start``, ``end`` (uint64 bytes) and ``char_start``, ``char_end`` (uint64 code
    points), ascending within each document."""
    finder = finder or Finder()
    cols = _native.batch_cuts(finder, _buffers(texts, column))
    n = len(cols[0]) // 4
    kinds = [pa.uint32()] + [pa.uint64()] * 4
    names = ["doc", "start", "end", "char_start", "char_end"]
    return pa.table({k: _column(t, n, c) for k, t, c in zip(names, kinds, cols)})


def stats(texts: _Texts, column: Optional[str] = None) -> pa.Table:
    """The Gopher repetition statistics of every text, one row per text, one float64
    column per statistic under datatrove's names (``dup_para_frac`` ... ``duplicated_10_n_grams``),
    then ``chars`` and ``words``."""
    bufs = _buffers(texts, column)
    names, cols = _native.batch_stats(bufs)
    n = bufs[4]
    return pa.table({name: _column(pa.float64(), n, c) for name, c in zip(names, cols)})


def signatures(
    texts: _Texts,
    column: Optional[str] = None,
    num_hashes: int = 128,
    shingle_words: int = 5,
    char_k: int = 3,
    seed: Optional[int] = None,
) -> pa.FixedSizeListArray:
    """The MinHash signature of every text: a ``fixed_size_list<uint64>[num_hashes]``
    array, one row per text (as :func:`dedupe_text.minhash_signatures`)."""
    bufs = _buffers(texts, column)
    slots, flat = _native.batch_signatures(bufs, num_hashes, shingle_words, char_k, seed)
    values = _column(pa.uint64(), len(flat) // 8, flat)
    return pa.FixedSizeListArray.from_arrays(values, slots)
