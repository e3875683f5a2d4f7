#!/bin/sh
# check-complete.sh: fails when a translation lacks a string of the app.
#
#   check-complete.sh SOURCE_ROOT LANG.po [XGETTEXT_ARG…]
#
# Extracts the strings of po/POTFILES.in the way `alama-pot` does (the
# glib preset's keywords plus the extra arguments po/meson.build passes)
# and lists every one that LANG.po does not translate, or translates only
# fuzzily, so that a new string cannot go out untranslated.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

srcdir=$1
po=$2
shift 2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$srcdir"
xgettext --from-code=UTF-8 --add-comments --package-name=alama \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  "$@" --files-from=po/POTFILES.in --output="$tmp/alama.pot"

# Strings that are new or changed come out untranslated from the merge
# (no fuzzy matching: a guess is not a translation).
msgmerge --quiet --no-fuzzy-matching --output-file="$tmp/merged.po" "$po" "$tmp/alama.pot"
msgattrib --untranslated --no-obsolete --no-wrap "$tmp/merged.po" > "$tmp/untranslated.po"
msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/merged.po" > "$tmp/fuzzy.po"

status=0
if grep -q '^msgid' "$tmp/untranslated.po"; then
  echo "$po: these strings have no translation:" >&2
  sed '1,/^$/d' "$tmp/untranslated.po" >&2
  status=1
fi
if grep -q '^msgid' "$tmp/fuzzy.po"; then
  echo "$po: these translations are fuzzy (check them and remove the fuzzy flag):" >&2
  sed '1,/^$/d' "$tmp/fuzzy.po" >&2
  status=1
fi
n=$(grep -c '^msgid ' "$tmp/alama.pot" || true)
if [ "$status" -eq 0 ]; then
  echo "$po: all $((n - 1)) strings translated"
fi
exit "$status"
