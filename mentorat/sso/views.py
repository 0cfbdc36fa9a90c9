"""Sign in with one's organisation: the address's domain picks the provider."""

import requests
from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.base import AuthProcess
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404
from django.shortcuts import render
from django.utils.crypto import get_random_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from .adapter import NONCE_STATE_KEY
from .forms import OrganisationLoginForm
from .logout import remember_id_token
from .providers import app_for_email, app_options


def _safe_next(request):
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return next_url
    return None


@login_not_required
@require_http_methods(["GET", "POST"])
def organisation_login(request):
    """The « Se connecter avec mon organisation » form (also on the login page): sends the person to
    their provider."""
    if request.method == "GET":
        return render(request, "sso/organisation_login.html", {"form": OrganisationLoginForm()})
    form = OrganisationLoginForm(request.POST)
    app = form.is_valid() and app_for_email(request, form.cleaned_data["email"])
    if not app:
        if form.is_valid():
            form.add_error("email", form.no_provider_error())
        return render(request, "sso/organisation_login.html", {"form": form}, status=400)
    try:
        return _redirect_to_provider(request, app, form.cleaned_data["email"])
    except requests.RequestException:
        # The provider's discovery document did not come: say so, the password form stays.
        form.add_error("email", form.provider_down_error())
        return render(request, "sso/organisation_login.html", {"form": form}, status=503)


def _redirect_to_provider(request, app, email):
    provider = app.get_provider(request)
    next_url = _safe_next(request)
    if provider.id == "openid_connect":
        # allauth keeps the state (and the PKCE verifier) in the session, one use; the nonce rides in it
        # and is compared with the ID token's (adapter.check_sociallogin).
        nonce = get_random_string(43)
        auth_params = provider.get_auth_params()
        auth_params["nonce"] = nonce
        if app_options(app).get("login_hint", True):
            auth_params["login_hint"] = email
        return provider.redirect(
            request, AuthProcess.LOGIN, next_url=next_url, auth_params=auth_params, **{NONCE_STATE_KEY: nonce}
        )
    return provider.redirect(request, AuthProcess.LOGIN, next_url=next_url)


class _SignatureCheckingAdapter(OpenIDConnectOAuth2Adapter):
    """allauth skips the ID token's signature when the token came straight from the token endpoint
    (OpenID Connect Core 3.1.3.7 allows it over TLS); the platform checks it always, against the
    provider's published keys, as well as its issuer, audience and expiry. A userinfo answered as a
    signed JWT (ProConnect: application/jwt) is checked the same way; allauth reads JSON only."""

    def _fetch_user_info(self, access_token):
        headers = {"Authorization": f"Bearer {access_token}"}
        with get_adapter().get_requests_session() as session:
            response = session.get(self.profile_url, headers=headers)
            response.raise_for_status()
        if not response.headers.get("Content-Type", "").startswith("application/jwt"):
            return response.json()
        return jwtkit.verify_and_decode(
            credential=response.text.strip(),
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=self.get_provider().app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )

    def _decode_id_token(self, app, id_token):
        claims = jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )
        remember_id_token(self.request, self.provider_id, id_token)  # for single logout
        return claims


@login_not_required
def oidc_callback(request, provider_id):
    """allauth's OpenID Connect callback (same URL), with the ID token's signature always checked."""
    try:
        return OAuth2CallbackView.adapter_view(_SignatureCheckingAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist as missing:
        raise Http404 from missing
