"""Type stubs of the extension module ``dedupe_text._native`` (the Rust engine)."""

from os import PathLike
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union, final


__version__: str

_Span = Tuple[int, int]
_Buffers = Tuple[bytes, bytes, Optional[bytes], int, int]

class DedupeError(ValueError):
    """An error of the engine (a bad setting, an index that does not fit, a text that is
    not the one a report was made for), with the engine's message."""

@final
class Occurrence:
    """One place in a text. ``start``/``end`` are UTF-8 byte offsets, ``char_start``/
    ``char_end`` code point offsets (``text[char_start:char_end]``), both from 0, end
    exclusive; lines from 1."""

    doc: int
    start: int
    end: int
    char_start: int
    char_end: int
    line: int
    end_line: int
    unit: int
    def text(self, text: str) -> str:
        """``text[char_start:char_end]``."""

@final
class Group:
    """Equal units (after normalization), in text order; the first is kept by a repair."""

    occurrences: List[Occurrence]
    def __len__(self) -> int: ...

@final
class Block:
    """A maximal run of consecutive units that occurs again."""

    units: int
    occurrences: List[Occurrence]
    def __len__(self) -> int: ...

@final
class InnerRepeat:
    """A repeat inside a unit: a stutter or a repeated run of words."""

    kind: str
    tokens: int
    copies: int
    occurrences: List[Occurrence]
    first_copy: Optional[_Span]
    char_first_copy: Optional[_Span]
    in_covered: bool

@final
class NearRepeat:
    """Near-duplicate units; ``pairs`` are ``(i, j, jaccard)`` over ``occurrences``."""

    occurrences: List[Occurrence]
    pairs: List[Tuple[int, int, float]]

@final
class Report:
    """Everything found in one text."""

    groups: List[Group]
    blocks: List[Block]
    inner: List[InnerRepeat]
    near: List[NearRepeat]
    removals: List[_Span]
    char_removals: List[_Span]
    @property
    def units(self) -> int:
        """Units in the text, short ones included."""
    @property
    def bytes(self) -> int:
        """Length of the text in UTF-8 bytes."""
    @property
    def unit(self) -> str:
        """``"line"`` or ``"paragraph"``."""
    @property
    def stutters(self) -> List[InnerRepeat]:
        """The stutters of ``inner``."""
    @property
    def repeated_units(self) -> int:
        """Units that repeat an earlier one."""
    @property
    def repeated_bytes(self) -> int:
        """Bytes of the units that repeat an earlier one."""
    @property
    def repeated_fraction(self) -> float:
        """``repeated_bytes / bytes``."""
    def has_repeats(self) -> bool:
        """Whether anything was found."""
    def repair(self, text: str) -> str:
        """``text`` (the one searched) with every repeat left once."""

@final
class Finder:
    """A reusable search with the Rust ``FinderBuilder`` settings; pickles."""

    def __new__(
        cls,
        unit: str = "auto",
        normalize: str = "unicode",
        fold_case: bool = False,
        min_chars: Optional[int] = None,
        min_bytes: Optional[int] = None,
        threads: Optional[int] = None,
        hash_seed: Optional[int] = None,
        inner: bool = False,
        stutters: bool = False,
        runs: bool = False,
        min_run_words: int = 8,
        near: bool = False,
        near_threshold: float = 0.8,
        shingle_words: int = 5,
    ) -> Finder: ...
    def settings(self) -> Dict[str, object]:
        """The keyword arguments of an equal finder."""
    def find(self, text: str) -> Report:
        """Every repeat in ``text``."""
    def repair(self, text: str) -> str:
        """``text`` with every repeat left once."""
    def normalize(self, text: str) -> str:
        """The normalized form of ``text``."""
    def counts(self, unit: str) -> bool:
        """Whether a unit is long enough to count."""
    def units(self, text: str) -> List[Occurrence]:
        """Every unit of ``text``, short ones included."""
    def unit_fingerprints(self, text: str) -> List[Tuple[int, int]]:
        """``(unit, 128-bit fingerprint)`` of every unit long enough to count."""
    def cuts_for_units(self, text: str, units: Sequence[int]) -> List[_Span]:
        """The byte spans a corpus-wide repair cuts to remove ``units``."""

@final
class CorpusBlock:
    """A block found in two or more documents; runs are ``(doc, first, last)`` units."""

    units: int
    runs: List[Tuple[int, int, int]]

@final
class Member:
    """A document's part in a cross-document group or block number ``of``."""

    of: int
    occurrence: Occurrence

@final
class DocRepeats:
    """One document's part in the corpus-wide results."""

    groups: List[Member]
    blocks: List[Member]
    removals: List[_Span]
    char_removals: List[_Span]
    def repair(self, text: str) -> str:
        """The document's text with the corpus-wide cuts made."""

@final
class CorpusRepeats:
    """What repeats across a corpus (from ``CorpusIndex.resolve``)."""

    @property
    def groups(self) -> List[List[Tuple[int, int, int]]]:
        """Units equal across documents, as ``(doc, unit, unit)``."""
    @property
    def blocks(self) -> List[CorpusBlock]:
        """Blocks found in two or more documents."""
    @property
    def duplicate_documents(self) -> List[List[int]]:
        """Sets of documents whose whole normalized text is equal."""
    def locate(self, doc: int, text: str) -> DocRepeats:
        """Document ``doc``'s spans, lines and cuts."""
    def repair(self, doc: int, text: str) -> str:
        """Document ``doc``'s text with the corpus-wide cuts made."""
    def is_repeat(self, doc: int, unit: int) -> bool:
        """Whether the unit repeats one earlier in the corpus."""
    def removed_units(self, doc: int) -> int:
        """Units the document loses in a corpus-wide repair."""
    def involves(self, doc: int) -> bool:
        """Whether the document takes part in the results."""

@final
class CorpusIndex:
    """The fingerprints of every unit of a corpus; pickles."""

    def __new__(cls, finder: Optional[Finder] = None) -> CorpusIndex: ...
    @property
    def finder(self) -> Finder:
        """The finder the index was built with."""
    @property
    def documents(self) -> int:
        """Documents added so far."""
    @property
    def units(self) -> int:
        """Units in the index."""
    def add(self, texts: Sequence[str]) -> List[Report]:
        """Adds documents; returns their within-document reports."""
    def index(self, texts: Sequence[str]) -> None:
        """Adds documents without reports."""
    def merge(self, other: CorpusIndex) -> None:
        """Appends the index of the documents that follow."""
    def to_bytes(self) -> bytes:
        """The index in the on-disk format."""
    def save(self, path: Union[str, PathLike]) -> None:
        """Writes the index to ``path``."""
    @staticmethod
    def from_bytes(data: bytes, finder: Optional[Finder] = None) -> CorpusIndex:
        """An index read from bytes."""
    @staticmethod
    def load(path: Union[str, PathLike], finder: Optional[Finder] = None) -> CorpusIndex:
        """An index read from a file."""
    def resolve(self) -> CorpusRepeats:
        """What repeats across the corpus."""

def find_repeats(text: str) -> Report:
    """Every repeat in ``text``, default settings."""

def repair(text: str) -> str:
    """``text`` with every repeat left once, default settings."""

def repetition_stats(text: str, words: Optional[Sequence[str]] = None) -> Dict[str, float]:
    """Gopher repetition statistics under datatrove's names, plus ``chars``, ``words``."""

def gopher_rule(text: str) -> Optional[str]:
    """The first Gopher rule ``text`` fails (datatrove's name), or ``None``."""

def explain_repetition(text: str) -> Dict[str, Any]:
    """The statistics and, per statistic, the spans behind it in bytes and chars."""

def minhash_signatures(
    texts: Sequence[str], num_hashes: int = 128, shingle_words: int = 5, char_k: int = 3, seed: Optional[int] = None
) -> List[List[int]]:
    """MinHash signatures, one list of ``num_hashes`` 64-bit ints per text."""

def batch_unit_fingerprints(finder: Finder, texts: _Buffers) -> List[bytes]:
    """Arrow buffers in, columns doc, unit, fp_lo, fp_hi out (see ``dedupe_text.arrow``)."""

def batch_cuts(finder: Finder, texts: _Buffers) -> List[bytes]:
    """Arrow buffers in, cut columns out (see ``dedupe_text.arrow``)."""

def batch_stats(texts: _Buffers) -> Tuple[List[str], List[bytes]]:
    """Arrow buffers in, statistic columns out (see ``dedupe_text.arrow``)."""

def batch_signatures(
    texts: _Buffers, num_hashes: int = 128, shingle_words: int = 5, char_k: int = 3, seed: Optional[int] = None
) -> Tuple[int, bytes]:
    """Arrow buffers in, flat signature values out (see ``dedupe_text.arrow``)."""

def jsonl_documents(
    data: bytes, path: str = "<input>", text_field: str = "text", id_field: str = "id"
) -> List[Tuple[int, bytes, str]]:
    """``(line, raw, text)`` of every document of a JSONL file's bytes."""

def jsonl_cut_line(raw: bytes, cuts: Sequence[_Span], text_field: str = "text", id_field: str = "id") -> bytes:
    """A JSONL line with the byte spans of its text cut, every other byte kept."""
