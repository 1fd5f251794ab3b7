#!/usr/bin/env bash
# Make sure Debian's headless Chromium is at $MEDIALIT_CHROMIUM (default /usr/bin/chromium).
# As root it installs the `chromium` package with apt; otherwise it stops and says what to install.
# The browser tests never download a browser of their own.
set -euo pipefail
browser="${MEDIALIT_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$browser" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests (apt-get)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
  [ -x "$browser" ] && exit 0
fi
cat >&2 <<MSG
The browser tests need headless Chromium at $browser, and it is missing.
Install it, then run make test again:
  Debian/Ubuntu:  sudo apt-get install chromium
  elsewhere:      install Chromium and set MEDIALIT_CHROMIUM=/path/to/chromium
MSG
exit 1
