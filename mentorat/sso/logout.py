"""Single logout: logging out of the platform also ends the session at the provider, which then sends
the person back to the login page.

OpenID Connect providers that publish an end_session_endpoint (ProConnect, Entra ID): RP-initiated
logout, with the ID token as hint. SAML providers with a single logout service (`idp.slo_url`): a
LogoutRequest naming the assertion's NameID and SessionIndex (saml.py); the provider's LogoutResponse,
and a LogoutRequest it starts itself, come back to allauth's SLS URL (/comptes/saml/<id>/sls/)."""

import logging
from urllib.parse import urlencode

import requests
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.urls import reverse
from django.utils.crypto import get_random_string

from . import saml

logger = logging.getLogger(__name__)

SESSION_KEY = "sso_logout"
SAML_SESSION_KEY = "sso_logout_saml"
PENDING_KEY = "sso_logout_pending"


def remember_id_token(request, provider_id, id_token):
    """Kept in the session by the callback, for the logout once the login succeeded (signals.py): the
    login may end in a later request (the TOTP code, when the provider asserted no second factor)."""
    request.session[PENDING_KEY] = [provider_id, id_token]


def store_for_logout(request, sociallogin):
    """What the logout will need, from the login that just succeeded (`sociallogin` None: a password login)."""
    pending = request.session.pop(PENDING_KEY, None)
    if sociallogin is None:
        return
    if pending and sociallogin.account.provider == pending[0]:
        request.session[SESSION_KEY] = list(pending)
    data = saml.assertion_data(sociallogin)
    if data.get("name_id"):
        request.session[SAML_SESSION_KEY] = [sociallogin.account.provider, data]


def provider_logout_url(request):
    """The provider's logout URL for the session being ended, or None."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    if session.get(SAML_SESSION_KEY):
        slug, data = session[SAML_SESSION_KEY]
        return saml.logout_redirect_url(request, slug, data)
    pending = session.get(SESSION_KEY)
    if not pending:
        return None
    provider_id, id_token = pending
    try:
        adapter = OpenIDConnectOAuth2Adapter(request, provider_id)
        end_session = adapter.openid_config.get("end_session_endpoint")
        client_id = adapter.get_provider().app.client_id
    except (requests.RequestException, OAuth2Error, ValueError, LookupError) as error:
        logger.warning("SSO logout: provider %s unreachable (%r); local logout only", provider_id, error)
        return None
    if not end_session:
        return None
    query = {
        "id_token_hint": id_token,
        "client_id": client_id,
        "state": get_random_string(32),
        "post_logout_redirect_uri": settings.SITE_URL + reverse("account_login"),
    }
    return f"{end_session}?{urlencode(query)}"
