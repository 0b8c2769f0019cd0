"""Corpus-wide clean on Ray Data: every repeated unit removed, first occurrence kept,
exactly as ``dedupe --clean`` decides it, with no node holding the whole index.

The stages:

1. **Read.** Each JSONL file (plain, gzip or zstd) is read by one task through the Rust
   library's reader: one row per document, with its file number and line number, which
   order the documents as the CLI numbers them (files in the order given, lines in order).
2. **Fingerprint** (``map_batches``). Each document's units, with their 128-bit
   fingerprints (:func:`dedupe_text.arrow.unit_fingerprints`): one row per unit.
3. **Decide** (Ray's ``groupby``, a shuffle, on a hash bucket of the fingerprint: every
   unit of a fingerprint lands in the same bucket, and one call handles a bucket of
   fingerprints, vectorized). Within each fingerprint the first occurrence in corpus
   order (file, line, unit) stays; every other is a cut.
4. **Cut** (a second ``groupby`` on a hash bucket of the document, over the documents and
   their cut units). :meth:`dedupe_text.Finder.cuts_for_units` gives the byte spans a
   corpus-wide repair cuts, and :func:`dedupe_text._native.jsonl_cut_line` splices them
   out of the line's text literal, every other byte as it came.
5. **Write.** Each block of cleaned lines goes to its own ``part-*.jsonl`` in the output
   folder (the order of documents across parts is not the input's).

Blocks: the CLI's ``--clean`` cuts every unit whose fingerprint occurred earlier in the
corpus; blocks (runs of repeated units) are reported, but cut nothing that their units
do not. So the distributed decision above is exact: the output holds the same documents
with the same text, byte for byte, as ``dedupe --clean`` on the same input. What is not
distributed is the report of the blocks themselves (a greedy parse over the whole
corpus's sequence of units); ``ray-clean`` does not report them.
"""

from __future__ import annotations

import argparse
import functools
import os
import uuid
from typing import Dict, List, Optional, Sequence

from . import _native
from ._native import Finder

__all__ = ["ray_clean", "expand_inputs", "main"]

_JSONL = (".jsonl", ".jsonl.gz", ".jsonl.zst")


def expand_inputs(inputs: Sequence[str]) -> List[str]:
    """The JSONL files named by ``inputs``, in order; a folder gives its ``*.jsonl``,
    ``*.jsonl.gz`` and ``*.jsonl.zst`` files, walked recursively in sorted order, hidden
    files and folders skipped (as the CLI walks a folder)."""
    out: List[str] = []
    for path in inputs:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and name.endswith(_JSONL):
                        out.append(os.path.join(root, name))
        elif os.path.exists(path):
            out.append(path)
        else:
            raise FileNotFoundError(path)
    return out


def _read(batch, text_field: str, id_field: str):
    import pyarrow as pa

    files, lines, raws, texts = [], [], [], []
    for number, path in zip(batch["file"].to_pylist(), batch["path"].to_pylist()):
        with open(path, "rb") as f:
            data = f.read()
        for line, raw, text in _native.jsonl_documents(data, path, text_field, id_field):
            files.append(number)
            lines.append(line)
            raws.append(raw)
            texts.append(text)
    return pa.table(
        {
            "file": pa.array(files, pa.uint32()),
            "line": pa.array(lines, pa.uint64()),
            "raw": pa.array(raws, pa.large_binary()),
            "text": pa.array(texts, pa.large_string()),
        }
    )


def _fingerprint(batch, finder: Finder):
    import pyarrow as pa

    from .arrow import unit_fingerprints

    units = unit_fingerprints(batch, "text", finder)
    rows = units.column("doc")
    return pa.table(
        {
            "file": batch.column("file").take(rows),
            "line": batch.column("line").take(rows),
            "unit": units.column("unit"),
            "fp_hi": units.column("fp_hi"),
            "fp_lo": units.column("fp_lo"),
        }
    )


def _buckets(paths: Sequence[str]) -> int:
    """Groups for each shuffle: one per 4 MB of input (at least 16, a power of two), so
    that a call of the grouped function handles many fingerprints or documents at once."""
    size = sum(os.path.getsize(p) for p in paths)
    n = 16
    while n < size // (4 << 20) and n < (1 << 16):
        n *= 2
    return n


def _later(group):
    """The units of one bucket of fingerprints (every unit of each fingerprint in it):
    every unit but the first of its fingerprint in corpus order (file, line, unit)."""
    import numpy as np

    order = group.sort_by(
        [("fp_hi", "ascending"), ("fp_lo", "ascending"), ("file", "ascending"), ("line", "ascending"), ("unit", "ascending")]
    )
    hi = order.column("fp_hi").to_numpy()
    lo = order.column("fp_lo").to_numpy()
    later = np.zeros(len(order), dtype=bool)
    later[1:] = (hi[1:] == hi[:-1]) & (lo[1:] == lo[:-1])
    return order.filter(later).select(["file", "line", "unit"])


def _clean_documents(group, finder: Finder, text_field: str, id_field: str):
    """One bucket of documents, each document's row with the rows of its cut units
    (rows without ``raw``): the cleaned lines."""
    import pyarrow as pa

    files = group.column("file").to_pylist()
    lines = group.column("line").to_pylist()
    raws = group.column("raw").to_pylist()
    texts = group.column("text").to_pylist()
    units = group.column("unit").to_pylist()
    cut: Dict[tuple, List[int]] = {}
    for f, l, r, u in zip(files, lines, raws, units):
        if r is None:
            cut.setdefault((f, l), []).append(u)
    out_file, out_line, out_raw, out_cut = [], [], [], []
    for f, l, raw, text in zip(files, lines, raws, texts):
        if raw is None:
            continue
        remove = cut.get((f, l), [])
        if remove:
            spans = finder.cuts_for_units(text, remove)
            if spans:
                raw = _native.jsonl_cut_line(raw, spans, text_field, id_field)
        out_file.append(f)
        out_line.append(l)
        out_raw.append(raw)
        out_cut.append(len(remove))
    return pa.table(
        {
            "file": pa.array(out_file, pa.uint32()),
            "line": pa.array(out_line, pa.uint64()),
            "raw": pa.array(out_raw, pa.large_binary()),
            "cut": pa.array(out_cut, pa.uint64()),
        }
    )


def _write(batch, output: str):
    import pyarrow as pa

    lines = batch.column("raw").to_pylist()
    if lines:
        path = os.path.join(output, f"part-{uuid.uuid4().hex}.jsonl")
        with open(path, "wb") as f:
            for line in lines:
                f.write(line)
                f.write(b"\n")
    return pa.table(
        {
            "documents": pa.array([len(lines)], pa.uint64()),
            "cut_units": pa.array([sum(batch.column("cut").to_pylist())], pa.uint64()),
        }
    )


def ray_clean(
    inputs: Sequence[str],
    output: str,
    *,
    finder: Optional[Finder] = None,
    address: Optional[str] = None,
    num_cpus: Optional[int] = None,
    text_field: str = "text",
    id_field: str = "id",
) -> Dict[str, int]:
    """Removes repeated units corpus-wide from the JSONL ``inputs`` (files or folders) on
    Ray Data and writes the cleaned documents to ``part-*.jsonl`` files in ``output``
    (created if missing): the same documents, with the same bytes, as
    ``dedupe --clean`` writes, in another order.

    Connects to the Ray cluster at ``address`` when given, else to the one this process
    has already started, else starts a local one with ``num_cpus`` CPUs. Returns
    ``{"files", "documents", "cut_units"}``.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import ray

    finder = finder or Finder()
    paths = expand_inputs(inputs)
    os.makedirs(output, exist_ok=True)
    if not ray.is_initialized():
        if address:
            ray.init(address=address)
        else:
            ray.init(num_cpus=num_cpus, include_dashboard=False)
    if not paths:
        return {"files": 0, "documents": 0, "cut_units": 0}
    output = os.path.abspath(output)
    files = ray.data.from_items([{"file": i, "path": os.path.abspath(p)} for i, p in enumerate(paths)])
    read = functools.partial(_read, text_field=text_field, id_field=id_field)
    docs = files.map_batches(read, batch_size=1, batch_format="pyarrow").materialize()
    buckets = _buckets(paths)
    mask = pa.scalar(buckets - 1, pa.uint64())
    # Shuffle partitions: as many as buckets, at most 8 per CPU of the cluster (Ray's
    # default of 200 costs more in tasks than a small corpus costs in work).
    partitions = max(1, min(buckets, 8 * int(ray.cluster_resources().get("CPU", 1))))
    units = docs.map_batches(_fingerprint, batch_format="pyarrow", fn_kwargs={"finder": finder})
    # Every unit of a fingerprint lands in the same bucket (a hash of it), so grouping by
    # bucket is grouping by fingerprint, a bucket of them at a time.
    cut = (
        units.map_batches(lambda b: b.append_column("bucket", pc.bit_wise_and(b.column("fp_hi"), mask)), batch_format="pyarrow")
        .groupby("bucket", num_partitions=partitions)
        .map_groups(_later, batch_format="pyarrow")
    )
    # One dataset of documents and of cut units, grouped by document.
    def doc_bucket(b):
        # A document and its cut units share (file, line), and so their bucket.
        mixed = pc.add(pc.multiply(pc.cast(b.column("file"), pa.uint64()), pa.scalar(0x9E3779B97F4A7C15, pa.uint64())), b.column("line"))
        return pc.bit_wise_and(pc.multiply(mixed, pa.scalar(0xBF58476D1CE4E5B9, pa.uint64())), mask)

    doc_rows = docs.map_batches(
        lambda b: b.append_column("unit", pa.nulls(len(b), pa.uint32())).append_column("bucket", doc_bucket(b)),
        batch_format="pyarrow",
    )
    cut_rows = cut.map_batches(
        lambda b: pa.table(
            {
                "file": b.column("file"),
                "line": b.column("line"),
                "raw": pa.nulls(len(b), pa.large_binary()),
                "text": pa.nulls(len(b), pa.large_string()),
                "unit": b.column("unit"),
                "bucket": doc_bucket(b),
            }
        ),
        batch_format="pyarrow",
    )
    cleaned = (
        doc_rows.union(cut_rows)
        .groupby("bucket", num_partitions=partitions)
        .map_groups(
            _clean_documents,
            batch_format="pyarrow",
            fn_kwargs={"finder": finder, "text_field": text_field, "id_field": id_field},
        )
    )
    written = cleaned.map_batches(_write, batch_format="pyarrow", batch_size=4096, fn_kwargs={"output": output})
    totals = {"files": len(paths), "documents": 0, "cut_units": 0}
    for row in written.iter_rows():
        totals["documents"] += int(row["documents"])
        totals["cut_units"] += int(row["cut_units"])
    return totals


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``python -m dedupe_text ray-clean INPUT... --output DIR``."""
    p = argparse.ArgumentParser(
        prog="python -m dedupe_text ray-clean",
        description="Remove repeated units corpus-wide (first occurrence kept, as dedupe --clean) on Ray Data.",
    )
    p.add_argument("inputs", nargs="+", help="JSONL files (.jsonl, .jsonl.gz, .jsonl.zst) or folders of them")
    p.add_argument("--output", required=True, help="folder for the cleaned part-*.jsonl files")
    p.add_argument("--address", help="Ray cluster address (default: start a local Ray)")
    p.add_argument("--num-cpus", type=int, help="CPUs of the local Ray (default: all)")
    p.add_argument("--text-field", default="text")
    p.add_argument("--id-field", default="id")
    p.add_argument("--unit", default="auto", choices=["auto", "line", "paragraph"])
    p.add_argument("--normalize", default="unicode", choices=["exact", "whitespace", "unicode"])
    p.add_argument("--ignore-case", "-i", action="store_true")
    p.add_argument("--min-chars", type=int, default=None, help="least characters of a unit (default 20)")
    p.add_argument("--min-bytes", type=int, default=None, help="least bytes of a unit, instead of --min-chars")
    p.add_argument("--hash-seed", type=int)
    a = p.parse_args(argv)
    finder = Finder(
        unit=a.unit, normalize=a.normalize, fold_case=a.ignore_case, min_chars=a.min_chars, min_bytes=a.min_bytes, hash_seed=a.hash_seed
    )
    totals = ray_clean(
        a.inputs,
        a.output,
        finder=finder,
        address=a.address,
        num_cpus=a.num_cpus,
        text_field=a.text_field,
        id_field=a.id_field,
    )
    print(
        f"ray-clean: {totals['documents']} documents from {totals['files']} files, "
        f"{totals['cut_units']} repeated units cut, written to {a.output}"
    )
    return 0
