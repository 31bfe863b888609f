#!/usr/bin/env bash
# Run every test: engine, rules verifier, built site and real headless Chromium.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" --browser
exec "$VENV/bin/python" -m pytest "$@"
