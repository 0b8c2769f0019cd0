"""Find duplicated content in text: repeated lines, paragraphs and blocks, repeats inside
paragraphs and near duplicates, with byte offsets *and* Python ``str`` offsets and line
numbers, on the Rust engine of the ``dedupe`` command-line tool.

>>> import dedupe_text
>>> text = "Breaking: storm hits the coast tonight\\nOfficials urge residents to stay inside\\nBreaking: storm hits the coast tonight\\n"
>>> later = dedupe_text.find_repeats(text).groups[0].occurrences[1]
>>> (later.line, later.start, later.char_start)
(3, 79, 79)
>>> dedupe_text.repair(text)
'Breaking: storm hits the coast tonight\\nOfficials urge residents to stay inside\\n'

Offsets: ``start``/``end`` are bytes into the UTF-8 encoding (as the Rust library and
the CLI give them), ``char_start``/``char_end`` code points (``text[o.char_start:o.char_end]``);
both from 0, end exclusive. Lines start at 1.

Modules: :mod:`dedupe_text.arrow` (pyarrow batches), :mod:`dedupe_text.ray_clean`
(corpus-wide clean on Ray Data; ``python -m dedupe_text ray-clean``),
:mod:`dedupe_text.datatrove` (pipeline steps).
"""

from ._native import (
    Block,
    CorpusBlock,
    CorpusIndex,
    CorpusRepeats,
    DedupeError,
    DocRepeats,
    Finder,
    Group,
    InnerRepeat,
    Member,
    NearRepeat,
    Occurrence,
    Report,
    __version__,
    explain_repetition,
    find_repeats,
    gopher_rule,
    minhash_signatures,
    repair,
    repetition_stats,
)

__all__ = [
    "Block",
    "CorpusBlock",
    "CorpusIndex",
    "CorpusRepeats",
    "DedupeError",
    "DocRepeats",
    "Finder",
    "Group",
    "InnerRepeat",
    "Member",
    "NearRepeat",
    "Occurrence",
    "Report",
    "__version__",
    "explain_repetition",
    "find_repeats",
    "gopher_rule",
    "minhash_signatures",
    "repair",
    "repetition_stats",
]
