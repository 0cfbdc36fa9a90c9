"""Anonymise a programme's participants once PROGRAMME_RETENTION_MONTHS (24 by default) have passed
since its end, and delete the evaluation reports built for it. Dry-run unless --wet-run; running it
again finds nobody left to anonymise."""

from django.core.management.base import BaseCommand, CommandError

from mentorat.core.models import Programme
from mentorat.privacy.services import programme_anonymise, programme_reports, programme_retention_end


class Command(BaseCommand):
    help = "Anonymise les données personnelles d'un programme à l'issue de la durée de conservation."

    def add_arguments(self, parser):
        parser.add_argument("--programme", required=True, help="identifiant du programme, par exemple 2026-2027")
        parser.add_argument("--wet-run", action="store_true", help="anonymiser vraiment (sinon : simulation)")

    def handle(self, *args, programme, wet_run, **options):
        try:
            instance = Programme.objects.get(slug=programme)
        except Programme.DoesNotExist:
            raise CommandError(f"Programme inconnu : {programme}") from None
        reports = programme_reports(instance).count()
        people = programme_anonymise(programme=instance, wet_run=wet_run)
        if people is None:
            self.stdout.write(
                f"Conservation en cours jusqu'au {programme_retention_end(instance):%d/%m/%Y} : rien à anonymiser."
            )
            return
        if wet_run:
            self.stdout.write(
                f"{len(people)} personne(s) anonymisée(s), {reports} rapport(s) d'évaluation supprimé(s)."
            )
        else:
            self.stdout.write(
                f"{len(people)} personne(s) à anonymiser, {reports} rapport(s) d'évaluation à supprimer"
                " (simulation, --wet-run pour appliquer)."
            )
