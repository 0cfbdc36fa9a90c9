"""The demo's list of active staff of one organisation, without one of its mentors who is in an active
pair: uploaded at /pilotage/departs/, it deactivates that mentor and ends their pair. The demo's own
logins are never the one left out."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from candidatures.demo import DEMO_LOGINS
from mentorat.accounts.models import User
from sessions_binome.enums import PairStatus
from sessions_binome.models import Pair


class Command(BaseCommand):
    help = "Écrit la liste des personnels actifs d'un organisme de démonstration, sans l'un de ses mentors."

    def add_arguments(self, parser):
        parser.add_argument("path", help="fichier CSV à écrire")

    def handle(self, *args, path, **options):
        pair = (
            Pair.objects.filter(status=PairStatus.ACTIVE, mentor__is_active=True, mentor__organisation__isnull=False)
            .exclude(mentor__email__in=[email for _label, email in DEMO_LOGINS])
            .select_related("mentor__organisation", "mentee")
            .order_by("mentor__email")
            .first()
        )
        if pair is None:
            raise CommandError("No active pair: run seed_demo first.")
        leaver = pair.mentor
        emails = (
            User.objects.filter(organisation=leaver.organisation, is_active=True)
            .exclude(pk=leaver.pk)
            .order_by("email")
            .values_list("email", flat=True)
        )
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["email"])
            writer.writerows([email] for email in emails)
        self.stdout.write(
            f"{target}: {leaver.organisation.name} ({leaver.organisation.code}), "
            f"sans {leaver.get_full_name()} <{leaver.email}>, mentor de {pair.mentee.get_full_name()}"
        )
