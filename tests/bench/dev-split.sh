#!/usr/bin/env bash
# Honest held-out evaluation of the recognizer on ANERcorp (CAMeL Lab train split).
#
# Usage: tests/bench/dev-split.sh [BUILD_DIR] [--seeds "1 2 3 4 5"] [--train-args "ARGS"]
#
# Splits ../shared/corpora/anercorp-camellab/ANERCorp_CamelLab_train.txt (relative to
# the repository root) into its first 90% and last 10% of sentences (10% rounded to the
# nearest sentence: 3973 -> 397 dev), trains with a fixed number of epochs and no
# dev-based model selection, tags the dev part and prints the `eval` table.
#
# Without --seeds: also prints the training time, the tagging throughput of `tag` on the
# dev file repeated to >= 1M tokens (one process, model load included, median of 3 runs),
# and the peak RSS of training and tagging (when GNU /usr/bin/time -v is available).
# With --seeds: trains one model per seed and prints P/R/F1 per seed and their mean
# (no throughput run).  --train-args passes extra options to `train` (e.g. "--no-gazetteers"
# to measure what a feature group brings).
#
# No network; the corpus is read in place and only copied into a temporary directory.
set -euo pipefail

EPOCHS=15
DEFAULT_SEED=1
MIN_TOKENS=1000000

usage() {
    echo "usage: $0 [BUILD_DIR] [--seeds \"S1 S2 ...\"] [--train-args \"ARGS\"]" >&2
    exit 2
}

BUILD_DIR=build
SEEDS=""
TRAIN_ARGS=""
have_build_arg=0
while [ $# -gt 0 ]; do
    case "$1" in
        --seeds) [ $# -ge 2 ] || usage; SEEDS="$2"; shift 2 ;;
        --seeds=*) SEEDS="${1#--seeds=}"; shift ;;
        --train-args) [ $# -ge 2 ] || usage; TRAIN_ARGS="$2"; shift 2 ;;
        --train-args=*) TRAIN_ARGS="${1#--train-args=}"; shift ;;
        -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) usage ;;
        *) [ "$have_build_arg" = 0 ] || usage; BUILD_DIR="$1"; have_build_arg=1; shift ;;
    esac
done
if [ -n "$SEEDS" ]; then
    for s in $SEEDS; do
        case "$s" in ''|*[!0-9]*) echo "error: --seeds wants integers, got '$s'" >&2; exit 2 ;; esac
    done
fi

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_find_ner "$BUILD_DIR"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/alama-dev-split.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
bench_probe_gnu_time "$TMP"

# ---- split: first 90% / last 10% of the blank-line separated sentences ----
bench_anercorp_split "$TMP"

echo "ANERcorp (CAMeL Lab train) dev split: $(basename "$CORPUS")"
echo "  train: first $NTRAIN of $NSENT sentences ($TRAIN_TOK tokens)"
echo "  dev:   last  $NDEV sentences ($DEV_TOK tokens)"
echo "  binary: $NER"
echo "  training: --epochs $EPOCHS, fixed, no dev-based selection${TRAIN_ARGS:+, extra: $TRAIN_ARGS}"
echo

micro_line() { awk '$1 == "micro"' "$1"; }
type_recall() { awk -v t="$2" '$1 == t { print $3 }' "$1"; }

# ---- several seeds: accuracy only ----
if [ -n "$SEEDS" ]; then
    printf "%-6s %9s %9s %9s %9s %9s %10s\n" seed P R F1 "PERS R" "ORG R" "train s"
    : >"$TMP/f1s"
    for s in $SEEDS; do
        run_timed "train$s" /dev/null "$NER" train --out "$TMP/m$s.model" --epochs "$EPOCHS" --seed "$s" $TRAIN_ARGS "$TMP/train90.txt"
        tsec=$LAST_SECONDS
        run_timed "tag$s" "$TMP/pred$s.txt" "$NER" tag --model "$TMP/m$s.model" "$TMP/dev10.txt"
        "$NER" eval "$TMP/dev10.txt" "$TMP/pred$s.txt" >"$TMP/eval$s.txt"
        read -r _ p r f _ <<<"$(micro_line "$TMP/eval$s.txt")"
        printf "%-6s %9s %9s %9s %9s %9s %10s\n" "$s" "$p" "$r" "$f" \
            "$(type_recall "$TMP/eval$s.txt" PERS)" "$(type_recall "$TMP/eval$s.txt" ORG)" "$tsec"
        echo "$p $r $f $(type_recall "$TMP/eval$s.txt" PERS) $(type_recall "$TMP/eval$s.txt" ORG)" >>"$TMP/f1s"
        awk '$1 != "micro" && $1 != "type" && NF == 7 { print $1, $4 }' "$TMP/eval$s.txt" >>"$TMP/typef1s"
    done
    awk '{ for (i = 1; i <= 5; i++) s[i] += $i; f[NR] = $3 }
         END { n = NR; m = s[3] / n; v = 0; for (i = 1; i <= n; i++) v += (f[i] - m) ^ 2
               sd = (n > 1) ? sqrt(v / (n - 1)) : 0
               printf "%-6s %9.2f %9.2f %9.2f %9.2f %9.2f\n", "mean", s[1] / n, s[2] / n, m, s[4] / n, s[5] / n
               printf "F1 sample std dev %.2f over %d seeds\n", sd, n }' "$TMP/f1s"
    # Mean F1 per entity type over the seeds.
    awk '{ s[$1] += $2; n[$1]++ } END { for (t in s) printf "%s %.2f\n", t, s[t] / n[t] }' \
        "$TMP/typef1s" | sort | awk '{ line = line " " $1 " " $2 } END { print "mean F1 per type:" line }'
    exit 0
fi

# ---- one seed: accuracy, training time, throughput, memory ----
run_timed train /dev/null "$NER" train --out "$TMP/m.model" --epochs "$EPOCHS" --seed "$DEFAULT_SEED" $TRAIN_ARGS "$TMP/train90.txt"
TRAIN_S=$LAST_SECONDS
TRAIN_RSS=""
[ "$GNU_TIME" = 1 ] && TRAIN_RSS=$(peak_mib "$TMP/train.time")

"$NER" tag --model "$TMP/m.model" "$TMP/dev10.txt" >"$TMP/pred.txt"
if [ "$(count_tok "$TMP/pred.txt")" != "$DEV_TOK" ]; then
    echo "error: tag output has $(count_tok "$TMP/pred.txt") tokens, dev has $DEV_TOK" >&2; exit 1
fi
echo "== eval (seed $DEFAULT_SEED, $EPOCHS epochs) =="
"$NER" eval "$TMP/dev10.txt" "$TMP/pred.txt"
echo

# Dev file repeated to >= 1M tokens, tagged by one `tag` process.
bench_repeat "$TMP/dev10.txt" "$MIN_TOKENS" "$TMP/big.txt"
# Three runs; the median wall time counts.
TAG_RUNS=()
for run in 1 2 3; do
    run_timed tagbig "$TMP/big.pred" "$NER" tag --model "$TMP/m.model" "$TMP/big.txt"
    TAG_RUNS+=("$LAST_SECONDS")
done
TAG_S=$(printf '%s\n' "${TAG_RUNS[@]}" | sort -n | sed -n 2p)
if [ "$(count_tok "$TMP/big.pred")" != "$BIG_TOK" ]; then
    echo "error: tag output has $(count_tok "$TMP/big.pred") tokens, input has $BIG_TOK" >&2; exit 1
fi
TAG_RSS=""
[ "$GNU_TIME" = 1 ] && TAG_RSS=$(peak_mib "$TMP/tagbig.time")
# Startup + model load alone: tag a single one-token sentence.
printf 'x\n' >"$TMP/one.txt"
run_timed tagone /dev/null "$NER" tag --model "$TMP/m.model" "$TMP/one.txt"
LOAD_S=$LAST_SECONDS

echo "== speed and memory =="
echo "training:   $TRAIN_S s wall ($NTRAIN sentences, $TRAIN_TOK tokens, $EPOCHS epochs)"
awk -v tok="$BIG_TOK" -v s="$TAG_S" -v reps="$REPS" -v load="$LOAD_S" 'BEGIN {
    printf "tagging:    %d tokens (dev x %d) in %s s wall = %.0f tokens/s\n", tok, reps, s, tok / s
    printf "            (median of 3 runs of one tag process each; model load and startup\n"
    printf "            included, which alone take %s s on a one-token input)\n", load
}'
if [ "$GNU_TIME" = 1 ]; then
    echo "peak RSS:   train $TRAIN_RSS MiB, tag $TAG_RSS MiB (/usr/bin/time -v)"
else
    echo "peak RSS:   not measured (GNU /usr/bin/time -v not available)"
fi
