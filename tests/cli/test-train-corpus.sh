#!/usr/bin/env bash
# test-train-corpus.sh: train on the first 1000 sentences of the ANERcorp
# training set, tag the next 300, and require a micro F1 of at least 50.
#
# Usage: test-train-corpus.sh ALAMA_NER SOURCE_DIR
#
# The corpus is not part of the project: without it the test exits 77, which
# meson reports as SKIP.  The output looks like TAP for people reading the
# log; meson only looks at the exit status.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 ALAMA_NER SOURCE_DIR" >&2
  exit 2
fi
ALAMA_NER=$1
SRC=$2
PYTHON=${PYTHON:-python3}
CORPUS=$SRC/../shared/corpora/anercorp-camellab/ANERCorp_CamelLab_train.txt
N_TRAIN=1000
N_TEST=300
MIN_F1=50

if [ ! -r "$CORPUS" ]; then
  echo "1..0 # SKIP $CORPUS not found"
  exit 77
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/alama-corpus.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT

echo "1..4"

# Sentences are separated by blank lines; awk's paragraph mode counts them
# whatever the number of blank lines between two, and drops CRs.
tr -d '\r' <"$CORPUS" | awk -v RS= -v ORS='\n\n' -v a="$N_TRAIN" -v b="$N_TEST" \
  -v train="$WORK/train.txt" -v test="$WORK/test.txt" \
  'NR <= a { print >train; next } NR <= a + b { print >test; next } { exit }'
n_train=$(awk -v RS= 'END { print NR }' "$WORK/train.txt")
n_test=$(awk -v RS= 'END { print NR }' "$WORK/test.txt")
if [ "$n_train" -ne "$N_TRAIN" ] || [ "$n_test" -ne "$N_TEST" ]; then
  echo "not ok 1 - split the corpus"
  echo "# $n_train training and $n_test test sentences, expected $N_TRAIN and $N_TEST"
  exit 1
fi
echo "ok 1 - split the corpus: $n_train training, $n_test test sentences"

start_ns=$(date +%s%N)
if ! "$ALAMA_NER" train --epochs 5 --seed 1 -o "$WORK/model" "$WORK/train.txt" \
  2>"$WORK/train.log"; then
  echo "not ok 2 - train"
  sed 's/^/# /' "$WORK/train.log"
  exit 1
fi
echo "ok 2 - train, 5 epochs"
sed 's/^/# /' "$WORK/train.log"

if ! "$ALAMA_NER" tag --model "$WORK/model" "$WORK/test.txt" >"$WORK/pred.txt" \
  2>"$WORK/tag.log"; then
  echo "not ok 3 - tag"
  sed 's/^/# /' "$WORK/tag.log"
  exit 1
fi
echo "ok 3 - tag"

if ! "$ALAMA_NER" eval "$WORK/test.txt" "$WORK/pred.txt" >"$WORK/table" 2>"$WORK/eval.log"; then
  echo "not ok 4 - eval"
  sed 's/^/# /' "$WORK/eval.log"
  exit 1
fi
sed 's/^/# /' "$WORK/table"
f1=$(awk '$1 == "micro" { print $4 }' "$WORK/table")
ms=$((($(date +%s%N) - start_ns) / 1000000))
if [ -z "$f1" ] || ! awk -v f="$f1" -v m="$MIN_F1" 'BEGIN { exit !(f >= m) }'; then
  echo "not ok 4 - micro F1 ${f1:-missing} >= $MIN_F1"
  exit 1
fi
echo "ok 4 - micro F1 $f1 >= $MIN_F1 (train + tag + eval in $ms ms)"
