"""Fixtures of the evaluation tests: the default questionnaires of the programme, a clock inside the
start questionnaire's window, and organisations A (CPAM-33, the `hr_referent`'s) and B (CAF-59,
the `other_hr_referent`'s)."""

import datetime

import pytest
import time_machine

from evaluation.reference_surveys import surveys_default_create
from tests.factories import PARIS

NOW = datetime.datetime(2026, 11, 10, 12, 0, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def surveys(programme):
    surveys_default_create(programme)
    return programme.surveys.all()
