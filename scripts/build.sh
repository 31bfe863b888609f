#!/usr/bin/env bash
# Build the site once into site/ (strict: any warning fails), as the deploy workflow does.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
exec "$VENV/bin/mkdocs" build --strict "$@"
