import pytest
from django.core import mail
from django.db import transaction

from mentorat.core.emails import render_email, send_templated_email, unsubscribe_headers
from mentorat.outbox.models import OutboxEmail

# templates/emails/test_ping{_subject.txt,.txt,.html} exist for these tests only.
NAME = "Zoé & Cie"


def test_it_renders_subject_text_and_html_from_the_template_triple(settings):
    subject, text_body, html_body = render_email("test_ping", {"name": NAME})

    assert subject == "[Mentorat] Test d'envoi pour Zoé & Cie"
    assert "\n" not in subject
    assert text_body.startswith("Bonjour Zoé & Cie,")
    assert settings.SITE_URL in text_body
    # The HTML version is escaped, the text version is not.
    assert "Bonjour Zoé &amp; Cie," in html_body
    assert "<html" in html_body
    assert settings.SUPPORT_EMAIL in html_body


@pytest.mark.django_db
def test_it_sends_nothing_before_commit_and_one_email_with_html_after(django_capture_on_commit_callbacks, settings):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send_templated_email("test_ping", to="alice@assurance-maladie.fr", context={"name": NAME})
        assert mail.outbox == []

    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@assurance-maladie.fr"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject == "[Mentorat] Test d'envoi pour Zoé & Cie"
    assert message.body.startswith("Bonjour Zoé & Cie,")
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "Bonjour Zoé &amp; Cie," in html


@pytest.mark.django_db
def test_extra_headers_reach_the_message_as_it_leaves(django_capture_on_commit_callbacks):
    url = "https://mentorat.example.fr/rappels/desabonnement/42.first-session:abc/"
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_email(
            "test_ping", to="alice@assurance-maladie.fr", context={"name": NAME}, headers=unsubscribe_headers(url)
        )

    mime = mail.outbox[0].message()  # what the SMTP server receives
    assert mime["List-Unsubscribe"] == f"<{url}>"
    assert mime["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.django_db
def test_without_headers_there_is_no_list_unsubscribe(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_email("test_ping", to="alice@assurance-maladie.fr", context={"name": NAME})

    assert mail.outbox[0].message()["List-Unsubscribe"] is None


@pytest.mark.django_db
def test_it_sends_nothing_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            send_templated_email("test_ping", to="alice@assurance-maladie.fr", context={"name": NAME})
            raise RuntimeError("the change is rolled back")

    assert callbacks == []
    assert mail.outbox == []
    assert not OutboxEmail.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_it_waits_for_a_real_commit():
    # No captured callbacks here: the real transaction machinery decides when the email leaves.
    with transaction.atomic():
        send_templated_email("test_ping", to=["a@caf.fr", "b@caf.fr"], context={"name": NAME})
        assert mail.outbox == []

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a@caf.fr", "b@caf.fr"]
