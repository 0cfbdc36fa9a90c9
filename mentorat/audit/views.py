from django.core.paginator import Paginator
from django.shortcuts import render

from mentorat.accounts.decorators import role_required
from mentorat.core.enums import Role

from .enums import AuditAction
from .models import AuditEvent


@role_required(Role.PROGRAMME_ENGINEER)
def audit_list(request):
    events = AuditEvent.objects.all()
    action = request.GET.get("action", "")
    if action in AuditAction.values:
        events = events.filter(action=action)
    who = request.GET.get("q", "").strip()[:100]
    if who:
        events = events.filter(actor_email__icontains=who)
    page = Paginator(events.order_by("-at"), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/list.html",
        {"page": page, "actions": AuditAction.choices, "action": action, "q": who, "query": query.urlencode()},
    )
