#!/usr/bin/env python3
"""Write tests/data/gopher_vectors.json: Gopher repetition statistics computed by
huggingface datatrove's own code, for tests/gopher.rs.

Not run in CI. To regenerate (from the repository root):

    python3 -m venv /tmp/dtenv
    /tmp/dtenv/bin/pip install "datatrove==0.10.1" spacy regex
    /tmp/dtenv/bin/python scripts/gopher_vectors.py

datatrove 0.10.1's minimal install lacks two things its English word tokenizer needs:
`spacy` (the tokenizer is `spacy.blank("en")`) and `regex` (imported by
datatrove.utils.text). Vectors were made with datatrove 0.10.1, spaCy 3.8 and Python 3.11.

Each statistic is computed with the helper functions and regular expressions of
datatrove.pipeline.filters.gopher_repetition_filter, the way GopherRepetitionFilter.filter
calls them, and stored as an exact numerator and denominator plus the float. The filter's
own verdict on the text (with its default thresholds) is stored too.
"""

import json
import sys
from pathlib import Path

import datatrove
from datatrove.data import Document
from datatrove.pipeline.filters import gopher_repetition_filter as g
from datatrove.utils.text import split_into_words

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "gopher_vectors.json"

PROSE = (
    "Quiet rivers carve deep valleys through ancient stone, while patient farmers tend "
    "terraced fields above. Every autumn they harvest barley, lentils and sweet apricots, "
    "and the village gathers in the square to weigh the crop."
)

TEXTS = {
    "doubled-article": (ROOT / "tests" / "data" / "doubled-article.txt").read_text(encoding="utf-8"),
    "prose": PROSE,
    "paragraphs-repeated": (
        "Welcome to our store.\n\n"
        + PROSE
        + "\n\nShipping is free on orders over $50.\n\n\n"
        "Welcome to our store.\n\n"
        "Contact us: help@example.com or visit https://example.com/contact?x=1.\n\n"
        "Shipping is free on orders over $50.\n\n  \n"
    ),
    "lines-repeated": (
        "Home\nProducts\nAbout\n"
        + PROSE
        + "\nHome\nProducts\nAbout\n\nHome\n"
        + "Can't stop, won't stop: it's the U.S.A.'s e-mail-based sign-up.\n"
    ),
    "edge-newlines": "\n\n\nFirst line\nsecond line\n\nFirst line\n\n\n\n",
    "crlf": "Title\r\n\r\nFirst para line one.\r\nFirst para line two.\r\n\r\nTitle\r\n\r\n"
    + PROSE.replace(". ", ".\r\n")
    + "\r\n",
    "unicode": (
        "Ça va? Déjà vu — naïve café, crème brûlée! 😀 😀\n"
        "東京都に住んでいます。東京都に住んでいます。\n"
        "Привет, мир! Привет, мир! Привет, мир!\n"
        "\u00a0NBSP\u2003em-space\u3000ideographic space\u00a0\n"
        "Ça va? Déjà vu — naïve café, crème brûlée! 😀 😀\n"
        "\u001f\u3000"
    ),
    "ngram-spam": "buy cheap pills now " * 12 + "and " + PROSE,
    "la-la": "la la la la la la la la la la la la",
    "top-ngram-tie": "x y long words x y long words " + PROSE,
    "concat-collision": "1 23 4 5 6 7 and then 12 3 4 5 6 7, then 123 4 5 6 7 again. " + PROSE,
    "punctuation-contractions": (
        "I can't, I won't, I don't -- and you shouldn't! "
        "Don't you think? Well... it's e-mail, not snail-mail; U.S.A. vs. U.K.\n" + PROSE
    ),
    "spaces-and-tabs": "  \t word word word \t \n\t\n word word word\n   ",
    "single-word": "hello",
    "whitespace-only": " \n\n \t ",
    "empty": "",
}


def frac(num, den):
    return {"num": num, "den": den, "value": num / den if den else 0.0}


def stats(text: str, words: list[str]) -> dict:
    f = g.GopherRepetitionFilter()
    if not text:
        zero = frac(0, 0)
        return {
            "dup_para_frac": zero,
            "dup_para_char_frac": zero,
            "dup_line_frac": zero,
            "dup_line_char_frac": zero,
            "top_n_gram": {str(n): zero for n in (2, 3, 4)},
            "dup_n_grams": {str(n): zero for n in range(5, 11)},
        }
    out = {}
    paragraphs = f.paragraph_exp.split(text.strip())
    dups, chars = g.find_duplicates(paragraphs)
    out["dup_para_frac"] = frac(dups, len(paragraphs))
    out["dup_para_char_frac"] = frac(chars, len(text))
    lines = f._line_splitter.split(text)
    dups, chars = g.find_duplicates(lines)
    out["dup_line_frac"] = frac(dups, len(lines))
    out["dup_line_char_frac"] = frac(chars, len(text))
    out["top_n_gram"] = {}
    for n, _ in f.top_n_grams:
        n_grams = g.get_n_grams(words, n)
        top = g.find_top_duplicate(n_grams) if n_grams else 0
        out["top_n_gram"][str(n)] = frac(top, len(text))
    out["dup_n_grams"] = {}
    for n, _ in f.dup_n_grams:
        out["dup_n_grams"][str(n)] = frac(g.find_all_duplicate(words, n), len(text))
    return out


def verdict(text: str) -> str:
    result = g.GopherRepetitionFilter().filter(Document(text=text, id="x"))
    return "pass" if result is True else result[1]


def main() -> None:
    vectors = []
    for name, text in TEXTS.items():
        words = split_into_words(text) if text else []
        vectors.append(
            {
                "name": name,
                "text": text,
                "words": words,
                "stats": stats(text, words),
                "verdict": verdict(text),
            }
        )
    doc = {
        "generator": "scripts/gopher_vectors.py",
        "datatrove": datatrove.__version__ if hasattr(datatrove, "__version__") else "0.10.1",
        "python": sys.version.split()[0],
        "vectors": vectors,
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(vectors)} vectors to {OUT}")


if __name__ == "__main__":
    main()
