"""The engineer's resource form: PDF only (extension and content), 10 Mo at most, nothing saved on error;
files are only served through the view that checks the audience."""

import html
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentorat.resources.forms import MAX_FILE_SIZE
from mentorat.resources.models import Resource
from tests.resources.factories import ResourceFactory, pdf_bytes, pdf_of_size

CREATE_URL = reverse("resources:create")


def stored_files():
    folder = Path(settings.MEDIA_ROOT) / "resources"
    return sorted(folder.iterdir()) if folder.exists() else []


def post_file(client, upload, **fields):
    data = {
        "title": "Support de formation",
        "slug": "",
        "summary": "Le support projeté.",
        "kind": "file",
        "body": "",
        "audience": "mentors",
        "programme": "",
        "position": "0",
        "published": "on",
        "file": upload,
    }
    data.update(fields)
    return client.post(CREATE_URL, data)


def field_errors(response, name):
    return [str(error) for error in response.context["form"].errors.get(name, [])]


@pytest.fixture
def engineer_client(client, engineer, programme):
    client.force_login(engineer)
    return client


def test_a_pdf_name_on_content_that_is_not_pdf_is_refused(engineer_client):
    upload = SimpleUploadedFile("support.pdf", b"PK\x03\x04 not a pdf at all", content_type="application/pdf")

    response = post_file(engineer_client, upload)

    assert response.status_code == 200
    assert field_errors(response, "file") == [
        "Ce fichier n'est pas un PDF valide : son contenu ne correspond pas à son extension."
    ]
    assert not Resource.objects.exists()
    assert stored_files() == []


def test_a_real_pdf_of_10_mo_plus_one_byte_is_refused(engineer_client):
    content = pdf_of_size(MAX_FILE_SIZE + 1)
    assert len(content) == MAX_FILE_SIZE + 1 and content.startswith(b"%PDF-")

    response = post_file(engineer_client, SimpleUploadedFile("gros.pdf", content, content_type="application/pdf"))

    assert field_errors(response, "file") == [
        "Ce fichier dépasse la taille maximale de 10 Mo (taille du fichier : 10,0\xa0Mio)."
    ]
    assert not Resource.objects.exists()
    assert stored_files() == []


def test_a_pdf_of_exactly_10_mo_is_accepted(engineer_client):
    content = pdf_of_size(MAX_FILE_SIZE)

    response = post_file(engineer_client, SimpleUploadedFile("limite.pdf", content, content_type="application/pdf"))

    assert response.status_code == 302
    assert Resource.objects.get().file_size == MAX_FILE_SIZE


def test_a_docx_is_refused(engineer_client):
    upload = SimpleUploadedFile(
        "guide.docx",
        b"PK\x03\x04docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )

    response = post_file(engineer_client, upload)

    assert field_errors(response, "file") == [
        "Seuls les fichiers PDF sont acceptés : « guide.docx » n'a pas l'extension .pdf."
    ]
    assert not Resource.objects.exists()


def test_the_error_is_shown_next_to_the_field(engineer_client):
    upload = SimpleUploadedFile("guide.docx", b"PK", content_type="application/octet-stream")

    body = html.unescape(post_file(engineer_client, upload).content.decode())

    assert 'id="id_file"' in body
    assert body.index("n'a pas l'extension .pdf") > body.index('id="id_file"')


def test_a_file_resource_needs_a_file_and_a_page_needs_text(engineer_client):
    response = post_file(engineer_client, "")
    assert field_errors(response, "file") == ["Choisissez le fichier PDF à mettre à disposition."]

    response = post_file(engineer_client, "", kind="page", body="  ")
    assert field_errors(response, "body") == ["Écrivez le texte de la page."]
    assert not Resource.objects.exists()


def test_a_valid_pdf_is_stored_under_resources_and_downloaded_by_its_audience_only(
    client, engineer, mentor, mentee, programme
):
    content = pdf_bytes()
    client.force_login(engineer)

    response = post_file(client, SimpleUploadedFile("Support formation.pdf", content, content_type="application/pdf"))

    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.slug == "support-de-formation"
    assert resource.file.name.startswith("resources/") and resource.file.name.endswith(".pdf")
    assert resource.file_name == "Support formation.pdf"
    assert resource.file_size == len(content)
    assert [path.name for path in stored_files()] == [resource.file.name.split("/")[-1]]

    client.force_login(mentor)
    download = client.get(reverse("resources:file", args=[resource.slug]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "Support formation.pdf" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"

    client.force_login(mentee)
    assert client.get(reverse("resources:file", args=[resource.slug])).status_code == 404
    assert client.get(reverse("resources:detail", args=[resource.slug])).status_code == 404
    # No public address serves the stored file.
    assert client.get(settings.MEDIA_URL + resource.file.name).status_code == 404


def test_the_file_of_a_page_answers_404(client, nobody, programme):
    page = ResourceFactory()
    client.force_login(nobody)

    assert client.get(reverse("resources:file", args=[page.slug])).status_code == 404


def test_replacing_the_file_deletes_the_old_one(engineer_client):
    resource = ResourceFactory(pdf=True, for_mentors=True)
    old_name = resource.file.name

    response = engineer_client.post(
        reverse("resources:edit", args=[resource.pk]),
        {
            "title": resource.title,
            "slug": resource.slug,
            "summary": "",
            "kind": "file",
            "body": "",
            "audience": "mentors",
            "programme": "",
            "position": "0",
            "published": "on",
            "file": SimpleUploadedFile("v2.pdf", pdf_bytes(padding=100), content_type="application/pdf"),
        },
    )

    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.file.name != old_name
    assert resource.file_name == "v2.pdf"
    assert [path.name for path in stored_files()] == [resource.file.name.split("/")[-1]]


def test_editing_without_a_new_file_keeps_the_file(engineer_client):
    resource = ResourceFactory(pdf=True)
    name = resource.file.name

    engineer_client.post(
        reverse("resources:edit", args=[resource.pk]),
        {
            "title": "Nouveau titre",
            "slug": resource.slug,
            "summary": "",
            "kind": "file",
            "body": "",
            "audience": "everyone",
            "programme": "",
            "position": "3",
            "published": "on",
        },
    )

    resource.refresh_from_db()
    assert (resource.title, resource.file.name, resource.file_name) == ("Nouveau titre", name, "support.pdf")


def test_deleting_a_file_resource_deletes_its_file(engineer_client):
    resource = ResourceFactory(pdf=True)
    assert len(stored_files()) == 1

    confirmation = engineer_client.get(reverse("resources:delete", args=[resource.pk]))
    assert confirmation.status_code == 200
    assert Resource.objects.exists()

    response = engineer_client.post(reverse("resources:delete", args=[resource.pk]))

    assert response.status_code == 302
    assert not Resource.objects.exists()
    assert stored_files() == []


def test_turning_a_file_resource_into_a_page_drops_its_file(engineer_client):
    resource = ResourceFactory(pdf=True)

    engineer_client.post(
        reverse("resources:edit", args=[resource.pk]),
        {
            "title": resource.title,
            "slug": resource.slug,
            "summary": "",
            "kind": "page",
            "body": "Le texte.",
            "audience": "everyone",
            "programme": "",
            "position": "0",
            "published": "on",
        },
    )

    resource.refresh_from_db()
    assert (resource.kind, resource.file.name, resource.file_name, resource.file_size) == ("page", "", "", None)
    assert stored_files() == []


def test_the_admin_applies_the_same_pdf_checks(client, staff):
    client.force_login(staff)
    assert client.get(reverse("admin:resources_resource_add")).status_code == 200

    response = client.post(
        reverse("admin:resources_resource_add"),
        {
            "title": "Guide",
            "slug": "guide",
            "summary": "",
            "kind": "file",
            "body": "",
            "audience": "everyone",
            "programme": "",
            "position": "0",
            "published": "on",
            "file": SimpleUploadedFile("guide.pdf", b"<html>", content_type="application/pdf"),
        },
    )

    assert response.status_code == 200
    assert not Resource.objects.exists()
    assert stored_files() == []
