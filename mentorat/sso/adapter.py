"""allauth's social accounts, held to the platform's rules.

A provider signs in only addresses of the domains it owns, and only addresses it has verified:
anything else is refused before allauth looks for an account to sign into, so a provider that does
not own a domain can neither create nor take over an account of that domain.
"""

import logging

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.shortcuts import render

from mentorat.accounts.adapter import email_domain_allowed
from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log

from .providers import app_options, email_domain, organisation_code_for, owns_domain

logger = logging.getLogger(__name__)

NONCE_STATE_KEY = "sso_nonce"


class SsoRefused(Exception):
    """A sign-in the platform refuses; `reason` goes to the audit trail, never to the page."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _claims(sociallogin):
    data = sociallogin.account.extra_data or {}
    # OpenID Connect: allauth keeps the ID token's claims and the userinfo's side by side.
    if "id_token" in data or "userinfo" in data:
        merged = dict(data.get("id_token") or {})
        merged.update(data.get("userinfo") or {})
        return merged
    return data


def _first(value):
    if isinstance(value, list | tuple):
        return value[0] if value else ""
    return value or ""


def check_sociallogin(request, sociallogin):
    """Raise SsoRefused unless this sign-in may go on (see the module docstring)."""
    provider = sociallogin.account.get_provider(request)
    app = provider.app
    if provider.id == "openid_connect":
        # The nonce travels in allauth's state (one use): an ID token minted for another login attempt,
        # or a login not started by the platform's own form, has none or another one.
        expected = (sociallogin.state or {}).get(NONCE_STATE_KEY)
        id_token = (sociallogin.account.extra_data or {}).get("id_token") or {}
        if not expected or id_token.get("nonce") != expected:
            raise SsoRefused("nonce")
    addresses = [a for a in sociallogin.email_addresses if a.email]
    if not addresses:
        raise SsoRefused("no_email")
    address = addresses[0]
    domain = email_domain(address.email)
    if not owns_domain(app, domain):
        raise SsoRefused("domain_not_owned")
    if not (address.verified or app_options(app).get("email_verified")):
        raise SsoRefused("email_unverified")
    if not email_domain_allowed(address.email):
        raise SsoRefused("domain_not_allowed")
    # The one address the account gets: the provider's, lower-cased, verified.
    address.email = address.email.strip().lower()
    address.verified = True
    address.primary = True
    sociallogin.email_addresses = [address]
    return app


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def pre_social_login(self, request, sociallogin):
        try:
            check_sociallogin(request, sociallogin)
        except SsoRefused as refused:
            audit_log(
                AuditAction.SSO_REFUSED,
                request=request,
                target=f"provider:{sociallogin.account.provider}",
                reason=refused.reason,
                email=_first([a.email for a in sociallogin.email_addresses]),
            )
            page = render(request, "sso/refused.html", {"reason": refused.reason}, status=403)
            raise ImmediateHttpResponse(page) from refused
        if sociallogin.user.pk and not sociallogin.account.pk:
            # An account but no social account yet: allauth found it by its verified address (after
            # the checks above) and is about to link it.
            audit_log(
                AuditAction.SSO_LINKED,
                request=request,
                actor=sociallogin.user,
                target=f"user:{sociallogin.user.pk}",
                provider=sociallogin.account.provider,
            )

    def generate_state_param(self, state):
        # ProConnect requires 32 characters at least (allauth makes 16).
        from django.utils.crypto import get_random_string

        return get_random_string(43)

    def is_open_for_signup(self, request, sociallogin):
        # The password sign-up may be closed; an organisation's provider still creates accounts.
        return True

    def is_auto_signup_allowed(self, request, sociallogin):
        # check_sociallogin ran: the address is verified and of the provider's own domain.
        return True

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        claims = _claims(sociallogin)
        # ProConnect names the family name `usual_name`; SAML attributes come as lists.
        user.first_name = _first(claims.get("given_name") or data.get("first_name"))[:150]
        user.last_name = _first(claims.get("family_name") or claims.get("usual_name") or data.get("last_name"))[:150]
        app = sociallogin.account.get_provider(request).app
        code = organisation_code_for(app, user.email)
        if code:
            from mentorat.core.models import Organisation

            user.organisation = Organisation.objects.filter(code=code, is_active=True).first()
        return user

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        audit_log(
            AuditAction.SSO_REFUSED,
            request=request,
            target=f"provider:{getattr(provider, 'app', None) and provider.app.provider_id or provider.id}",
            reason=str(error or "error")[:50],
            detail=exception.__class__.__name__ if exception else "",
        )
        if exception is not None:
            logger.warning("SSO authentication error with %s: %r", provider.id, exception)
