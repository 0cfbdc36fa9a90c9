from allauth.socialaccount.adapter import get_adapter
from django import template

from ..forms import OrganisationLoginForm
from ..providers import PROTOCOLS

register = template.Library()


@register.inclusion_tag("sso/organisation_login_form.html", takes_context=True)
def organisation_login_form(context):
    """The « Se connecter avec mon organisation » form, shown when a provider is configured."""
    request = context.get("request")
    enabled = any(get_adapter().list_apps(request, provider=protocol) for protocol in PROTOCOLS)
    return {
        "enabled": enabled,
        "form": OrganisationLoginForm(),
        "csrf_token": context.get("csrf_token"),
        "next": request.GET.get("next", "") if request is not None else "",
    }
