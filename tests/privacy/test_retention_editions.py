"""The retention run with editions side by side: each archived edition is anonymised once its own
retention period has passed (PROGRAMME_RETENTION_MONTHS after its evaluation's end), an edition still
open is never touched whatever its dates, and someone who takes part in a later edition is kept."""

from io import StringIO

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command

from mentorat.accounts.models import User
from mentorat.core.enums import ProgrammeStatus
from mentorat.core.models import Programme
from mentorat.privacy.services import is_anonymised
from mentorat.privacy.tasks import anonymise_due_editions
from tests.factories import ApplicationFactory, OrganisationFactory, UserFactory
from tests.sessions_binome.pairs import make_pair, paris

pytestmark = pytest.mark.django_db

# 2026-2027's evaluation ends on 30 June 2027 (retention until 30 June 2029), 2027-2028's on 30 June 2028.
BETWEEN = paris(2029, 7, 1, 3, 0)  # 2026-2027's retention is over, 2027-2028's is not
LONG_AFTER = paris(2031, 1, 5, 3, 0)  # both are over


def archive(programme):
    Programme.objects.filter(pk=programme.pk).update(status=ProgrammeStatus.ARCHIVED)
    programme.refresh_from_db()


@pytest.fixture
def people(programme, next_programme):
    """A pair in each edition, and a 2026-2027 mentee who is a 2027-2028 mentor."""
    old = make_pair(programme, mentee_org=OrganisationFactory(code="A"), mentor_org=OrganisationFactory(code="B"))
    new = make_pair(
        next_programme, mentee_org=OrganisationFactory(code="C"), mentor_org=OrganisationFactory(code="D"), prefix="n"
    )
    both = UserFactory(email="deux.editions@cpam.fr")
    ApplicationFactory(programme=programme, user=both, validated=True)
    ApplicationFactory(programme=next_programme, user=both, mentor=True, validated=True)
    return {"old": [old.mentee, old.mentor], "new": [new.mentee, new.mentor], "both": [both]}


def anonymised(users):
    return [is_anonymised(User.objects.get(pk=user.pk)) for user in users]


def test_the_scheduled_run_anonymises_each_archived_edition_by_its_own_retention(programme, next_programme, people):
    archive(programme)
    archive(next_programme)
    with time_machine.travel(BETWEEN):
        assert anonymise_due_editions() == [("2026-2027", 2, 0)]
        assert anonymise_due_editions() == []  # a second run finds nobody left
    assert anonymised(people["old"]) == [True, True]
    assert anonymised(people["new"] + people["both"]) == [False, False, False]

    with time_machine.travel(LONG_AFTER):
        assert anonymise_due_editions() == [("2027-2028", 3, 0)]
    assert anonymised(people["new"] + people["both"]) == [True, True, True]


def test_an_open_edition_is_never_touched_whatever_its_dates(programme, next_programme, people):
    archive(programme)  # 2027-2028 stays open, past its retention dates
    with time_machine.travel(LONG_AFTER):
        assert anonymise_due_editions() == [("2026-2027", 2, 0)]
        out = StringIO()
        call_command("anonymise_programme", "--programme", "2027-2028", "--wet-run", stdout=out)
    assert "non archivée" in out.getvalue()
    assert anonymised(people["new"] + people["both"]) == [False, False, False]


def test_an_edition_in_preparation_is_never_touched(programme, people):
    Programme.objects.filter(pk=programme.pk).update(status=ProgrammeStatus.PREPARATION)
    with time_machine.travel(LONG_AFTER):
        assert anonymise_due_editions() == []
    assert anonymised(people["old"]) == [False, False]


def test_the_command_runs_every_due_edition_dry_by_default(programme, next_programme, people):
    archive(programme)
    archive(next_programme)
    with time_machine.travel(BETWEEN):
        out = StringIO()
        call_command("anonymise_programme", "--due", stdout=out)
        assert out.getvalue().strip() == (
            "2026-2027 : 2 personnes à anonymiser, 0 rapport d'évaluation à supprimer"
            " (simulation, --wet-run pour appliquer)."
        )
        assert anonymised(people["old"]) == [False, False]
        out = StringIO()
        call_command("anonymise_programme", "--due", "--wet-run", stdout=out)
        assert "2026-2027 : 2 personnes anonymisées" in out.getvalue() and "2027-2028" not in out.getvalue()
    assert anonymised(people["old"]) == [True, True]


def test_the_retention_run_is_scheduled():
    assert settings.CELERY_BEAT_SCHEDULE["anonymise-due-editions"]["task"] == "privacy.anonymise_due_editions"
