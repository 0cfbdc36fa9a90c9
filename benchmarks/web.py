"""Load benchmark: gunicorn (2 workers) on the generated PostgreSQL programme, 20 concurrent users.

    python manage.py generate_dataset --organisations 300 --mentees 10000 --mentors 10000 --seed 1
    python benchmarks/web.py [--database-url postgres://postgres@127.0.0.1:5432/mentorat_bench]
                             [--users 20] [--seconds 60] [--port 8765] [--programme-slug bench-2026]

Production settings (DEBUG off, HTTPS-only cookies, SSL redirect off for plain loopback HTTP). Each
virtual user gets its own server-side session per role, created in the session store (engineer and
HR accounts have their TOTP device, so the second-factor middleware lets them through), and sends
the cookie itself. The --seconds are split into one phase per page, all
users on that page, the bare reference view (/bench/reference, enabled by
BENCHMARK_REFERENCE_VIEW=1) first. Traffic goes to 127.0.0.1 only, and the
loop stops after --seconds. Prints per page: requests/s, p50, p95, errors, p95 / reference p95.
"""

import argparse
import itertools
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from _dataset import ROOT, django_setup, key_pages

LOAD_PAGES = ("mentee_proposals", "pair_page", "hr_follow_up", "engineer_supervision", "indicators")
TARGET_RATIO = 3.0


def server_env(args):
    from cryptography.fernet import Fernet

    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": args.database_url,
            "DEBUG": "false",
            "SECRET_KEY": env.get("BENCH_SECRET_KEY", "bench-" + "x" * 50),
            "FIELD_ENCRYPTION_KEYS": env.get("BENCH_FIELD_ENCRYPTION_KEYS", Fernet.generate_key().decode()),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"http://127.0.0.1:{args.port}",
            "EMAIL_URL": "consolemail://",
            "SECURE_SSL_REDIRECT": "false",
            "BENCHMARK_REFERENCE_VIEW": "1",
            "DJANGO_SETTINGS_MODULE": "mentorat.settings",
            "CONN_MAX_AGE": env.get("CONN_MAX_AGE", "60"),
            # As in production: the cache (indicators, rate limits) shared by the workers, in Redis.
            "REDIS_URL": env.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
            "STATIC_ROOT": env.get("STATIC_ROOT", "/tmp/mentorat-bench-static"),
        }
    )
    return env


def sessions_for(users):
    """{user pk: session key} — one fresh server-side session per user, as a login would create."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = {}
    for user in users:
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys[user.pk] = session.session_key
    return keys


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server did not answer on {url}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect (to the login or the second-factor page) counts as an error


def drive(base, plan, seconds, users):
    """Each of `users` threads cycles over `plan` [(name, path, cookie)] until `seconds` pass."""
    opener = urllib.request.build_opener(_NoRedirect)
    results = {name: [] for name, _path, _cookie in plan[0]}
    errors = dict.fromkeys(results, 0)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(index):
        for name, path, cookie in itertools.cycle(plan[index]):
            if time.monotonic() >= deadline:
                return
            request = urllib.request.Request(base + path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
            started = time.perf_counter()
            ok = False
            try:
                with opener.open(request, timeout=30) as response:
                    response.read()
                    ok = response.status == 200
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    results[name].append(elapsed)
                else:
                    errors[name] += 1

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(users)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors, time.monotonic() - started


def percentile(values, fraction):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(fraction * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mentorat_bench")
    )
    parser.add_argument("--programme-slug", default="bench-2026")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    args.seconds = min(args.seconds, 600)  # bounded in time whatever is asked

    os.environ.update(server_env(args))
    django_setup()
    from django.conf import settings

    pages = [page for page in key_pages(args.programme_slug) if page[0] in LOAD_PAGES]
    mentee_user = pages[0][1]
    # One session per virtual user and role: SESSION_SAVE_EVERY_REQUEST writes the session row at
    # each request, and shared rows would measure lock waits rather than pages.
    plan = []
    for _index in range(args.users):
        keys = sessions_for({user.pk: user for _name, user, _path in pages}.values())
        cookie = lambda user, keys=keys: f"{settings.SESSION_COOKIE_NAME}={keys[user.pk]}"  # noqa: E731
        plan.append(
            [("reference", "/bench/reference", cookie(mentee_user))]
            + [(name, path, cookie(user)) for name, user, path in pages]
        )
    from django.db import connections

    connections.close_all()

    # Production static storage needs its manifest.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=os.environ.copy(), check=True
    )
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "mentorat.wsgi",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
        start_new_session=True,
    )
    names = ["reference", *LOAD_PAGES]
    phase = args.seconds / len(names)
    results, errors, durations = {}, {}, {}
    try:
        wait_for(base + "/healthz")
        drive(base, plan, 3, min(args.users, 4))  # warm-up: imports and caches of both workers
        # One phase per page, all users on it: a slow page then cannot inflate another's figures
        # (sync workers queue requests, so mixing pages would measure the queue of the slowest).
        for name in names:
            only = [[entry for entry in entries if entry[0] == name] for entries in plan]
            page_results, page_errors, duration = drive(base, only, phase, args.users)
            results[name], errors[name], durations[name] = page_results[name], page_errors[name], duration
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    reference_p95 = percentile(results["reference"], 0.95)
    print(f"{args.users} users, {phase:.0f} s per page, gunicorn {args.workers} workers, 127.0.0.1:{args.port}")
    print(f"{'page':<22} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} {'p95/ref':>8}")
    met = True
    for name in names:
        values = results[name]
        p95 = percentile(values, 0.95)
        ratio = p95 / reference_p95 if reference_p95 else float("nan")
        if name != "reference":
            met = met and errors[name] == 0 and ratio <= TARGET_RATIO
        print(
            f"{name:<22} {len(values) / durations[name]:>7.1f} {percentile(values, 0.5) * 1000:>8.1f} "
            f"{p95 * 1000:>8.1f} {errors[name]:>7} {ratio:>8.2f}"
        )
    print(f"target (every page p95 <= {TARGET_RATIO:g} x reference, 0 errors): {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
