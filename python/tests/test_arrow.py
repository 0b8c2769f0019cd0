import pyarrow as pa
import pytest

import dedupe_text as dt
import dedupe_text.arrow as da
from conftest import corpus_lines

TEXTS = [
    "Subscribe to our newsletter for more stories\nA story\nSubscribe to our newsletter for more stories",
    None,
    "",
    "Caf\u00e9 cr\u00e8me \u2014 a line with accents and more\n\u65e5\u672c\u8a9e\nCaf\u00e9 cr\u00e8me \u2014 a line with accents and more\n",
    "Buy now!\nBuy now!\nBuy now!\nReal content here, a line long enough to count.",
]


def per_row_fingerprints(texts, finder):
    rows = []
    for d, t in enumerate(texts):
        for unit, fp in finder.unit_fingerprints(t or ""):
            rows.append((d, unit, fp >> 64, fp & (2**64 - 1)))
    return rows


def table_rows(t, names):
    return list(zip(*(t.column(n).to_pylist() for n in names)))


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string()])
def test_unit_fingerprints_equal_per_row_calls(kind):
    arr = pa.array(TEXTS, kind)
    f = dt.Finder(min_bytes=8)
    got = da.unit_fingerprints(arr, finder=f)
    assert got.schema.field("fp_hi").type == pa.uint64()
    assert table_rows(got, ["doc", "unit", "fp_hi", "fp_lo"]) == per_row_fingerprints(TEXTS, f)


def test_a_finder_s_threads_give_the_same_columns():
    arr = pa.array(corpus_lines(4, 60))
    one, two = dt.Finder(threads=1), dt.Finder(threads=2)
    assert da.unit_fingerprints(arr, finder=one).equals(da.unit_fingerprints(arr, finder=two))
    assert da.cuts(arr, finder=one).equals(da.cuts(arr, finder=dt.Finder()))


def test_sliced_chunked_and_record_batch_inputs():
    texts = [l for l in corpus_lines(3, 40)]
    arr = pa.array(texts)
    f = dt.Finder()
    sliced = arr.slice(7, 20)
    assert table_rows(da.unit_fingerprints(sliced, finder=f), ["doc", "unit", "fp_hi", "fp_lo"]) == per_row_fingerprints(
        texts[7:27], f
    )
    chunked = pa.chunked_array([arr.slice(0, 10), arr.slice(10)])
    batch = pa.record_batch([arr], names=["text"])
    want = da.unit_fingerprints(arr, finder=f)
    assert da.unit_fingerprints(chunked, finder=f).equals(want)
    assert da.unit_fingerprints(batch, "text", finder=f).equals(want)
    assert da.unit_fingerprints(pa.table({"text": arr}), "text", finder=f).equals(want)
    with pytest.raises(ValueError, match="column"):
        da.unit_fingerprints(batch)
    with_nulls = pa.array([None, "x" * 30 + "\n" + "x" * 30, None]).slice(1)
    assert da.unit_fingerprints(with_nulls).column("doc").to_pylist() == [0, 0]


def test_cuts_equal_reports():
    f = dt.Finder(min_bytes=8)
    got = da.cuts(pa.array(TEXTS), finder=f)
    want = []
    for d, t in enumerate(TEXTS):
        r = f.find(t or "")
        for (s, e), (cs, ce) in zip(r.removals, r.char_removals):
            want.append((d, s, e, cs, ce))
    assert table_rows(got, ["doc", "start", "end", "char_start", "char_end"]) == want
    assert len(want) >= 3


def test_stats_equal_per_row_calls():
    got = da.stats(pa.array(TEXTS))
    for i, t in enumerate(TEXTS):
        want = dt.repetition_stats(t or "")
        for name, value in want.items():
            assert got.column(name)[i].as_py() == pytest.approx(value, abs=0.0), name


def test_signatures_equal_per_row_calls():
    texts = [t or "" for t in TEXTS]
    got = da.signatures(pa.array(TEXTS), num_hashes=32, seed=5)
    assert got.type == pa.list_(pa.uint64(), 32)
    assert got.to_pylist() == dt.minhash_signatures(texts, num_hashes=32, seed=5)


def test_invalid_buffers_are_errors_not_crashes():
    from dedupe_text import _native

    f = dt.Finder()
    offsets = (0).to_bytes(8, "little") + (99).to_bytes(8, "little")
    with pytest.raises(ValueError, match="out of bounds"):
        _native.batch_unit_fingerprints(f, (offsets, b"short", None, 0, 1))
    with pytest.raises(ValueError, match="shorter"):
        _native.batch_unit_fingerprints(f, (offsets, b"short", None, 0, 5))
    bad = (0).to_bytes(8, "little") + (2).to_bytes(8, "little")
    with pytest.raises(ValueError, match="utf-8"):
        _native.batch_unit_fingerprints(f, (bad, b"\xff\xfe", None, 0, 1))
