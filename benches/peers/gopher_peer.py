#!/usr/bin/env python3
"""Time datatrove 0.10's Gopher repetition statistics on the documents of benches/stats.rs.

Not part of CI. Setup as in scripts/gopher_vectors.py (datatrove==0.10.1, spacy, regex), then

    /tmp/dtenv/bin/python benches/peers/gopher_peer.py

Builds the same 200 documents as benches/stats.rs (same generator, step for step; the
total byte count printed must match the bench's) and reports MB/s (MiB/s like criterion)
for: datatrove's full filter (it stops at the first rule that fires), every statistic
computed with datatrove's helpers including spaCy word splitting (the work
dedupe::repetition_stats does), and the same on pre-split words (like the
with_words_pretokenized bench: words by str.split()).
"""

import time

from datatrove.data import Document
from datatrove.pipeline.filters import gopher_repetition_filter as g
from datatrove.utils.text import split_into_words

VOCAB = [
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be",
    "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have",
    "an", "had", "they", "you", "were", "their", "one", "all", "we", "can", "her", "has",
    "there", "been", "if", "more", "when", "will", "would", "who", "so", "no", "government",
    "market", "river", "village", "system", "report", "company", "water", "history", "people",
    "children", "research", "century", "minister", "football", "weather", "museum", "garden",
    "energy", "software", "language", "council", "festival", "mountain", "hospital", "school",
    "announced", "reported", "increased", "described", "remained", "developed", "believed",
    "café", "naïve", "résumé", "Zürich", "São", "Paulo", "über", "don't", "it's", "U.S.",
    "e-mail", "2024", "3.5", "percent", "—", "(see", "below)", "\"quoted\"",
]
BOILERPLATE = "Share this article on social media"
MASK = (1 << 64) - 1


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & MASK
        return self.state >> 33

    def below(self, n):
        return self.next() % n


def upper_first(word):
    return (word[0].upper() if word[0].isascii() else word[0]) + word[1:]


def document(rng):
    target = 2000 + rng.below(2400)
    paragraphs, length = [], 0
    while length < target:
        if paragraphs and rng.below(8) == 0:
            paragraph = paragraphs[rng.below(len(paragraphs))]
        elif rng.below(10) == 0:
            paragraph = BOILERPLATE
        else:
            parts = []
            for s in range(2 + rng.below(4)):
                if s > 0:
                    parts.append(" ")
                words = 6 + rng.below(15)
                for w in range(words):
                    word = VOCAB[rng.below(len(VOCAB))]
                    if w == 0:
                        parts.append(upper_first(word))
                    else:
                        parts.append(" " + word)
                    if w + 1 < words and rng.below(12) == 0:
                        parts.append(",")
                parts.append(".")
            paragraph = "".join(parts)
        length += len(paragraph.encode()) + 2
        paragraphs.append(paragraph)
    return "\n\n".join(paragraphs) + "\n"


def all_stats(f, text, words):
    paragraphs = f.paragraph_exp.split(text.strip())
    out = [g.find_duplicates(paragraphs)]
    lines = f._line_splitter.split(text)
    out.append(g.find_duplicates(lines))
    for n, _ in f.top_n_grams:
        n_grams = g.get_n_grams(words, n)
        out.append(g.find_top_duplicate(n_grams) if n_grams else 0)
    for n, _ in f.dup_n_grams:
        out.append(g.find_all_duplicate(words, n))
    return out


def timed(label, fn, docs, total, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for d in docs:
            fn(d)
        best = min(best, time.perf_counter() - start)
    print(f"{label:<40} {best * 1e3:9.1f} ms  {total / best / 2**20:8.2f} MiB/s")


def main():
    rng = Lcg(0x5EED)
    docs = [document(rng) for _ in range(200)]
    total = sum(len(d.encode()) for d in docs)
    print(f"{len(docs)} documents, {total} bytes")
    f = g.GopherRepetitionFilter()
    split_into_words(docs[0])  # load spaCy before timing
    pre = {d: d.split() for d in docs}
    timed("datatrove filter (early exit)", lambda d: f.filter(Document(text=d, id="x")), docs, total)
    timed("all stats incl. spaCy words", lambda d: all_stats(f, d, split_into_words(d)), docs, total)
    timed("all stats on pre-split words", lambda d: all_stats(f, d, pre[d]), docs, total)
    timed("spaCy word split alone", split_into_words, docs, total)


if __name__ == "__main__":
    main()
