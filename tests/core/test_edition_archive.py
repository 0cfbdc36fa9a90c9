"""Archiving an edition once its evaluation is over: refused before, audited, and its participants
keep their pair page and certificate."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentorat.audit.enums import AuditAction
from mentorat.audit.models import AuditEvent
from mentorat.core.editions.services import programme_archive
from mentorat.core.enums import EditionPhase, ProgrammeStatus
from sessions_binome.enums import PairStatus
from tests.sessions_binome.pairs import make_pair, paris

pytestmark = pytest.mark.django_db


def test_an_edition_is_archived_only_once_its_evaluation_is_over(programme, engineer):
    with pytest.raises(ValidationError):
        programme_archive(programme=programme, by=engineer, now=paris(2027, 6, 30, 12, 0))
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.LIVE
    programme_archive(programme=programme, by=engineer, now=paris(2027, 7, 1, 9, 0))
    programme.refresh_from_db()
    assert programme.phase() == EditionPhase.ARCHIVED
    assert AuditEvent.objects.filter(action=AuditAction.EDITION_ARCHIVED, actor=engineer).count() == 1
    with pytest.raises(ValidationError):
        programme_archive(programme=programme, by=engineer, now=paris(2027, 7, 2, 9, 0))


def test_an_edition_in_preparation_cannot_be_archived(prepared_programme, engineer):
    with pytest.raises(ValidationError):
        programme_archive(programme=prepared_programme, by=engineer, now=paris(2029, 1, 1, 9, 0))


def test_participants_of_an_archived_edition_keep_their_pair_and_certificate(
    client, programme, engineer, organisation, other_organisation
):
    pair = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, status=PairStatus.COMPLETED)
    programme_archive(programme=programme, by=engineer, now=paris(2027, 7, 1, 9, 0))
    for member in (pair.mentee, pair.mentor):
        client.force_login(member)
        assert client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).status_code == 200
        assert client.get(reverse("sessions_binome:certificate", args=[pair.pk])).status_code == 200
        dashboard = client.get(reverse("core:dashboard"), follow=True).content.decode()
        assert reverse("sessions_binome:certificate", args=[pair.pk]) in dashboard


def test_the_engineer_archives_from_the_page_and_is_told_when_it_is_too_early(client, programme, engineer):
    import time_machine

    url = reverse("core:edition_archive", args=[programme.pk])
    with time_machine.travel(paris(2027, 6, 1, 9, 0), tick=False):
        client.force_login(engineer)
        assert "Archiver l'édition" in client.get(url).content.decode()
        response = client.post(url, follow=True)
        assert "Une édition s&#x27;archive une fois son évaluation terminée." in response.content.decode()
        programme.refresh_from_db()
        assert programme.status == ProgrammeStatus.LIVE
    with time_machine.travel(paris(2027, 7, 2, 9, 0), tick=False):
        client.force_login(engineer)
        assert client.post(url).status_code == 302
        programme.refresh_from_db()
        assert programme.status == ProgrammeStatus.ARCHIVED
        assert client.get(url).status_code == 404  # archived: nothing more to archive


def test_the_editions_list_offers_to_archive_a_closed_edition_only(client, programme, engineer):
    import time_machine

    url = reverse("core:edition_archive", args=[programme.pk])
    for moment, offered in ((paris(2027, 6, 1, 9, 0), False), (paris(2027, 7, 2, 9, 0), True)):
        with time_machine.travel(moment, tick=False):
            client.force_login(engineer)
            assert (url in client.get(reverse("core:edition_list")).content.decode()) is offered
