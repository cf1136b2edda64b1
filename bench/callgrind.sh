#!/usr/bin/env bash
# Instructions per create, ours and hand-written, counted by valgrind's callgrind: a figure
# that other load on the machine cannot move, unlike requests per second. Prints
# `name: value` lines (see BENCHMARKS.md).
#
#   bash bench/callgrind.sh              # sequential creates
#   CONCURRENCY=64 bash bench/callgrind.sh
#   BIN=/path/to/telnyx-porting-bench bash bench/callgrind.sh   # a binary built elsewhere
#
# Each side runs twice, with N1 and N2 creates after the same warm-up, and the figure is
# (instructions(N2) - instructions(N1)) / (N2 - N1), so start-up and warm-up cancel out.
# Counts are user-space instructions of the whole process (client and server threads); the
# kernel's share (about 40% of CPU time here, the same for both sides) is not counted.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n1="${N1:-1000}"
n2="${N2:-3000}"
concurrency="${CONCURRENCY:-1}"
out="${CALLGRIND_DIR:-/tmp/telnyx-porting-callgrind}"
mkdir -p "$out"

if [[ -z "${BIN:-}" ]]; then
    (cd "$repo" && cargo build -q --release -p telnyx-porting-bench)
    BIN="$repo/target/release/telnyx-porting-bench"
fi

count() { # side n -> instructions
    local log="$out/$1-$2.log"
    BENCH_PROFILE="$1:$concurrency" BENCH_N="$2" \
        valgrind --tool=callgrind --callgrind-out-file="$out/$1-$2.out" "$BIN" >"$log" 2>&1
    grep -oE 'Collected : [0-9]+' "$log" | grep -oE '[0-9]+$'
}

declare -A per
for side in ours hand; do
    a=$(count "$side" "$n1")
    b=$(count "$side" "$n2")
    per[$side]=$(((b - a) / (n2 - n1)))
    echo "callgrind_${side}_c${concurrency}_instructions_per_create: ${per[$side]}"
done
awk -v o="${per[ours]}" -v h="${per[hand]}" -v c="$concurrency" \
    'BEGIN { printf "callgrind_c%s_ratio_hand_over_ours: %.3f\n", c, h / o }'
