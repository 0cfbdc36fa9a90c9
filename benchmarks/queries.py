"""SQL queries per key page on a generated programme: count, SQL time and wall time per page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentorat_bench DEBUG=true \
        python benchmarks/queries.py [--programme-slug bench-2026] [--explain]

Each page is opened with Django's test client, logged in as the role that uses it. With --explain,
the three slowest queries of each page are shown with EXPLAIN ANALYZE.
"""

import argparse
import time

from _dataset import django_setup, key_pages


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--programme-slug", default="bench-2026")
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    django_setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    pages = key_pages(args.programme_slug)
    print(f"{'page':<24} {'status':>6} {'queries':>8} {'sql ms':>8} {'wall ms':>8}")
    for name, user, path in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        client.get(path)  # warm caches (templates, translations) before measuring
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            wall = (time.perf_counter() - started) * 1000
        sql = sum(float(query["time"]) for query in queries.captured_queries) * 1000
        print(f"{name:<24} {response.status_code:>6} {len(queries):>8} {sql:>8.1f} {wall:>8.1f}")
        if args.explain:
            slowest = sorted(queries.captured_queries, key=lambda query: -float(query["time"]))[:3]
            for query in slowest:
                print(f"  -- {float(query['time']) * 1000:.1f} ms: {query['sql'][:300]}")
                if query["sql"].lstrip().upper().startswith("SELECT"):
                    with connection.cursor() as cursor:
                        cursor.execute("EXPLAIN ANALYZE " + query["sql"])
                        for (line,) in cursor.fetchall():
                            print("     " + line)


if __name__ == "__main__":
    main()
