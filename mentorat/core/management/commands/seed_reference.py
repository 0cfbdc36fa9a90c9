from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorat.core.services import CREATED, UPDATED, reference_data_load

KIND_LABELS = {
    "branches": gettext_lazy("Branches"),
    "organisations": gettext_lazy("Organismes"),
    "themes": gettext_lazy("Thèmes"),
    "programmes": gettext_lazy("Programmes"),
    "tracks": gettext_lazy("Parcours"),
    "resources": gettext_lazy("Pages de ressources"),
}


def write_reference_counts(stdout, counts):
    """One line per kind of reference data: how many rows, how many created or updated now."""
    for kind, label in KIND_LABELS.items():
        stdout.write(
            _("%(label)s : %(total)d (création : %(created)d, mise à jour : %(updated)d)")
            % {
                "label": label,
                "total": counts[kind].total(),
                "created": counts[kind][CREATED],
                "updated": counts[kind][UPDATED],
            }
        )


class Command(BaseCommand):
    help = (
        "Charge les données de référence : branches, organismes, thèmes, programme 2026-2027 et ses parcours. "
        "Sans effet si elles sont déjà à jour."
    )

    def handle(self, *args, **options):
        counts = reference_data_load()
        write_reference_counts(self.stdout, counts)
        self.stdout.write(self.style.SUCCESS(_("Données de référence à jour.")))
