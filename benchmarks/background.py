"""Background work at scale on the generated programme: reminder scan, evaluation PDF, matching run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentorat_bench DEBUG=true \
        python benchmarks/background.py [--programme-slug bench-2026] [--skip-matching]

1. `send_reminders --dry-run` over the whole database: time and SQL queries.
2. `evaluation_report --pdf` for the programme: time and size.
3. A matching run through the task body (`matching_run_execute`: engine + bulk insert) for all the
   programme's mentees and mentors in one track, inside a transaction that is rolled back: every
   application is made a validated P1 application and every pair and pending request set aside,
   so that the run sees 10,000 mentees and 10,000 mentors.
"""

import argparse
import io
import tempfile
import time
from pathlib import Path

from _dataset import django_setup


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--programme-slug", default="bench-2026")
    parser.add_argument("--skip-matching", action="store_true")
    args = parser.parse_args()
    django_setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        out = io.StringIO()
        call_command("send_reminders", dry_run=True, stdout=out)
        elapsed = time.perf_counter() - started
    print(f"reminder scan (dry run): {elapsed:.1f} s, {len(queries)} queries")
    print("  " + out.getvalue().strip().replace("\n", "\n  ")[:1500])

    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "report.pdf"
        started = time.perf_counter()
        call_command("evaluation_report", programme=args.programme_slug, pdf=str(pdf), stdout=io.StringIO())
        elapsed = time.perf_counter() - started
        print(f"evaluation PDF: {elapsed:.1f} s, {pdf.stat().st_size // 1024} KiB")

    if not args.skip_matching:
        matching_run(args.programme_slug)


class _Rollback(Exception):
    pass


def matching_run(slug):
    from django.db import transaction

    from candidatures.enums import ApplicationStatus
    from candidatures.models import Application
    from matching.enums import RequestStatus
    from matching.models import MatchingRun, MentorRequest, Proposal
    from matching.services import matching_run_execute
    from mentorat.core.models import Programme
    from sessions_binome.enums import PairStatus
    from sessions_binome.models import Pair

    programme = Programme.objects.get(slug=slug)
    track = programme.tracks.get(code="P1")
    try:
        with transaction.atomic():
            Application.objects.filter(programme=programme).update(track=track, status=ApplicationStatus.VALIDATED)
            Pair.objects.filter(programme=programme).update(status=PairStatus.ENDED)
            MentorRequest.objects.filter(mentee__programme=programme, status=RequestStatus.PENDING).update(
                status=RequestStatus.CANCELLED
            )
            run = MatchingRun.objects.create(programme=programme, track=track)
            started = time.perf_counter()
            run = matching_run_execute(run_id=run.pk)
            elapsed = time.perf_counter() - started
            proposals = Proposal.objects.filter(run=run).count()
            mentees = Proposal.objects.filter(run=run).values("mentee").distinct().count()
            print(
                f"matching run (task body, 10k x 10k): {elapsed:.1f} s, status {run.status}, "
                f"{proposals} proposals for {mentees} mentees"
            )
            raise _Rollback
    except _Rollback:
        pass
    # The rolled-back updates of every application and pair leave dead rows behind, and statistics
    # that no longer match: without this the pages measured next (web.py) read bloated tables.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


if __name__ == "__main__":
    main()
