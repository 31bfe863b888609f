#!/usr/bin/env bash
# Re-lock the Python packages: resolve requirements.in, plus the build backend pinned in
# pyproject.toml's [build-system], into requirements.txt, with every package (indirect ones
# too) at an exact version and the SHA-256 hashes of its files on PyPI. Run it after changing
# requirements.in or [build-system], or after merging a branch that did; commit both files.
# setup.sh then installs with --require-hashes, so a file that differs from the lock fails.
#
# Existing pins are kept unless a change needs another version; `bash scripts/lock.sh
# --upgrade` moves every package to its newest release (extra arguments go to pip-compile).
# Resolved with PyPI alone, ignoring any local pip configuration or mirror, so the hashes are
# the ones every machine (and GitHub's runner) downloads. pip-tools runs from a venv of its own.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PIP_TOOLS="pip-tools==7.6.2"
TOOLS="$ROOT/.venv-lock"
PY="${PYTHON:-python3}"

export PIP_CONFIG_FILE=/dev/null
unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_CONSTRAINT PIP_REQUIRE_HASHES
if [ ! -x "$TOOLS/bin/pip-compile" ]; then
  echo "lock: installing $PIP_TOOLS into .venv-lock"
  "$PY" -m venv "$TOOLS"
  "$TOOLS/bin/python" -m pip install --quiet --disable-pip-version-check "$PIP_TOOLS"
fi

"$TOOLS/bin/python" - > .venv-lock/build-system.in <<'PY'
import re
text = open("pyproject.toml", encoding="utf-8").read()
block = re.search(r"^\[build-system\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S).group(1)
requires = re.search(r"^requires\s*=\s*\[(.*?)\]", block, re.M | re.S).group(1)
print("# pyproject.toml [build-system] requires")
print("\n".join(re.findall(r'"([^"]+)"', requires)))
PY

CUSTOM_COMPILE_COMMAND="bash scripts/lock.sh" "$TOOLS/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras \
  --index-url https://pypi.org/simple --no-emit-index-url \
  --output-file requirements.txt requirements.in .venv-lock/build-system.in "$@"
echo "lock: requirements.txt written ($(grep -c '^[A-Za-z]' requirements.txt) packages, all hash-pinned)"
