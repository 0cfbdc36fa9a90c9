from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mentorat.accounts.decorators import role_required
from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log
from mentorat.core.enums import Role
from mentorat.core.sorting import SortColumn, Sorting

from . import selectors, services
from .enums import EmailState
from .models import OutboxEmail

PER_PAGE = 50

FAILED_SORT_COLUMNS = {
    "date": SortColumn(gettext_lazy("Échec le"), ("failed_at",), descending_first=True),
    "type": SortColumn(gettext_lazy("Type"), ("kind", "-failed_at")),
    "tentatives": SortColumn(gettext_lazy("Tentatives"), ("attempts", "-failed_at"), descending_first=True),
}
WAITING_SORT_COLUMNS = {
    "date": SortColumn(gettext_lazy("Écrit le"), ("created_at",)),
    "type": SortColumn(gettext_lazy("Type"), ("kind", "next_attempt_at")),
    "prochaine": SortColumn(gettext_lazy("Prochaine tentative"), ("next_attempt_at",)),
}


@role_required(Role.PROGRAMME_ENGINEER)
def engineer_outbox(request):
    failed_sorting = Sorting(request.GET, FAILED_SORT_COLUMNS, default="-date", param="tri_echecs", page_param="echecs")
    waiting_sorting = Sorting(
        request.GET, WAITING_SORT_COLUMNS, default="prochaine", param="tri_attente", page_param="attente"
    )
    failed = Paginator(failed_sorting.apply(selectors.failed_emails()), PER_PAGE).get_page(request.GET.get("echecs"))
    waiting = Paginator(waiting_sorting.apply(selectors.waiting_emails()), PER_PAGE).get_page(
        request.GET.get("attente")
    )
    return render(
        request,
        "outbox/engineer_outbox.html",
        {
            "states": EmailState.labels,
            "counts": selectors.counts_by_kind(),
            "failed": failed,
            "failed_rows": selectors.with_labels(list(failed)),
            "waiting": waiting,
            "waiting_rows": selectors.with_labels(list(waiting)),
            "stalled_since": selectors.stalled_since(),
            "failed_sorting": failed_sorting,
            "waiting_sorting": waiting_sorting,
        },
    )


@require_POST
@role_required(Role.PROGRAMME_ENGINEER)
def resend(request, pk):
    email = get_object_or_404(OutboxEmail, pk=pk)
    if services.email_resend(email=email):
        audit_log(AuditAction.EMAIL_RESENT, request=request, target=f"email:{email.pk}", kind=email.kind)
        messages.success(request, _("L'e-mail repart : il quitte la file d'envoi dans quelques instants."))
    else:
        messages.info(request, _("Cet e-mail n'est plus en échec : rien à renvoyer."))
    return redirect("outbox:engineer_outbox")
