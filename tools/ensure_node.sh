#!/usr/bin/env bash
# Make sure Node.js and npm are there for the live notebooks' build (medialit lite build): npm
# brings the pinned Pyodide runtime, and Node runs it once per change of the pins to compile the
# kernel's start-up bytecode. As root it installs Debian's `nodejs` and `npm` with apt;
# otherwise it stops and says what to install.
set -euo pipefail
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's nodejs and npm for the live notebooks (apt-get)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && exit 0
fi
cat >&2 <<MSG
The live notebooks' build needs Node.js and npm, and they are missing.
Install them, then run make again:
  Debian/Ubuntu:  sudo apt-get install nodejs npm
  elsewhere:      https://nodejs.org (any current LTS; npm comes with it)
MSG
exit 1
