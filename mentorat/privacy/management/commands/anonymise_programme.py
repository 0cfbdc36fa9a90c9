"""Anonymise the participants of an archived edition once PROGRAMME_RETENTION_MONTHS (24 by default)
have passed since its own end, and delete the evaluation reports built for it: one edition
(`--programme 2026-2027`) or every archived edition past its retention (`--due`, what the scheduled
retention run does). An edition that is still open, or in preparation, is never touched. Dry-run
unless --wet-run; running it again finds nobody left to anonymise."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from mentorat.core.enums import ProgrammeStatus
from mentorat.core.models import Programme
from mentorat.privacy.services import (
    editions_anonymise_due,
    programme_anonymise,
    programme_reports,
    programme_retention_end,
)


class Command(BaseCommand):
    help = "Anonymise les données personnelles d'une édition archivée à l'issue de la durée de conservation."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--programme", help="identifiant de l'édition, par exemple 2026-2027")
        which.add_argument(
            "--due", action="store_true", help="toutes les éditions archivées dont la conservation est échue"
        )
        parser.add_argument("--wet-run", action="store_true", help="anonymiser vraiment (sinon : simulation)")

    def handle(self, *args, programme, due, wet_run, **options):
        if due:
            return self._all_due(wet_run)
        try:
            instance = Programme.objects.get(slug=programme)
        except Programme.DoesNotExist:
            raise CommandError(f"Programme inconnu : {programme}") from None
        if instance.status != ProgrammeStatus.ARCHIVED:
            self.stdout.write(
                f"Édition {instance.slug} non archivée ({instance.get_status_display()}) : rien à anonymiser."
            )
            return
        reports = programme_reports(instance).count()
        people = programme_anonymise(programme=instance, wet_run=wet_run)
        if people is None:
            self.stdout.write(
                f"Conservation en cours jusqu'au {programme_retention_end(instance):%d/%m/%Y} : rien à anonymiser."
            )
            return
        self._report(instance, len(people), reports, wet_run)

    def _all_due(self, wet_run):
        done = editions_anonymise_due(wet_run=wet_run)
        if not done:
            self.stdout.write("Aucune édition archivée dont la conservation est échue n'a de données à anonymiser.")
        for edition, people, reports in done:
            self._report(edition, people, reports, wet_run)

    def _report(self, edition, people, reports, wet_run):
        if wet_run:
            people_text = ngettext("%d personne anonymisée", "%d personnes anonymisées", people) % people
            reports_text = (
                ngettext("%d rapport d'évaluation supprimé", "%d rapports d'évaluation supprimés", reports) % reports
            )
            self.stdout.write(f"{edition.slug} : {people_text}, {reports_text}.")
        else:
            people_text = ngettext("%d personne à anonymiser", "%d personnes à anonymiser", people) % people
            reports_text = (
                ngettext("%d rapport d'évaluation à supprimer", "%d rapports d'évaluation à supprimer", reports)
                % reports
            )
            self.stdout.write(f"{edition.slug} : {people_text}, {reports_text} (simulation, --wet-run pour appliquer).")
