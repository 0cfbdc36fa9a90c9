"""The one way to write the audit trail."""

import datetime

from django.utils import timezone

from mentorat.core.client_ip import client_ip as _client_ip

from .models import AuditEvent

RETENTION = datetime.timedelta(days=365)


def client_ip(request):
    """The client address, read as everywhere else (mentorat.core.client_ip: TRUSTED_PROXY_COUNT)."""
    return _client_ip(request)


def audit_log(action, *, request=None, actor=None, target="", **details):
    """Record one event. `target` names the object ("application:12"), `details` holds ids and
    labels only — never confidential content."""
    if request is None:
        from .middleware import current_request

        request = current_request()
    if (
        actor is None
        and request is not None
        and getattr(request, "user", None) is not None
        and request.user.is_authenticated
    ):
        actor = request.user
    return AuditEvent.objects.create(
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        actor_email=getattr(actor, "email", "") or details.pop("email", ""),
        action=action,
        target=str(target)[:200],
        details=details,
        ip_address=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""),
    )


def audit_purge(*, now=None, wet_run=False):
    """Events older than 12 months: how many (and deleted only with wet_run)."""
    now = now or timezone.now()
    old = AuditEvent.objects.filter(at__lt=now - RETENTION)
    count = old.count()
    if wet_run:
        old.delete()
    return count
