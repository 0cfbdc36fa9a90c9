#!/usr/bin/env bash
# Install Mentorat with its development tools and run the test suite. Arguments go to pytest
# (e.g. scripts/test.sh -k healthz). The embedded SQLite is used unless DATABASE_URL is set;
# Redis only when REDIS_URL is set.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/_venv.sh

ensure_venv "[dev]"

step "running pytest on ${DATABASE_URL:-the embedded SQLite}${REDIS_URL:+ with Redis at $REDIS_URL}"
exec python -m pytest "$@"
