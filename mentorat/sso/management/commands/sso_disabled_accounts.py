"""Accounts an identity provider reports as disabled (an export of its directory): each person still
active here is deactivated as a leaver. Dry run unless --wet-run."""

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

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
            pairs, applications = len(consequences.pairs), len(consequences.applications)
            requests = consequences.requests_count
            self.stdout.write(
                f"{user.email}: {ngettext('%d binôme', '%d binômes', pairs) % pairs}, "
                f"{ngettext('%d candidature', '%d candidatures', applications) % applications}, "
                f"{ngettext('%d demande', '%d demandes', requests) % requests}"
            )
            if wet_run:
                leaver_deactivate(user=user, by=None, source=DepartureSource.PROVIDER)
        count = len(people)
        if wet_run:
            self.stdout.write(ngettext("%d compte désactivé", "%d comptes désactivés", count) % count)
        else:
            text = ngettext("%d compte à désactiver", "%d comptes à désactiver", count) % count
            self.stdout.write(f"{text} (aperçu : ajoutez --wet-run)")
