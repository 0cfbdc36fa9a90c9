"""Signing the charter with the frame: explicit consent, password, what is recorded, activation."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from sessions_binome import selectors_frame, services_frame
from sessions_binome.enums import PairStatus
from sessions_binome.models import Charter, CharterSignature
from tests.factories import DEFAULT_PASSWORD, OrganisationFactory, UserFactory
from tests.sessions_binome.frame_helpers import sign
from tests.sessions_binome.pairs import make_pair

pytestmark = pytest.mark.django_db


def charter_url(pair):
    return reverse("sessions_binome:charter", args=[pair.pk])


def sign_post(client, pair, *, password=DEFAULT_PASSWORD, accept="on", digest=None, **meta):
    digest = digest if digest is not None else selectors_frame.content_to_sign(pair)[2]
    data = {"content_sha256": digest, "password": password}
    if accept:
        data["accept"] = accept
    return client.post(charter_url(pair), data, **meta)


def test_a_member_reads_the_charter_with_the_frame_and_signs(client, confirmed_pair):
    client.force_login(confirmed_pair.mentee)
    page = client.get(charter_url(confirmed_pair))
    body = page.content.decode()
    assert page.context["can_sign"] is True
    assert "<strong>confidentielle</strong>" in body and "Conduire mes premiers entretiens annuels." in body

    response = sign_post(
        client, confirmed_pair, HTTP_USER_AGENT="Mozilla/5.0 (X11) Firefox/140.0", REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 302
    signature = CharterSignature.objects.get()
    assert (signature.user, signature.role, signature.charter.version) == (confirmed_pair.mentee, "mentee", 1)
    assert (signature.ip_address, signature.user_agent) == ("203.0.113.7", "Mozilla/5.0 (X11) Firefox/140.0")
    assert signature.content_sha256 == selectors_frame.sha256_hex(signature.signed_content)
    for part in ("Charte du mentorat", "Version 1", "Une relation d'accompagnement **confidentielle**",
                 confirmed_pair.mentee.get_full_name(), confirmed_pair.mentor.get_full_name(),
                 "Objectif 1 : Trouver ma posture de manager. (auto-évaluation de départ : 2/5)",
                 "Rythme : Une séance par mois", "Dates : du 15/10/2026 au 15/05/2027"):  # fmt: skip
        assert part in signature.signed_content, part
    confirmed_pair.refresh_from_db()
    assert confirmed_pair.status == PairStatus.FRAME


def test_the_address_behind_the_proxy_is_the_one_it_appended(client, confirmed_pair, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client.force_login(confirmed_pair.mentee)
    sign_post(client, confirmed_pair, HTTP_X_FORWARDED_FOR="10.0.0.1, 198.51.100.23", REMOTE_ADDR="172.18.0.5")
    assert CharterSignature.objects.get().ip_address == "198.51.100.23"


def test_a_wrong_password_is_refused_next_to_the_field_and_nothing_is_saved(client, confirmed_pair):
    client.force_login(confirmed_pair.mentee)
    response = sign_post(client, confirmed_pair, password="pas-le-bon-mot-de-passe")
    assert response.status_code == 200
    assert response.context["form"].errors["password"] == ["Mot de passe incorrect : la charte n'est pas signée."]
    assert 'aria-describedby="id_password_helptext id_password_error"' in response.content.decode()
    assert not CharterSignature.objects.exists()


def test_the_checkbox_is_required(client, confirmed_pair):
    client.force_login(confirmed_pair.mentee)
    response = sign_post(client, confirmed_pair, accept=None)
    assert response.context["form"].errors["accept"] == ["Cochez la case pour signer la charte."]
    assert not CharterSignature.objects.exists()


def test_both_signatures_activate_the_pair_and_email_both_members(client, half_signed_pair):
    client.force_login(half_signed_pair.mentor)
    response = sign_post(client, half_signed_pair)
    assert response.status_code == 302
    half_signed_pair.refresh_from_db()
    assert half_signed_pair.status == PairStatus.ACTIVE
    assert half_signed_pair.activated_at == CharterSignature.objects.get(user=half_signed_pair.mentor).signed_at
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [half_signed_pair.mentee.email, half_signed_pair.mentor.email]
    )
    for message in mail.outbox:
        assert "votre binôme" in message.subject and "est actif" in message.subject
        assert "text/html" in message.alternatives[0].mimetype
        assert reverse("sessions_binome:charter_pdf", args=[half_signed_pair.pk]) in message.body
    # Both signed exactly the same text.
    assert CharterSignature.objects.values("content_sha256").distinct().count() == 1


def test_signing_twice_is_refused(client, half_signed_pair):
    with pytest.raises(ValidationError, match="déjà signé"):
        sign(half_signed_pair, half_signed_pair.mentee)
    client.force_login(half_signed_pair.mentee)
    assert client.get(charter_url(half_signed_pair)).context["can_sign"] is False
    sign_post(client, half_signed_pair)
    assert CharterSignature.objects.count() == 1


def test_no_signature_before_both_confirmed_the_frame(client, frame_pair):
    client.force_login(frame_pair.mentee)
    page = client.get(charter_url(frame_pair))
    assert page.context["can_sign"] is False
    sign_post(client, frame_pair, digest="0" * 64)
    assert not CharterSignature.objects.exists()


def test_the_hash_of_another_pairs_charter_is_refused(client, confirmed_pair, programme):
    other = make_pair(
        programme,
        mentee_org=OrganisationFactory(code="CAF-13"),
        mentor_org=OrganisationFactory(code="CNAV"),
        prefix="autre",
    )
    frame = confirmed_pair.frame
    frame.pk = None
    frame.pair = other
    frame.save()
    other.objectives.create(position=1, text="Autre objectif", start_assessment=3)
    other_digest = selectors_frame.content_to_sign(other)[2]
    client.force_login(confirmed_pair.mentee)
    response = sign_post(client, confirmed_pair, digest=other_digest)
    assert "Le texte a changé" in response.content.decode()
    assert not CharterSignature.objects.exists()


def test_a_third_person_gets_404_on_the_charter_and_on_signing(client, confirmed_pair, outsider, hr_referent, engineer):
    for person in (outsider, hr_referent, engineer):
        client.force_login(person)
        assert client.get(charter_url(confirmed_pair)).status_code == 404
        assert sign_post(client, confirmed_pair).status_code == 404
    with pytest.raises(ValidationError):
        services_frame.charter_sign(pair=confirmed_pair, user=outsider)
    assert not CharterSignature.objects.exists()


def test_the_hash_changes_when_a_word_of_the_charter_changes(confirmed_pair, programme):
    charter, text, digest = selectors_frame.content_to_sign(confirmed_pair)
    changed = Charter(
        programme=programme,
        version=charter.version,
        title=charter.title,
        body=charter.body.replace("confidentielle", "discrète"),
    )
    frame, objectives = selectors_frame.frame_of(confirmed_pair), selectors_frame.objectives_of(confirmed_pair)
    other_text = selectors_frame.signed_content(
        pair=confirmed_pair, charter=changed, frame=frame, objectives=objectives
    )
    assert other_text != text
    assert selectors_frame.sha256_hex(other_text) != digest
    # ... and the same inputs always give the same hash.
    assert (
        selectors_frame.sha256_hex(
            selectors_frame.signed_content(pair=confirmed_pair, charter=charter, frame=frame, objectives=objectives)
        )
        == digest
    )


def test_the_signed_text_does_not_depend_on_the_page_language(confirmed_pair):
    from django.utils import translation

    with translation.override("en"):
        english = selectors_frame.content_to_sign(confirmed_pair)[2]
    assert english == selectors_frame.content_to_sign(confirmed_pair)[2]


def test_nobody_else_can_sign_even_through_the_service(confirmed_pair):
    stranger = UserFactory(email="eve@urssaf.fr")
    with pytest.raises(ValidationError, match="membres du binôme"):
        sign(confirmed_pair, stranger)
