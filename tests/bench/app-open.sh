#!/usr/bin/env bash
# app-open.sh: how fast the desktop app opens a 5 MB Arabic text.
#
#   bash tests/bench/app-open.sh [BUILD_DIR]        # default BUILD_DIR: build
#   RUNS=5 GSK_RENDERER=gl bash tests/bench/app-open.sh
#
# Builds a 5 MB plain-text file (sentences of ANERcorp tokens from
# ../shared/corpora when present, otherwise data/samples/article.txt
# repeated), opens it with the real build/src/app/alama on a private Xvfb
# and session bus, and prints, from the app's ALAMA_DEBUG_TIMING lines:
# time to the first frame painted with text, time until every highlight
# is applied, the longest main-loop stall while loading, and peak RSS
# (VmHWM) with its ratio to the file size, against the targets.  A stall
# is wall-clock time; on a loaded machine it includes waiting for a CPU,
# so the main thread's longest CPU burst between two main-loop turns is
# given too: the stall an idle machine would see.  When
# gnome-text-editor or gedit is installed, it opens the same file in it
# and prints the same outside measures for both apps: time until the
# window is mapped, time until the process goes idle (no CPU used for
# IDLE_MS), and peak RSS.  Each app runs RUNS times (default 3), in
# turns; the tables give medians.  Not part of `meson test`.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${1:-build}
[[ $BUILD = /* ]] || BUILD="$ROOT/$BUILD"
APP="$BUILD/src/app/alama"
TARGET_BYTES=$((5 * 1024 * 1024))
IDLE_MS=${IDLE_MS:-700}
RUNS=${RUNS:-3}
# The software renderer by default: under Xvfb the GL renderer is Mesa's
# llvmpipe on the CPU, which measures the emulation more than the app.
export GSK_RENDERER=${GSK_RENDERER:-cairo}
TIMEOUT_S=${TIMEOUT_S:-180}

die () { echo "app-open: $*" >&2; exit 1; }

# --- Inside the private display (the script runs itself there). ---------
if [[ "${ALAMA_BENCH_INNER:-}" = 1 ]]; then
  FILE=$2
  TMP=$3

  now_ms () { echo $(( $(date +%s%N) / 1000000 )); }

  cpu_ticks () {  # utime + stime of a process, in clock ticks
    awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo -1
  }

  hwm_kb () {
    awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0
  }

  # Memory the process holds alone (no shared library pages, which RSS
  # counts: under Xvfb GTK loads Mesa's software renderer and its 44 MB
  # libLLVM even with the cairo renderer).
  private_kb () {
    awk '/^Private_(Clean|Dirty):/ { s += $2 } END { print s + 0 }' \
      "/proc/$1/smaps_rollup" 2>/dev/null || echo 0
  }

  # Prints the ms since START when PID's first visible window is mapped,
  # or "-" without xdotool or when none appears within TIMEOUT_S.
  wait_window () {
    local pid=$1 start=$2 deadline=$(( $(now_ms) + TIMEOUT_S * 1000 ))
    if ! command -v xdotool >/dev/null; then echo "-"; return; fi
    while (( $(now_ms) < deadline )); do
      if [[ -n $(xdotool search --onlyvisible --pid "$pid" 2>/dev/null | head -1) ]]; then
        echo $(( $(now_ms) - start )); return
      fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.01
    done
    echo "-"
  }

  # Prints the ms since START of the last CPU use of PID, once it used none
  # for IDLE_MS.
  wait_idle () {
    local pid=$1 start=$2 last last_change now deadline
    deadline=$(( $(now_ms) + TIMEOUT_S * 1000 ))
    last=$(cpu_ticks "$pid"); last_change=$(now_ms)
    while (( $(now_ms) < deadline )); do
      sleep 0.05
      now=$(cpu_ticks "$pid")
      if [[ $now != "$last" ]]; then last=$now; last_change=$(now_ms)
      elif (( $(now_ms) - last_change >= IDLE_MS )); then break; fi
    done
    echo $(( last_change - start ))
  }

  stop () {
    kill -TERM "$1" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$1" 2>/dev/null || true
  }

  timing () {  # timing EVENT: the ms of "alama-timing: EVENT MS ms"
    awk -v e="$1" '$1 == "alama-timing:" && $2 == e { v = $3 } END { print (v == "" ? "-" : v) }' \
      "$TMP/alama.err"
  }

  size=$(stat -c %s "$FILE")
  size_mb=$(awk -v b="$size" 'BEGIN { printf "%.2f", b / 1048576 }')
  mb () { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
  times_file () { awk -v k="$1" -v b="$size" 'BEGIN { printf "%.1f", k * 1024 / b }'; }
  # median V...: the middle value ("-" ignored; "-" when none).
  minimum () {
    printf '%s\n' "$@" | grep -v '^-$' | sort -g | head -1 | grep . || echo "-"
  }
  median () {
    printf '%s\n' "$@" | grep -v '^-$' | sort -g \
      | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print v[int ((NR + 1) / 2)] }'
  }
  verdict () { awk -v v="$1" -v t="$2" 'BEGIN { if (v == "-") print "?"; else print (v + 0 < t + 0 ? "ok" : "MISSED") }'; }

  # One run of alama: appends to the arrays below.
  firsts=() dones=() stalls=() stalls_painted=() busys=() busys_painted=() alama_mapped=() alama_idle=() alama_hwm=() alama_private=()
  run_alama () {
    local start pid deadline
    start=$(now_ms)
    ALAMA_DEBUG_TIMING=1 ALAMA_DEBUG_READY=1 "$APP" "$FILE" 2> "$TMP/alama.err" &
    pid=$!
    alama_mapped+=("$(wait_window "$pid" "$start")")
    deadline=$(( $(now_ms) + TIMEOUT_S * 1000 ))
    until grep -q '^alama-timing: longest-stall-after' "$TMP/alama.err"; do
      kill -0 "$pid" 2>/dev/null || { cat "$TMP/alama.err" >&2; die "alama exited while loading"; }
      (( $(now_ms) < deadline )) || { stop "$pid"; die "alama did not finish loading in ${TIMEOUT_S} s"; }
      sleep 0.05
    done
    alama_idle+=("$(wait_idle "$pid" "$start")")
    alama_hwm+=("$(hwm_kb "$pid")")
    alama_private+=("$(private_kb "$pid")")
    stop "$pid"
    firsts+=("$(timing first-paint)")
    dones+=("$(timing highlights-done)")
    stalls+=("$(timing longest-stall)")
    stalls_painted+=("$(timing longest-stall-after-first-paint)")
    busys+=("$(timing longest-busy)")
    busys_painted+=("$(timing longest-busy-after-first-paint)")
    n_ann=$(awk '$2 == "highlights" { v = $3 } END { print (v == "" ? "-" : v) }' "$TMP/alama.err")
    echo "run $1: first paint ${firsts[-1]} ms, highlights ${dones[-1]} ms," \
         "stall ${stalls[-1]} ms (${stalls_painted[-1]} ms after first paint;" \
         "CPU ${busys[-1]} ms, ${busys_painted[-1]} ms)," \
         "peak RSS $(mb "${alama_hwm[-1]}") MB"
  }

  editor=""
  for e in gnome-text-editor gedit; do
    if command -v "$e" >/dev/null; then editor=$e; break; fi
  done
  editor_mapped=() editor_idle=() editor_hwm=() editor_private=()
  run_editor () {
    local start pid args
    start=$(now_ms)
    # A standalone instance, not a window of one already running.
    if [[ $editor = gnome-text-editor ]]; then args=(--standalone); else args=(-s); fi
    "$editor" "${args[@]}" "$FILE" > "$TMP/editor.out" 2>&1 &
    pid=$!
    editor_mapped+=("$(wait_window "$pid" "$start")")
    editor_idle+=("$(wait_idle "$pid" "$start")")
    editor_hwm+=("$(hwm_kb "$pid")")
    editor_private+=("$(private_kb "$pid")")
    stop "$pid"
  }

  # An app with no file, once, for the memory the file adds: prints
  # "PEAK_KB PRIVATE_KB" once it is idle.
  run_empty () {
    local start pid
    start=$(now_ms)
    "$@" > "$TMP/empty.out" 2>&1 &
    pid=$!
    wait_window "$pid" "$start" > /dev/null
    wait_idle "$pid" "$start" > /dev/null
    echo "$(hwm_kb "$pid") $(private_kb "$pid")"
    stop "$pid"
  }

  echo "file: $size bytes ($size_mb MiB), $(wc -l < "$FILE") lines; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  for run in $(seq 1 "$RUNS"); do
    run_alama "$run"
    [[ -z $editor ]] || run_editor
  done
  read -r alama_empty_hwm alama_empty_private < <(run_empty "$APP")
  if [[ -n $editor ]]; then
    if [[ $editor = gnome-text-editor ]]; then
      read -r editor_empty_hwm editor_empty_private < <(run_empty "$editor" --standalone)
    else
      read -r editor_empty_hwm editor_empty_private < <(run_empty "$editor" -s)
    fi
  fi
  echo "entities highlighted: $n_ann; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo

  first=$(median "${firsts[@]}")
  stall=$(median "${stalls[@]}")
  stall_painted=$(median "${stalls_painted[@]}")
  hwm=$(median "${alama_hwm[@]}")
  ratio=$(times_file "$hwm")
  echo "== alama, median (and best) of $RUNS runs (times from main(), ALAMA_DEBUG_TIMING) =="
  printf '%-30s %12s %12s %12s  %s\n' measure median best target ""
  printf '%-30s %9s ms %9s ms %9s ms  %s\n' "first paint with text" "$first" \
    "$(minimum "${firsts[@]}")" 500 "$(verdict "$first" 500)"
  printf '%-30s %9s ms %9s ms %12s\n' "all highlights applied" "$(median "${dones[@]}")" \
    "$(minimum "${dones[@]}")" "-"
  printf '%-30s %9s ms %9s ms %9s ms  %s\n' "longest main-loop stall" "$stall" \
    "$(minimum "${stalls[@]}")" 100 "$(verdict "$stall" 100)"
  printf '%-30s %9s ms %9s ms %9s ms  %s\n' "  the same after first paint" "$stall_painted" \
    "$(minimum "${stalls_painted[@]}")" 100 "$(verdict "$stall_painted" 100)"
  busy=$(median "${busys[@]}")
  busy_painted=$(median "${busys_painted[@]}")
  printf '%-30s %9s ms %9s ms %9s ms  %s\n' "longest main-thread CPU burst" "$busy" \
    "$(minimum "${busys[@]}")" 100 "$(verdict "$busy" 100)"
  printf '%-30s %9s ms %9s ms %9s ms  %s\n' "  the same after first paint" "$busy_painted" \
    "$(minimum "${busys_painted[@]}")" 100 "$(verdict "$busy_painted" 100)"
  printf '%-30s %9s MB %9s MB %9s x   %s\n' "peak RSS (VmHWM)" "$(mb "$hwm")" \
    "$(mb "$(minimum "${alama_hwm[@]}")")" 20 "$(verdict "$ratio" 20) (${ratio}x the file)"
  added=$(( hwm - alama_empty_hwm ))
  printf '%-30s %9s MB %12s %9s x   %s\n' "  minus an empty window's" "$(mb "$added")" "" 20 \
    "$(verdict "$(times_file "$added")" 20) ($(times_file "$added")x the file; empty window $(mb "$alama_empty_hwm") MB)"
  printf '%-30s %9s MB %12s %12s  %s\n' "private memory once idle" \
    "$(mb "$(median "${alama_private[@]}")")" "" "-" "(empty window $(mb "$alama_empty_private") MB)"
  echo

  echo "== side by side, medians (times from launch; idle = last CPU use before ${IDLE_MS} ms without) =="
  printf '%-20s %14s %14s %12s %8s %14s %12s\n' app "window mapped" "idle" "peak RSS" "x file" \
    "- empty app" "private"
  # An app's peak minus its empty window's; "-" when the empty one peaked
  # higher (an editor restoring its last session, say).
  row () {
    local added="-"
    (( $4 >= $5 )) && added=$(mb $(( $4 - $5 )))
    printf '%-20s %11s ms %11s ms %9s MB %7sx %11s MB %9s MB\n' "$1" "$2" "$3" "$(mb "$4")" \
      "$(times_file "$4")" "$added" "$(mb "$6")"
  }
  row alama "$(median "${alama_mapped[@]}")" "$(median "${alama_idle[@]}")" "$hwm" \
    "$alama_empty_hwm" "$(median "${alama_private[@]}")"
  if [[ -n $editor ]]; then
    row "$editor" "$(median "${editor_mapped[@]}")" "$(median "${editor_idle[@]}")" \
      "$(median "${editor_hwm[@]}")" "$editor_empty_hwm" "$(median "${editor_private[@]}")"
  else
    echo "(neither gnome-text-editor nor gedit is installed: no comparison)"
  fi
  exit 0
fi

# --- Outside: make the file, start the display. -------------------------
[[ -x $APP ]] || die "$APP not found: build first (meson compile -C $BUILD)"
command -v Xvfb >/dev/null || die "Xvfb is missing (apt-get install xvfb)"
command -v dbus-run-session >/dev/null || die "dbus-run-session is missing (apt-get install dbus)"
command -v xdotool >/dev/null || echo "app-open: xdotool missing: no window-mapped times" >&2

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FILE="$TMP/bench.txt"
CORPUS="$ROOT/../shared/corpora/anercorp-camellab/ANERCorp_CamelLab_train.txt"
if [[ -r $CORPUS ]]; then
  # One sentence per blank-line-separated block, five sentences a
  # paragraph, the corpus repeated until the file reaches 5 MiB.
  LC_ALL=C awk -v target="$TARGET_BYTES" '
    NF == 0 { if (s != "") { sent[n++] = s; s = "" } next }
    { s = (s == "" ? $1 : s " " $1) }
    END {
      if (s != "") sent[n++] = s
      while (bytes < target) {
        for (k = 0; k < n && bytes < target; k++) {
          line = line (line == "" ? "" : " ") sent[k]
          if (++m % 5 == 0) { print line; print ""; bytes += length (line) + 2; line = "" }
        }
      }
      if (line != "") print line
    }' "$CORPUS" > "$FILE"
  echo "app-open: text from ANERcorp sentences ($CORPUS)"
else
  echo "app-open: $CORPUS not found: repeating data/samples/article.txt"
  while (( $(stat -c %s "$FILE" 2>/dev/null || echo 0) < TARGET_BYTES )); do
    cat "$ROOT/data/samples/article.txt" >> "$FILE"
  done
fi

XDG="$TMP/xdg"
mkdir -p "$XDG/config" "$XDG/data" "$XDG/cache"
export XDG_CONFIG_HOME="$XDG/config" XDG_DATA_HOME="$XDG/data" XDG_CACHE_HOME="$XDG/cache"
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$BUILD/data" NO_AT_BRIDGE=1
export ALAMA_BENCH_INNER=1 APP TIMEOUT_S IDLE_MS RUNS

exec 3< <(exec Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp)
xvfb_pid=$!
read -r -t 20 display <&3 || { kill "$xvfb_pid" 2>/dev/null; die "Xvfb did not start"; }
status=0
DISPLAY=":$display" dbus-run-session -- bash "$0" "$BUILD" "$FILE" "$TMP" || status=$?
kill "$xvfb_pid" 2>/dev/null || true
wait "$xvfb_pid" 2>/dev/null || true
echo
echo "renderer: $GSK_RENDERER; command: RUNS=$RUNS GSK_RENDERER=$GSK_RENDERER bash tests/bench/app-open.sh ${1:-build}"
exit "$status"
