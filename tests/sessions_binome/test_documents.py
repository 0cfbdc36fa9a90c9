"""The signed charter PDF (members and engineer only) and the certificate of participation (each
member of a completed pair only)."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from sessions_binome import services_frame
from sessions_binome.enums import PairStatus, SessionStatus
from sessions_binome.models import CharterSignature, MentoringSession, Pair
from tests import pdfs
from tests.sessions_binome.frame_helpers import frame_values, paris_datetime, sign

pytestmark = pytest.mark.django_db


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    # Words may be split at line ends: compare on text without line breaks.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def charter_pdf_url(pair):
    return reverse("sessions_binome:charter_pdf", args=[pair.pk])


def certificate_url(pair):
    return reverse("sessions_binome:certificate", args=[pair.pk])


def test_the_signed_charter_pdf_holds_the_names_the_version_and_the_hash(client, signed_pair):
    client.force_login(signed_pair.mentee)
    response = client.get(charter_pdf_url(signed_pair))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="charte-signee-')
    text = pdf_text(response)
    signature = CharterSignature.objects.filter(pair=signed_pair).first()
    for expected in (signed_pair.mentee.get_full_name(), signed_pair.mentor.get_full_name(), "Charte signée · version 1",
                     "Trouver ma posture de manager.", "Signée le 14 octobre 2026 à 10:32 (heure de Paris)",
                     "Signée le 14 octobre 2026 à 13:32 (heure de Paris)"):  # fmt: skip
        assert expected in text, expected
    assert signature.content_sha256 in text.replace(" ", "")


def test_the_same_document_reads_as_html(client, signed_pair):
    client.force_login(signed_pair.mentor)
    response = client.get(charter_pdf_url(signed_pair) + "?format=html")
    body = response.content.decode()
    assert response.status_code == 200 and "pdf-screen.css" in body
    assert CharterSignature.objects.first().content_sha256 in body


def test_the_engineer_downloads_the_signed_charter(client, signed_pair, engineer):
    client.force_login(engineer)
    assert client.get(charter_pdf_url(signed_pair)).status_code == 200


def test_hr_and_third_persons_never_get_the_signed_charter(client, signed_pair, hr_referent, outsider):
    for person in (hr_referent, outsider):
        client.force_login(person)
        assert client.get(charter_pdf_url(signed_pair)).status_code == 404
        assert client.get(charter_pdf_url(signed_pair) + "?format=html").status_code == 404


def test_no_signed_charter_before_both_signatures(client, half_signed_pair):
    client.force_login(half_signed_pair.mentee)
    assert client.get(charter_pdf_url(half_signed_pair)).status_code == 404


def test_each_member_of_a_completed_pair_downloads_their_certificate(client, completed_pair):
    for start in (16, 30):
        MentoringSession.objects.create(
            pair=completed_pair, starts_at=paris_datetime(2026, 10, start, 14), status=SessionStatus.HELD
        )
    MentoringSession.objects.create(
        pair=completed_pair, starts_at=paris_datetime(2026, 11, 13, 14), status=SessionStatus.CANCELLED
    )
    for person, other, role in ((completed_pair.mentee, completed_pair.mentor, "personne mentorée"),
                                (completed_pair.mentor, completed_pair.mentee, "mentor")):  # fmt: skip
        client.force_login(person)
        response = client.get(certificate_url(completed_pair))
        assert response.status_code == 200
        text = pdf_text(response)
        for expected in ("Attestation de participation", person.get_full_name(), other.get_full_name(),
                         "Programme de mentorat 2026-2027", f"en qualité de {role}",
                         "du 15 octobre 2026 au 15 mai 2027", "Séances de mentorat tenues 2"):  # fmt: skip
            assert expected in text, expected
        assert completed_pair.track.name.replace("'", "’") in text.replace("'", "’")


def test_no_certificate_before_completion(client, signed_pair):
    client.force_login(signed_pair.mentee)
    assert client.get(certificate_url(signed_pair)).status_code == 404
    signed_pair.status = PairStatus.ENDED
    signed_pair.save()
    assert client.get(certificate_url(signed_pair)).status_code == 404


def test_the_certificate_is_for_members_only(client, completed_pair, engineer, hr_referent, outsider):
    for person in (engineer, hr_referent, outsider):
        client.force_login(person)
        assert client.get(certificate_url(completed_pair)).status_code == 404


@pytest.fixture
def first_of_month_pair(frame_pair, programme):
    """A pair whose dates fall on the 1st of a month: frame from 1 November 2026 to 1 May 2027, both
    signatures at 00:30 on 1 November in Paris (23:30 UTC the day before), completed the night after
    its end, with three sessions held."""
    values = frame_values(programme, starts_on=datetime.date(2026, 11, 1), ends_on=datetime.date(2027, 5, 1))
    services_frame.frame_save(pair=frame_pair, by=frame_pair.mentee, **values, objectives=[("Oser déléguer.", 2)])
    for member in (frame_pair.mentee, frame_pair.mentor):
        services_frame.frame_confirm(pair=frame_pair, by=member)
    for member in (frame_pair.mentee, frame_pair.mentor):
        sign(frame_pair, member, at=datetime.datetime(2026, 10, 31, 23, 30, tzinfo=datetime.UTC))
    for month in (11, 12, 1):
        MentoringSession.objects.create(
            pair=frame_pair, starts_at=paris_datetime(2026 + (month < 11), month, 9, 14), status=SessionStatus.HELD
        )
    services_frame.pair_complete(pair_id=frame_pair.pk, now=paris_datetime(2027, 5, 2, 4, 30))
    return Pair.objects.get(pk=frame_pair.pk)


def test_the_certificate_is_one_tagged_a4_page_with_one_end_date(client, first_of_month_pair):
    pair = first_of_month_pair
    client.force_login(pair.mentor)
    data = client.get(certificate_url(pair)).content
    info = pdfs.assert_accessible_pdf(data, title=f"Attestation de participation — {pair.mentor.get_full_name()}")
    assert info["Pages"] == "1"
    text = pdfs.text(data)
    for expected in (pair.mentor.get_full_name(), "CAF du Nord", pair.mentee.get_full_name(),
                     "en qualité de mentor", "du 1er novembre 2026 au 1er mai 2027.",
                     "Séances de mentorat tenues 3", "Charte signée le 1er novembre 2026",
                     "Fait le 2 mai 2027"):  # fmt: skip
        assert expected in text, expected
    # The pair ended on 1 May: its completion the night after is when the certificate was made,
    # not a second end date.
    assert "Fin du mentorat" not in text and text.count("mai 2027") == 2, text
    (page,) = pdfs.page_images(data)
    assert pdfs.ink(page) > 0.02, "the certificate's page is blank"


def test_the_signed_charter_is_tagged_with_first_of_month_dates(client, first_of_month_pair):
    pair = first_of_month_pair
    client.force_login(pair.mentee)
    data = client.get(charter_pdf_url(pair)).content
    info = pdfs.assert_accessible_pdf(
        data, title=f"Charte signée — {pair.mentee.get_full_name()} et {pair.mentor.get_full_name()}"
    )
    text = pdfs.text(data)
    for expected in ("du 1er novembre 2026 au 1er mai 2027", "Signée le 1er novembre 2026 à 00:30 (heure de Paris)",
                     "Oser déléguer."):  # fmt: skip
        assert expected in text, expected
    pages = pdfs.page_images(data)
    assert len(pages) == int(info["Pages"]) and all(pdfs.ink(page) > 0.02 for page in pages)
