#!/usr/bin/env python3
"""MinHash near-duplicate peers on dedupe's bench corpus: rensa, datasketch, gaoya.

Prints MB/s, one core, for the same work dedupe's `near_groups` bench does: word
5-gram shingles (lower-cased), 128-slot MinHash signatures, LSH at Jaccard 0.8 with
every document inserted and queried. Not run in CI.

    cargo run --release -p dedupe-bench-tools --bin near_corpus -- /tmp/near_corpus.txt 12 time
    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install rensa datasketch gaoya
    /tmp/peers/bin/python benches/peers/near_peers.py /tmp/near_corpus.txt

A file ending in `.jsonl` is read as JSONL instead, one document per line, the text in its
"text" field (the shared real corpus: `zstd -dc ../shared/corpora/real-docs.jsonl.zst >
real-docs.jsonl`). That text is not all ASCII: `[a-z0-9_]+` then drops the words of other
scripts, so the peers get fewer shingles than UAX #29 words would give (less work, not more).

The corpus is ASCII letters, spaces, commas and full stops, so `[a-z0-9_]+` gives the
same words as UAX #29 there. rensa and datasketch take shingles made in Python (timed
separately); gaoya tokenizes in Rust from the raw text.
"""

import json
import re
import sys
import time

WORD = re.compile(r"[a-z0-9_]+")


def shingles(doc, k=5):
    w = WORD.findall(doc.lower())
    if len(w) < k:
        return [" ".join(w)] if w else []
    return [" ".join(w[i : i + k]) for i in range(len(w) - k + 1)]


def timed(label, mb, fn):
    t = time.process_time()
    out = fn()
    s = time.process_time() - t
    print(f"{label:55s} {mb / s:8.1f} MB/s  ({s:.2f} s CPU)")
    return out, s


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/near_corpus.txt"
    with open(path, encoding="utf-8") as f:
        if path.endswith(".jsonl"):
            docs = [json.loads(line)["text"] for line in f if line.strip()]
        else:
            docs = [line.rstrip("\n") for line in f]
    mb = sum(len(d.encode()) for d in docs) / 1e6
    print(f"{len(docs)} documents, {mb:.1f} MB")
    sh, t_sh = timed("python shingling (regex words, 5-gram strings)", mb, lambda: [shingles(d) for d in docs])

    try:
        import rensa

        def rensa_sigs():
            out = []
            for s in sh:
                m = rensa.RMinHash(num_perm=128, seed=42)
                m.update(s)
                out.append(m)
            return out

        sigs, t = timed("rensa RMinHash signatures (shingles given)", mb, rensa_sigs)

        def rensa_lsh():
            lsh = rensa.RMinHashLSH(threshold=0.8, num_perm=128, num_bands=16)
            for i, m in enumerate(sigs):
                lsh.insert(i, m)
            return sum(len(lsh.query(m)) for m in sigs)

        _, t2 = timed("rensa RMinHashLSH insert + query", mb, rensa_lsh)
        print(f"{'rensa end to end (shingling + signatures + LSH)':55s} {mb / (t_sh + t + t2):8.1f} MB/s")
    except ImportError as e:
        print("rensa not installed:", e)

    try:
        import datasketch

        def ds_sigs():
            out = []
            for s in sh:
                m = datasketch.MinHash(num_perm=128, seed=1)
                m.update_batch([x.encode("utf-8") for x in s])
                out.append(m)
            return out

        sigs, t = timed("datasketch MinHash signatures (shingles given)", mb, ds_sigs)

        def ds_lsh():
            lsh = datasketch.MinHashLSH(threshold=0.8, num_perm=128)
            for i, m in enumerate(sigs):
                lsh.insert(i, m)
            return sum(len(lsh.query(m)) for m in sigs)

        _, t2 = timed("datasketch MinHashLSH insert + query", mb, ds_lsh)
        print(f"{'datasketch end to end (shingling + signatures + LSH)':55s} {mb / (t_sh + t + t2):8.1f} MB/s")
    except ImportError as e:
        print("datasketch not installed:", e)

    try:
        from gaoya.minhash import MinHashStringIndex

        index = MinHashStringIndex(
            hash_size=32,
            jaccard_threshold=0.8,
            num_bands=14,
            band_size=9,
            analyzer="word",
            lowercase=True,
            ngram_range=(5, 5),
            id_container="vec",
        )

        def g_insert():
            for i, d in enumerate(docs):
                index.insert_document(i, d)

        _, t = timed("gaoya insert_document (tokenize + sign + index)", mb, g_insert)
        _, t2 = timed("gaoya query (tokenize + sign + lookup + filter)", mb, lambda: sum(len(index.query(d)) for d in docs))
        print(f"{'gaoya end to end (insert + query)':55s} {mb / (t + t2):8.1f} MB/s")
    except ImportError as e:
        print("gaoya not installed:", e)


if __name__ == "__main__":
    main()
