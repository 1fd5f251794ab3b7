#!/usr/bin/env bash
# Make sure Debian's bubblewrap (bwrap) is installed: the code-exercise sandbox runs each
# student's function under it (medialit.grading.isolation). As root it installs the
# `bubblewrap` package with apt; otherwise it says what to install. It never fails the build:
# without bubblewrap (or where namespaces are refused) the sandbox falls back to a plain
# process with resource limits, and the tests of the bubblewrap mode say why they are skipped.
set -uo pipefail
if ! command -v bwrap >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's bubblewrap for the code-exercise sandbox (apt-get)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends bubblewrap >/dev/null
  fi
fi
if ! command -v bwrap >/dev/null 2>&1; then
  cat >&2 <<MSG
bubblewrap is not installed: code exercises will run in the sandbox's fallback mode (a plain
process with resource limits), and the tests of the bubblewrap mode will be skipped.
  Debian/Ubuntu:  sudo apt-get install bubblewrap
MSG
elif ! bwrap --ro-bind / / --unshare-pid --unshare-net --die-with-parent true 2>/dev/null; then
  echo "bubblewrap is installed but cannot create namespaces here: the sandbox will use its" \
       "fallback mode, and the tests of the bubblewrap mode will be skipped." >&2
fi
exit 0
