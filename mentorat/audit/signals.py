"""Logins, failures, logouts and role changes, wherever they come from (allauth, admin)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, pre_save
from django.dispatch import receiver

from mentorat.accounts.models import User

from .enums import AuditAction
from .services import audit_log


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit_log(AuditAction.LOGIN, request=request, actor=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_log(AuditAction.LOGOUT, request=request, actor=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # Only the address tried: never the password.
    tried = credentials.get("email") or credentials.get("username") or credentials.get("login") or ""
    audit_log(AuditAction.LOGIN_FAILED, request=request, target=str(tried)[:200])


@receiver(pre_save, sender=User)
def _role_flags_changed(sender, instance, **kwargs):
    if not instance.pk:
        return
    before = (
        User.objects.filter(pk=instance.pk)
        .values("is_programme_engineer", "is_staff", "is_superuser", "is_active")
        .first()
    )
    if before is None:
        return
    changes = {
        field: [before[field], getattr(instance, field)]
        for field in before
        if before[field] != getattr(instance, field)
    }
    if changes:
        audit_log(AuditAction.ROLE_CHANGED, target=f"user:{instance.pk}", email="", changes=changes)


@receiver(m2m_changed, sender=User.hr_organisations.through)
def _hr_organisations_changed(sender, instance, action, pk_set, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        audit_log(
            AuditAction.ROLE_CHANGED,
            target=f"user:{instance.pk}",
            change=f"hr_organisations {action.split('_')[1]}",
            organisations=sorted(pk_set or []),
        )
