"""Failed logins: how django-axes names the account tried, the page of a locked-out login, and the
e-mail that tells a person their account is being tried.

Nobody's account is ever locked as a whole: django-axes locks an account from one address only
(settings AXES_*), so that someone else cannot keep a named person out. Instead the person hears of
the failures: at the LOGIN_FAILURES_WARNING-th failure within an hour, wherever it came from, once an
hour at most. The failures are counted in the audit trail, which records each one."""

import datetime

from django.conf import settings
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone

from mentorat.audit.enums import AuditAction
from mentorat.audit.models import AuditEvent
from mentorat.audit.services import audit_log
from mentorat.core.emails import send_templated_email

from .models import User

WARNING_WINDOW = datetime.timedelta(hours=1)


def login_attempt_username(request, credentials):
    """The account a login attempt is for, as django-axes counts it: the address typed, in lower case,
    so that "Marie@…" and "marie@…" are one account to the lock-out as they are to the login."""
    if credentials:
        tried = credentials.get("email") or credentials.get("username") or ""
    else:
        data = getattr(request, "POST", {}) if request is not None else {}
        tried = data.get("login", "") or data.get("email", "")
    return str(tried).strip().lower()[:255] or None


def lockout_response(request, original_response=None, credentials=None):
    """The page of a login refused by the lock-out: in French, with how long to wait (HTTP 429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "account/lockout.html", {"cooloff_minutes": minutes}, status=429)


def login_failures_warn(*, email, now=None):
    """E-mail the person whose account `email` was just tried without success, when that is the
    LOGIN_FAILURES_WARNING-th failure within an hour and they were not warned within the hour.
    Returns the number of failures counted when a warning is queued, else None. Nothing is sent for an
    address without an account, and the login page answers the same either way (no enumeration)."""
    email = (email or "").strip().lower()
    if not email:
        return None
    now = now or timezone.now()
    since = now - WARNING_WINDOW
    with transaction.atomic():
        # One warning even when two failures arrive together: the person's row is the lock.
        user = User.objects.select_for_update().filter(email__iexact=email, is_active=True).first()
        if user is None:
            return None
        failures = AuditEvent.objects.filter(
            action=AuditAction.LOGIN_FAILED, target__iexact=email, at__gt=since
        ).count()
        if failures < settings.LOGIN_FAILURES_WARNING:
            return None
        target = f"user:{user.pk}"
        if AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILURES_WARNED, target=target, at__gt=since).exists():
            return None
        addresses = (
            AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, target__iexact=email, at__gt=since)
            .exclude(ip_address=None)
            .values("ip_address")
            .distinct()
            .count()
        )
        audit_log(AuditAction.LOGIN_FAILURES_WARNED, actor=None, target=target, failures=failures)
        send_templated_email(
            "login_failures",
            to=user.email,
            context={"person": user, "failures": failures, "addresses": addresses, "at": now},
            key=f"login-failures:{user.pk}:{now:%Y%m%d%H%M}",
        )
    return failures
