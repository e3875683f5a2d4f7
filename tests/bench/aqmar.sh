#!/usr/bin/env bash
# Out-of-domain check on the AQMAR Arabic Wikipedia NER corpus (Mohit et al., EACL 2012).
#
# Usage: tests/bench/aqmar.sh [BUILD_DIR] [MODEL]
#
# Reads the 28 articles ../shared/corpora/aqmar/*.txt (relative to the repository root),
# writes a normalized gold copy into a temporary directory, tags it with the built-in
# model (or MODEL when given) and prints the `eval` table (micro and per type).
#
# Normalization (see ../shared/corpora/aqmar/SOURCE.md):
#   - U+200F and U+200E are stripped inside tokens; tokens left empty are dropped
#     (a dropped B-X token hands its B- to a following I-X);
#   - PER -> PERS (the model's type name); LOC, ORG kept;
#   - every MIS* type (MIS0..MIS3, MIS, MIS-1, MIS1`, MISS1, ...) -> MISC;
#   - typos: IO, OO -> O; I--ORG -> I-ORG; B-ENGLISH, B-SPANISH -> B-MISC;
#   - any other unknown tag is reported and mapped to O.
# Every tag is then checked to be O or B-/I- of PERS, LOC, ORG, MISC.
# A second table scores PERS, LOC, ORG alone (MISC -> O on both sides), since AQMAR's
# per-article MIS classes do not match ANERcorp's MISC.
#
# No network; the corpus is read in place and only copied into a temporary directory.
set -euo pipefail

usage() {
    echo "usage: $0 [BUILD_DIR] [MODEL]" >&2
    exit 2
}
case "${1:-}" in -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; -*) usage ;; esac
[ $# -le 2 ] || usage
BUILD_DIR="${1:-build}"
MODEL="${2:-}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
AQMAR="$ROOT/../shared/corpora/aqmar"
shopt -s nullglob
FILES=("$AQMAR"/*.txt)
shopt -u nullglob
if [ ${#FILES[@]} -eq 0 ]; then
    echo "error: AQMAR corpus not found: no $AQMAR/*.txt" >&2
    echo "       (expected ../shared/corpora/aqmar/ next to the repository root)" >&2
    exit 1
fi
if [ ${#FILES[@]} -ne 28 ]; then
    echo "warning: expected 28 AQMAR articles, found ${#FILES[@]}" >&2
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "error: python3 is needed for the normalization" >&2
    exit 1
fi

case "$BUILD_DIR" in
    /*) ;;
    *) if [ ! -d "$BUILD_DIR" ] && [ -d "$ROOT/$BUILD_DIR" ]; then BUILD_DIR="$ROOT/$BUILD_DIR"; fi ;;
esac
NER="$BUILD_DIR/src/cli/alama-ner"
if [ ! -x "$NER" ]; then
    echo "error: $NER not found or not executable; build first (ninja -C $BUILD_DIR)" >&2
    exit 1
fi
MODEL_ARGS=()
if [ -n "$MODEL" ]; then
    if [ ! -r "$MODEL" ]; then
        echo "error: model $MODEL not found" >&2
        exit 1
    fi
    MODEL_ARGS=(--model "$MODEL")
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/alama-aqmar.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

echo "AQMAR out-of-domain check: ${#FILES[@]} articles from $AQMAR"
echo "  binary: $NER"
echo "  model:  ${MODEL:-built-in}"
echo

python3 - "$TMP/gold.txt" "${FILES[@]}" <<'PY'
import collections
import re
import sys

out_path, paths = sys.argv[1], sys.argv[2:]
VALID_TYPES = {"PERS", "LOC", "ORG", "MISC"}
TYPO = {"IO": "O", "OO": "O", "I--ORG": "I-ORG", "B-ENGLISH": "B-MISC", "B-SPANISH": "B-MISC"}
STRIP = str.maketrans("", "", "\u200f\u200e")

fixes = collections.Counter()      # raw tag -> count, for every tag that was rewritten
unknown = collections.Counter()    # unknown raw tags (mapped to O)
stats = collections.Counter()


def normalize(tag):
    if tag == "O":
        return "O"
    if tag in TYPO:
        return TYPO[tag]
    m = re.fullmatch(r"([BI])-(.+)", tag)
    if m:
        prefix, typ = m.groups()
        if typ in ("LOC", "ORG"):
            return tag
        if typ == "PER":
            return prefix + "-PERS"
        if typ.startswith("MIS"):
            return prefix + "-MISC"
    unknown[tag] += 1
    return "O"


def read_sentences(path):
    sent = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            cols = line.split()
            if not cols:
                if sent:
                    yield sent
                sent = []
                continue
            if len(cols) != 2:
                print(f"warning: {path}:{lineno}: {len(cols)} columns, using first and last",
                      file=sys.stderr)
                stats["odd lines"] += 1
            sent.append((cols[0], cols[-1]))
    if sent:
        yield sent


n_sent = n_tok = 0
mentions = collections.Counter()
with open(out_path, "w", encoding="utf-8") as out:
    first = True
    for path in paths:
        # Each article is a document: `tag` forgets the names of the one
        # before (document history); `eval` skips these lines.
        if not first:
            out.write("\n")
        out.write("-DOCSTART- O\n")
        first = False
        for raw in read_sentences(path):
            stats["raw tokens"] += len(raw)
            sent = []
            pending_b = None   # type of a dropped B- token
            for token, rawtag in raw:
                tag = normalize(rawtag)
                if (tag != rawtag and rawtag not in unknown
                        and not re.fullmatch(r"[BI]-(PER|MIS[0-3])", rawtag)):
                    fixes[rawtag] += 1
                clean = token.translate(STRIP)
                if clean != token:
                    stats["tokens with U+200E/U+200F"] += 1
                if not clean:
                    stats["tokens dropped (empty after stripping)"] += 1
                    pending_b = tag[2:] if tag.startswith("B-") else None
                    continue
                if pending_b and tag == "I-" + pending_b:
                    tag = "B-" + pending_b
                    stats["I- promoted to B- after a dropped token"] += 1
                pending_b = None
                sent.append((clean, tag))
            if not sent:
                stats["sentences dropped (empty)"] += 1
                continue
            # Validate and count mentions (conlleval chunking: I- after O/other type opens one).
            prev = "O"
            for _, tag in sent:
                if tag != "O":
                    p, _, typ = tag.partition("-")
                    if p not in ("B", "I") or typ not in VALID_TYPES:
                        sys.exit(f"error: invalid tag after normalization: {tag!r}")
                    if p == "B" or prev == "O" or prev[2:] != typ:
                        mentions[typ] += 1
                        if p == "I":
                            stats["I- tags opening a mention (not strict IOB2)"] += 1
                prev = tag
            if not first:
                out.write("\n")
            first = False
            out.write("".join(f"{t} {g}\n" for t, g in sent))
            n_sent += 1
            n_tok += len(sent)

print("normalized gold:")
print(f"  {len(paths)} files, {stats['raw tokens']} raw tokens -> {n_tok} tokens, {n_sent} sentences")
for key in ("tokens with U+200E/U+200F", "tokens dropped (empty after stripping)",
            "I- promoted to B- after a dropped token", "sentences dropped (empty)",
            "odd lines", "I- tags opening a mention (not strict IOB2)"):
    if stats[key]:
        print(f"  {key}: {stats[key]}")
print("  PER -> PERS, MIS0..MIS3 -> MISC (standard renames)")
if fixes:
    print("  typo / variant tags fixed: " +
          ", ".join(f"{t} -> {normalize(t)} ({n})"
                    for t, n in sorted(fixes.items())))
if unknown:
    print("  UNKNOWN tags mapped to O: " + ", ".join(f"{t} ({n})" for t, n in sorted(unknown.items())))
else:
    print("  unknown tags: none")
print(f"  gold mentions: {sum(mentions.values())} = " +
      ", ".join(f"{t} {n}" for t, n in sorted(mentions.items(), key=lambda kv: -kv[1])))
PY
echo

count_tok() { awk 'NF > 0 { n++ } END { print n + 0 }' "$1"; }
t0=$(date +%s.%N)
"$NER" tag ${MODEL_ARGS[@]+"${MODEL_ARGS[@]}"} "$TMP/gold.txt" >"$TMP/pred.txt"
t1=$(date +%s.%N)
if [ "$(count_tok "$TMP/pred.txt")" != "$(count_tok "$TMP/gold.txt")" ]; then
    echo "error: tag output has $(count_tok "$TMP/pred.txt") tokens, gold has $(count_tok "$TMP/gold.txt")" >&2
    exit 1
fi
echo "== eval (AQMAR, ${#FILES[@]} articles, ${MODEL:-built-in model}) =="
"$NER" eval "$TMP/gold.txt" "$TMP/pred.txt"
awk -v a="$t0" -v b="$t1" 'BEGIN { printf "(tagging took %.2f s wall, model load included)\n", b - a }'

# AQMAR's MIS0-MIS3 classes change meaning from article to article and are much broader
# than ANERcorp's MISC, so also score the three core types alone (MISC -> O on both sides).
nomisc() { sed -E 's/ [BI]-MISC$/ O/' "$1"; }
nomisc "$TMP/gold.txt" >"$TMP/gold3.txt"
nomisc "$TMP/pred.txt" >"$TMP/pred3.txt"
echo
echo "== eval without MISC (PERS, LOC, ORG only; MISC -> O in gold and prediction) =="
"$NER" eval "$TMP/gold3.txt" "$TMP/pred3.txt"
