#!/usr/bin/env bash
# Build the site and serve it at http://127.0.0.1:8000, rebuilding on change.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
exec "$VENV/bin/mkdocs" serve --strict --dev-addr 127.0.0.1:8000 "$@"
