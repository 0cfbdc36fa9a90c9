"""Accounts an identity provider reports as disabled (an export of its directory): each person still
active here is deactivated as a leaver. Dry run unless --wet-run."""

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from mentorat.accounts.models import User
from mentorat.sso.leavers.forms import read_staff_emails
from mentorat.sso.leavers.selectors import departures_consequences
from mentorat.sso.leavers.services import leaver_deactivate
from mentorat.sso.models import DepartureSource


class Command(BaseCommand):
    help = "Désactive les comptes qu'un fournisseur d'identité signale comme désactivés (CSV d'adresses)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV des adresses désactivées chez le fournisseur")
        parser.add_argument("--wet-run", action="store_true", help="désactiver pour de bon (sinon : aperçu)")

    def handle(self, *args, path, wet_run, **options):
        from django.core.exceptions import ValidationError

        try:
            with open(path, "rb") as handle:
                emails = read_staff_emails(File(handle))
        except (OSError, ValidationError) as error:
            raise CommandError(str(error)) from error
        people = list(User.objects.filter(email__in=emails, is_active=True).exclude(is_staff=True).order_by("email"))
        for consequences in departures_consequences(people):
            user = consequences.user
            self.stdout.write(
                f"{user.email}: {len(consequences.pairs)} binôme(s), {len(consequences.applications)} "
                f"candidature(s), {consequences.requests_count} demande(s)"
            )
            if wet_run:
                leaver_deactivate(user=user, by=None, source=DepartureSource.PROVIDER)
        verb = "désactivé(s)" if wet_run else "à désactiver (aperçu : ajoutez --wet-run)"
        self.stdout.write(f"{len(people)} compte(s) {verb}")
