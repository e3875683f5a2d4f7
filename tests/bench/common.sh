# Helpers shared by the benchmark scripts in tests/bench/; source it, do not run it.
#
#   . "$(dirname "${BASH_SOURCE[0]}")/common.sh"
#
# Sets BENCH_ROOT (the repository root) and defines:
#   bench_find_ner BUILD_DIR     -> NER (path of alama-ner), or exits with a message
#   bench_anercorp_split DIR     -> DIR/train90.txt, DIR/dev10.txt and NSENT, NTRAIN, NDEV,
#                                   TRAIN_TOK, DEV_TOK, CORPUS (the ANERcorp dev split)
#   bench_repeat FILE MIN_TOKENS OUT -> OUT = FILE repeated (blank line between copies) to
#                                   at least MIN_TOKENS tokens; sets REPS and BIG_TOK
#   bench_probe_gnu_time DIR     -> GNU_TIME=1 when /usr/bin/time -v reports peak RSS
#   run_timed TAG OUT CMD...     -> runs CMD with stdout to OUT, stderr to $TMP/TAG.err,
#                                   stdin from $RUN_STDIN when set, peak RSS to
#                                   $TMP/TAG.time (GNU time); wall time in LAST_SECONDS
#                                   (2 decimals) and LAST_MS (milliseconds, 1 decimal)
#   count_sent, count_tok, now, elapsed, elapsed_ms, peak_mib, median
# The scripts set TMP (a temporary directory they delete) before calling run_timed.

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

count_sent() { awk 'BEGIN { RS = "" } END { print NR }' "$1"; }
count_tok() { awk 'NF > 0 { n++ } END { print n + 0 }' "$1"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
elapsed_ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) * 1000 }'; }
# Peak RSS in MiB from a /usr/bin/time -v report.
peak_mib() { awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); printf "%.1f", $2 / 1024 }' "$1"; }
# Median of the numbers given as arguments (the lower middle one for an even count).
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# BUILD_DIR: absolute, or relative to the current directory, or to the repository root.
bench_find_ner() {
    local dir="$1"
    case "$dir" in
        /*) ;;
        *) if [ ! -d "$dir" ] && [ -d "$BENCH_ROOT/$dir" ]; then dir="$BENCH_ROOT/$dir"; fi ;;
    esac
    NER="$dir/src/cli/alama-ner"
    if [ ! -x "$NER" ]; then
        echo "error: $NER not found or not executable; build first (ninja -C $dir)" >&2
        exit 1
    fi
}

# The first 90% / last 10% of the blank-line separated sentences of the CAMeL Lab
# ANERcorp train file (10% rounded to the nearest sentence: 3973 -> 397 dev).
bench_anercorp_split() {
    local out="$1"
    CORPUS="$BENCH_ROOT/../shared/corpora/anercorp-camellab/ANERCorp_CamelLab_train.txt"
    if [ ! -r "$CORPUS" ]; then
        echo "error: ANERcorp corpus not found at $CORPUS" >&2
        echo "       (expected ../shared/corpora/anercorp-camellab/ next to the repository root)" >&2
        exit 1
    fi
    NSENT=$(count_sent "$CORPUS")
    NDEV=$(awk -v n="$NSENT" 'BEGIN { printf "%d", n * 0.1 + 0.5 }')
    NTRAIN=$((NSENT - NDEV))
    awk -v ntrain="$NTRAIN" -v train="$out/train90.txt" -v dev="$out/dev10.txt" '
        BEGIN { RS = ""; FS = "\n" }
        { f = (NR <= ntrain) ? train : dev; if (NR != 1 && NR != ntrain + 1) print "" > f; print > f }
    ' "$CORPUS"
    [ "$(count_sent "$out/train90.txt")" = "$NTRAIN" ] && [ "$(count_sent "$out/dev10.txt")" = "$NDEV" ] || {
        echo "error: split produced unexpected sentence counts" >&2; exit 1; }
    TRAIN_TOK=$(count_tok "$out/train90.txt")
    DEV_TOK=$(count_tok "$out/dev10.txt")
}

bench_repeat() {
    local file="$1" min="$2" out="$3" tok i
    tok=$(count_tok "$file")
    REPS=$(( (min + tok - 1) / tok ))
    for ((i = 0; i < REPS; i++)); do
        cat "$file"; printf "\n"
    done >"$out"
    BIG_TOK=$(count_tok "$out")
}

bench_probe_gnu_time() {
    GNU_TIME=0
    if [ -x /usr/bin/time ] && /usr/bin/time -v -o "$1/probe" true >/dev/null 2>&1 &&
       grep -q 'Maximum resident set size' "$1/probe"; then
        GNU_TIME=1
    fi
}

run_timed() {
    local tag="$1" out="$2"; shift 2
    local t0 t1 rc=0
    local in="${RUN_STDIN:-/dev/null}"
    t0=$(now)
    if [ "${GNU_TIME:-0}" = 1 ]; then
        /usr/bin/time -v -o "$TMP/$tag.time" "$@" <"$in" >"$out" 2>"$TMP/$tag.err" || rc=$?
    else
        "$@" <"$in" >"$out" 2>"$TMP/$tag.err" || rc=$?
    fi
    t1=$(now)
    if [ "$rc" != 0 ]; then
        echo "error: '$*' failed (exit $rc):" >&2
        cat "$TMP/$tag.err" >&2
        exit 1
    fi
    LAST_SECONDS=$(elapsed "$t0" "$t1")
    LAST_MS=$(elapsed_ms "$t0" "$t1")
}
