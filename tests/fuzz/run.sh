#!/usr/bin/env bash
# run.sh: run every libFuzzer target of a fuzzing build for a while.
#
# Usage: tests/fuzz/run.sh BUILD_DIR SECONDS_PER_TARGET
#
# BUILD_DIR is configured with
#   CC=clang meson setup BUILD_DIR -Dfuzzing=true \
#     -Db_sanitize=address,undefined -Db_lundef=false
# and built.  Each target starts from a fresh corpus seeded from
# data/samples, the test fixtures and small seeds made here (a tiny model
# trained with the build's alama-ner for fuzz-model).  Inputs that crash,
# leak or time out are kept in BUILD_DIR/fuzz-artifacts/.  Prints one
# summary line per target and exits 1 if any target found a problem.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

if [ $# -ne 2 ] || ! [ "$2" -gt 0 ] 2>/dev/null; then
  echo "usage: $0 BUILD_DIR SECONDS_PER_TARGET" >&2
  exit 2
fi
BUILD=$(cd "$1" && pwd) || exit 2
SECONDS_PER_TARGET=$2
SRC=$(cd "$(dirname "$0")/../.." && pwd)
FUZZ=$BUILD/tests/fuzz
ARTIFACTS=$BUILD/fuzz-artifacts

if ! ls "$FUZZ"/fuzz-* >/dev/null 2>&1; then
  echo "$0: no fuzz targets in $FUZZ: configure $1 with -Dfuzzing=true and build it" >&2
  exit 2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/alama-fuzz.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$ARTIFACTS"

# UBSan only prints by default; a report must stop the run so that libFuzzer
# saves the input.
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}

# --- Seeds -------------------------------------------------------------------

seed ()
{
  # seed DIR NAME: standard input becomes DIR/NAME.
  mkdir -p "$1"
  cat >"$1/$2"
}

text_seeds ()
{
  local dir=$1 i=0
  mkdir -p "$dir"
  cp "$SRC"/data/samples/*.txt "$dir/"
  # Each line on its own: small inputs mutate faster.
  while IFS= read -r line; do
    i=$((i + 1))
    printf '%s\n' "$line" >"$dir/line-$i.txt"
  done <"$SRC/data/samples/article.txt"
  printf 'وُلد في 11 أيلول/سبتمبر 2001 وتوفي يوم الأحد ١٥ رمضان ١٤٤٦هـ.\n' | seed "$dir" dates.txt
  printf 'زار الرئيـــس ماكرون\u200c باريس\u200f و UNESCO في 3.5%% من https://example.org/a?b=1 أو a.b@example.org.\r\n' \
    | seed "$dir" mixed.txt
  printf '\xef\xbb\xbfقال سامي حداد: «بيروت» — حلب؟؟ ... ١٢/١٠/٢٠٢٤\r\n\r\n' | seed "$dir" bom.txt
  printf 'ـــ ً ٌ \u200d\u200e\u2028 x\u0301 ١' | seed "$dir" marks.txt
}

conll_seeds ()
{
  local dir=$1
  mkdir -p "$dir"
  cp "$SRC"/tests/data/cli-*.conll "$SRC"/tests/data/cli-*.iob "$dir/" 2>/dev/null
  printf '\xef\xbb\xbfزار O\r\nسامي B-PERS\r\nحداد I-PERS\r\n\r\n-DOCSTART- O\r\nحلب B-LOC\r\n' \
    | seed "$dir" crlf-bom.conll
  printf '  word\tPOS\t_\tB-LOC\nno-tag\n\t\n  \n-DOCSTART-\nlast  I-ORG  ' | seed "$dir" columns.conll
}

model_seeds ()
{
  local dir=$1 alama_ner=$BUILD/src/cli/alama-ner
  mkdir -p "$dir"
  cat >"$WORK/tiny.iob" <<'EOF'
زار O
سامي B-PERS
حداد I-PERS
حلب B-LOC
. O

عادت O
ريم B-PERS
إلى O
حلب B-LOC
مع O
شركة B-ORG
الأفق I-ORG
EOF
  # Without the built-in word lists: their 1.4 MB would slow every run a
  # hundredfold; mutated capacities still reach the loader's checks of
  # those sections.
  if [ -x "$alama_ner" ] \
    && "$alama_ner" train --epochs 2 --min-count 1 --no-common-words --no-gazetteers \
      -o "$dir/tiny.model" "$WORK/tiny.iob" \
      2>"$WORK/train.log"; then
    # A model with one type only, and the header alone.
    awk '{ sub(/ [BI]-(PERS|ORG)$/, " O"); print }' "$WORK/tiny.iob" >"$WORK/one-type.iob"
    "$alama_ner" train --epochs 1 --min-count 3 --no-common-words --no-gazetteers \
      -o "$dir/one-type.model" "$WORK/one-type.iob" \
      2>>"$WORK/train.log"
    head -c 80 "$dir/tiny.model" >"$dir/header.model"
    # Extreme weight scale (FLT_MAX) and temperature (the smallest
    # subnormal): fuzz-model repairs the checksum, so these reach the
    # scoring code unless the loader refuses them.
    cp "$dir/tiny.model" "$dir/huge-scale.model"
    printf '\xff\xff\x7f\x7f' | dd of="$dir/huge-scale.model" bs=1 seek=48 conv=notrunc 2>/dev/null
    cp "$dir/tiny.model" "$dir/tiny-temperature.model"
    printf '\x01\x00\x00\x00' \
      | dd of="$dir/tiny-temperature.model" bs=1 seek=52 conv=notrunc 2>/dev/null
  else
    echo "warning: could not train a seed model with $alama_ner:" >&2
    cat "$WORK/train.log" >&2 2>/dev/null
  fi
  printf 'ALAMANER\1\0\0\0\1\0\0\0' | seed "$dir" magic.model
}

# --- Runs --------------------------------------------------------------------

status=0
summary=()
for target in "$FUZZ"/fuzz-*; do
  [ -x "$target" ] && [ -f "$target" ] || continue
  name=$(basename "$target")
  corpus=$WORK/corpus-$name
  seeds=$WORK/seeds-$name
  mkdir -p "$corpus" "$seeds" "$ARTIFACTS/$name"
  case $name in
    fuzz-model) model_seeds "$seeds" ;;
    fuzz-conll) conll_seeds "$seeds" ;;
    *) text_seeds "$seeds" ;;
  esac

  echo "=== $name: $SECONDS_PER_TARGET s"
  "$target" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$ARTIFACTS/$name/" "$corpus" "$seeds" >"$WORK/$name.log" 2>&1
  result=$?

  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$WORK/$name.log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$WORK/$name.log" | tail -n 1)
  inputs=$(find "$corpus" -type f | wc -l)
  if [ "$result" -eq 0 ]; then
    summary+=("$name: OK, ${runs:-?} runs, ${cov:-cov: ?}, corpus $inputs inputs")
  else
    status=1
    # What libFuzzer and the sanitizers said, and the input that did it.
    grep -E -A60 '^==[0-9]+==|invariant broken|runtime error|ERROR: libFuzzer' \
      "$WORK/$name.log" | head -n 80
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$WORK/$name.log" | tail -n 1)
    summary+=("$name: FAILED (exit $result), ${runs:-?} runs; input: ${artifact:-none saved}")
    if [ -n "$artifact" ] && [ -f "$artifact" ] && [ "$(wc -c <"$artifact")" -le 4096 ]; then
      echo "base64 of $artifact:"
      base64 -w 0 "$artifact"
      echo
    fi
  fi
done

echo "=== summary"
printf '%s\n' "${summary[@]}"
exit $status
