#!/usr/bin/env bash
# Corpus deduplication side by side: dedupe's find_repeats, text-dedup's exact hash and
# dolma's paragraph deduper, on the same generated JSONL corpus, timed in the same run.
#
# Not part of CI. Needs /usr/bin/time (GNU time) and the peers in virtualenvs:
#
#   python3 -m venv /tmp/tdenv && /tmp/tdenv/bin/pip install text-dedup
#   python3 -m venv /tmp/dolmaenv && /tmp/dolmaenv/bin/pip install dolma \
#       boto3==1.26.76 botocore==1.29.76   # pins that spare pip a long backtrack
#
# Usage: benches/peers/corpus_peers.sh [BYTES] [WORKDIR]
#   BYTES    corpus size (default 200000000; text-dedup, the slowest, ran at ~31 MB/s here)
#   WORKDIR  scratch folder (default /tmp/dedupe-peers); it is emptied first
# Environment: TEXT_DEDUP_PY (default /tmp/tdenv/bin/python), DOLMA (default
# /tmp/dolmaenv/bin/dolma). A peer that is missing is reported and skipped.
#
# Every run reads the same bytes. MB/s is 10^6 bytes of JSONL input per second of wall
# time and per second of CPU time (user + sys, the whole process tree); ratios are
# against dedupe's single-thread run. What each one does differs, see the table at the end.
set -euo pipefail

BYTES=${1:-200000000}
WORK=${2:-/tmp/dedupe-peers}
TEXT_DEDUP_PY=${TEXT_DEDUP_PY:-/tmp/tdenv/bin/python}
DOLMA=${DOLMA:-/tmp/dolmaenv/bin/dolma}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

cd "$ROOT"
cargo build --release --quiet -p dedupe-text-cli -p dedupe-bench-tools
FIND="$ROOT/target/release/dedupe"

rm -rf "$WORK"
mkdir -p "$WORK/documents"
CORPUS="$WORK/documents/corpus.jsonl"
"$ROOT/target/release/gen_jsonl" "$CORPUS" "$BYTES"
SIZE=$(stat -c %s "$CORPUS")
DOCS=$(wc -l < "$CORPUS")
gzip -1 -c "$CORPUS" > "$WORK/documents/corpus.jsonl.gz"

RESULTS="$WORK/results.tsv"
: > "$RESULTS"

# run NAME CMD...: times CMD (stdout to $WORK/NAME.out), appends a row to $RESULTS.
run() {
    local name=$1
    shift
    echo "== $name: $*" >&2
    if /usr/bin/time -f "%e %U %S %M" -o "$WORK/$name.time" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err"; then
        :
    else
        local rc=$?
        # find_repeats exits 1 when it finds nothing; anything else is a failure.
        if [ "$name" != "${name#dedupe}" ] && [ $rc -eq 1 ]; then :; else
            echo "   failed (exit $rc), see $WORK/$name.err" >&2
            tail -n 5 "$WORK/$name.err" >&2
            return 0
        fi
    fi
    read -r wall user sys rss < <(tail -n 1 "$WORK/$name.time")
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$wall" "$user" "$sys" "$rss" >> "$RESULTS"
}

run dedupe-t1-clean "$FIND" --quiet --threads 1 --clean "$CORPUS"
run dedupe-t1-attributes "$FIND" --quiet --threads 1 --attributes "$WORK/dedupe-attributes.jsonl" "$CORPUS"
run dedupe-clean "$FIND" --quiet --clean "$CORPUS"
run dedupe-t1-clean-gz "$FIND" --quiet --threads 1 --clean "$WORK/documents/corpus.jsonl.gz"

if [ -x "$TEXT_DEDUP_PY" ] && "$TEXT_DEDUP_PY" -c "import text_dedup" 2> /dev/null; then
    run text-dedup-exact-p1 "$TEXT_DEDUP_PY" -m text_dedup.exact_hash \
        --path json --data_files "$CORPUS" --split train --cache_dir "$WORK/td-cache" \
        --output "$WORK/td-out" --column text --hash_func md5 --num_proc 1 --batch_size 10000
else
    echo "== text-dedup: not installed at $TEXT_DEDUP_PY, skipped" >&2
fi

if [ -x "$DOLMA" ]; then
    # dolma writes attributes next to the documents ("documents" -> "attributes/NAME").
    # A config file: its boolean options cannot all be given on the command line.
    cat > "$WORK/dolma.yaml" << EOF
documents:
  - $WORK/documents/corpus.jsonl.gz
dedupe:
  name: bff_paragraphs
  paragraphs:
    attribute_name: bff_duplicate_paragraph_spans
  skip_empty: true
bloom_filter:
  file: $WORK/dolma-bloom.bin
  read_only: false
  estimated_doc_count: $((DOCS * 20))
  desired_false_positive_rate: 1.0e-9
processes: 1
EOF
    run dolma-paragraphs-p1 "$DOLMA" -c "$WORK/dolma.yaml" dedupe
else
    echo "== dolma: not installed at $DOLMA, skipped" >&2
fi

echo
echo "corpus: $CORPUS, $SIZE bytes, $DOCS documents (gen_jsonl); $(nproc) cores"
python3 - "$RESULTS" "$SIZE" << 'PY'
import sys
rows = [l.split("\t") for l in open(sys.argv[1]) if l.strip()]
size = int(sys.argv[2])
base = None
print(f"{'run':24} {'wall s':>8} {'cpu s':>8} {'MB/s wall':>10} {'MB/s cpu':>9} {'peak RSS MB':>12} {'x wall':>7} {'x cpu':>7}")
for name, wall, user, sys_, rss in rows:
    wall, cpu, rss = float(wall), float(user) + float(sys_), int(rss) / 1024
    if base is None:
        base = (wall, cpu)
    print(f"{name:24} {wall:8.2f} {cpu:8.2f} {size / 1e6 / wall:10.1f} {size / 1e6 / cpu:9.1f} {rss:12.0f}"
          f" {wall / base[0]:7.2f} {cpu / base[1]:7.2f}")
print("x: time relative to the first row (higher is slower).")
PY
cat << 'TXT'

What each run does:
  dedupe-*-clean       exact repeats of lines/paragraphs (NFKC, whitespace) within and across
                       documents, two passes, first occurrence kept, cleaned JSONL written
  dedupe-*-attributes  the same, spans of what --clean cuts written as dolma attributes
  text-dedup-exact     whole documents by md5 of the raw text (HF datasets, Arrow cache)
  dolma-paragraphs     paragraphs (split on newlines) checked against a Bloom filter in one
                       pass; attribute spans written (no cleaning: that is `dolma mix`)
TXT
