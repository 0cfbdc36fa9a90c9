from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site

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

    def send_mail(self, template_prefix, email, context):
        # Same rendering as allauth, but the sending goes through our task after commit:
        # no web request waits on SMTP.
        # SITE_URL and SUPPORT_EMAIL also come from the context processor, but not when an email
        # is sent outside a request (management command, shell).
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
