#!/usr/bin/env bash
# Idempotent set-up for a fresh machine: virtual environment, pinned Python packages,
# pinned npm packages and (with --browser) a Chromium for the browser tests.
# Sourced by serve.sh and test.sh so both README commands work on a clean clone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"

checksum() { cat "$@" | sha256sum | cut -d' ' -f1; }
stale() {  # $1 stamp file, $2.. inputs: true when any input changed since the stamp was written
  local stamp="$1"; shift
  ! { [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(checksum "$@")" ]; }
}

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating virtual environment in .venv"
  "$PY" -m venv "$VENV"
fi
if stale "$VENV/.requirements.stamp" requirements.txt pyproject.toml; then
  # Every file checked against the lock's hashes (scripts/lock.sh writes it), the build backend
  # included: the project is then installed with that setuptools, nothing fetched for it.
  echo "setup: installing pinned Python packages (hash-checked)"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  checksum requirements.txt pyproject.toml > "$VENV/.requirements.stamp"
fi

if ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "setup: installing Node.js and npm from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "setup: npm is required (install Node.js 18 or newer)" >&2; exit 1
  fi
fi
if stale node_modules/.lock.stamp package-lock.json; then
  echo "setup: installing pinned npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  checksum package-lock.json > node_modules/.lock.stamp
fi

find_chromium() {
  for c in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome \
           /usr/bin/google-chrome-stable /opt/google/chrome/chrome; do
    # Ubuntu's chromium-browser is a snap stub that cannot run headless here: skip it.
    if [ -n "$c" ] && [ -x "$c" ] && ! grep -qs "snap" "$c"; then echo "$c"; return 0; fi
  done
  return 1
}

if [ "${1:-}" = "--browser" ]; then
  if ! CHROMIUM_PATH="$(find_chromium)"; then
    if [ -f /etc/debian_version ] && ! grep -qi ubuntu /etc/os-release && command -v apt-get >/dev/null \
        && [ "$(id -u)" = 0 ]; then
      echo "setup: installing Debian's chromium package"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
      CHROMIUM_PATH="$(find_chromium)"
    else
      echo "setup: no Chromium found; set CHROMIUM_PATH or install chromium" >&2; exit 1
    fi
  fi
  export CHROMIUM_PATH
  echo "setup: browser tests use $CHROMIUM_PATH"
fi
export NO_MKDOCS_2_WARNING=1
