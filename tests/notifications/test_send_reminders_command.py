"""`python manage.py send_reminders [--dry-run] [--now ...]`: the same scan, for cron users and checks."""

import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from mentorat.notifications.models import ReminderClaim, ReminderScan
from tests.factories import ApplicationFactory
from tests.notifications.helpers import paris, reminders

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def draft(programme, clock):
    clock.move_to(paris(2026, 7, 2, 11))
    draft = ApplicationFactory(programme=programme, draft=True, user__email="zoe@cpam33.fr")
    clock.move_to(paris(2026, 9, 4, 9, 30))
    return draft


def test_a_dry_run_lists_what_is_due_and_writes_nothing(draft):
    output = run("--dry-run", "--now", "2026-09-04T09:00")

    assert "Rappels au 2026-09-04 09:00, essai à blanc" in output
    assert "call-closing       dus : 1" in output
    assert "call-closing · zoe@cpam33.fr · j-7 · 2026-09-04 00:00" in output
    assert not ReminderClaim.objects.exists()
    assert not ReminderScan.objects.exists()
    assert mail.outbox == []


def test_it_sends_at_the_given_moment_and_says_so(draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output = run("--now", "2026-09-04T09:00")

    assert "call-closing       dus : 1, envoyés : 1" in output
    assert len(reminders(mail.outbox)) == 1
    assert ReminderClaim.objects.get().sent_at == paris(2026, 9, 4, 9)
    assert "call-closing       rien" in run("--now", "2026-09-04T09:00")


def test_at_night_it_says_the_emails_wait(draft):
    output = run("--now", "2026-09-04T22:00")
    assert "hors heures ouvrées" in output
    assert "en attente des heures ouvrées : 1" in output


def test_a_bad_date_is_a_clear_error(db):
    with pytest.raises(CommandError, match="--now attend une date ISO"):
        run("--now", "demain")


def test_help_describes_the_command_and_its_options(capsys):
    with pytest.raises(SystemExit) as exited:
        call_command("send_reminders", "--help")

    assert exited.value.code == 0
    output = " ".join(capsys.readouterr().out.split())  # argparse wraps the lines
    assert "Envoie les rappels dus (le même passage que la tâche planifiée)." in output
    assert "--dry-run liste les rappels dus sans rien écrire ni envoyer" in output
    assert "--now NOW le moment du passage, heure de Paris" in output
