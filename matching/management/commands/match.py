import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from matching import services
from matching.enums import RunStatus
from matching.exports import write_proposals_csv
from matching.models import MatchingRun
from mentorat.core.models import Programme, Track

# When a Celery worker picked the run up first, wait for it rather than compute twice.
WORKER_WAIT_SECONDS = 600


class Command(BaseCommand):
    help = (
        "Run matching for one track through the same services as the console: a draft run is created "
        "and computed now, its metrics printed; --export writes the proposals as CSV, --publish publishes "
        "the draft (mentees are emailed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--programme", required=True, help="programme slug, e.g. 2026-2027")
        parser.add_argument("--track", required=True, help="track code, e.g. P1")
        parser.add_argument("--export", metavar="FILE", help="write the proposals to this CSV file")
        parser.add_argument("--publish", action="store_true", help="publish the draft and email the mentees")

    def handle(self, *args, **options):
        try:
            programme = Programme.objects.get(slug=options["programme"])
        except Programme.DoesNotExist:
            raise CommandError(f"unknown programme {options['programme']!r}") from None
        try:
            track = Track.objects.get(programme=programme, code=options["track"].upper())
        except Track.DoesNotExist:
            raise CommandError(f"unknown track {options['track']!r} in {programme.slug}") from None

        # Sentences and emails are written in the platform's language, whatever the shell's locale.
        with translation.override("fr"):
            run = self._compute(programme, track)
            self._print_metrics(run)
            if options["export"]:
                try:
                    write_proposals_csv(run, options["export"])
                except OSError as error:
                    raise CommandError(f"cannot write {options['export']}: {error}") from None
                self.stdout.write(f"proposals written to {options['export']}")
            if options["publish"]:
                services.matching_run_publish(run=run, by=None)
                run.refresh_from_db()
                self.stdout.write(f"run {run.pk} published: {self._mentee_count(run)} mentee(s) emailed")

    def _compute(self, programme, track):
        # matching_run_start also queues the background task once its transaction commits. Whoever
        # moves the run out of QUEUED first computes it; the other returns at once (see
        # matching_run_execute), so the engine never runs twice for one run.
        try:
            run = services.matching_run_start(programme=programme, track=track, by=None)
            services.matching_run_execute(run_id=run.pk)
        except Exception as error:
            raise CommandError(f"matching failed: {error!r}") from error
        run = MatchingRun.objects.get(pk=run.pk)
        deadline = time.monotonic() + WORKER_WAIT_SECONDS
        while run.status in (RunStatus.QUEUED, RunStatus.RUNNING) and time.monotonic() < deadline:
            time.sleep(0.5)
            run.refresh_from_db()
        if run.status != RunStatus.DRAFT:
            raise CommandError(f"run {run.pk} ended as {run.status}: {run.error or 'no draft produced'}")
        return run

    def _mentee_count(self, run):
        return run.proposals.values("mentee_id").order_by().distinct().count()

    def _print_metrics(self, run):
        self.stdout.write(
            f"run {run.pk}: {run.track.code} draft, {run.proposals.count()} proposals for {self._mentee_count(run)} mentee(s)"
        )
        for key, value in run.metrics.items():
            if isinstance(value, dict | list):
                continue  # per-mentor details (caps...) belong to the console, not to one line
            if isinstance(value, float):
                value = f"{value:.4f}".rstrip("0").rstrip(".")
            self.stdout.write(f"{key}: {value}")
        self.stdout.write(f"shortfalls: {len(run.shortfalls)}")
