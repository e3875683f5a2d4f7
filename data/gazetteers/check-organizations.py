#!/usr/bin/python3
# check-organizations.py: lists the entries of organizations.txt that a
# training corpus labels as something else more often than as an
# organization, so that they can be left out of the list.
#
#   /usr/bin/python3 data/gazetteers/check-organizations.py [--first N] TRAIN.txt
#
# TRAIN is an IOB2 file in the ANERcorp format ("TOKEN TAG" lines, a blank
# line between sentences); with --first N only its first N sentences count
# (3576: the part of ANERcorp's train file that the dev split trains on).  An entry counts where its words occur in a row,
# the first one possibly with a proclitic (و ف ب ل ك, ال after ل).  A
# one-word entry conflicts when the corpus puts it in a name of another type
# more often than in an organization (the trainer itself drops those it
# mostly tags O); a longer entry conflicts when it is more often not the
# start of an organization than it is.  Prints the conflicting entries and
# exits with status 1 when there are any, 77 (a skipped test) when TRAIN
# does not exist.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import collections
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from generate import written_entries  # noqa: E402

PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وال", "لل", "بال", "فال", "كال")


def normalize(word):
    word = re.sub("[أإآ]", "ا", word).replace("ة", "ه").replace("ى", "ي")
    return re.sub("[\u064B-\u0652\u0640]", "", word)


def first_word_forms(word):
    forms = {word}
    for p in PROCLITICS:
        if word.startswith(p) and len(word) > len(p) + 2:
            forms.add(word[len(p):])
            if p == "لل":
                forms.add("ال" + word[2:])
    return forms


def sentences(path, first):
    sentence = []
    n = 0
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if len(parts) >= 2:
            sentence.append((normalize(parts[0]), parts[-1]))
        elif sentence:
            yield sentence
            sentence = []
            n += 1
            if first is not None and n >= first:
                return
    if sentence:
        yield sentence


def main():
    args = sys.argv[1:]
    first = None
    if len(args) == 3 and args[0] == "--first" and args[1].isdigit():
        first = int(args[1])
        args = args[2:]
    if len(args) != 1:
        sys.exit("usage: check-organizations.py [--first N] TRAIN.txt")
    if not os.path.exists(args[0]):
        print(f"{args[0]} not found: nothing to check against", file=sys.stderr)
        return 77
    entries = {" ".join(normalize(w) for w in entry.split()): entry
               for entry in written_entries("organizations.txt")}
    counts = collections.Counter()
    for sentence in sentences(args[0], first):
        words = [w for w, _ in sentence]
        for i, (word, tag) in enumerate(sentence):
            kind = "ORG" if tag.endswith("-ORG") else "O" if tag == "O" else "NAME"
            for n in range(1, 6):
                rest = words[i + 1:i + n]
                if len(rest) < n - 1:
                    break
                for form in first_word_forms(word):
                    key = " ".join([form] + rest)
                    if key in entries:
                        counts[key, kind] += 1
    conflicts = []
    for key, entry in entries.items():
        other = counts[key, "NAME"] + (counts[key, "O"] if " " in key else 0)
        if other > counts[key, "ORG"]:
            conflicts.append(entry)
    for entry in sorted(conflicts):
        print(entry)
    return 1 if conflicts else 0


if __name__ == "__main__":
    sys.exit(main())
