#!/bin/sh
# Peers on the same bytes: dedupe vs `awk '!seen[$0]++'` and `sort -u`, one core each.
# Not run in CI. Needs hyperfine (apt-get install hyperfine).
#
#   benches/peers/run.sh                  # 16 MiB of English
#   MB=64 CORPUS=russian benches/peers/run.sh
#
# dedupe does more than the peers: it trims and normalizes (whitespace, NFKC, quotes),
# verifies groups, finds maximal blocks, line numbers and repair cuts; awk and sort only
# drop exact duplicate lines. bench_find times find_repeats alone (file already read);
# the hyperfine rows time whole processes, file reading included, as for awk and sort.
set -eu
cd "$(dirname "$0")/../.."
MB=${MB:-16}
CORPUS=${CORPUS:-english}
DIR=target/peers
mkdir -p "$DIR"
FILE="$DIR/$CORPUS-$MB.txt"

cargo build --release --quiet -p dedupe-bench-tools
target/release/gen_corpus --lang "$CORPUS" --mb "$MB" "$FILE"
BIN=target/release/bench_find

echo "== find_repeats alone, best of 10 (MB/s = 10^6 bytes/s)"
"$BIN" "$FILE" --threads 1 --repeat 10
"$BIN" "$FILE" --repeat 10

echo "== whole processes, file read included"
hyperfine --warmup 1 --runs 10 --style basic \
    "cat $FILE > /dev/null" \
    "awk '!seen[\$0]++' $FILE > /dev/null" \
    "LC_ALL=C sort -u --parallel=1 -S 1G $FILE > /dev/null" \
    "$BIN $FILE --threads 1 --repeat 1" \
    "$BIN $FILE --repeat 1"
