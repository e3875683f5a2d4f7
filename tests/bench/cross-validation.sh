#!/usr/bin/env bash
# Ten-fold cross-validation of the recognizer on ANERcorp (CAMeL Lab train split).
#
# Usage: tests/bench/cross-validation.sh [BUILD_DIR] [--folds N] [--seed S] [--train-args "ARGS"]
#
# Cuts the sentences of ../shared/corpora/anercorp-camellab/ANERCorp_CamelLab_train.txt
# into N contiguous folds (fold k: sentences from n*k/N to n*(k+1)/N, so articles stay
# mostly whole), trains `alama-ner train --epochs 15 --seed S` on the other folds, tags
# the fold and scores it with `alama-ner eval`.  Prints each fold's micro P/R/F1 and
# per-type F1, the mean and spread of the fold F1s, and the pooled score of all folds'
# predictions together.  The last fold is (within a sentence) the dev split of
# dev-split.sh.  Nothing is selected on a held-out fold.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

usage() {
    echo "usage: $0 [BUILD_DIR] [--folds N] [--seed S] [--train-args \"ARGS\"]" >&2
    exit 2
}

BUILD_DIR=build
FOLDS=10
SEED=1
EPOCHS=15
TRAIN_ARGS=""
while [ $# -gt 0 ]; do
    case "$1" in
        --folds) [ $# -ge 2 ] || usage; FOLDS="$2"; shift 2 ;;
        --seed) [ $# -ge 2 ] || usage; SEED="$2"; shift 2 ;;
        --train-args) [ $# -ge 2 ] || usage; TRAIN_ARGS="$2"; shift 2 ;;
        -h|--help) usage ;;
        -*) usage ;;
        *) BUILD_DIR="$1"; shift ;;
    esac
done
case "$FOLDS" in ''|*[!0-9]*) usage ;; esac
case "$SEED" in ''|*[!0-9]*) usage ;; esac
[ "$FOLDS" -ge 2 ] || { echo "error: --folds wants at least 2" >&2; exit 2; }

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_find_ner "$BUILD_DIR"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/alama-cv.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# bench_anercorp_split finds and checks the corpus; its 90/10 files are not used here.
bench_anercorp_split "$TMP"

echo "ANERcorp (CAMeL Lab train), $FOLDS contiguous folds of $NSENT sentences"
echo "  binary: $NER"
echo "  training: --epochs $EPOCHS --seed $SEED${TRAIN_ARGS:+ $TRAIN_ARGS}"
echo

printf "%-5s %10s %9s %9s %9s %9s %9s %9s %9s\n" fold sentences P R F1 LOC MISC ORG PERS
: >"$TMP/gold-all.txt"
: >"$TMP/pred-all.txt"
for ((k = 0; k < FOLDS; k++)); do
    awk -v k="$k" -v folds="$FOLDS" -v n="$NSENT" -v dev="$TMP/fold.txt" -v train="$TMP/rest.txt" '
        BEGIN { RS = ""; FS = "\n"; lo = int(n * k / folds); hi = int(n * (k + 1) / folds) }
        {
            i = NR - 1
            f = (i >= lo && i < hi) ? dev : train
            if (seen[f]++) print "" > f
            print > f
        }
    ' "$CORPUS"
    # shellcheck disable=SC2086  # TRAIN_ARGS is a list of options
    "$NER" train --out "$TMP/m.model" --epochs "$EPOCHS" --seed "$SEED" $TRAIN_ARGS "$TMP/rest.txt" \
        >/dev/null 2>"$TMP/train.err" || { cat "$TMP/train.err" >&2; exit 1; }
    "$NER" tag --model "$TMP/m.model" "$TMP/fold.txt" >"$TMP/pred.txt"
    "$NER" eval "$TMP/fold.txt" "$TMP/pred.txt" >"$TMP/eval.txt"
    awk -v k="$k" -v s="$(count_sent "$TMP/fold.txt")" '
        $1 == "micro" { p = $2; r = $3; f = $4 }
        $1 ~ /^(LOC|MISC|ORG|PERS)$/ { t[$1] = $4 }
        END { printf "%-5s %10s %9s %9s %9s %9s %9s %9s %9s\n", k, s, p, r, f,
                     t["LOC"], t["MISC"], t["ORG"], t["PERS"] }
    ' "$TMP/eval.txt" | tee -a "$TMP/rows.txt"
    { cat "$TMP/fold.txt"; echo; } >>"$TMP/gold-all.txt"
    { cat "$TMP/pred.txt"; echo; } >>"$TMP/pred-all.txt"
done

awk '{ f[NR] = $5; sum += $5 }
     END { mean = sum / NR; for (i = 1; i <= NR; i++) ss += (f[i] - mean) ^ 2
           min = f[1]; max = f[1]; for (i = 1; i <= NR; i++) { if (f[i] < min) min = f[i]; if (f[i] > max) max = f[i] }
           printf "\nmean fold F1 %.2f, sample std dev %.2f, range %.2f to %.2f\n", mean, sqrt(ss / (NR - 1)), min, max }' \
    "$TMP/rows.txt"
echo
echo "== all folds pooled =="
"$NER" eval "$TMP/gold-all.txt" "$TMP/pred-all.txt"
