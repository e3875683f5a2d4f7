#!/usr/bin/env bash
# test-e2e.sh: drives the real alama binary with keystrokes, from opening a
# text to saving it, and checks the saved XML.
#
#   test-e2e.sh APP SAMPLES_DIR
#
# Runs on the display and session bus it is given (tests/app/meson.build
# starts a private Xvfb and bus around it).  Copies article.txt to a
# temporary directory, opens it with ALAMA_DEBUG_READY set, waits for the
# "alama: ready" line, then with xdotool: Ctrl+F, types a word that occurs
# once, Return, Escape (the match stays selected), 4 (MISC), Ctrl+S,
# Ctrl+Q.  The saved article.xml must be well-formed, hold the new manual
# MISC span over exactly that word (it replaces the recognizer's DATE
# «عام 2030»), and keep the recognizer's other suggestions; the app must
# print no warning but one known GTK 4.8 one (see below).
#
# The word is a number: xdotool types a character missing from the keyboard
# map (any Arabic letter on a US map) by remapping a spare key for it, and a
# slow program (under AddressSanitizer) can read the key after the map has
# changed again and get another letter.
# Exit status: 0 pass, 1 fail, 77 skip (no xdotool).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

APP=$1
SAMPLES=$2
WORD="2030"
LABEL_KEY=4
LABEL=MISC

fail () { echo "FAIL: $*" >&2; [[ -f ${TMP:-}/err ]] && sed 's/^/  app: /' "$TMP/err" >&2; exit 1; }

command -v xdotool >/dev/null || { echo "SKIP: xdotool is not installed"; exit 77; }
[[ -n ${DISPLAY:-} ]] || { echo "SKIP: no DISPLAY"; exit 77; }
[[ -x $APP ]] || fail "$APP is not built"

TMP=$(mktemp -d)
pid=""
cleanup () {
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

cp "$SAMPLES/article.txt" "$TMP/article.txt"
mkdir -p "$TMP/config/gtk-4.0"
printf '[Settings]\ngtk-cursor-blink=false\ngtk-enable-animations=false\n' \
  > "$TMP/config/gtk-4.0/settings.ini"

# Waits up to $1 tenths of a second for the command in "${@:2}" to succeed.
wait_for () {
  local tenths=$1
  shift
  for _ in $(seq 1 "$tenths"); do
    "$@" && return 0
    sleep 0.1
  done
  return 1
}

# Warnings are not fatal here (the test's environment sets
# G_DEBUG=fatal-warnings): the app's stderr is checked after it quits
# instead, so that one known GTK 4.8 warning can be told from the rest.
XDG_CONFIG_HOME="$TMP/config" ALAMA_DEBUG_READY=1 G_DEBUG=gc-friendly \
  "$APP" "$TMP/article.txt" 2> "$TMP/err" &
pid=$!

ready () { grep -q "^alama: ready $TMP/article.txt\$" "$TMP/err"; }
wait_for 200 ready || fail "no ready line within 20 s"

window () { wid=$(xdotool search --onlyvisible --pid "$pid" 2>/dev/null | head -1); [[ -n $wid ]]; }
wid=""
wait_for 50 window || fail "no visible window"

# No window manager: focus the window directly and check it took it.
xdotool windowfocus "$wid" 2>/dev/null
focused () { [[ $(xdotool getwindowfocus 2>/dev/null) = "$wid" ]]; }
wait_for 20 focused || fail "could not focus the window"

keys () { xdotool key --clearmodifiers --delay 50 "$@"; }

keys ctrl+f
xdotool type --delay 50 -- "$WORD"
# No pause: Return typed before the entry's search delay searches the new
# text at once and selects its first match.
keys Return Escape "$LABEL_KEY" ctrl+s
# Quit once the save is written and its toast is up, not while the window
# is still laying out what the keys changed.
saved () { [[ -s $TMP/article.xml ]]; }
wait_for 100 saved || fail "Ctrl+S wrote no $TMP/article.xml within 10 s"
sleep 0.5
keys ctrl+q

exited () { ! kill -0 "$pid" 2>/dev/null; }
wait_for 100 exited || fail "the app did not quit on Ctrl+Q (unsaved changes?)"
wait "$pid"
status=$?
pid=""
[[ $status -eq 0 ]] || fail "the app exited with status $status"

# Every warning or critical the app printed fails the test, except GTK
# 4.8's "Trying to snapshot GtkGizmo … without a current allocation": a
# GTK-internal scrollbar/switch part asked to draw before its layout, which
# skips that part for one frame.  Two CI runs under AddressSanitizer hit it
# at different steps (once before Ctrl+S, once at Ctrl+Q); 30 local runs,
# also under CPU load, never did, so its cause is not known.
known='Gtk-WARNING \*\*: [0-9:.]* Trying to snapshot GtkGizmo 0x[0-9a-f]* without a current allocation$'
if grep -E -e '-(WARNING|CRITICAL|ERROR) \*\*' "$TMP/err" | grep -v -E -e "$known" >&2; then
  fail "the app printed warnings"
fi
if grep -q -E -e "$known" "$TMP/err"; then
  echo "note: GTK printed its GtkGizmo allocation warning (tolerated)"
fi

XML="$TMP/article.xml"
[[ -s $XML ]] || fail "Ctrl+S wrote no $XML"
if command -v xmllint >/dev/null; then
  xmllint --noout "$XML" || fail "$XML is not well-formed"
fi

manual=$(grep -c "<span [^>]*label=\"$LABEL\"[^>]*status=\"manual\"[^>]*>$WORD</span>" "$XML")
[[ $manual -eq 1 ]] || {
  grep '<span' "$XML" | grep -F "$WORD" >&2
  fail "expected one manual $LABEL span over $WORD, found $manual"
}
suggested=$(grep -c '<span [^>]*status="suggested"' "$XML")
[[ $suggested -ge 5 ]] || fail "expected the recognizer's suggestions, found $suggested suggested spans"
grep -q '<agent [^>]*type="person"' "$XML" || fail "no person agent for the edit"

echo "ok: manual $LABEL span over $WORD saved beside $suggested suggestions"
exit 0
