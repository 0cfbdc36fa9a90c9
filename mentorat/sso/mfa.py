"""A second factor asserted by the organisation's provider stands for the platform's own TOTP.

The provider says how the person authenticated: OpenID Connect in the ID token, `amr` (RFC 8176, e.g.
"mfa") or `acr` (e.g. ProConnect's "eidas2"); SAML in the signed assertion's AuthnContextClassRef (e.g.
ADFS's "http://schemas.microsoft.com/claims/multipleauthn"). Only the values listed for that provider
(SSO_PROVIDERS: mfa_amr, mfa_acr, mfa_authn_contexts) count. The session remembers it (SESSION_KEY) for the enrolment rule of
mentorat.accounts.middleware; allauth's own second-factor step is skipped for such a login.
"""

from allauth.mfa.stages import AuthenticateStage

from .providers import app_options
from .saml import assertion_data

SESSION_KEY = "sso_mfa_provider"


def mfa_asserted(request, sociallogin):
    """Whether this social login's provider asserted a second factor it is trusted for."""
    if sociallogin is None:
        return False
    options = app_options(sociallogin.account.get_provider(request).app)
    saml_data = assertion_data(sociallogin)
    if saml_data:
        # python3-saml read them from the assertion whose signature it checked.
        return bool(set(saml_data.get("authn_contexts") or []) & set(options.get("mfa_authn_contexts", [])))
    data = sociallogin.account.extra_data or {}
    id_token = data.get("id_token") or {}
    if not id_token:
        return False  # only the signed ID token counts, not the userinfo or a SAML attribute
    amr = id_token.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if set(amr) & set(options.get("mfa_amr", [])):
        return True
    return bool(id_token.get("acr")) and id_token.get("acr") in options.get("mfa_acr", [])


def session_has_sso_mfa(request):
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(SESSION_KEY))


class SsoAwareAuthenticateStage(AuthenticateStage):
    """allauth's second-factor step, skipped when the provider asserted one."""

    def _should_handle(self, request):
        sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
        if mfa_asserted(request, sociallogin):
            return False
        return super()._should_handle(request)
