"""Single sign-on in the audit trail, and the second factor it brings, remembered for the session.

allauth's own user_logged_in carries the social login (Django's does not)."""

from allauth.account.signals import user_logged_in
from django.dispatch import receiver

from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log

from .logout import store_for_logout
from .mfa import SESSION_KEY, mfa_asserted


@receiver(user_logged_in)
def _sso_logged_in(sender, request, user, sociallogin=None, **kwargs):
    if request is None:
        return
    store_for_logout(request, sociallogin)  # a password login drops an abandoned SSO login's ID token
    if sociallogin is None:
        return
    asserted = mfa_asserted(request, sociallogin)
    if asserted:
        request.session[SESSION_KEY] = sociallogin.account.provider
    else:
        request.session.pop(SESSION_KEY, None)
    audit_log(
        AuditAction.SSO_LOGIN,
        request=request,
        actor=user,
        target=f"provider:{sociallogin.account.provider}",
        mfa=asserted,
    )
