"""Charter versions: the engineer drafts, previews and publishes; a published version never changes."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from sessions_binome import services_frame
from sessions_binome.models import Charter
from sessions_binome.selectors_frame import charter_for_pair, current_charter
from tests.sessions_binome.frame_helpers import sign

pytestmark = pytest.mark.django_db


def test_the_reference_charter_exists_published_as_version_1_after_seed_reference():
    call_command("seed_reference", stdout=io.StringIO())
    charter = Charter.objects.get(programme__slug="2026-2027")
    assert charter.version == 1 and charter.is_published
    for words in ("n'est pas", "lien hiérarchique", "réciprocité", "volontaire", "strictement confidentiel",
                  "danger grave", "la loi impose", "EMCC", "Le mentor", "La personne mentorée", "sept mois",
                  "de 6 à 8", "temps de", "changer de mentor", "Données personnelles", "management bis"):  # fmt: skip
        assert words in charter.body, words
    call_command("seed_reference", stdout=io.StringIO())
    assert Charter.objects.count() == 1


def test_a_published_version_cannot_be_edited(charter_v1, engineer):
    with pytest.raises(ValidationError, match="publiée"):
        services_frame.charter_update_draft(charter=charter_v1, by=engineer, title="Autre", body="Autre texte")
    charter_v1.refresh_from_db()
    assert charter_v1.title == "Charte du mentorat"


def test_the_edit_page_of_a_published_version_changes_nothing(client, charter_v1, engineer):
    client.force_login(engineer)
    url = reverse("sessions_binome:engineer_charter_edit", args=[charter_v1.pk])
    response = client.post(url, {"title": "Autre", "body": "Autre texte"})
    assert response.status_code == 302
    charter_v1.refresh_from_db()
    assert charter_v1.body.startswith("## 1. Ce qu'est le mentorat")
    assert "ne peut plus être modifiée" in client.get(response.url).content.decode()


def test_the_engineer_drafts_previews_and_publishes_a_new_version(client, charter_v1, engineer, programme):
    client.force_login(engineer)
    response = client.get(reverse("sessions_binome:engineer_charter_new"))
    assert response.context["form"].initial["body"] == charter_v1.body  # starts from the last version
    response = client.post(
        reverse("sessions_binome:engineer_charter_new"),
        {"title": "Charte du mentorat", "body": "## Nouveau\n\nUn **texte** revu."},
    )
    draft = Charter.objects.get(version=2)
    assert response.url == reverse("sessions_binome:engineer_charter_detail", args=[draft.pk])
    assert current_charter(programme) == charter_v1  # a draft is not signed by anyone

    preview = client.get(response.url).content.decode()
    assert "<h2>Nouveau</h2>" in preview and "<strong>texte</strong>" in preview

    client.post(
        reverse("sessions_binome:engineer_charter_edit", args=[draft.pk]),
        {"title": "Charte 2", "body": "Texte corrigé."},
    )
    draft.refresh_from_db()
    assert (draft.title, draft.body) == ("Charte 2", "Texte corrigé.\n")

    client.post(reverse("sessions_binome:engineer_charter_publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.published_at and draft.published_by == engineer
    assert current_charter(programme) == draft
    listing = client.get(reverse("sessions_binome:engineer_charters")).content.decode()
    assert "Charte 2" in listing and "en vigueur" in listing


def test_one_draft_at_a_time(charter_v1, engineer, programme):
    services_frame.charter_create_draft(programme=programme, by=engineer, title="V2", body="Texte 2")
    with pytest.raises(ValidationError, match="brouillon existe déjà"):
        services_frame.charter_create_draft(programme=programme, by=engineer, title="V3", body="Texte 3")


def test_a_pair_half_signed_keeps_the_version_its_first_member_signed(half_signed_pair, engineer, programme):
    draft = services_frame.charter_create_draft(programme=programme, by=engineer, title="V2", body="Texte 2")
    services_frame.charter_publish(charter=draft, by=engineer)
    assert charter_for_pair(half_signed_pair).version == 1
    signature = sign(half_signed_pair, half_signed_pair.mentor)
    assert signature.charter.version == 1


@pytest.mark.parametrize("url_name", ["engineer_charters", "engineer_charter_new"])
def test_only_the_engineer_reaches_the_charter_pages(client, mentee, hr_referent, url_name):
    for person in (mentee, hr_referent):
        client.force_login(person)
        assert client.get(reverse(f"sessions_binome:{url_name}")).status_code == 403


def test_only_the_charter_is_in_the_admin_and_a_published_version_is_read_only(client, charter_v1, staff):
    from django.contrib import admin

    from sessions_binome.models import CharterSignature, PairFrame, PairObjective

    assert admin.site.is_registered(Charter)
    assert not any(admin.site.is_registered(model) for model in (PairFrame, PairObjective, CharterSignature))
    client.force_login(staff)
    url = reverse("admin:sessions_binome_charter_change", args=[charter_v1.pk])
    client.post(url, {"programme": charter_v1.programme_id, "version": 1, "title": "Changée", "body": "Changé"})
    charter_v1.refresh_from_db()
    assert charter_v1.title == "Charte du mentorat"
