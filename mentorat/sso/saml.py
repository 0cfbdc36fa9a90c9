"""What allauth's SAML provider reads of an assertion, plus what the platform needs from it: how the
person authenticated (AuthnContextClassRef, for the second factor: mfa.py) and the NameID and
SessionIndex a LogoutRequest must name (single logout: logout.py).

allauth keeps only the attributes; python3-saml has the rest once it has checked the response. The
platform's finish view (same URL as allauth's, mentorat/urls.py) hands allauth a provider that keeps
it beside the attributes, under SESSION_DATA_KEY, which no attribute can overwrite."""

import logging

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.saml.provider import SAMLProvider
from allauth.socialaccount.providers.saml.utils import build_auth
from allauth.socialaccount.providers.saml.views import FinishACSView
from django.conf import settings
from django.urls import reverse
from onelogin.saml2.errors import OneLogin_Saml2_Error

from .providers import app_options

logger = logging.getLogger(__name__)

SESSION_DATA_KEY = "mentorat_saml"


class _ContextKeepingSAMLProvider(SAMLProvider):
    def extract_common_fields(self, data):
        fields = super().extract_common_fields(data)
        # SAML assertions seldom say whether the address was checked; the provider's entry may vouch for
        # it. Said here, before allauth looks the address up, so that an existing account is found and
        # linked (the adapter's domain check still runs before anyone is signed in).
        if app_options(self.app).get("email_verified") and "email_verified" not in fields:
            fields["email_verified"] = True
        return fields

    def extract_extra_data(self, data):
        extra = dict(super().extract_extra_data(data))
        extra[SESSION_DATA_KEY] = {
            "authn_contexts": list(data.get_last_authn_contexts() or []),
            "name_id": data.get_nameid(),
            "name_id_format": data.get_nameid_format(),
            "name_id_nq": data.get_nameid_nq(),
            "name_id_spnq": data.get_nameid_spnq(),
            "session_index": data.get_session_index(),
        }
        return extra


class _FinishACSView(FinishACSView):
    def get_provider(self, organization_slug):
        return _ContextKeepingSAMLProvider(self.request, app=self.get_app(organization_slug))


saml_finish_acs = _FinishACSView.as_view()


def assertion_data(sociallogin):
    """What the signed assertion said beyond its attributes, or {} (not a SAML login)."""
    data = (sociallogin.account.extra_data or {}).get(SESSION_DATA_KEY)
    return data if isinstance(data, dict) else {}


def logout_redirect_url(request, slug, data):
    """The provider's single logout URL carrying a LogoutRequest for the session `data` names (python3-saml
    builds and, if configured, signs it), or None when the provider has no single logout service."""
    try:
        app = get_adapter().get_app(request, provider=SAMLProvider.id, client_id=slug)
        auth = build_auth(request, app.get_provider(request))
        if not auth.get_slo_url():
            return None
        return auth.logout(
            return_to=settings.SITE_URL + reverse("account_login"),
            name_id=data.get("name_id"),
            session_index=data.get("session_index"),
            nq=data.get("name_id_nq"),
            name_id_format=data.get("name_id_format"),
            spnq=data.get("name_id_spnq"),
        )
    except (SocialApp.DoesNotExist, OneLogin_Saml2_Error, LookupError, ValueError) as error:
        logger.warning("SAML logout with %s impossible (%r); local logout only", slug, error)
        return None
