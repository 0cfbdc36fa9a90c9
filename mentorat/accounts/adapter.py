from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import gettext as _

from mentorat.core.emails import queue_email


def email_domain_allowed(email):
    """Sign-up is limited to SIGNUP_EMAIL_DOMAINS (sub-domains included); an empty list allows any."""
    allowed = settings.SIGNUP_EMAIL_DOMAINS
    if not allowed:
        return True
    domain = email.rsplit("@", 1)[-1].lower()
    return any(domain == d or domain.endswith("." + d) for d in allowed)


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        email = super().clean_email(email).strip().lower()
        if not email_domain_allowed(email):
            raise forms.ValidationError(
                _("Seules les adresses professionnelles de la Sécurité sociale sont acceptées (%(domains)s).")
                % {"domains": ", ".join("@" + d for d in settings.SIGNUP_EMAIL_DOMAINS)}
            )
        return email

    def send_mail(self, template_prefix, email, context):
        # Same rendering as allauth, but the sending goes through our task after commit:
        # no web request waits on SMTP.
        ctx = {"request": self.request, "email": email, "current_site": get_current_site(self.request), **context}
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
        )
