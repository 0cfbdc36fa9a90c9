"""The reminders' scan from the command line, for cron users and for checking what is due:

    python manage.py send_reminders [--dry-run] [--now 2026-10-20T09:00]

`--now` is read in Paris time unless it carries an offset. A dry run lists what is due and writes
nothing; otherwise the same scan as the Celery beat task runs once.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ... import scan, timing
from ...catalogue import CATALOGUE

OUTCOMES = [
    ("due", _("dus")),
    ("sent", _("envoyés")),
    ("waiting", _("en attente des heures ouvrées")),
    ("skipped", _("non envoyés")),
    ("already", _("déjà pris par un autre passage")),
    ("released-sent", _("envoyés après attente")),
    ("released-skipped", _("abandonnés après attente")),
]


def _moment(text):
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(_("--now attend une date ISO, par exemple 2026-10-20T09:00.")) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


class Command(BaseCommand):
    help = _("Envoie les rappels dus (le même passage que la tâche planifiée). --dry-run les liste sans rien envoyer.")

    def create_parser(self, prog_name, subcommand, **kwargs):
        # argparse formats its help with regular expressions, which take real strings, not lazy ones:
        # the help is translated when the parser is built.
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help=gettext("liste les rappels dus sans rien écrire ni envoyer")
        )
        parser.add_argument(
            "--now",
            help=gettext(
                "le moment du passage, heure de Paris, par exemple 2026-10-20T09:00 (par défaut : maintenant)"
            ),
        )

    def handle(self, *args, dry_run=False, now=None, **options):
        moment = _moment(now) if now else timezone.now()
        report = scan.reminders_scan(now=moment, dry_run=dry_run)
        when = timing.local(moment).strftime("%Y-%m-%d %H:%M")
        quiet = (
            ""
            if timing.is_open(moment)
            else _(" (hors heures ouvrées : les courriels attendent 8 h un jour de semaine)")
        )
        self.stdout.write((_("Rappels au %s, essai à blanc") if dry_run else _("Rappels au %s")) % when + quiet)
        for kind in CATALOGUE:
            counts = report.counts.get(kind.code, {})
            detail = ", ".join(f"{label} : {counts[code]}" for code, label in OUTCOMES if counts.get(code))
            self.stdout.write(f"  {kind.code:<18} {detail or _('rien')}")
        for code, email, occurrence, due_at in report.items:
            self.stdout.write(f"    {code} · {email} · {occurrence} · {timing.local(due_at):%Y-%m-%d %H:%M}")
