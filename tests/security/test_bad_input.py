"""Bad input on the main forms: random Unicode, 100 kB strings, NUL bytes, several values for one
field, numbers where text is expected... The answer is a page with errors (200), a redirect or a 400,
never a 500, and an error page leaves the database as it was (nothing half-saved)."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidatures.forms import ApplicationForm, DecisionForm, InviteForm
from matching.participant_forms import ChooseForm
from sessions_binome.enums import PairStatus
from sessions_binome.forms_frame import FrameForm, ObjectiveForm, SignForm
from sessions_binome.sessions.forms import AgendaForm, CancelForm, HeldSessionForm, SessionForm, SessionLogForm
from tests.security.routes import KWARGS
from tests.security.world import build_world
from tests.sessions_binome.pairs import make_pair, paris

# Hypothesis warns when it prints a 100 kB failing example; that is a report, not an error.
pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")

NOVEMBER = paris(2026, 11, 16, 9, 0)  # pairs meet, requests are answered
DURING_THE_CALL = paris(2026, 8, 1, 9, 0)
OUR_APPS = {
    "accounts",
    "core",
    "candidatures",
    "matching",
    "sessions_binome",
    "evaluation",
    "resources",
    "notifications",
    "privacy",
}

ONE_VALUE = st.one_of(
    st.text(max_size=200),  # any Unicode, surrogates excluded by the client's encoding
    st.text(alphabet=st.sampled_from("\x00\ufeff\u202e<>\"'&%;"), max_size=50),
    st.just("x" * 100_000),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", "true", "on", "null", "2026-13-45", "9999-12-31", "1.5e308", "[]", "{}"]),
)
VALUE = st.one_of(ONE_VALUE, st.lists(ONE_VALUE, min_size=2, max_size=3))  # a field sent twice
FILE = st.builds(
    lambda content, name: SimpleUploadedFile(name, content),
    st.one_of(st.binary(max_size=2000), st.just(b"\x00" * 100_000), st.just("nom;prénom\n\x00é;\ufeff".encode())),
    st.sampled_from(["import.csv", "import.xlsx", "guide.pdf", "../../etc/passwd", "a" * 300 + ".pdf", "nul\x00.pdf"]),
)
FEW = settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _row_counts():
    return {
        model._meta.label: model.objects.count() for model in apps.get_models() if model._meta.app_label in OUR_APPS
    }


def _fields(*form_classes, prefix=None):
    names = []
    for form_class in form_classes:
        for name in form_class.base_fields:
            names.append(f"{prefix}-0-{name}" if prefix and form_class is ObjectiveForm else name)
    return names


def _post_and_check(client, url, data):
    before = _row_counts()
    response = client.post(url, data)
    assert response.status_code in (200, 302, 400), f"{url} answered {response.status_code}"
    if response.status_code != 302:
        assert _row_counts() == before, f"{url} saved something although it answered {response.status_code}"
    return response


@pytest.fixture
def world(programme, engineer, staff):
    with time_machine.travel(NOVEMBER, tick=False):
        yield build_world(programme, engineer, staff)


def _form_test(role, url_name, fields, files=(), when=NOVEMBER):
    @FEW
    @given(data=st.fixed_dictionaries(dict.fromkeys(fields, VALUE), optional=dict.fromkeys(files, FILE)))
    def check(client, world, data):
        with time_machine.travel(when, tick=False):
            client.force_login(world.people[role])
            url = reverse(url_name, kwargs=KWARGS.get(url_name, lambda o: {})(world.objects))
            _post_and_check(client, url, data)

    return check


test_session_form = _form_test("mentee", "sessions_binome:session_new", _fields(SessionForm))
test_session_log = _form_test("mentor", "sessions_binome:session_log", _fields(SessionLogForm))
test_session_held = _form_test("mentor", "sessions_binome:session_held", _fields(HeldSessionForm))
test_session_agenda = _form_test("mentee", "sessions_binome:session_agenda", _fields(AgendaForm))
test_session_cancel = _form_test("mentee", "sessions_binome:session_cancel", _fields(CancelForm))
test_decision_form = _form_test("engineer", "candidatures:review", _fields(DecisionForm))
test_invite_form = _form_test("hr", "candidatures:relay_kit", _fields(InviteForm))
test_answer_request = _form_test("mentor", "matching:request_answer", ["answer", "reason"])
test_import_upload = _form_test(
    "engineer", "candidatures:import", ["dry_run", "send_activation", "validate"], files=["file"]
)
test_resource_upload = _form_test(
    "engineer",
    "resources:create",
    ["audience", "body", "kind", "position", "programme", "published", "slug", "summary", "title"],
    files=["file"],
)


# A theme id beyond 64 bits used to reach the database (OverflowError, a 500, on SQLite); the themes
# field now refuses it as an invalid choice.
SMALL_VALUE = st.one_of(st.integers(min_value=-(2**63), max_value=2**63 - 1).map(str), st.text(max_size=50))


def test_application_form_refuses_a_huge_theme_id(client, nobody, programme):
    with time_machine.travel(DURING_THE_CALL, tick=False):
        client.force_login(nobody)
        _post_and_check(client, reverse("candidatures:new", kwargs={"role": "mentee"}), {"themes": str(10**30)})


@FEW
@given(
    data=st.fixed_dictionaries({name: SMALL_VALUE if name == "themes" else VALUE for name in _fields(ApplicationForm)})
)
def test_application_form(client, nobody, programme, data):
    with time_machine.travel(DURING_THE_CALL, tick=False):
        client.force_login(nobody)
        _post_and_check(client, reverse("candidatures:new", kwargs={"role": "mentee"}), data)


@pytest.fixture
def framing_pair(programme, organisation, other_organisation):
    with time_machine.travel(NOVEMBER - datetime.timedelta(days=30), tick=False):
        return make_pair(
            programme, mentee_org=organisation, mentor_org=other_organisation, status=PairStatus.FRAME, prefix="cadre"
        )


@FEW
@given(data=st.fixed_dictionaries(dict.fromkeys(_fields(FrameForm, ObjectiveForm, prefix="objectifs"), VALUE)))
def test_frame_form(client, framing_pair, data):
    data.update({"objectifs-TOTAL_FORMS": "3", "objectifs-INITIAL_FORMS": "0", "objectifs-MAX_NUM_FORMS": "1000"})
    with time_machine.travel(NOVEMBER, tick=False):
        client.force_login(framing_pair.mentee)
        _post_and_check(client, reverse("sessions_binome:frame", args=[framing_pair.pk]), data)


@FEW
@given(data=st.fixed_dictionaries(dict.fromkeys(_fields(SignForm), VALUE)))
def test_charter_sign(client, framing_pair, data):
    with time_machine.travel(NOVEMBER, tick=False):
        client.force_login(framing_pair.mentor)
        _post_and_check(client, reverse("sessions_binome:charter", args=[framing_pair.pk]), data)


@FEW
@given(data=st.fixed_dictionaries(dict.fromkeys(_fields(ChooseForm), VALUE)))
def test_choose_a_mentor(client, world, data):
    proposal = world.objects["waiting_proposal"]
    with time_machine.travel(NOVEMBER, tick=False):
        client.force_login(proposal.mentee.user)
        response = _post_and_check(client, reverse("matching:choose", args=[proposal.pk]), data)
    if response.status_code == 302:
        # A valid choice is a real request: cancel it so that the next example starts afresh.
        proposal.requests.all().delete()
