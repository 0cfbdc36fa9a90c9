import datetime
from pathlib import Path

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

from evaluation.models import ReportJob
from mentorat.accounts.models import User
from mentorat.audit.enums import AuditAction
from mentorat.audit.models import AuditEvent
from mentorat.core.enums import ProgrammeStatus
from mentorat.core.models import Programme
from tests.factories import ProgrammeFactory
from tests.sessions_binome.pairs import paris

AFTER_RETENTION = paris(2029, 7, 1, 3, 0)  # the evaluation ends on 30/06/2027, + 24 months


@pytest.fixture
def pair(pair):
    """The conftest's pair, in 2026-2027 archived: only an archived edition is anonymised."""
    Programme.objects.filter(pk=pair.programme_id).update(status=ProgrammeStatus.ARCHIVED)
    pair.programme.refresh_from_db()
    return pair


def _anonymised():
    return User.objects.filter(email__endswith="@anonymise.invalid").count()


def _run(*args):
    from io import StringIO

    out = StringIO()
    call_command("anonymise_programme", "--programme", "2026-2027", *args, stdout=out)
    return out.getvalue()


def test_nothing_happens_before_the_end_of_the_retention(pair):
    with time_machine.travel(paris(2029, 6, 1, 3, 0)):
        out = _run("--wet-run")
    assert "rien à anonymiser" in out and _anonymised() == 0


def test_it_is_a_dry_run_by_default(pair):
    with time_machine.travel(AFTER_RETENTION):
        out = _run()
    assert "2 personnes à anonymiser" in out and _anonymised() == 0


def test_the_wet_run_anonymises_once(pair):
    with time_machine.travel(AFTER_RETENTION):
        assert "2 personnes anonymisées" in _run("--wet-run")
        assert _anonymised() == 2
        assert "0 personne anonymisée" in _run("--wet-run")
    assert AuditEvent.objects.filter(action=AuditAction.ERASURE).count() == 2


def _report(programme):
    job = ReportJob.objects.create(programme=programme, include_free_text=True)
    job.pdf.save("rapport.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    job.csv.save("reponses-libres.csv", ContentFile("réponse libre".encode()), save=False)
    job.save()
    return job, [Path(job.pdf.path), Path(job.csv.path)]


def test_the_wet_run_deletes_the_evaluation_reports_and_their_files(pair):
    job, files = _report(pair.programme)
    with time_machine.travel(paris(2029, 6, 1, 3, 0)):
        _run("--wet-run")  # retention not over: kept
    with time_machine.travel(AFTER_RETENTION):
        assert "1 rapport d'évaluation à supprimer" in _run()  # dry run: kept
        assert all(file.exists() for file in files) and ReportJob.objects.count() == 1
        assert "1 rapport d'évaluation supprimé" in _run("--wet-run")
    assert not any(file.exists() for file in files) and ReportJob.objects.count() == 0
    assert AuditEvent.objects.filter(action=AuditAction.ERASURE, target=f"evaluation-report:{job.key}").exists()


def test_the_reports_of_another_programme_stay(pair):
    other = ProgrammeFactory(slug="2027-2028")
    _job, files = _report(other)
    with time_machine.travel(AFTER_RETENTION):
        _run("--wet-run")
    assert all(file.exists() for file in files) and ReportJob.objects.filter(programme=other).count() == 1


def test_the_retention_is_a_setting(pair, settings):
    settings.PROGRAMME_RETENTION_MONTHS = 12
    with time_machine.travel(paris(2028, 7, 1, 3, 0)):
        assert "2 personnes anonymisées" in _run("--wet-run")


def test_an_unknown_programme_is_an_error(db):
    with pytest.raises(CommandError):
        _run()


__all__ = ["datetime"]
