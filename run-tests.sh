#!/usr/bin/env bash
# Installs what is missing, builds Alama and runs the whole test suite.
#
#   ./run-tests.sh [BUILD_DIR] [MESON_SETUP_OPTION…]
#
# BUILD_DIR defaults to build-test.  The last line printed is
# "N passed, N failed, N skipped" (a test program counts once).
set -euo pipefail
cd "$(dirname "$0")"

build=${1:-build-test}
shift || true

./install-deps.sh --test
if [[ -f "$build/build.ninja" ]]; then
  meson setup --reconfigure "$build" "$@" >/dev/null
else
  meson setup "$build" "$@" >/dev/null
fi
meson compile -C "$build"

status=0
meson test -C "$build" --print-errorlogs --num-processes "$(nproc)" || status=$?

python3 - "$build/meson-logs/testlog.json" <<'PY'
import json, sys
counts = {"passed": 0, "failed": 0, "skipped": 0}
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        result = json.loads(line)["result"]
        if result in ("OK", "EXPECTEDFAIL"):
            counts["passed"] += 1
        elif result == "SKIP":
            counts["skipped"] += 1
        else:
            counts["failed"] += 1
print(f"{counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped")
PY
exit $status
