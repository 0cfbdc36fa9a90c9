"""The review of a big matching run: time and SQL queries of each of its pages, with its searches
and filters, on the generated programme's largest run, opened as the draft the engineer reviews.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentorat_bench DEBUG=true \
        python benchmarks/review.py [--programme-slug bench-2026] [--repeat 3]

The run is turned back into a draft inside a transaction that is rolled back at the end: the
database is left as it was. Each page is opened once to warm caches, then `--repeat` times; the
best wall time is printed.
"""

import argparse
import time

from _dataset import django_setup


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--programme-slug", default="bench-2026")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--slowest", type=int, default=0, help="print the N slowest queries of each page")
    args = parser.parse_args()
    django_setup()
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from matching.enums import RunStatus
    from matching.models import MatchingRun
    from mentorat.accounts.models import User

    setup_test_environment()  # for response.context (the number of rows a page found)

    engineer = User.objects.get(is_programme_engineer=True, email__endswith=f"@{args.programme_slug}.test")
    run = (
        MatchingRun.objects.filter(programme__slug=args.programme_slug)
        .annotate(mentees=Count("proposals__mentee", distinct=True))
        .order_by("-mentees")
        .first()
    )
    assert run, "generate the dataset first (manage.py generate_dataset)"
    with transaction.atomic():
        MatchingRun.objects.filter(pk=run.pk).update(status=RunStatus.DRAFT)
        mentee_id = run.proposals.order_by("mentee_id").values_list("mentee_id", flat=True).first()
        detail = reverse("matching:run_detail", args=[run.pk])
        mentors = reverse("matching:run_mentors", args=[run.pk])
        pages = [
            ("by mentee", detail, {}),
            ("by mentee, page 100", detail, {"page": 100}),
            ("search mentee", detail, {"q": "martin"}),
            ("search mentor", detail, {"mentor": "martin"}),
            ("short of proposals", detail, {"filtre": "moins"}),
            ("with an exclusion", detail, {"filtre": "exclusion"}),
            ("by mentor", mentors, {}),
            ("over-exposed mentors", mentors, {"filtre": "surexposes"}),
            ("never proposed", mentors, {"filtre": "jamais"}),
            ("add: search a mentor", reverse("matching:proposal_search", args=[run.pk, mentee_id]), {"q": "mar"}),
        ]
        print(f"run {run.pk} ({run.track.code}): {run.mentees} mentees, opened as a draft")
        print(f"{'page':<24} {'status':>6} {'rows':>6} {'queries':>8} {'sql ms':>8} {'wall ms':>8}")
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(engineer)
        for name, path, params in pages:
            client.get(path, params)  # warm caches (templates, translations)
            best = None
            for _attempt in range(args.repeat):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(path, params)
                    wall = (time.perf_counter() - started) * 1000
                best = wall if best is None else min(best, wall)
            sql = sum(float(query["time"]) for query in queries.captured_queries) * 1000
            rows = response.context["page"].paginator.count if response.context else "-"
            print(f"{name:<24} {response.status_code:>6} {rows:>6} {len(queries):>8} {sql:>8.1f} {best:>8.1f}")
            for query in sorted(queries.captured_queries, key=lambda query: -float(query["time"]))[: args.slowest]:
                print(f"  -- {float(query['time']) * 1000:.1f} ms: {query['sql'][:400]}")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
