"""datatrove pipeline steps on the dedupe engine (needs ``pip install datatrove``).

- :class:`GopherRepetitionAnnotator`: puts the Gopher repetition statistics (datatrove's
  names) and the spans that caused them into each document's metadata; passes every
  document on.
- :class:`GopherRepetitionFilter`: the same annotation, then drops the documents that
  fail a Gopher rule (datatrove's default thresholds), the rule's name as the reason.
- :class:`RepeatedUnitsIndexer` and :class:`RepeatedUnitsRemover`: repeated units removed
  corpus-wide (first occurrence kept, as ``dedupe --clean``) in two runs of an executor,
  as datatrove's own dedup stages work: the first writes one index per task, the second
  merges them (in task order) and cuts each document. Both runs must read the same
  documents with the same number of tasks.

>>> from datatrove.executor import LocalPipelineExecutor            # doctest: +SKIP
>>> from datatrove.pipeline.readers import JsonlReader               # doctest: +SKIP
>>> LocalPipelineExecutor([JsonlReader("in/"), RepeatedUnitsIndexer("idx/")], tasks=2).run()  # doctest: +SKIP
>>> LocalPipelineExecutor([JsonlReader("in/"), RepeatedUnitsRemover("idx/"), JsonlWriter("out/")], tasks=2).run()  # doctest: +SKIP
"""

from __future__ import annotations

import glob
import os
from typing import Optional

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.filters.base_filter import BaseFilter

from . import _native
from ._native import CorpusIndex, Finder

__all__ = [
    "GopherRepetitionAnnotator",
    "GopherRepetitionFilter",
    "RepeatedUnitsIndexer",
    "RepeatedUnitsRemover",
]


def annotate(doc, key: str) -> Optional[str]:
    """Writes ``{"stats": {...}, "spans": {name: [[char_start, char_end], ...]}, "rule": ...}``
    under ``doc.metadata[key]``; returns the failing rule's name or ``None``. Spans are in
    code points (Python ``str`` offsets into ``doc.text``)."""
    why = _native.explain_repetition(doc.text)
    spans = {name: [list(s) for s in v["chars"]] for name, v in why.items() if name not in ("stats", "rule")}
    rule = why["rule"]
    doc.metadata[key] = {"stats": why["stats"], "spans": spans, "rule": rule}
    return rule


class GopherRepetitionAnnotator(PipelineStep):
    """Annotates each document with the dedupe engine's Gopher repetition statistics and
    the spans behind them (``doc.metadata[key]``, see :func:`annotate`)."""

    name = "dedupe Gopher annotator"
    type = "📊 - STATS"

    def __init__(self, key: str = "dedupe_gopher"):
        super().__init__()
        self.key = key

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            with self.track_time():
                rule = annotate(doc, self.key)
            self.stat_update("failed" if rule else "passed")
            yield doc


class GopherRepetitionFilter(BaseFilter):
    """Annotates as :class:`GopherRepetitionAnnotator`, then keeps the documents that pass
    every Gopher rule (datatrove's default thresholds); a dropped document's reason is the
    rule's datatrove name (``"dup_line_frac"``, ``"top_2_gram"``, ...)."""

    name = "dedupe Gopher repetition"

    def __init__(self, key: str = "dedupe_gopher", exclusion_writer=None):
        super().__init__(exclusion_writer)
        self.key = key

    def filter(self, doc):
        rule = annotate(doc, self.key)
        return True if rule is None else (False, rule)


def _finder(settings: Optional[dict]) -> Finder:
    return Finder(**(settings or {}))


class RepeatedUnitsIndexer(PipelineStep):
    """First run: indexes the units of this task's documents and saves the index as
    ``{rank:05d}.index`` in ``folder``. Documents pass through unchanged.

    ``finder`` holds ``Finder`` keyword settings (the same in both runs)."""

    name = "dedupe unit index"
    type = "🫂 - DEDUP"

    def __init__(self, folder: str, finder: Optional[dict] = None, batch: int = 1024):
        super().__init__()
        self.folder, self.settings, self.batch = folder, finder, batch

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        index = CorpusIndex(_finder(self.settings))
        pending = []
        for doc in data:
            pending.append(doc.text)
            if len(pending) >= self.batch:
                index.index(pending)
                pending = []
            yield doc
        index.index(pending)
        os.makedirs(self.folder, exist_ok=True)
        index.save(os.path.join(self.folder, f"{rank:05d}.index"))
        self.stat_update("units", value=index.units)


class RepeatedUnitsRemover(PipelineStep):
    """Second run: merges every task's index from ``folder`` (in task order), and cuts
    from each document of this task the units whose first occurrence in the corpus is
    elsewhere (a document cut whole is kept, with no text, as ``dedupe --clean`` keeps
    it). The cut count goes to
    ``doc.metadata["dedupe_cut_units"]``."""

    name = "dedupe remove repeated units"
    type = "🫂 - DEDUP"

    def __init__(self, folder: str, finder: Optional[dict] = None):
        super().__init__()
        self.folder, self.settings = folder, finder

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        finder = _finder(self.settings)
        paths = sorted(glob.glob(os.path.join(self.folder, "*.index")))
        if len(paths) != world_size:
            raise ValueError(f"{self.folder} holds {len(paths)} indexes, this run has {world_size} tasks")
        merged = CorpusIndex(finder)
        first = 0
        for k, path in enumerate(paths):
            part = CorpusIndex.load(path, finder)
            if k == rank:
                first = merged.documents
            merged.merge(part)
        repeats = merged.resolve()
        for i, doc in enumerate(data):
            number = first + i
            cut = repeats.removed_units(number)
            if cut:
                doc.text = repeats.repair(number, doc.text)
            doc.metadata["dedupe_cut_units"] = cut
            self.stat_update("cut_units", value=cut)
            yield doc
