"""The datatrove steps under datatrove's LocalPipelineExecutor."""

import json
import subprocess

import pytest

import dedupe_text as dt
from conftest import corpus_lines

pytest.importorskip("datatrove")
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from dedupe_text.datatrove import (  # noqa: E402
    GopherRepetitionAnnotator,
    GopherRepetitionFilter,
    RepeatedUnitsIndexer,
    RepeatedUnitsRemover,
)


def write_corpus(folder, files=2, docs=30):
    folder.mkdir()
    for k in range(files):
        (folder / f"in{k}.jsonl").write_text("\n".join(corpus_lines(10 + k, docs)) + "\n", encoding="utf-8")


def read_docs(folder):
    docs = []
    for p in sorted(folder.glob("*.jsonl*")):
        import gzip

        opener = gzip.open if p.name.endswith(".gz") else open
        with opener(p, "rt", encoding="utf-8") as f:
            docs.extend(json.loads(l) for l in f if l.strip())
    return docs


def run(steps, tasks, logs):
    LocalPipelineExecutor(pipeline=steps, tasks=tasks, workers=1, logging_dir=str(logs)).run()


def test_annotator_and_filter(tmp_path):
    src = tmp_path / "in"
    write_corpus(src)
    (src / "in0.jsonl").open("a").write(json.dumps({"id": "spam", "text": "Buy now!\nBuy now!\nBuy now!\nReal content."}) + "\n")
    run([JsonlReader(str(src)), GopherRepetitionAnnotator(), JsonlWriter(str(tmp_path / "ann"))], 1, tmp_path / "l1")
    docs = read_docs(tmp_path / "ann")
    # datatrove's reader passes over documents with no text.
    written = [json.loads(l) for k in range(2) for l in corpus_lines(10 + k, 30)]
    assert len(docs) == 1 + sum(1 for d in written if d["text"])
    for d in docs:
        meta = d["metadata"]["dedupe_gopher"]
        assert meta["stats"] == dt.repetition_stats(d["text"])
        assert meta["rule"] == dt.gopher_rule(d["text"])
        for a, b in meta["spans"]["duplicate_lines"]:
            assert d["text"][a:b] in d["text"].split("\n")
    spam = next(d for d in docs if d["id"] == "spam")
    assert spam["metadata"]["dedupe_gopher"]["rule"] == "dup_line_frac"
    assert len(spam["metadata"]["dedupe_gopher"]["spans"]["duplicate_lines"]) == 2
    run([JsonlReader(str(src)), GopherRepetitionFilter(), JsonlWriter(str(tmp_path / "kept"))], 1, tmp_path / "l2")
    kept = read_docs(tmp_path / "kept")
    assert {d["id"] for d in kept} == {d["id"] for d in docs if d["metadata"]["dedupe_gopher"]["rule"] is None}
    assert "spam" not in {d["id"] for d in kept}


def test_remove_repeated_units_corpus_wide_equals_cli_clean(tmp_path, dedupe_bin):
    src = tmp_path / "in"
    write_corpus(src)
    idx = tmp_path / "idx"
    run([JsonlReader(str(src)), RepeatedUnitsIndexer(str(idx))], 2, tmp_path / "l1")
    assert sorted(p.name for p in idx.iterdir()) == ["00000.index", "00001.index"]
    run([JsonlReader(str(src)), RepeatedUnitsRemover(str(idx)), JsonlWriter(str(tmp_path / "out"))], 2, tmp_path / "l2")
    got = {d["id"]: d.get("text", "") for d in read_docs(tmp_path / "out")}  # no "text" when emptied
    cli = subprocess.run(
        [dedupe_bin, "--clean", "-q", str(src / "in0.jsonl"), str(src / "in1.jsonl")], capture_output=True, check=True
    )
    want = {d["id"]: d["text"] for d in map(json.loads, cli.stdout.splitlines())}
    # datatrove's reader passes over documents with no text; the CLI keeps them as they are.
    read = {d["id"] for k in range(2) for d in map(json.loads, corpus_lines(10 + k, 30)) if d["text"]}
    assert set(got) == read
    assert got == {k: v for k, v in want.items() if k in read}
    assert sum(len(t) for t in got.values()) < sum(len(json.loads(l)["text"]) for l in corpus_lines(10, 30) + corpus_lines(11, 30))
