#!/usr/bin/env bash
# Installs, with apt-get, what building Alama needs and this machine lacks
# (Debian 12 / Ubuntu).  Installs nothing that is already there.
#
#   ./install-deps.sh          build the core library, alama-ner and the
#                              GTK 4 app
#   ./install-deps.sh --test   also what the test suite needs (clang and
#                              libFuzzer for the fuzz targets, valgrind-free;
#                              a virtual display, a session bus and Arabic
#                              fonts for the app's headless tests)
#   ./install-deps.sh --data   also what regenerating the word lists in
#                              data/common-words/ and data/gazetteers/
#                              needs (not needed to build or test)
set -euo pipefail

packages=(meson ninja-build pkg-config gcc libc6-dev python3 gettext
          libglib2.0-dev libxml2-dev libjson-glib-dev
          libgtk-4-dev libadwaita-1-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(clang libclang-rt-14-dev libxml2-utils desktop-file-utils appstream
             xvfb xauth dbus at-spi2-core fonts-noto-core fonts-hosny-amiri
             librsvg2-common xdotool)
fi
if [[ "${1:-}" == "--data" ]]; then
  packages+=(hunspell-ar iso-codes libgweather-4-common libgeonames-common python3-icu
             php-faker ruby-faker)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
