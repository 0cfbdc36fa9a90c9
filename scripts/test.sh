#!/usr/bin/env bash
# Install Mentorat with its development tools and run the test suite. Arguments go to pytest
# (e.g. scripts/test.sh -k healthz). The embedded SQLite is used unless DATABASE_URL is set;
# Redis only when REDIS_URL is set.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/_venv.sh

ensure_venv "[dev]"

# The third-party readers and validators the tests run (ical.js, the Nu Html Checker, pa11y), pinned
# in package-lock.json. Their install scripts are not needed (they would download a browser or a Java
# runtime; the tests use Debian's chromium and java), hence --ignore-scripts.
if command -v npm >/dev/null 2>&1; then
    wanted_npm="$(sha256sum package-lock.json | cut -d' ' -f1)"
    if [ -f node_modules/.mentorat-install ] && [ "$(cat node_modules/.mentorat-install)" = "$wanted_npm" ]; then
        step "Node.js test tools already installed (package-lock.json unchanged)"
    else
        step "installing the Node.js test tools: npm ci --ignore-scripts"
        npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
        echo "$wanted_npm" > node_modules/.mentorat-install
    fi
else
    step "npm not found: the tests that need Node.js packages are skipped (a failure under CI)"
fi

# The suite runs on as many workers as the machine has cores, up to 4 (pytest-xdist; each worker has
# its own test database and Redis databases, and starts the shared tools once). A module's tests stay
# on one worker (--dist loadfile): the module-scoped demo and worlds are built once. TEST_WORKERS=0
# runs everything in this process (for pdb, -x or a single test).
workers="${TEST_WORKERS:-$(python -c 'import os; print(min(len(os.sched_getaffinity(0)), 4))')}"
parallel=()
if [ "$workers" -gt 1 ]; then
    parallel=(-n "$workers" --dist loadfile)
fi

step "running pytest on ${DATABASE_URL:-the embedded SQLite}${REDIS_URL:+ with Redis at $REDIS_URL} (${workers} worker(s))"
exec python -m pytest "${parallel[@]}" "$@"
