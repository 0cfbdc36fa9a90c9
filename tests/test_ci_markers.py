"""The `redis` / `postgres` markers: a skip with a reason on the embedded default, a failure under CI.

Each case runs pytest on one Redis test in a subprocess without REDIS_URL, on the in-memory SQLite
(never the outer run's PostgreSQL: a second test database of the same name would clobber it).
"""

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
REDIS_TEST = "tests/core/test_healthz.py::test_it_answers_200_when_the_configured_redis_answers"


def run_pytest(**env):
    base = {name: value for name, value in os.environ.items() if name not in {"CI", "REDIS_URL", "DATABASE_URL"}}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", REDIS_TEST],
        cwd=REPO_ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_redis_test_skips_with_its_reason_without_redis():
    result = run_pytest()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert "needs a Redis server" in result.stdout


def test_a_skipped_test_fails_the_run_under_ci():
    result = run_pytest(CI="true")

    assert result.returncode == 1, result.stdout + result.stderr
    assert "skipped, which counts as a failure" in result.stdout
    assert REDIS_TEST in result.stdout
