"""Leavers: the list of active staff, its preview, its confirmation, and what a departure ends."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from candidatures.enums import ApplicationStatus
from mentorat.audit.enums import AuditAction
from mentorat.audit.models import AuditEvent
from mentorat.sso.leavers.services import leaver_deactivate
from mentorat.sso.models import Departure, DepartureSource, StaffListReview
from sessions_binome.enums import PairStatus
from tests.factories import UserFactory
from tests.sessions_binome.pairs import make_pair

pytestmark = pytest.mark.django_db


def csv_file(*emails, header="courriel"):
    body = "\n".join([header, *emails]) + "\n"
    return SimpleUploadedFile("actifs.csv", body.encode("utf-8-sig"), content_type="text/csv")


@pytest.fixture
def pair(programme, organisation, other_organisation):
    # The mentor (of other_organisation, CAF-59) will leave; the mentee stays.
    return make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, prefix="depart")


def upload(client, url, organisation, *emails):
    return client.post(url, {"organisation": organisation.pk, "staff_file": csv_file(*emails)})


def test_the_preview_lists_who_would_leave_and_changes_nothing(client, engineer, pair, other_organisation):
    stays = UserFactory(email="reste@caf.fr", organisation=other_organisation)
    client.force_login(engineer)
    response = upload(client, reverse("sso:leavers"), other_organisation, stays.email.upper())
    review = StaffListReview.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("sso:leavers_review", args=[review.pk])
    assert review.leaver_ids == [pair.mentor.pk]
    page = client.get(response["Location"]).content.decode()
    assert pair.mentor.email in page and stays.email not in page
    assert "prend fin" in page and str(pair.mentee) in page
    pair.refresh_from_db()
    pair.mentor.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE and pair.mentor.is_active
    assert mail.outbox == []
    assert AuditEvent.objects.filter(action=AuditAction.LEAVERS_PREVIEWED).exists()


def test_confirming_deactivates_ends_the_pair_and_tells_the_partner_kindly(client, engineer, pair, other_organisation):
    client.force_login(engineer)
    upload(client, reverse("sso:leavers"), other_organisation, "quelqu.un@caf.fr")
    review = StaffListReview.objects.get()
    response = client.post(reverse("sso:leavers_confirm", args=[review.pk]))
    assert response.status_code == 302
    pair.refresh_from_db()
    pair.mentor.refresh_from_db()
    assert not pair.mentor.is_active
    assert pair.status == PairStatus.ENDED and "Départ de l'organisme" in pair.end_reason
    assert pair.mentor_application.status == ApplicationStatus.WITHDRAWN
    assert pair.mentee_application.status == ApplicationStatus.VALIDATED
    partner_mails = [m for m in mail.outbox if pair.mentee.email in m.to]
    assert len(partner_mails) == 1 and "a quitté son organisme" in partner_mails[0].body
    assert not [m for m in mail.outbox if pair.mentor.email in m.to]
    departure = Departure.objects.get(user=pair.mentor)
    assert (departure.source, departure.pairs_ended, departure.review) == (DepartureSource.STAFF_LIST, 1, review)
    assert AuditEvent.objects.filter(action=AuditAction.LEAVER_DEACTIVATED, target=f"user:{pair.mentor.pk}").exists()


def test_a_second_confirmation_changes_nothing(client, engineer, pair, other_organisation):
    client.force_login(engineer)
    upload(client, reverse("sso:leavers"), other_organisation, "quelqu.un@caf.fr")
    review = StaffListReview.objects.get()
    client.post(reverse("sso:leavers_confirm", args=[review.pk]))
    client.post(reverse("sso:leavers_confirm", args=[review.pk]))
    assert Departure.objects.count() == 1


def test_a_deactivated_person_is_signed_out_and_cannot_sign_in_again(client, pair):
    from tests.factories import DEFAULT_PASSWORD

    client.force_login(pair.mentor)
    leaver_deactivate(user=pair.mentor, by=None, source=DepartureSource.PROVIDER)
    assert client.get(reverse("core:dashboard")).status_code == 302  # to the login page
    client.logout()
    response = client.post(reverse("account_login"), {"login": pair.mentor.email, "password": DEFAULT_PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)


def test_the_uploader_administrators_and_engineers_are_never_deactivated(client, organisation, hr_referent):
    admin = UserFactory(email="admin.cpam@assurance-maladie.fr", organisation=organisation, staff=True)
    pilot = UserFactory(email="pilote@assurance-maladie.fr", organisation=organisation, engineer=True)
    client.force_login(hr_referent)
    upload(client, reverse("sso:hr_leavers"), organisation, "autre@assurance-maladie.fr")
    review = StaffListReview.objects.get()
    assert review.leaver_ids == []
    assert set(review.kept_ids) == {hr_referent.pk, admin.pk, pilot.pk}


def test_a_list_without_any_address_is_refused_next_to_the_field(client, engineer, organisation):
    client.force_login(engineer)
    response = client.post(
        reverse("sso:leavers"), {"organisation": organisation.pk, "staff_file": csv_file("pas une adresse")}
    )
    assert response.status_code == 400
    assert "aucune adresse électronique valide" in response.content.decode()
    assert not StaffListReview.objects.exists()


def test_an_hr_referent_uploads_only_for_their_organisations(client, hr_referent, other_organisation, pair):
    client.force_login(hr_referent)
    response = upload(client, reverse("sso:hr_leavers"), other_organisation, "x@caf.fr")
    assert response.status_code == 400  # not a choice of theirs
    assert not StaffListReview.objects.exists()


def test_another_organisations_review_answers_404_to_an_hr_referent(client, engineer, hr_referent, other_organisation):
    review = StaffListReview.objects.create(organisation=other_organisation, created_by=engineer, address_count=1)
    client.force_login(hr_referent)
    assert client.get(reverse("sso:hr_leavers_review", args=[review.pk])).status_code == 404
    assert client.post(reverse("sso:hr_leavers_confirm", args=[review.pk])).status_code == 404
    review.refresh_from_db()
    assert review.confirmed_at is None


def test_a_leaving_mentee_frees_the_mentor_who_is_told(
    programme, organisation, other_organisation, django_capture_on_commit_callbacks
):
    pair = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, prefix="mentee-part")
    with django_capture_on_commit_callbacks(execute=True):
        leaver_deactivate(user=pair.mentee, by=None, source=DepartureSource.PROVIDER)
    pair.refresh_from_db()
    assert pair.status == PairStatus.ENDED
    assert [m.to for m in mail.outbox] == [[pair.mentor.email]]
    assert "compte désactivé par le fournisseur" in pair.end_reason


def test_accounts_a_provider_reports_disabled_are_previewed_then_deactivated(pair, tmp_path):
    import io

    from django.core.management import call_command

    report = tmp_path / "disabled.csv"
    report.write_text(f"{pair.mentor.email}\ninconnu@caf.fr\n")
    out = io.StringIO()
    call_command("sso_disabled_accounts", str(report), stdout=out)
    pair.mentor.refresh_from_db()
    assert pair.mentor.is_active and "1 binôme," in out.getvalue()
    call_command("sso_disabled_accounts", str(report), "--wet-run", stdout=io.StringIO())
    pair.mentor.refresh_from_db()
    assert not pair.mentor.is_active
    assert Departure.objects.get(user=pair.mentor).source == DepartureSource.PROVIDER


def test_the_preview_reads_as_many_queries_for_50_leavers_as_for_5(client, engineer, programme, other_organisation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import OrganisationFactory

    mentee_org = OrganisationFactory(code="CPAM-59", name="CPAM du Nord")
    client.force_login(engineer)
    leaving_mentors = 0

    def preview_queries(count):
        nonlocal leaving_mentors
        for index in range(leaving_mentors, count):
            make_pair(programme, mentee_org=mentee_org, mentor_org=other_organisation, prefix=f"n{index}")
        leaving_mentors = count
        upload(client, reverse("sso:leavers"), other_organisation, "reste@caf.fr")
        review = StaffListReview.objects.order_by("-pk").first()
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("sso:leavers_review", args=[review.pk])).content.decode()
        assert len(review.leaver_ids) == count and page.count("prend fin") == count
        return len(queries)

    assert preview_queries(5) == preview_queries(50)
