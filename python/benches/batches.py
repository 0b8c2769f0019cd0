"""Documents per second through Arrow batches against per-row calls, and MinHash
signatures against rensa and datasketch, on the real-text corpus in ../shared/corpora.

    RAYON_NUM_THREADS=1 python python/benches/batches.py [--docs N] [--rounds R]

Each measure alternates its contenders in one session (A B A B ...) and reports the
median wall time of each, so that the load of other processes on a shared machine falls
on all of them alike; figures are printed as docs/s and as ratios to the batch call.
Texts are the documents of real-docs.jsonl.zst ("docs", a few KB each) and the same
documents cut at blank lines ("paragraphs", a few hundred bytes each: where a per-row
call's fixed cost shows most).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import time

import pyarrow as pa

import dedupe_text as dt
import dedupe_text.arrow as da

CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpora", "real-docs.jsonl.zst")


def load(limit: int):
    raw = subprocess.run(["zstd", "-dc", CORPUS], capture_output=True, check=True).stdout
    docs = [json.loads(l)["text"] for l in raw.splitlines()[:limit]]
    paragraphs = [p for d in docs for p in d.split("\n\n") if p.strip()][: limit * 10]
    return docs, paragraphs


def shingles(text: str, k: int = 5):
    words = text.lower().split()
    return [" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1))]


def race(contenders, rounds):
    times = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, fn in contenders.items():
            t = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t)
    return {name: statistics.median(ts) for name, ts in times.items()}


def report(title, n, medians, base):
    print(f"\n{title} ({n} texts)")
    for name, t in medians.items():
        print(f"  {name:<38} {n / t:>12,.0f} docs/s   {t / medians[base]:>7.2f}x the time of {base}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--docs", type=int, default=2000)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--signature-docs", type=int, default=500, help="texts for datasketch, the slowest")
    a = p.parse_args()
    docs, paragraphs = load(a.docs)
    print(f"RAYON_NUM_THREADS={os.environ.get('RAYON_NUM_THREADS', '(all cores)')}")
    print(f"docs: {len(docs)} texts, {sum(len(d.encode()) for d in docs) / 1e6:.1f} MB; "
          f"paragraphs: {len(paragraphs)} texts, {sum(len(d.encode()) for d in paragraphs) / 1e6:.1f} MB")
    f = dt.Finder()
    for label, texts in (("docs", docs), ("paragraphs", paragraphs)):
        arr = pa.array(texts, pa.large_string())
        report(
            f"unit fingerprints, {label}",
            len(texts),
            race(
                {
                    "arrow.unit_fingerprints (batch)": lambda: da.unit_fingerprints(arr, finder=f),
                    "Finder.unit_fingerprints per row": lambda: [f.unit_fingerprints(t) for t in texts],
                },
                a.rounds,
            ),
            "arrow.unit_fingerprints (batch)",
        )
        report(
            f"Gopher statistics, {label}",
            len(texts),
            race(
                {
                    "arrow.stats (batch)": lambda: da.stats(arr),
                    "repetition_stats per row": lambda: [dt.repetition_stats(t) for t in texts],
                },
                a.rounds,
            ),
            "arrow.stats (batch)",
        )
    import datasketch
    import rensa

    for label, texts in (("docs", docs[: a.signature_docs]), ("paragraphs", paragraphs[: a.signature_docs * 10])):
        arr = pa.array(texts, pa.large_string())

        def with_rensa():
            out = []
            for t in texts:
                m = rensa.RMinHash(num_perm=128, seed=42)
                m.update(shingles(t))
                out.append(m.digest())
            return out

        def with_datasketch():
            out = []
            for t in texts:
                m = datasketch.MinHash(num_perm=128, seed=42)
                m.update_batch([s.encode() for s in shingles(t)])
                out.append(m.digest())
            return out

        contenders = {
            "arrow.signatures (batch)": lambda: da.signatures(arr),
            "minhash_signatures per row": lambda: [dt.minhash_signatures([t]) for t in texts],
            "rensa RMinHash (Python 5-gram shingles)": with_rensa,
        }
        if label == "docs":
            contenders["datasketch MinHash.update_batch"] = with_datasketch
        report(f"MinHash signatures (128 slots, word 5-grams), {label}", len(texts), race(contenders, a.rounds), "arrow.signatures (batch)")


if __name__ == "__main__":
    main()
