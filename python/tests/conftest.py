import os
import pathlib
import shutil

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def repo() -> pathlib.Path:
    return REPO


@pytest.fixture(scope="session")
def seed_article() -> str:
    return (REPO / "tests" / "data" / "doubled-article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def dedupe_bin() -> str:
    """The CLI: $DEDUPE_BIN, else a build in target/, else `dedupe` on PATH."""
    for candidate in (
        os.environ.get("DEDUPE_BIN"),
        str(REPO / "target" / "release" / "dedupe"),
        str(REPO / "target" / "debug" / "dedupe"),
        shutil.which("dedupe"),
    ):
        if candidate and os.path.exists(candidate):
            return candidate
    pytest.fail("the dedupe CLI is not built: cargo build --bin dedupe, or set DEDUPE_BIN")


def corpus_lines(seed: int, docs: int):
    """JSONL lines of a small corpus with repeats within and across documents, blocks of
    boilerplate across documents, accents, CRLF line ends, other fields, and escapes."""
    import json
    import random

    rng = random.Random(seed)
    pool = [
        "Subscribe to our newsletter for more stories",
        "Copyright 2026 Example News Ltd. All rights reserved.",
        "Share this story on social media today",
        "Caf\u00e9 cr\u00e8me \u2014 a line with accents and more",
        "Click here to read the full article online",
        "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3082\u91cd\u8907\u3059\u308b\u3001\u9577\u3044\u884c\u3067\u3059",
    ]
    footer = ["Related: the week in pictures, and more", "Follow us for the latest headlines"]
    out = []
    for i in range(docs):
        lines = []
        for k in range(rng.randint(0, 7)):
            r = rng.random()
            if r < 0.4:
                lines.append(rng.choice(pool))
            elif r < 0.55:
                lines.extend(footer)
            else:
                lines.append(f"Unique line {seed}-{i}-{k}: {rng.random():.6f} about \"things\"")
        sep = "\r\n" if i % 5 == 0 else ("\n\n" if i % 7 == 0 else "\n")
        doc = {"id": f"{seed}-{i}", "text": sep.join(lines), "meta": {"n": i, "tags": ["a", "b"]}}
        out.append(json.dumps(doc, ensure_ascii=bool(i % 2)))
    return out
