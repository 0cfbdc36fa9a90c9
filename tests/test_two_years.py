"""Two years of the programme, walked with the clock (issue 22, item 8).

Edition 1 (2026-2027) runs from its call to its evaluation; the engineer prepares edition 2
(2027-2028) in May 2027 and opens it in June; its call opens in July while edition 1's end
questionnaire is still open; a mentor of edition 1 applies again from their dashboard, a mentee of
edition 1 becomes a mentor; edition 1 closes and is archived. At each step each role's pages show
the right edition and nobody loses what is theirs."""

import pytest
import time_machine
from django.urls import reverse

from candidatures.enums import ApplicationRole, ApplicationStatus
from candidatures.models import Application
from evaluation.enums import Audience, Phase, QuestionKind
from evaluation.models import Question, Survey
from mentorat.accounts.perms import user_roles
from mentorat.core.editions.services import programme_archive
from mentorat.core.enums import ProgrammeStatus, Role
from mentorat.core.models import Programme
from sessions_binome.enums import PairStatus
from sessions_binome.models import Pair
from tests.factories import ThemeFactory
from tests.form_data import form_data
from tests.sessions_binome.pairs import make_pair, paris

pytestmark = pytest.mark.django_db

PREPARE_FORM = {
    "slug": "2027-2028",
    "name": "Programme de mentorat 2027-2028",
    "call_opens_at": "2027-07-01T00:00",
    "call_closes_at": "2027-09-12T23:59",
    "starts_on": "2027-10-15",
    "ends_on": "2028-05-15",
    "evaluation_ends_on": "2028-06-30",
    "charter": "copy",
}


def page(client, name, *args, **query):
    response = client.get(reverse(name, args=args), query)
    assert response.status_code == 200, (name, response.status_code)
    return response.content.decode()


def selected_edition(html):
    marker = "selected>"
    start = html.index('id="edition-selector"')
    option = html[start:].split(marker, 1)[0].rsplit('value="', 1)[1]
    return option.split('"', 1)[0]


class Walk:
    def __init__(self, client, programme, engineer, hr_referent, organisation, other_organisation):
        self.client = client
        self.first = programme
        self.engineer = engineer
        self.hr = hr_referent
        self.pair = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, prefix="an1")
        self.mentee, self.mentor = self.pair.mentee, self.pair.mentor
        self.pair.mentor_application.themes.set([ThemeFactory(code="prise-de-poste", label="Prise de poste")])
        self.end_survey = Survey.objects.create(
            programme=programme, phase=Phase.END, audience=Audience.MENTEE, title="Bilan de fin 2026-2027",
            opens_at=paris(2027, 5, 16, 0, 0), closes_at=paris(2027, 7, 31, 23, 59),
        )  # fmt: skip
        Question.objects.create(survey=self.end_survey, position=1, kind=QuestionKind.TEXT, text="Et alors ?")

    def as_(self, person):
        self.client.force_login(person)
        return self.client

    def participants_keep_their_pair(self):
        pair_url = reverse("sessions_binome:pair_detail", args=[self.pair.pk])
        mentee_page = page(self.as_(self.mentee), "core:dashboard_mentee")
        assert pair_url in mentee_page and "Programme de mentorat 2026-2027" in mentee_page
        assert self.client.get(pair_url).status_code == 200
        mentor_page = page(self.as_(self.mentor), "core:dashboard_mentor")
        assert pair_url in mentor_page
        assert self.client.get(pair_url).status_code == 200

    def staff_follow_up_shows(self, slug, *, hr=True):
        pairs = page(self.as_(self.engineer), "sessions_binome:engineer_pairs")
        assert selected_edition(pairs) == slug if "edition-selector" in pairs else slug == self.first.slug
        if hr:
            pairs = page(self.as_(self.hr), "sessions_binome:hr_pairs")
            if slug == self.first.slug:
                assert self.mentee.get_full_name() in pairs


@pytest.fixture
def walk(client, programme, engineer, hr_referent, organisation, other_organisation):
    with time_machine.travel(paris(2026, 11, 16, 9, 0), tick=False):
        return Walk(client, programme, engineer, hr_referent, organisation, other_organisation)


def test_two_years_of_the_programme(walk):
    # November 2026: edition 1 runs; one edition, no selector.
    with time_machine.travel(paris(2026, 11, 16, 9, 0), tick=False):
        walk.participants_keep_their_pair()
        assert walk.mentee.get_full_name() in page(walk.as_(walk.hr), "sessions_binome:hr_pairs")

    # May 2027: the engineer prepares edition 2. Nothing changes for anyone else.
    with time_machine.travel(paris(2027, 5, 3, 9, 0), tick=False):
        response = walk.as_(walk.engineer).post(
            reverse("core:edition_prepare"), {**PREPARE_FORM, "source": walk.first.pk}
        )
        assert response.status_code == 302
        second = Programme.objects.get(slug="2027-2028")
        assert second.status == ProgrammeStatus.PREPARATION
        walk.participants_keep_their_pair()
        dashboard = page(walk.as_(walk.engineer), "core:dashboard_engineer")
        assert selected_edition(dashboard) == "2026-2027"
        # She works on the new edition's questionnaires and call before opening it.
        assert selected_edition(page(walk.client, "evaluation:engineer_home", edition="2027-2028")) == "2027-2028"
        assert selected_edition(page(walk.client, "candidatures:call_settings")) == "2027-2028"
        hr_dashboard = page(walk.as_(walk.hr), "core:dashboard_hr")
        assert "2027-2028" not in hr_dashboard
        assert walk.client.get(reverse("core:dashboard_hr"), {"edition": "2027-2028"}).status_code == 404

    # The mentee and mentor complete their pair at the end of edition 1 (the pair has no written
    # frame here: completed through the service the daily task calls).
    with time_machine.travel(paris(2027, 5, 16, 6, 0), tick=False):
        from sessions_binome.services_frame import pair_complete

        pair_complete(pair_id=walk.pair.pk)
        assert Pair.objects.get(pk=walk.pair.pk).status == PairStatus.COMPLETED

    # June 2027: edition 2 is opened; its call opens on 1 July.
    with time_machine.travel(paris(2027, 6, 20, 9, 0), tick=False):
        walk.as_(walk.engineer).post(reverse("core:edition_open", args=[second.pk]))
        second.refresh_from_db()
        assert second.status == ProgrammeStatus.LIVE
        walk.participants_keep_their_pair()
        # Still edition 1 by default for HR: edition 2's call has not opened.
        hr_dashboard = page(walk.as_(walk.hr), "core:dashboard_hr")
        assert selected_edition(hr_dashboard) == "2026-2027"

    # July 2027: edition 2's call is open while edition 1's end questionnaire still is.
    with time_machine.travel(paris(2027, 7, 10, 9, 0), tick=False):
        walk.participants_keep_their_pair()
        mentee_page = page(walk.as_(walk.mentee), "core:dashboard_mentee")
        assert reverse("evaluation:answer", args=[walk.end_survey.pk]) in mentee_page
        assert "Appel à candidatures ouvert · Programme de mentorat 2027-2028" in mentee_page
        assert page(walk.client, "evaluation:answer", walk.end_survey.pk)

        # The mentor of edition 1 applies again: the dashboard's button, then « Déposer ».
        mentor_page = page(walk.as_(walk.mentor), "core:dashboard_mentor")
        assert reverse("candidatures:new", args=["mentor"]) in mentor_page
        form_page = page(walk.client, "candidatures:new", "mentor")
        data = form_data(form_page, action="submit")
        # The commitments and the consent are given again for each edition, never ticked in advance.
        acks = ["ack_duration", "ack_rhythm", "ack_working_time", "ack_volunteering", "ack_confidentiality"]
        data.update(dict.fromkeys([*acks, "ack_change_mentor", "data_consent"], "on"))
        response = walk.client.post(reverse("candidatures:new", args=["mentor"]), data)
        assert response.status_code == 302, response.context["form"].errors
        again = Application.objects.get(user=walk.mentor, programme=second)
        assert again.role == ApplicationRole.MENTOR and again.status == ApplicationStatus.SUBMITTED

        # The mentee of edition 1 becomes a mentor of edition 2: two roles, one per edition.
        Application.objects.create(
            programme=second, user=walk.mentee, role=ApplicationRole.MENTOR, track=second.tracks.get(code="P1"),
            organisation=walk.mentee.organisation, status=ApplicationStatus.SUBMITTED, submitted_at=paris(2027, 7, 10, 9, 0),
        )  # fmt: skip
        walk.mentee.refresh_from_db()
        assert {Role.MENTEE, Role.MENTOR} <= set(user_roles(walk.mentee))
        as_mentor = page(walk.as_(walk.mentee), "core:dashboard_mentor")
        assert "Programme de mentorat 2027-2028" in as_mentor and "Programme de mentorat 2026-2027" not in as_mentor
        walk.participants_keep_their_pair()

        # The engineer: the new call by default, edition 1 one choice away, on every pilotage page.
        engineer = walk.as_(walk.engineer)
        applications = page(engineer, "candidatures:engineer_list", edition="2027-2028")
        assert walk.mentor.get_full_name() in applications
        applications = page(engineer, "candidatures:engineer_list", edition="2026-2027")
        assert selected_edition(applications) == "2026-2027"
        for name in ("core:dashboard_engineer", "sessions_binome:engineer_pairs", "evaluation:engineer_home",
                     "evaluation:engineer_indicators", "matching:console", "sessions_binome:engineer_charters",
                     "resources:manage"):  # fmt: skip
            assert selected_edition(page(engineer, name)) == "2026-2027", name
        pairs = page(engineer, "sessions_binome:engineer_pairs")
        assert walk.mentee.get_full_name() in pairs

    # November 2027: edition 1 is over; the engineer archives it. Its people keep their pair pages
    # and certificates; HR still finds it; the staff pages open on edition 2.
    with time_machine.travel(paris(2027, 11, 2, 9, 0), tick=False):
        programme_archive(programme=walk.first, by=walk.engineer)
        certificate = reverse("sessions_binome:certificate", args=[walk.pair.pk])
        for person, dashboard in ((walk.mentee, "core:dashboard_mentee"), (walk.mentor, "core:dashboard_mentor")):
            html = page(walk.as_(person), dashboard)
            assert certificate in html
            assert walk.client.get(certificate).status_code == 200
        hr = walk.as_(walk.hr)
        session = hr.session
        session.pop("mentorat_edition", None)
        session.save()
        assert selected_edition(page(hr, "core:dashboard_hr")) == "2027-2028"
        archived = page(hr, "sessions_binome:hr_pairs", edition="2026-2027")
        assert walk.mentee.get_full_name() in archived
