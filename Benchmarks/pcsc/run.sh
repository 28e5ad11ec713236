#!/usr/bin/env bash
# Per-APDU time through MynaPCSC against a C program running the same SCardTransmit loop, side by side,
# against the same pcscd, virtual reader and virtual card. Writes the figures and their ratio into
# Documentation/pcsc.md (between the benchmark markers). A benchmark, not a test: run it by hand.
#
#   Benchmarks/pcsc/run.sh                 # ROUNDS=15 COUNT=1000 by default
#   ROUNDS=31 COUNT=2000 Benchmarks/pcsc/run.sh
#
# Needs pcscd with the vpcd driver (apt-get install pcscd vsmartcard-vpcd libpcsclite-dev; pcscd -f -a &).
set -euo pipefail
cd "$(dirname "$0")"

READER=${MYNA_BENCH_READER:-"Virtual PCD 00 00"}
PORT=${MYNA_BENCH_PORT:-35963}
ROUNDS=${ROUNDS:-15}
COUNT=${COUNT:-1000}
# On a shared machine, NICE=-10 (as root) runs the card and both clients ahead of other work; pcscd keeps its
# own priority (renice it by hand to match).
NICE=${NICE:-0}
DOC=../../Documentation/pcsc.md

if ! pgrep -x pcscd >/dev/null; then
    echo "pcscd is not running: start it with 'sudo mkdir -p /run/pcscd && sudo pcscd -f -a &'" >&2
    exit 1
fi

echo "Building (release)…"
swift build -c release --product myna-pcsc-bench >/dev/null
swift build -c release --product myna-bench-card >/dev/null
BIN=$(swift build -c release --show-bin-path)
cc -O2 -Wall bench.c -o "$BIN/bench-c" $(pkg-config --cflags --libs libpcsclite)

nice -n "$NICE" "$BIN/myna-bench-card" "$PORT" &
CARD=$!
trap 'kill "$CARD" 2>/dev/null || true; wait "$CARD" 2>/dev/null || true' EXIT

c_results=()
swift_results=()
thread_results=()
ratios=()
thread_ratios=()
run_c() { nice -n "$NICE" "$BIN/bench-c" "$READER" "$COUNT" | awk '{print $3}'; }
run_swift() { nice -n "$NICE" "$BIN/myna-pcsc-bench" "$READER" "$COUNT" | awk '{print $3}'; }
run_thread() { nice -n "$NICE" "$BIN/myna-pcsc-bench" "$READER" "$COUNT" thread | awk '{print $3}'; }
for round in $(seq 1 "$ROUNDS"); do
    # Rotate which side goes first, so that a drift in machine load hits all sides alike.
    case $(( round % 3 )) in
        0) c=$(run_c); s=$(run_swift); t=$(run_thread) ;;
        1) s=$(run_swift); t=$(run_thread); c=$(run_c) ;;
        2) t=$(run_thread); c=$(run_c); s=$(run_swift) ;;
    esac
    c_results+=("$c")
    swift_results+=("$s")
    thread_results+=("$t")
    ratios+=("$(awk -v s="$s" -v c="$c" 'BEGIN { printf "%.3f", s / c }')")
    thread_ratios+=("$(awk -v s="$t" -v c="$c" 'BEGIN { printf "%.3f", s / c }')")
    printf 'round %2d: C %7d ns   MynaPCSC %7d ns (%s)   MynaPCSC on its thread %7d ns (%s)\n' \
        "$round" "$c" "$s" "${ratios[-1]}" "$t" "${thread_ratios[-1]}"
done

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minimum() { printf '%s\n' "$@" | sort -n | head -1; }
ratio() { awk -v s="$1" -v c="$2" 'BEGIN { printf "%.3f", s / c }'; }
us() { awk -v n="$1" 'BEGIN { printf "%.1f", n / 1000 }'; }

c_median=$(median "${c_results[@]}");       c_min=$(minimum "${c_results[@]}")
s_median=$(median "${swift_results[@]}");   s_min=$(minimum "${swift_results[@]}")
t_median=$(median "${thread_results[@]}");  t_min=$(minimum "${thread_results[@]}")

echo
echo "C:                      median $(us "$c_median") µs/APDU, best $(us "$c_min")"
echo "MynaPCSC:               median $(us "$s_median") µs/APDU, best $(us "$s_min"), ratio $(ratio "$s_median" "$c_median") (best $(ratio "$s_min" "$c_min"), median per round $(median "${ratios[@]}"))"
echo "MynaPCSC on its thread: median $(us "$t_median") µs/APDU, best $(us "$t_min"), ratio $(ratio "$t_median" "$c_median") (best $(ratio "$t_min" "$c_min"), median per round $(median "${thread_ratios[@]}"))"

section=$(cat <<MD
<!-- benchmark:begin -->
Measured $(date -u +%Y-%m-%d) by \`Benchmarks/pcsc/run.sh\` (ROUNDS=$ROUNDS, COUNT=$COUNT APDUs per round, NICE=$NICE, READ BINARY
of 16 bytes, reader \`$READER\`) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end,
pcsc-lite $(pkg-config --modversion libpcsclite):

| | median µs/APDU | best round µs/APDU | ratio to C (medians) | median of per-round ratios | ratio to C (best rounds) |
|---|---|---|---|---|---|
| C (\`bench.c\`, SCardTransmit loop) | $(us "$c_median") | $(us "$c_min") | 1 | 1 | 1 |
| MynaPCSC, called from any task | $(us "$s_median") | $(us "$s_min") | $(ratio "$s_median" "$c_median") | $(median "${ratios[@]}") | $(ratio "$s_min" "$c_min") |
| MynaPCSC, loop on the PC/SC thread (\`withTaskExecutorPreference(context.taskExecutor)\`) | $(us "$t_median") | $(us "$t_min") | **$(ratio "$t_median" "$c_median")** | **$(median "${thread_ratios[@]}")** | **$(ratio "$t_min" "$c_min")** |
<!-- benchmark:end -->
MD
)
if [ -f "$DOC" ] && grep -q '<!-- benchmark:begin -->' "$DOC"; then
    awk -v section="$section" '
        /<!-- benchmark:begin -->/ { print section; skipping = 1; next }
        /<!-- benchmark:end -->/ { skipping = 0; next }
        !skipping { print }
    ' "$DOC" >"$DOC.tmp" && mv "$DOC.tmp" "$DOC"
    echo "Wrote the figures into Documentation/pcsc.md."
else
    echo "$section"
    echo "(Documentation/pcsc.md has no benchmark markers: figures printed only.)"
fi
