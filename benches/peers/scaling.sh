#!/usr/bin/env bash
# Scaling from one thread to all cores, on the same real files, alternating (1 thread, N
# threads, 1, N, ...): one big text file (the shared man pages and Python sources joined,
# 65 MB) by the default run, by --no-stutters and by the library alone (bench_find), and
# the real JSONL corpus (7,202 documents) by --json and --clean.
#
# Not part of CI. Needs GNU time (/usr/bin/time) and zstd.
#
# Usage: benches/peers/scaling.sh [ROUNDS] [WORKDIR]
#   ROUNDS   how many times each command runs per thread count (default 3)
#   WORKDIR  scratch folder (default /tmp/dedupe-scaling)
# Environment: DEDUPE_CORPORA, the corpora's directory (default ../shared/corpora from the
# repository); DEDUPE_BIN and BENCH_FIND, binaries to time instead of building them;
# THREADS, the thread count to compare with one (default: the number of cores).
#
# Prints one line per run (command, threads, wall s, CPU s, peak KB), then per command the
# medians and the speedup (wall with one thread / wall with THREADS) and the serial share
# that Amdahl's law gives for it: s = (THREADS / speedup - 1) / (THREADS - 1).
set -euo pipefail

ROUNDS=${1:-3}
WORK=${2:-/tmp/dedupe-scaling}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CORPORA=${DEDUPE_CORPORA:-$ROOT/../shared/corpora}
THREADS=${THREADS:-$(nproc)}

for c in man-pages.txt python-stdlib.txt real-docs.jsonl; do
  if [ ! -f "$CORPORA/$c.zst" ]; then
    echo "no $c.zst in $CORPORA (set DEDUPE_CORPORA)" >&2
    exit 1
  fi
done
cd "$ROOT"
if [ -z "${DEDUPE_BIN:-}" ] || [ -z "${BENCH_FIND:-}" ]; then
  cargo build --release --quiet -p dedupe-text-cli -p dedupe-bench-tools
fi
DEDUPE=${DEDUPE_BIN:-$ROOT/target/release/dedupe}
FIND=${BENCH_FIND:-$ROOT/target/release/bench_find}

mkdir -p "$WORK"
TEXT="$WORK/real.txt"
JSONL="$WORK/real-docs.jsonl"
[ -f "$TEXT" ] || zstd -qdc "$CORPORA/man-pages.txt.zst" "$CORPORA/python-stdlib.txt.zst" > "$TEXT"
[ -f "$JSONL" ] || zstd -qdc "$CORPORA/real-docs.jsonl.zst" > "$JSONL"
echo "text: $TEXT, $(stat -c %s "$TEXT") bytes; corpus: $JSONL, $(stat -c %s "$JSONL") bytes; threads 1 and $THREADS"

names=(default no-stutters library jsonl-json jsonl-clean)
run() {
  case $1 in
    default) "$DEDUPE" "$TEXT" ;;
    no-stutters) "$DEDUPE" --no-stutters "$TEXT" ;;
    library) "$FIND" "$TEXT" --threads "$RAYON_NUM_THREADS" --repeat 1 --stutters ;;
    jsonl-json) "$DEDUPE" -q --json "$JSONL" ;;
    jsonl-clean) "$DEDUPE" -q --clean "$JSONL" ;;
  esac
}
export -f run
export TEXT JSONL DEDUPE FIND

RESULTS="$WORK/results.tsv"
: > "$RESULTS"
for r in $(seq "$ROUNDS"); do
  for n in "${names[@]}"; do
    for t in 1 "$THREADS"; do
      # dedupe exits 1 when it finds nothing; any status is a finished run here.
      RAYON_NUM_THREADS=$t /usr/bin/time -f "$n\t$t\t%e\t%U\t%S\t%M" -o "$WORK/t" \
        bash -c "run $n > /dev/null 2>&1 || true"
      tee -a "$RESULTS" < "$WORK/t"
    done
  done
done

python3 - "$RESULTS" "$THREADS" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    n, t, wall, user, sys_, kb = line.split("\t")
    rows.setdefault((n, int(t)), []).append((float(wall), float(user) + float(sys_), int(kb)))
threads = int(sys.argv[2])
print(f"{'command':14s} {'1 thr wall':>10s} {'CPU':>6s} {f'{threads} thr wall':>10s} {'CPU':>6s} {'speedup':>8s} {'serial':>7s} {'peak MB':>8s}")
for n in dict.fromkeys(k for k, _ in rows):
    one, many = rows[(n, 1)], rows[(n, threads)]
    w1, c1 = statistics.median(w for w, _, _ in one), statistics.median(c for _, c, _ in one)
    wn, cn = statistics.median(w for w, _, _ in many), statistics.median(c for _, c, _ in many)
    speedup = w1 / wn
    serial = (threads / speedup - 1) / (threads - 1) if threads > 1 else 1.0
    peak = max(k for _, _, k in many) / 1000
    print(f"{n:14s} {w1:10.2f} {c1:6.2f} {wn:10.2f} {cn:6.2f} {speedup:8.2f} {serial:7.2f} {peak:8.0f}")
EOF
