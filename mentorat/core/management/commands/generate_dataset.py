import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from mentorat.core.dataset import PASSWORD, DatasetExists, dataset_generate


class Command(BaseCommand):
    help = (
        "Génère un programme fictif à l'échelle nationale (organismes, candidatures, mise en relation publiée, "
        "binômes, chartes, séances, questionnaires, rappels) pour les mesures de performance."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=300)
        parser.add_argument("--mentees", type=int, default=10000)
        parser.add_argument("--mentors", type=int, default=10000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--programme-slug", default="bench-2026")

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            dataset_generate(
                organisations=options["organisations"],
                mentees=options["mentees"],
                mentors=options["mentors"],
                seed=options["seed"],
                slug=options["programme_slug"],
                stdout=self.stdout,
            )
        except DatasetExists as error:
            raise CommandError(_("Le programme « %s » existe déjà : rien n'a été écrit.") % error) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Programme « %(slug)s » généré en %(seconds).1f s.")
                % {"slug": options["programme_slug"], "seconds": time.perf_counter() - started}
            )
        )
        self.stdout.write(_("Mot de passe commun des comptes générés : %s") % PASSWORD)
        return None
