from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorat.core.csv_utils import CsvImportError, read_csv_file
from mentorat.core.services import organisations_import


class Command(BaseCommand):
    help = (
        "Crée ou met à jour des organismes depuis un fichier CSV (colonnes code,name,branch,region ; "
        "UTF-8 ; séparateur « , » ou « ; »). Tout ou rien : à la moindre erreur, rien n'est importé."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("chemin du fichier CSV"))

    def handle(self, *args, file, **options):
        try:
            result = organisations_import(table=read_csv_file(file))
        except OSError as error:
            raise CommandError(
                _("impossible de lire « %(file)s » : %(reason)s") % {"file": file, "reason": error.strerror}
            ) from error
        except CsvImportError as error:
            for line_error in error.errors:
                self.stderr.write(str(line_error))
            count = len(error.errors)
            raise CommandError(
                ngettext(
                    "%(count)d erreur : aucun organisme n'a été importé.",
                    "%(count)d erreurs : aucun organisme n'a été importé.",
                    count,
                )
                % {"count": count}
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Organismes créés : %(created)d, mis à jour : %(updated)d, inchangés : %(unchanged)d.")
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
            )
        )
