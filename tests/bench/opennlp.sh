#!/usr/bin/env bash
# alama-ner against Apache OpenNLP's name finder on the same ANERcorp split.
#
# Usage: tests/bench/opennlp.sh [BUILD_DIR] [--iterations N] [--runs N]
#
# Both systems are trained on the first 90% of ../shared/corpora/anercorp-camellab/
# ANERCorp_CamelLab_train.txt and tested on the last 10% (the split of dev-split.sh,
# from common.sh). alama-ner: `train --epochs 15 --seed 1`.  OpenNLP:
# `opennlp TokenNameFinderTrainer` with its default feature generator and its default
# learner (the perceptron), with --iterations passes (default 15, alama-ner's epoch
# count; OpenNLP's own default is 300) and cutoff 0 (its perceptron default), on the
# split converted to its <START:TYPE> … <END> format.  OpenNLP's output on the dev part
# is converted back to CoNLL and both are scored by the same scorer, `alama-ner eval`.
#
# Prints, in one run: each system's micro and per-type scores, training time, the
# tagging throughput on the dev part repeated to >= 1M tokens (wall time of the big run
# minus the wall time of a one-sentence run, i.e. JVM start-up, process start-up and
# model load excluded; median of --runs runs, default 3), that start-up + load time,
# the peak RSS (GNU /usr/bin/time -v), and the ratios.
#
# Needs `opennlp` on PATH (Debian: apt-get install opennlp); without it the script
# prints why and exits with status 77 (skipped).  No network; the corpus is read in
# place and only copied into a temporary directory.
set -euo pipefail

EPOCHS=15
SEED=1
MIN_TOKENS=1000000

usage() {
    echo "usage: $0 [BUILD_DIR] [--iterations N] [--runs N]" >&2
    exit 2
}

BUILD_DIR=build
ITERATIONS=$EPOCHS
RUNS=3
have_build_arg=0
while [ $# -gt 0 ]; do
    case "$1" in
        --iterations) [ $# -ge 2 ] || usage; ITERATIONS="$2"; shift 2 ;;
        --runs) [ $# -ge 2 ] || usage; RUNS="$2"; shift 2 ;;
        -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) usage ;;
        *) [ "$have_build_arg" = 0 ] || usage; BUILD_DIR="$1"; have_build_arg=1; shift ;;
    esac
done
for v in "$ITERATIONS" "$RUNS"; do
    case "$v" in ''|*[!0-9]*|0) echo "error: --iterations and --runs want positive integers" >&2; exit 2 ;; esac
done

if ! command -v opennlp >/dev/null 2>&1; then
    echo "SKIP: Apache OpenNLP is not installed (no 'opennlp' on PATH)." >&2
    echo "      Install it to run this comparison: apt-get install opennlp" >&2
    exit 77
fi

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_find_ner "$BUILD_DIR"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/alama-opennlp.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
bench_probe_gnu_time "$TMP"
bench_anercorp_split "$TMP"

# CoNLL "TOKEN … TAG" (blank line between sentences) -> OpenNLP name-finder text: one
# sentence a line, names as <START:TYPE> tokens <END>, chunked the way conlleval (and
# `alama-ner eval`) chunks: a name starts at B-X, or at I-X after O or another type.
to_opennlp() {
    awk '
        function close_name() { if (open) { line = line " <END>"; open = 0 } }
        function flush() { close_name(); if (line != "") print substr(line, 2); line = ""; prev = "O" }
        BEGIN { prev = "O"; open = 0; line = "" }
        NF == 0 { flush(); next }
        {
            tag = $NF
            if (tag == "O") close_name()
            else {
                type = substr(tag, 3)
                if (substr(tag, 1, 1) == "B" || prev == "O" || substr(prev, 3) != type) {
                    close_name(); line = line " <START:" type ">"; open = 1
                }
            }
            line = line " " $1
            prev = tag
        }
        END { flush() }
    ' "$1"
}
# Tokens only, one sentence a line (the name finder's input).
to_sentences() {
    awk 'BEGIN { RS = ""; FS = "\n" }
         { s = ""; for (i = 1; i <= NF; i++) { split($i, a, " "); s = s (i > 1 ? " " : "") a[1] }; print s }' "$1"
}
# OpenNLP's output (one marked-up sentence a line) -> CoNLL "TOKEN TAG", IOB2.
from_opennlp() {
    awk '{
        if (NR > 1) print ""
        type = ""
        for (i = 1; i <= NF; i++) {
            if ($i ~ /^<START:.+>$/) { type = substr($i, 8, length($i) - 8); first = 1; continue }
            if ($i == "<END>") { type = ""; continue }
            if (type == "") print $i " O"
            else { print $i " " (first ? "B-" : "I-") type; first = 0 }
        }
    }' "$1"
}

to_opennlp "$TMP/train90.txt" >"$TMP/train90.onlp"
to_sentences "$TMP/dev10.txt" >"$TMP/dev10.sent"
if grep -q '<START:\|<END>' "$TMP/dev10.sent"; then
    echo "error: a dev token looks like OpenNLP markup; the conversion would be ambiguous" >&2
    exit 1
fi
cat >"$TMP/params.txt" <<EOF
Algorithm=PERCEPTRON
Iterations=$ITERATIONS
Cutoff=0
EOF

echo "alama-ner vs Apache OpenNLP name finder, ANERcorp dev split ($(basename "$CORPUS"))"
echo "  train: first $NTRAIN of $NSENT sentences ($TRAIN_TOK tokens)"
echo "  dev:   last  $NDEV sentences ($DEV_TOK tokens)"
echo "  alama-ner: $NER, train --epochs $EPOCHS --seed $SEED"
echo "  OpenNLP:   $(opennlp 2>&1 | head -n 1 | sed 's/\. Usage.*//'), TokenNameFinderTrainer,"
echo "             default features, Algorithm=PERCEPTRON Iterations=$ITERATIONS Cutoff=0"
echo

# ---- training ----
run_timed ours-train /dev/null "$NER" train --out "$TMP/ours.model" --epochs "$EPOCHS" --seed "$SEED" \
    "$TMP/train90.txt"
OURS_TRAIN_S=$LAST_SECONDS
run_timed onlp-train /dev/null opennlp TokenNameFinderTrainer -lang ar -encoding UTF-8 \
    -params "$TMP/params.txt" -model "$TMP/onlp.bin" -data "$TMP/train90.onlp"
ONLP_TRAIN_S=$LAST_SECONDS

# ---- accuracy on the dev part, one scorer for both ----
"$NER" tag --model "$TMP/ours.model" "$TMP/dev10.txt" >"$TMP/ours.pred"
RUN_STDIN="$TMP/dev10.sent" run_timed onlp-dev "$TMP/onlp.out" opennlp TokenNameFinder "$TMP/onlp.bin"
from_opennlp "$TMP/onlp.out" >"$TMP/onlp.pred"
for sys in ours onlp; do
    if [ "$(count_tok "$TMP/$sys.pred")" != "$DEV_TOK" ]; then
        echo "error: $sys output has $(count_tok "$TMP/$sys.pred") tokens, dev has $DEV_TOK" >&2
        exit 1
    fi
done
"$NER" eval "$TMP/dev10.txt" "$TMP/ours.pred" >"$TMP/ours.eval"
"$NER" eval "$TMP/dev10.txt" "$TMP/onlp.pred" >"$TMP/onlp.eval"
echo "== alama-ner (eval) =="
cat "$TMP/ours.eval"
echo
echo "== OpenNLP (same eval) =="
cat "$TMP/onlp.eval"
echo

# ---- throughput: big input minus a one-sentence input, median of RUNS runs ----
bench_repeat "$TMP/dev10.txt" "$MIN_TOKENS" "$TMP/big.txt"
to_sentences "$TMP/big.txt" >"$TMP/big.sent"
awk 'BEGIN { RS = "" } NR == 1 { print; exit }' "$TMP/dev10.txt" >"$TMP/one.txt"
to_sentences "$TMP/one.txt" >"$TMP/one.sent"

ours_big=() ours_one=() onlp_big=() onlp_one=() onlp_own=()
for ((run = 1; run <= RUNS; run++)); do
    run_timed ours-one /dev/null "$NER" tag --model "$TMP/ours.model" "$TMP/one.txt"
    ours_one+=("$LAST_MS")
    run_timed ours-big "$TMP/ours-big.pred" "$NER" tag --model "$TMP/ours.model" "$TMP/big.txt"
    ours_big+=("$LAST_MS")
    RUN_STDIN="$TMP/one.sent" run_timed onlp-one /dev/null opennlp TokenNameFinder "$TMP/onlp.bin"
    onlp_one+=("$LAST_MS")
    RUN_STDIN="$TMP/big.sent" run_timed onlp-big "$TMP/onlp-big.out" opennlp TokenNameFinder "$TMP/onlp.bin"
    onlp_big+=("$LAST_MS")
    # OpenNLP's own clock starts after the model is loaded ("Runtime: 12.3s").
    onlp_own+=("$(awk '/^Runtime:/ { sub(/s$/, "", $2); printf "%.1f", $2 * 1000 }' "$TMP/onlp-big.err")")
done
if [ "$(count_tok "$TMP/ours-big.pred")" != "$BIG_TOK" ] ||
   [ "$(from_opennlp "$TMP/onlp-big.out" | count_tok /dev/stdin)" != "$BIG_TOK" ]; then
    echo "error: a tagger's output on the big input does not have $BIG_TOK tokens" >&2
    exit 1
fi

OURS_BIG=$(median "${ours_big[@]}") OURS_ONE=$(median "${ours_one[@]}")
ONLP_BIG=$(median "${onlp_big[@]}") ONLP_ONE=$(median "${onlp_one[@]}")
ONLP_OWN=$(median "${onlp_own[@]}")
OURS_RSS="n/a" ONLP_RSS="n/a"
if [ "$GNU_TIME" = 1 ]; then
    OURS_RSS=$(peak_mib "$TMP/ours-big.time")
    ONLP_RSS=$(peak_mib "$TMP/onlp-big.time")
    OURS_TRAIN_RSS=$(peak_mib "$TMP/ours-train.time")
    ONLP_TRAIN_RSS=$(peak_mib "$TMP/onlp-train.time")
fi

f1_of() { awk -v t="$2" '$1 == t { print $4 }' "$1"; }
echo "== F1 side by side (same split, same scorer) =="
printf "%-8s %10s %10s %10s\n" type alama-ner OpenNLP diff
for t in $(awk 'NR > 1 && $1 != "micro" && $1 != "tokens:" { print $1 }' "$TMP/ours.eval") micro; do
    a=$(f1_of "$TMP/ours.eval" "$t"); b=$(f1_of "$TMP/onlp.eval" "$t")
    awk -v t="$t" -v a="${a:-0}" -v b="${b:-0}" 'BEGIN { printf "%-8s %10.2f %10.2f %+10.2f\n", t, a, b, a - b }'
done
echo

echo "== speed and memory (dev x $REPS = $BIG_TOK tokens, median of $RUNS runs) =="
awk -v tok="$BIG_TOK" -v ob="$OURS_BIG" -v oo="$OURS_ONE" -v nb="$ONLP_BIG" -v no="$ONLP_ONE" \
    -v nown="$ONLP_OWN" -v ot="$OURS_TRAIN_S" -v nt="$ONLP_TRAIN_S" -v orss="$OURS_RSS" \
    -v nrss="$ONLP_RSS" -v otr="${OURS_TRAIN_RSS:-n/a}" -v ntr="${ONLP_TRAIN_RSS:-n/a}" '
function ratio(a, b) { return (b > 0 && a > 0) ? sprintf("%.1fx", a / b) : "n/a" }
BEGIN {
    ours_tps = (ob > oo) ? tok / ((ob - oo) / 1000) : 0
    onlp_tps = (nb > no) ? tok / ((nb - no) / 1000) : 0
    own_tps = (nown > 0) ? tok / (nown / 1000) : 0
    printf "%-34s %14s %14s %12s\n", "", "alama-ner", "OpenNLP", "ratio"
    printf "%-34s %14.0f %14.0f %12s\n", "tagging tokens/s (load excluded)", ours_tps, onlp_tps, ratio(ours_tps, onlp_tps)
    printf "%-34s %14s %14.0f %12s\n", "  OpenNLP by its own clock", "", own_tps, ratio(ours_tps, own_tps)
    printf "%-34s %14.1f %14.1f %12s\n", "start-up + model load, ms", oo, no, ratio(no, oo)
    printf "%-34s %14.2f %14.2f %12s\n", "tagging wall s (big, all in)", ob / 1000, nb / 1000, ratio(nb, ob)
    printf "%-34s %14s %14s %12s\n", "peak RSS tagging, MiB", orss, nrss, ratio(nrss, orss)
    printf "%-34s %14.2f %14.2f %12s\n", "training wall s", ot, nt, ratio(nt, ot)
    printf "%-34s %14s %14s %12s\n", "peak RSS training, MiB", otr, ntr, ratio(ntr, otr)
}'
echo "(tokens/s = tokens / (big-run wall - one-sentence-run wall); ratios are alama-ner's"
echo " advantage: its throughput over OpenNLP's, OpenNLP's time and memory over its own)"
