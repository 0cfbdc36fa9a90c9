"""The signed charter PDF (members and engineer only) and the certificate of participation (each
member of a completed pair only)."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from sessions_binome.enums import PairStatus, SessionStatus
from sessions_binome.models import CharterSignature, MentoringSession
from tests.sessions_binome.frame_helpers import paris_datetime

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
