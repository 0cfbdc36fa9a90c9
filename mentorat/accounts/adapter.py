from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from mentorat.core.client_ip import client_ip
from mentorat.core.emails import queue_email


def email_domain_allowed(email):
    """Sign-up is limited to SIGNUP_EMAIL_DOMAINS (sub-domains included); an empty list allows any."""
    allowed = settings.SIGNUP_EMAIL_DOMAINS
    if not allowed:
        return True
    domain = email.rsplit("@", 1)[-1].lower()
    return any(domain == d or domain.endswith("." + d) for d in allowed)


def email_domains_display():
    """The allowed domains as shown to people: "@assurance-maladie.fr, @caf.fr"."""
    return ", ".join("@" + d for d in settings.SIGNUP_EMAIL_DOMAINS)


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        return super().clean_email(email).strip().lower()

    def get_client_ip(self, request):
        # allauth's rate limits count per client: the same address as the audit trail and the lock-out.
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def pre_authenticate(self, request, **credentials):
        # Failed passwords are counted by django-axes per account and address (settings AXES_*):
        # allauth's own count per address, then per account, is not consumed. Second-factor codes
        # keep allauth's "login_failed" limit, which they consume elsewhere.
        pass

    def get_login_stages(self):
        # A second factor asserted by the organisation's provider stands for the TOTP (mentorat/sso/mfa.py).
        return [
            "mentorat.sso.mfa.SsoAwareAuthenticateStage" if stage == "allauth.mfa.stages.AuthenticateStage" else stage
            for stage in super().get_login_stages()
        ]

    def get_logout_redirect_url(self, request):
        # Signed in through a provider with single logout: its own logout page, then back here. allauth
        # asks before it flushes the session.
        from mentorat.sso.logout import provider_logout_url

        return provider_logout_url(request) or super().get_logout_redirect_url(request)

    def authentication_failed(self, request, **credentials):
        from .login_alerts import login_failures_warn

        login_failures_warn(email=credentials.get("email"))

    # Links in account emails start with SITE_URL, never with the request's Host header: allauth
    # builds them with request.build_absolute_uri(), so a request sent with a forged Host (or reaching
    # us by an internal name behind the proxy) would mail a password-reset link to another site.

    def get_email_confirmation_url(self, request, emailconfirmation):
        return settings.SITE_URL + reverse("account_confirm_email", args=[emailconfirmation.key])

    def get_reset_password_from_key_url(self, key):
        # allauth's own way of putting its opaque key into the "uidb36-key" route.
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return settings.SITE_URL + path.replace("UID-KEY", quote(key))

    def _on_site_url(self, value):
        """An absolute URL on the request's host, moved to SITE_URL (the sign-up and password-reset
        links that allauth's flows build without asking the adapter)."""
        if self.request is None or not isinstance(value, str) or not value.startswith(("http://", "https://")):
            return value
        parts = urlsplit(value)
        if parts.netloc != self.request.get_host():
            return value
        return settings.SITE_URL + parts._replace(scheme="", netloc="").geturl()

    def send_mail(self, template_prefix, email, context):
        # Same rendering as allauth, but the sending goes through our task after commit:
        # no web request waits on SMTP.
        # SITE_URL and SUPPORT_EMAIL also come from the context processor, but not when an email
        # is sent outside a request (management command, shell).
        context = {key: self._on_site_url(value) for key, value in context.items()}
        ctx = {
            "request": self.request,
            "email": email,
            "current_site": get_current_site(self.request),
            "SITE_URL": settings.SITE_URL,
            "SUPPORT_EMAIL": settings.SUPPORT_EMAIL,
            **context,
        }
        message = self.render_mail(template_prefix, email, ctx)
        html_body = None
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html_body = content
        queue_email(
            to=message.to,
            subject=message.subject,
            text_body=message.body,
            html_body=html_body,
            from_email=message.from_email,
            kind=f"account/{template_prefix.rsplit('/', 1)[-1]}",
        )
