"""CPU per request of the key pages, in-process: steadier than the load test's wall times.

    python benchmarks/cpu.py [--database-url postgres://...mentorat_bench] [--requests 100] [page ...]

Production settings as in `web.py` (DEBUG off, the cache in Redis), Django's test client with the
session cookie of each role. For each page (the bare reference view, a page with the base layout
only, then the key pages): after three warm-up requests, `--requests` requests in a row; prints
the Python CPU of this process and the CPU of its PostgreSQL backend per request (read from
/proc, so PostgreSQL must run on this machine), their sum, and the median wall time. On a shared
virtual machine the wall time of identical runs varies by 15 %; the CPU sum much less, which is
what comparing two versions of a page needs (run both alternately).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

import web
from _dataset import ROOT, django_setup, key_pages

LAYOUT_ONLY = "/contact/"  # the base layout, menu and badge, no data of its own


def backend_cpu_seconds(pid):
    """User + system CPU of process `pid` (Linux), or None when it cannot be read."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(client, path, requests):
    from django.db import connection

    for _ in range(3):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code, response.get("Location"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    cpu_before, pg_before = time.process_time(), backend_cpu_seconds(pid)
    walls = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(path)
        walls.append(time.perf_counter() - started)
    python_ms = (time.process_time() - cpu_before) / requests * 1000
    pg_after = backend_cpu_seconds(pid)
    pg_ms = (pg_after - pg_before) / requests * 1000 if pg_before is not None and pg_after is not None else None
    return python_ms, pg_ms, statistics.median(walls) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mentorat_bench")
    )
    parser.add_argument("--programme-slug", default="bench-2026")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--port", type=int, default=8765)  # only for SITE_URL, no server is started
    parser.add_argument("pages", nargs="*", help="names of the pages to measure (all by default)")
    args = parser.parse_args()

    os.environ.update(web.server_env(args))
    # Production static storage needs its manifest (as in web.py).
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=os.environ.copy(), check=True
    )
    django_setup()
    from django.conf import settings
    from django.test import Client

    pages = key_pages(args.programme_slug)
    mentee = pages[0][1]
    pages = [("reference", mentee, "/bench/reference"), ("layout_only", mentee, LAYOUT_ONLY), *pages]
    if args.pages:
        pages = [page for page in pages if page[0] in args.pages]
    sessions = web.sessions_for({user.pk: user for _name, user, _path in pages}.values())
    print(f"{args.requests} requests per page, production settings, in-process")
    print(f"{'page':<24} {'python ms':>10} {'postgres ms':>12} {'cpu ms':>8} {'wall ms':>8}")
    for name, user, path in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[user.pk]
        python_ms, pg_ms, wall_ms = measure(client, path, args.requests)
        pg_text = f"{pg_ms:>12.1f}" if pg_ms is not None else f"{'n/a':>12}"
        total = f"{python_ms + pg_ms:>8.1f}" if pg_ms is not None else f"{'n/a':>8}"
        print(f"{name:<24} {python_ms:>10.1f} {pg_text} {total} {wall_ms:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
