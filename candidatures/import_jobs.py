"""Imports of applications as background jobs: the engineer sends the file, a worker checks and
writes it (all or nothing, as before), the page follows its progress and then shows the result.

A job survives Redis being down (it waits in the database, resumed by `import_jobs_resume`) and a
worker being killed (its transaction rolled back, it is run again from the start)."""

import datetime
import io
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .enums import ImportJobStatus
from .imports import applications_import, read_import_file
from .models import ImportJob

logger = logging.getLogger(__name__)

# Longer than the task's hard time limit (tasks.py): a job running for longer lost its worker.
STALE_AFTER = datetime.timedelta(minutes=30)
# A job queued for longer than this lost its kick (the broker was down): resumed.
KICK_LOST_AFTER = datetime.timedelta(minutes=1)


def _progress_key(job_id):
    return f"candidatures:import-job:{job_id}:progress"


def import_job_start(*, programme, by, upload, dry_run, validate, send_activation):
    """Keep the file in a job and ask a worker to run it once the transaction commits."""
    job = ImportJob.objects.create(
        programme=programme,
        requested_by=by,
        filename=(upload.name or "import.csv")[:255],
        content=upload.read(),
        dry_run=dry_run,
        validate=validate,
        send_activation=send_activation,
    )
    transaction.on_commit(lambda: _kick(job.pk))
    return job


def _kick(job_id):
    from .tasks import run_import

    try:
        run_import.delay(job_id)
    except Exception:  # the broker is down: import_jobs_resume starts it later
        logger.warning("import job %s waits for the broker", job_id, exc_info=True)


def import_job_run(*, job_id, now=None):
    """Run a queued job (claimed first: a redelivered task does nothing). Returns its final status."""
    now = now or timezone.now()
    if not ImportJob.objects.filter(pk=job_id, status=ImportJobStatus.QUEUED).update(
        status=ImportJobStatus.RUNNING, started_at=now
    ):
        return None
    job = ImportJob.objects.select_related("programme", "requested_by").get(pk=job_id)

    def progress(done, total):
        cache.set(_progress_key(job.pk), int(100 * done / max(total, 1)), timeout=3600)

    try:
        rows, read_errors = read_import_file(io.BytesIO(bytes(job.content)))
        if read_errors:
            result = {"errors": read_errors, "created": 0, "updated": 0, "unchanged": 0, "users_created": 0}
            result["dry_run"] = job.dry_run
        else:
            with translation.override(settings.LANGUAGE_CODE):
                result = applications_import(
                    programme=job.programme,
                    rows=rows,
                    dry_run=job.dry_run,
                    validate=job.validate,
                    send_activation=job.send_activation,
                    by=job.requested_by,
                    progress=progress,
                )
    except Exception as error:
        logger.exception("import job %s failed", job.pk)
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJobStatus.FAILED, error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now()
        )
        return ImportJobStatus.FAILED
    # The file holds personal data: not kept once it has been read.
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJobStatus.DONE, result=result, content=b"", finished_at=timezone.now()
    )
    return ImportJobStatus.DONE


def import_job_progress(job):
    """0-100."""
    if job.finished:
        return 100
    if job.status == ImportJobStatus.QUEUED:
        return 0
    return cache.get(_progress_key(job.pk)) or 0


def import_jobs_resume(*, now=None):
    """Periodic: jobs whose worker died run again from the start; jobs whose kick was lost start."""
    now = now or timezone.now()
    ImportJob.objects.filter(status=ImportJobStatus.RUNNING, started_at__lt=now - STALE_AFTER).update(
        status=ImportJobStatus.QUEUED, started_at=None
    )
    waiting = ImportJob.objects.filter(status=ImportJobStatus.QUEUED, created_at__lt=now - KICK_LOST_AFTER)
    ids = list(waiting.values_list("pk", flat=True))
    for job_id in ids:
        _kick(job_id)
    return len(ids)


def import_summary(result):
    """What an import did (or, simulated, would do), in French with each count's plural: « 3
    candidatures créées, 1 mise à jour, 0 inchangée ; 2 comptes créés »."""
    created, updated, unchanged, users = (
        result.get(key, 0) for key in ("created", "updated", "unchanged", "users_created")
    )
    if result.get("dry_run"):
        parts = [
            ngettext("%(n)d candidature serait créée", "%(n)d candidatures seraient créées", created),
            ngettext("%(n)d serait mise à jour", "%(n)d seraient mises à jour", updated),
            ngettext("%(n)d resterait inchangée", "%(n)d resteraient inchangées", unchanged),
        ]
        accounts = ngettext("%(n)d compte serait créé", "%(n)d comptes seraient créés", users)
    else:
        parts = [
            ngettext("%(n)d candidature créée", "%(n)d candidatures créées", created),
            ngettext("%(n)d mise à jour", "%(n)d mises à jour", updated),
            ngettext("%(n)d inchangée", "%(n)d inchangées", unchanged),
        ]
        accounts = ngettext("%(n)d compte créé", "%(n)d comptes créés", users)
    counts = [part % {"n": n} for part, n in zip(parts, (created, updated, unchanged), strict=True)]
    return _("%(applications)s ; %(accounts)s") % {
        "applications": ", ".join(counts),
        "accounts": accounts % {"n": users},
    }
