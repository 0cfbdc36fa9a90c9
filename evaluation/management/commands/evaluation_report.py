"""python manage.py evaluation_report --programme 2026-2027 --pdf report.pdf --xlsx data.xlsx --csv data.csv [--free-text] [--track P1] [--simulation]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from mentorat.core.models import Programme


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Produit le rapport d'évaluation (PDF) et les données pseudonymisées (XLSX, CSV) d'un programme. "
        "Les réponses libres ne sont incluses qu'avec --free-text, sans identité."
    )

    def add_arguments(self, parser):
        parser.add_argument("--programme", required=True, help="identifiant du programme, par exemple 2026-2027")
        parser.add_argument("--pdf", help="fichier PDF du rapport à écrire")
        parser.add_argument("--xlsx", help="fichier XLSX des données pseudonymisées à écrire")
        parser.add_argument("--csv", help="fichier CSV des réponses pseudonymisées à écrire")
        parser.add_argument(
            "--free-text",
            action="store_true",
            help="ajoute les réponses libres, sans pseudonyme : feuille « Réponses libres » du XLSX et fichier <csv>-reponses-libres.csv",
        )
        parser.add_argument("--track", help="rapport limité à un parcours (P1 ou P2)")
        parser.add_argument(
            "--simulation",
            action="store_true",
            help="projette le programme à sa fin avec des données fictives, produit les fichiers puis annule tout (rien n'est enregistré)",
        )

    def handle(self, *args, **options):
        if not (options["pdf"] or options["xlsx"] or options["csv"]):
            raise CommandError(_("Indiquez au moins un fichier à produire : --pdf, --xlsx ou --csv."))
        programme = Programme.objects.filter(slug=options["programme"]).first()
        if programme is None:
            raise CommandError(_("Programme inconnu : %s") % options["programme"])
        scope_values = {}
        if options["track"]:
            track = programme.tracks.filter(code=options["track"].upper()).first()
            if track is None:
                raise CommandError(_("Parcours inconnu : %s") % options["track"])
            scope_values["track"] = track
        with translation.override("fr"):
            if not options["simulation"]:
                self._write(programme, scope_values, options, now=None)
                return
            try:
                with transaction.atomic():
                    from evaluation.demo import simulation_apply

                    now = simulation_apply(programme)
                    self._write(programme, scope_values, options, now=now)
                    raise _Rollback
            except _Rollback:
                self.stdout.write(_("Simulation : les données projetées ont été annulées, rien n'est enregistré."))

    def _write(self, programme, scope_values, options, *, now):
        from evaluation import exports, report

        if options["pdf"]:
            context = report.report_context(
                programme, scope_values=scope_values, now=now, simulation=options["simulation"]
            )
            from mentorat.core.pdf import render_pdf

            self._save(options["pdf"], render_pdf(report.TEMPLATE, context))
        if options["xlsx"]:
            self._save(options["xlsx"], exports.dataset_xlsx(programme, include_free_text=options["free_text"]))
        if options["csv"]:
            self._save(options["csv"], exports.dataset_csv(programme))
            if options["free_text"]:
                path = Path(options["csv"])
                self._save(
                    str(path.with_name(f"{path.stem}-reponses-libres{path.suffix or '.csv'}")),
                    exports.free_text_csv(programme),
                )

    def _save(self, name, content):
        Path(name).write_bytes(content)
        self.stdout.write(_("Écrit : %(name)s (%(size)d octets)") % {"name": name, "size": len(content)})
