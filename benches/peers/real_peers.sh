#!/usr/bin/env bash
# Exact-dedup peers on real text, side by side in one session, alternating (A B C D, A B C
# D, ...): mawk '!seen[$0]++', LC_ALL=C sort -u, dedupe's default run and dedupe
# --no-stutters, all on the same file: the shared man pages and Python sources joined.
#
# Not part of CI. Needs mawk, GNU time (/usr/bin/time) and zstd.
#
# Usage: benches/peers/real_peers.sh [ROUNDS] [WORKDIR]
#   ROUNDS   how many times each command runs (default 3)
#   WORKDIR  scratch folder (default /tmp/dedupe-real-peers)
# Environment: DEDUPE_CORPORA, the corpora's directory (default ../shared/corpora from
# the repository); DEDUPE_BIN, a dedupe binary to time instead of building one;
# DEDUPE_BEFORE, a second dedupe binary whose default run is timed beside it (e.g. the
# last release, to measure a change); DEDUPE_FILE, a file to use instead of the joined
# corpora (e.g. a 100 MB one).
#
# Prints one line per run (wall s, user s, sys s, peak KB), then per command the median
# wall and CPU (user + sys) and their ratio to mawk's. The machine may be shared: read the
# ratios, which alternating runs keep fair, more than the figures.
set -euo pipefail

ROUNDS=${1:-3}
WORK=${2:-/tmp/dedupe-real-peers}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CORPORA=${DEDUPE_CORPORA:-$ROOT/../shared/corpora}

if [ ! -f "$CORPORA/man-pages.txt.zst" ] || [ ! -f "$CORPORA/python-stdlib.txt.zst" ]; then
  echo "no corpora in $CORPORA (set DEDUPE_CORPORA)" >&2
  exit 1
fi
cd "$ROOT"
if [ -z "${DEDUPE_BIN:-}" ]; then
  cargo build --release --quiet -p dedupe-text-cli
fi
DEDUPE=${DEDUPE_BIN:-$ROOT/target/release/dedupe}

mkdir -p "$WORK"
FILE=${DEDUPE_FILE:-$WORK/real.txt}
if [ ! -f "$FILE" ]; then
  zstd -qdc "$CORPORA/man-pages.txt.zst" "$CORPORA/python-stdlib.txt.zst" > "$FILE"
fi
echo "file: $FILE, $(stat -c %s "$FILE") bytes, $(wc -l < "$FILE") lines"

names=(mawk sort-u dedupe-default dedupe-no-stutters)
if [ -n "${DEDUPE_BEFORE:-}" ]; then
  names+=(dedupe-before)
fi
run() {
  case $1 in
    mawk) mawk '!seen[$0]++' "$FILE" ;;
    sort-u) LC_ALL=C sort -u --parallel=1 -S 1G "$FILE" ;;
    dedupe-default) "$DEDUPE" "$FILE" ;;
    dedupe-no-stutters) "$DEDUPE" --no-stutters "$FILE" ;;
    dedupe-before) "$DEDUPE_BEFORE" "$FILE" ;;
  esac
}
export -f run
export FILE DEDUPE DEDUPE_BEFORE

RESULTS="$WORK/results.tsv"
: > "$RESULTS"
for r in $(seq "$ROUNDS"); do
  for n in "${names[@]}"; do
    # dedupe exits 1 when it finds nothing; any status is a finished run here.
    /usr/bin/time -f "$n\t%e\t%U\t%S\t%M" -o "$WORK/t" bash -c "run $n > /dev/null 2>&1 || true"
    cat "$WORK/t" | tee -a "$RESULTS"
  done
done

python3 - "$RESULTS" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    n, wall, user, sys_, kb = line.split("\t")
    rows.setdefault(n, []).append((float(wall), float(user) + float(sys_), int(kb)))
med = {n: (statistics.median(w for w, _, _ in v), statistics.median(c for _, c, _ in v), max(k for _, _, k in v)) for n, v in rows.items()}
mw, mc, _ = med["mawk"]
print(f"{'command':22s} {'wall s':>8s} {'CPU s':>8s} {'peak MB':>8s} {'wall/mawk':>10s} {'CPU/mawk':>9s}")
for n, (w, c, k) in med.items():
    print(f"{n:22s} {w:8.2f} {c:8.2f} {k / 1000:8.0f} {w / mw:10.2f} {c / mc:9.2f}")
EOF
