"""The demo's list of active staff of the demo mentor's organisation, without the demo mentor: uploaded
at /pilotage/departs/, it deactivates them and ends their pair."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from candidatures.demo import DEMO_MENTOR
from mentorat.accounts.models import User


class Command(BaseCommand):
    help = "Écrit la liste des personnels actifs de l'organisme du mentor de démonstration, sans lui."

    def add_arguments(self, parser):
        parser.add_argument("path", help="fichier CSV à écrire")

    def handle(self, *args, path, **options):
        mentor = User.objects.filter(email=DEMO_MENTOR.email).select_related("organisation").first()
        if mentor is None or mentor.organisation is None:
            raise CommandError("Run seed_demo first.")
        emails = (
            User.objects.filter(organisation=mentor.organisation, is_active=True)
            .exclude(pk=mentor.pk)
            .order_by("email")
            .values_list("email", flat=True)
        )
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["email"])
            writer.writerows([email] for email in emails)
        self.stdout.write(f"{target} ({mentor.organisation.code}, sans {mentor.email})")
