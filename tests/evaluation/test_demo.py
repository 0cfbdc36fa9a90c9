"""Demo data: the start questionnaires answered in October and November 2026, nothing for the phases
that open in 2027, and a second run that writes nothing."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluation.demo import evaluation_demo_load
from evaluation.enums import Phase, ResponseStatus
from evaluation.indicators import Scope, indicators_compute
from evaluation.models import Response
from mentorat.core.models import Programme
from tests.factories import PARIS

pytestmark = pytest.mark.django_db


def test_the_demo_answers_the_start_questionnaires_and_nothing_else(frozen):
    call_command("seed_demo", stdout=__import__("io").StringIO())
    programme = Programme.objects.get(slug="2026-2027")
    sent = Response.objects.filter(status=ResponseStatus.SUBMITTED)
    assert sent.count() >= 20
    assert set(Response.objects.values_list("survey__phase", flat=True)) == {Phase.START}
    assert Response.objects.filter(status=ResponseStatus.DRAFT).exists()
    for moment in sent.values_list("submitted_at", flat=True):
        assert datetime.datetime(2026, 10, 16, tzinfo=PARIS) <= moment <= datetime.datetime(2026, 11, 21, tzinfo=PARIS)
    ind = indicators_compute(Scope(programme))
    assert ind["surveys"]["satisfaction"] and ind["surveys"]["benefits"]
    with CaptureQueriesContext(connection) as queries:
        evaluation_demo_load(programme)
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
