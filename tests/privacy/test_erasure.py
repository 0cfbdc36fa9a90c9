from django.urls import reverse

from evaluation.models import Answer
from mentorat.audit.enums import AuditAction
from mentorat.audit.models import AuditEvent
from sessions_binome.models import MentoringSession, SessionNote


def _erase(client, engineer, person):
    client.force_login(engineer)
    client.reauthenticate(engineer)
    return client.post(reverse("privacy:erasure_confirm", args=[person.pk]))


def test_only_the_engineer_handles_erasure(client, pair, hr_referent):
    client.force_login(hr_referent)
    assert client.get(reverse("privacy:erasure_list")).status_code == 403
    assert client.post(reverse("privacy:erasure_confirm", args=[pair.mentee.pk])).status_code == 403


def test_erasure_asks_for_the_password_again(client, pair, engineer):
    client.force_login(engineer)
    response = client.post(reverse("privacy:erasure_confirm", args=[pair.mentee.pk]))
    assert response.url.startswith(reverse("account_reauthenticate"))
    pair.mentee.refresh_from_db()
    assert pair.mentee.is_active


def test_the_engineer_finds_the_person_and_a_confirm_page(client, pair, engineer):
    client.force_login(engineer)
    body = client.get(reverse("privacy:erasure_list"), {"q": "rgpd.mentore"}).content.decode()
    assert reverse("privacy:erasure_confirm", args=[pair.mentee.pk]) in body
    assert client.get(reverse("privacy:erasure_confirm", args=[pair.mentee.pk])).status_code == 200


def test_erasure_anonymises_the_person_and_keeps_the_aggregates(client, pair, engineer):
    mentee = pair.mentee
    response = _erase(client, engineer, mentee)
    assert response.status_code == 302
    mentee.refresh_from_db()
    assert mentee.get_full_name() == "Personne anonymisée"
    assert mentee.email.endswith("@anonymise.invalid")
    assert not mentee.is_active and not mentee.has_usable_password()
    application = mentee.applications.get()
    assert application.objectives in ("", "[effacé]")
    # Confidential notes are gone; the session itself stays (it is counted).
    assert not SessionNote.objects.filter(session__pair=pair).exists()
    session = MentoringSession.objects.get(pair=pair)
    assert session.shared_notes == ""
    answers = {answer.question.kind: answer for answer in Answer.objects.filter(response__respondent=mentee)}
    assert answers["nps"].value == 9 and answers["text"].text == ""
    assert AuditEvent.objects.filter(action=AuditAction.ERASURE, actor=engineer, target=f"user:{mentee.pk}").exists()


def test_an_anonymised_person_cannot_log_in_any_more(client, pair, engineer):
    _erase(client, engineer, pair.mentee)
    client.logout()
    assert not client.login(email=pair.mentee.email, password="Mentorat-demo-2026!")


def test_erasure_deletes_the_emails_kept_for_the_person_and_no_one_elses(client, pair, engineer):
    from mentorat.outbox.models import OutboxEmail

    mentee = pair.mentee
    for to in ([mentee.email], [pair.mentor.email]):
        OutboxEmail.objects.create(kind="session_planned", to=to, subject="s", text_body="t")

    _erase(client, engineer, mentee)

    assert list(OutboxEmail.objects.values_list("to", flat=True)) == [[pair.mentor.email]]
