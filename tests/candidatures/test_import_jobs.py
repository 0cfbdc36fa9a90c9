"""Imports as background jobs: the request keeps the file in a job, a worker checks and writes it
(all or nothing), the page follows the job; faults of the broker or the worker lose nothing."""

import datetime

import pytest
from django.urls import reverse

from candidatures.enums import ImportJobStatus
from candidatures.models import Application, ImportJob
from tests.candidatures.test_import import IMPORT_URL, NADIA, PAUL, csv_bytes, upload

pytestmark = pytest.mark.usefixtures("during_call", "themes")


def test_a_file_holding_a_nul_byte_gets_a_line_numbered_error(client, engineer, programme, organisation):
    client.force_login(engineer)
    data = csv_bytes(NADIA, PAUL).replace(b"Responsable", b"Respon\x00sable", 1)

    response = client.post(IMPORT_URL, {"file": upload(data)}, follow=True)

    assert response.status_code == 200
    assert response.context["result"]["errors"] == [
        "line 2: caractère de contrôle NUL : enregistrez le fichier depuis le tableur en « CSV UTF-8 »"
    ]
    assert not Application.objects.exists()


def test_the_import_runs_in_the_background_and_the_page_follows_it(
    client, engineer, programme, organisation, other_organisation
):
    """The request only keeps the file; the worker runs it. Here the task's kick is lost (broker
    down): the page says the job waits, the periodic resume starts it, the page shows the result."""
    from unittest import mock

    from candidatures import import_jobs

    client.force_login(engineer)
    with mock.patch("candidatures.tasks.run_import.delay", side_effect=OSError("broker down")):
        response = client.post(IMPORT_URL, {"file": upload(csv_bytes(NADIA, PAUL)), "dry_run": "on"}, follow=True)
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.QUEUED
    assert "Le fichier attend son tour" in response.content.decode()
    assert '<meta http-equiv="refresh" content="3">' in response.content.decode()

    ImportJob.objects.update(created_at=job.created_at - datetime.timedelta(minutes=2))
    assert import_jobs.import_jobs_resume() == 1

    job.refresh_from_db()
    assert job.status == ImportJobStatus.DONE
    assert job.content == b""  # the file is not kept once read
    page = client.get(reverse("candidatures:import_job", args=[job.pk])).content.decode()
    assert "Simulation réussie" in page
    assert "http-equiv" not in page


def test_a_job_is_run_once_even_if_its_task_is_delivered_twice(engineer, programme, organisation, other_organisation):
    from candidatures.import_jobs import import_job_run

    job = ImportJob.objects.create(
        programme=programme, requested_by=engineer, filename="f.csv", content=csv_bytes(NADIA), dry_run=False
    )

    assert import_job_run(job_id=job.pk) == ImportJobStatus.DONE
    assert import_job_run(job_id=job.pk) is None
    assert Application.objects.count() == 1


def test_a_5_mb_file_is_only_kept_by_the_request_and_read_by_the_worker(client, engineer, programme, tmp_path):
    """The 4.7 MB, 16,000-row file that killed a gunicorn worker at 60 s: the request stores it in a
    job and answers at once; checking and writing it is the worker's (here its kick is lost)."""
    import subprocess
    import sys
    from pathlib import Path
    from unittest import mock

    target = tmp_path / "big.csv"
    script = Path(__file__).resolve().parents[2] / "scripts" / "make_sample_applications_csv.py"
    subprocess.run([sys.executable, script, "16000", "-o", target], check=True, capture_output=True)
    data = target.read_bytes()
    assert 4_500_000 < len(data) < 5 * 1024 * 1024
    client.force_login(engineer)

    with mock.patch("candidatures.tasks.run_import.delay", side_effect=OSError("broker down")):
        response = client.post(IMPORT_URL, {"file": upload(data), "dry_run": "on"})

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("candidatures:import_job", args=[job.pk])
    assert job.status == ImportJobStatus.QUEUED
    assert bytes(job.content) == data
    assert not Application.objects.exists()
