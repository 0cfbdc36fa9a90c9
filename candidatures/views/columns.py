"""The columns the application lists sort by (mentorat/core/sorting.py): the engineer's list and an HR
referent's tracking page share them."""

from django.utils.translation import gettext_lazy as _

from mentorat.core.sorting import SortColumn, in_choices_order

from ..enums import ApplicationRole, ApplicationStatus

APPLICATION_SORT_COLUMNS = {
    "nom": SortColumn(_("Nom"), ("user__last_name", "user__first_name", "role")),
    "organisme": SortColumn(_("Organisme"), ("organisation__code", "user__last_name")),
    "branche": SortColumn(_("Branche"), ("organisation__branch__name", "user__last_name")),
    "role": SortColumn(_("Rôle"), (in_choices_order("role", ApplicationRole), "user__last_name")),
    "parcours": SortColumn(_("Parcours"), ("track__code", "user__last_name")),
    "statut": SortColumn(_("Statut"), (in_choices_order("status", ApplicationStatus), "user__last_name")),
    "depot": SortColumn(_("Déposée le"), ("submitted_at",), descending_first=True),
    "decision": SortColumn(_("Décision le"), ("decided_at",), descending_first=True),
}
