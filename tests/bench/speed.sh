#!/usr/bin/env bash
# Speed and memory of alama-ner tag and extract.
#
# Usage: tests/bench/speed.sh [BUILD_DIR] [--model MODEL] [--runs N] [--min-tokens N]
#
# Inputs are made from ../shared/corpora/anercorp-camellab/ANERCorp_CamelLab_train.txt
# (read in place), repeated to at least --min-tokens tokens (default 1,000,000):
#   tag      the CoNLL file itself (one token a line);
#   extract  the same sentences as raw text, one sentence a line, tokens joined by
#            spaces (tokens/s counts the corpus tokens, not the tokenizer's);
#   jsonl    the same text as {"id", "text"} documents of 8 sentences each, for
#            extract --format jsonl with -j 1 and -j 2.
# Each command runs --runs times (default 3); the median wall time counts.  Start-up
# and model load are measured on a one-sentence input and subtracted, so tokens/s
# exclude them; CPU tokens/s (user + sys, from GNU /usr/bin/time -v) are given too,
# since wall times vary on a shared machine.  tag and extract are single-threaded
# (one core); -j 2 runs two recognizer threads, and the speed-up is -j 1 wall over
# -j 2 wall.  Peak RSS is GNU time's maximum resident set size.
#
# MODEL defaults to the built-in one.  No network; temporary files are deleted.
set -euo pipefail

usage() {
    echo "usage: $0 [BUILD_DIR] [--model MODEL] [--runs N] [--min-tokens N]" >&2
    exit 2
}

BUILD_DIR=build
MODEL=""
RUNS=3
MIN_TOKENS=1000000
have_build_arg=0
while [ $# -gt 0 ]; do
    case "$1" in
        --model) [ $# -ge 2 ] || usage; MODEL="$2"; shift 2 ;;
        --runs) [ $# -ge 2 ] || usage; RUNS="$2"; shift 2 ;;
        --min-tokens) [ $# -ge 2 ] || usage; MIN_TOKENS="$2"; shift 2 ;;
        -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) usage ;;
        *) [ "$have_build_arg" = 0 ] || usage; BUILD_DIR="$1"; have_build_arg=1; shift ;;
    esac
done
for v in "$RUNS" "$MIN_TOKENS"; do
    case "$v" in ''|*[!0-9]*|0) echo "error: --runs and --min-tokens want positive integers" >&2; exit 2 ;; esac
done

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_find_ner "$BUILD_DIR"
MODEL_ARGS=()
if [ -n "$MODEL" ]; then
    [ -r "$MODEL" ] || { echo "error: model $MODEL not found" >&2; exit 1; }
    MODEL_ARGS=(--model "$MODEL")
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/alama-speed.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
bench_probe_gnu_time "$TMP"
CORPUS="$BENCH_ROOT/../shared/corpora/anercorp-camellab/ANERCorp_CamelLab_train.txt"
if [ ! -r "$CORPUS" ]; then
    echo "error: ANERcorp corpus not found at $CORPUS" >&2
    echo "       (expected ../shared/corpora/anercorp-camellab/ next to the repository root)" >&2
    exit 1
fi

# ---- inputs ----
bench_repeat "$CORPUS" "$MIN_TOKENS" "$TMP/big.conll"
awk 'BEGIN { RS = ""; FS = "\n" }
     { s = ""; for (i = 1; i <= NF; i++) { split($i, a, " "); s = s (i > 1 ? " " : "") a[1] }; print s }' \
    "$TMP/big.conll" >"$TMP/big.txt"
awk 'function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, "\\t", s); gsub(/\r/, "\\r", s); return s }
     { doc = doc (n ? "\\n" : "") esc($0); n++ }
     n == 8 { printf "{\"id\":%d,\"text\":\"%s\"}\n", id++, doc; doc = ""; n = 0 }
     END { if (n) printf "{\"id\":%d,\"text\":\"%s\"}\n", id++, doc }' "$TMP/big.txt" >"$TMP/big.jsonl"
awk 'BEGIN { RS = "" } NR == 1 { print; exit }' "$CORPUS" >"$TMP/one.conll"
head -n 1 "$TMP/big.txt" >"$TMP/one.txt"
head -n 1 "$TMP/big.jsonl" >"$TMP/one.jsonl"
TOK=$BIG_TOK
if [ "$(wc -w <"$TMP/big.txt")" != "$TOK" ]; then
    echo "error: the raw text does not have the corpus's $TOK tokens" >&2
    exit 1
fi

echo "alama-ner speed: $(basename "$CORPUS") x $REPS = $TOK tokens, median of $RUNS runs"
echo "  binary: $NER"
echo "  model:  ${MODEL:-built-in}"
echo "  machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
echo

# CPU seconds (user + sys) of the last run of TAG, from GNU time; empty without it.
cpu_s() {
    [ "$GNU_TIME" = 1 ] || return 0
    awk -F: '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$TMP/$1.time"
}

# measure NAME OUT CMD... : runs CMD RUNS times; sets M_WALL (median ms), M_CPU (median s).
measure() {
    local name="$1" out="$2"; shift 2
    local walls=() cpus=() r
    for ((r = 1; r <= RUNS; r++)); do
        run_timed "$name" "$out" "$@"
        walls+=("$LAST_MS")
        cpus+=("$(cpu_s "$name")")
    done
    M_WALL=$(median "${walls[@]}")
    M_CPU=""
    [ "$GNU_TIME" = 1 ] && M_CPU=$(median "${cpus[@]}")
    M_RSS="n/a"
    [ "$GNU_TIME" = 1 ] && M_RSS=$(peak_mib "$TMP/$name.time")
    return 0
}

# report LABEL BIG_MS ONE_MS BIG_CPU ONE_CPU RSS
report() {
    awk -v label="$1" -v tok="$TOK" -v big="$2" -v one="$3" -v bcpu="$4" -v ocpu="$5" -v rss="$6" 'BEGIN {
        printf "%s\n", label
        printf "  wall:       %.3f s for %d tokens (start-up + model load alone: %.1f ms)\n", big / 1000, tok, one
        printf "  tokens/s:   %.0f, start-up and load excluded", tok / ((big - one) / 1000)
        if (bcpu != "") printf "  (by CPU time: %.0f)", tok / (bcpu - ocpu > 0 ? bcpu - ocpu : bcpu)
        printf "\n  peak RSS:   %s MiB\n", rss
    }'
}

# ---- tag ----
measure tag-one /dev/null "$NER" tag ${MODEL_ARGS[@]+"${MODEL_ARGS[@]}"} "$TMP/one.conll"
LOAD_MS=$M_WALL LOAD_CPU=$M_CPU
measure tag-big "$TMP/tag.out" "$NER" tag ${MODEL_ARGS[@]+"${MODEL_ARGS[@]}"} "$TMP/big.conll"
[ "$(count_tok "$TMP/tag.out")" = "$TOK" ] || { echo "error: tag output has the wrong token count" >&2; exit 1; }
report "== tag (CoNLL in, IOB2 out, one thread) ==" "$M_WALL" "$LOAD_MS" "$M_CPU" "$LOAD_CPU" "$M_RSS"
echo

# ---- extract, TSV ----
measure extract-one /dev/null "$NER" extract ${MODEL_ARGS[@]+"${MODEL_ARGS[@]}"} "$TMP/one.txt"
E_ONE=$M_WALL E_ONE_CPU=$M_CPU
measure extract-big "$TMP/extract.tsv" "$NER" extract ${MODEL_ARGS[@]+"${MODEL_ARGS[@]}"} "$TMP/big.txt"
report "== extract (raw text in, TSV out, one thread; tokenizer, names and dates) ==" \
    "$M_WALL" "$E_ONE" "$M_CPU" "$E_ONE_CPU" "$M_RSS"
echo "  entities:   $(wc -l <"$TMP/extract.tsv")"
echo

# ---- extract, JSON Lines, -j 1 and -j 2 ----
measure jsonl-one /dev/null "$NER" extract --format jsonl ${MODEL_ARGS[@]+"${MODEL_ARGS[@]}"} "$TMP/one.jsonl"
J_ONE=$M_WALL J_ONE_CPU=$M_CPU
measure jsonl-j1 "$TMP/j1.jsonl" "$NER" extract --format jsonl -j 1 ${MODEL_ARGS[@]+"${MODEL_ARGS[@]}"} "$TMP/big.jsonl"
J1=$M_WALL J1_CPU=$M_CPU J1_RSS=$M_RSS
measure jsonl-j2 "$TMP/j2.jsonl" "$NER" extract --format jsonl -j 2 ${MODEL_ARGS[@]+"${MODEL_ARGS[@]}"} "$TMP/big.jsonl"
J2=$M_WALL J2_CPU=$M_CPU J2_RSS=$M_RSS
if ! cmp -s "$TMP/j1.jsonl" "$TMP/j2.jsonl"; then
    echo "error: extract --format jsonl gives different output with -j 1 and -j 2" >&2
    exit 1
fi
report "== extract --format jsonl -j 1 (with confidences, $(wc -l <"$TMP/big.jsonl") documents) ==" \
    "$J1" "$J_ONE" "$J1_CPU" "$J_ONE_CPU" "$J1_RSS"
report "== extract --format jsonl -j 2 ==" "$J2" "$J_ONE" "$J2_CPU" "$J_ONE_CPU" "$J2_RSS"
awk -v a="$J1" -v b="$J2" -v o="$J_ONE" 'BEGIN {
    printf "  scaling:    -j 2 is %.2fx as fast as -j 1 (2.00 would be linear; start-up excluded: %.2fx)\n",
        a / b, (a - o) / (b - o) }'
echo "  (same output with -j 1 and -j 2: checked)"
