import datetime

import pytest
from django.core import mail
from django.urls import reverse

from candidatures.eligibility import eligibility_hints
from candidatures.enums import ApplicationStatus
from tests.factories import ApplicationFactory, UserFactory


@pytest.fixture
def application(programme, organisation):
    user = UserFactory(email="n.benali@assurance-maladie.fr", first_name="Nadia", organisation=organisation)
    return ApplicationFactory(
        programme=programme,
        user=user,
        track_code="P1",
        is_manager=True,
        manager_since=datetime.date(2025, 11, 1),
        objectives="SECRET-OBJECTIF-7",
    )


def review_url(application):
    return reverse("candidatures:review", args=[application.pk])


def test_the_hr_referent_of_the_organisation_validates_and_the_applicant_is_emailed(client, hr_referent, application):
    client.force_login(hr_referent)
    response = client.post(review_url(application), {"decision": "validate", "reason": ""})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.VALIDATED
    assert application.decided_by == hr_referent
    assert [m.to for m in mail.outbox] == [["n.benali@assurance-maladie.fr"]]
    assert "retenue" in mail.outbox[0].subject


def test_declining_needs_a_reason_next_to_the_field(client, hr_referent, application):
    client.force_login(hr_referent)
    response = client.post(review_url(application), {"decision": "decline", "reason": "  "})
    assert response.status_code == 200
    assert "motif" in " ".join(response.context["form"].errors["reason"])
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert mail.outbox == []


def test_a_decline_sends_the_reason(client, engineer, application):
    client.force_login(engineer)
    client.post(review_url(application), {"decision": "decline", "reason": "Le parcours P2 conviendrait mieux."})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert "Le parcours P2 conviendrait mieux." in mail.outbox[0].body


def test_hr_does_not_see_free_text_but_the_engineer_does(client, hr_referent, engineer, application):
    client.force_login(hr_referent)
    body = client.get(review_url(application)).content.decode()
    assert "SECRET-OBJECTIF-7" not in body
    assert "Repères d&#x27;éligibilité" in body or "Repères d'éligibilité" in body
    client.force_login(engineer)
    assert "SECRET-OBJECTIF-7" in client.get(review_url(application)).content.decode()


def test_the_hr_referent_of_another_organisation_gets_404(client, other_hr_referent, application):
    client.force_login(other_hr_referent)
    assert client.get(review_url(application)).status_code == 404
    assert client.post(review_url(application), {"decision": "validate"}).status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_nobody_reviews_their_own_application(client, hr_referent, organisation, programme):
    own = ApplicationFactory(programme=programme, user=hr_referent)
    client.force_login(hr_referent)
    assert client.get(review_url(own)).status_code == 404


@pytest.mark.parametrize("role", ["mentee", "mentor", "nobody"])
def test_participants_get_403_on_review(client, request, role, application):
    client.force_login(request.getfixturevalue(role))
    assert client.get(review_url(application)).status_code == 403


def test_participants_get_404_on_others_applications(client, mentee, application):
    client.force_login(mentee)
    for name in ["detail", "edit", "withdraw"]:
        assert client.get(reverse(f"candidatures:{name}", args=[application.pk])).status_code == 404


def test_bulk_validation_only_touches_what_the_referent_may_decide(
    client, hr_referent, application, programme, other_organisation
):
    foreign = ApplicationFactory(programme=programme, user=UserFactory(organisation=other_organisation))
    draft = ApplicationFactory(programme=programme, user=UserFactory(organisation=application.organisation), draft=True)
    client.force_login(hr_referent)
    client.post(reverse("candidatures:bulk_validate"), {"application": [application.pk, foreign.pk, draft.pk]})
    statuses = {a.pk: a.status for a in [application, foreign, draft] if not a.refresh_from_db()}
    assert statuses == {
        application.pk: ApplicationStatus.VALIDATED,
        foreign.pk: ApplicationStatus.SUBMITTED,
        draft.pk: ApplicationStatus.DRAFT,
    }
    assert len(mail.outbox) == 1


def test_the_bulk_validation_is_offered_only_when_a_row_can_take_it(client, hr_referent, application):
    tracking = reverse("candidatures:tracking", args=[application.organisation_id])
    client.force_login(hr_referent)
    page = client.get(tracking).content.decode()
    assert "Valider les candidatures sélectionnées" in page
    assert f'name="application" value="{application.pk}"' in page

    application.status = ApplicationStatus.VALIDATED
    application.save(update_fields=["status"])
    page = client.get(tracking).content.decode()
    assert "Valider les candidatures sélectionnées" not in page
    assert 'name="application"' not in page


def test_bulk_validation_does_not_redirect_off_site(client, hr_referent, application):
    client.force_login(hr_referent)
    response = client.post(
        reverse("candidatures:bulk_validate"), {"application": [application.pk], "next": "//evil.example/"}
    )
    assert response.url == reverse("core:dashboard")


class TestEligibilityHints:
    def test_p1_mentee_within_24_months_is_fine(self, application):
        [hint] = eligibility_hints(application, today=datetime.date(2026, 9, 1))
        assert hint.ok and "10 mois" in hint.message

    def test_p1_mentee_manager_for_3_years_is_flagged(self, application):
        application.manager_since = datetime.date(2023, 6, 1)
        [hint] = eligibility_hints(application, today=datetime.date(2026, 9, 1))
        assert not hint.ok

    def test_thresholds_come_from_the_programme(self, application):
        application.programme.p1_mentee_max_manager_months = 6
        [hint] = eligibility_hints(application, today=datetime.date(2026, 9, 1))
        assert not hint.ok

    def test_p1_mentor_needs_5_years_as_manager(self, programme):
        mentor = ApplicationFactory(
            programme=programme, mentor=True, track_code="P1", is_manager=True, manager_since=datetime.date(2022, 1, 1)
        )
        assert not eligibility_hints(mentor, today=datetime.date(2026, 9, 1))[0].ok
        mentor.manager_since = datetime.date(2020, 1, 1)
        assert eligibility_hints(mentor, today=datetime.date(2026, 9, 1))[0].ok

    def test_p2_mentor_needs_8_years_of_experience(self, programme):
        mentor = ApplicationFactory(programme=programme, mentor=True, years_experience=7)
        assert not eligibility_hints(mentor)[0].ok
        mentor.years_experience = 8
        assert eligibility_hints(mentor)[0].ok
