"""Identity providers: read from the environment into allauth's settings, and picked by e-mail domain.

One JSON list (SSO_PROVIDERS, or the file named by SSO_PROVIDERS_FILE) describes every provider; each
entry becomes one allauth app (``SOCIALACCOUNT_PROVIDERS[protocol]["APPS"]``). What allauth does not
know, the platform keeps under the app's ``settings["mentorat"]``: the e-mail domains the provider
owns, the organisation proposed for each domain and the claims that mean a second factor was used.
Apps created in the admin (allauth's SocialApp) carry the same keys in their settings field.
"""

import json

from django.core.exceptions import ImproperlyConfigured

PROTOCOLS = ("openid_connect", "saml")
# Claims that mean "the person used a second factor" (RFC 8176 amr values), unless the entry says.
DEFAULT_MFA_AMR = ("mfa",)
# The SAML AuthnContextClassRef values that mean the same (ADFS, Entra ID; REFEDS MFA), unless the entry says.
DEFAULT_MFA_AUTHN_CONTEXTS = ("http://schemas.microsoft.com/claims/multipleauthn", "https://refeds.org/profile/mfa")


def _oidc_app(entry, options):
    settings = {
        "server_url": entry["server_url"],
        # PKCE (S256) unless the provider refuses unknown parameters (ProConnect: "pkce": false); the
        # state is allauth's, one use only.
        "oauth_pkce_enabled": bool(entry.get("pkce", True)),
        "fetch_userinfo": entry.get("fetch_userinfo", True),
        "mentorat": options,
    }
    for key in ("scope", "auth_params", "token_auth_method", "openid_configuration_overrides", "uid_field"):
        if key in entry:
            settings[key] = entry[key]
    return {
        "provider_id": entry["id"],
        "name": entry.get("name", entry["id"]),
        "client_id": entry["client_id"],
        "secret": entry.get("secret", ""),
        "settings": settings,
    }


def _saml_app(entry, options):
    settings = {key: entry[key] for key in ("idp", "sp", "advanced", "attribute_mapping") if key in entry}
    settings["mentorat"] = options
    return {
        "provider_id": entry["id"],
        "name": entry.get("name", entry["id"]),
        # allauth's SAML URLs are /comptes/saml/<client_id>/...
        "client_id": entry["id"],
        "settings": settings,
    }


def providers_settings(entries):
    """SOCIALACCOUNT_PROVIDERS for a list of provider entries (see the module docstring)."""
    result = {
        "openid_connect": {"APPS": []},
        "saml": {"APPS": []},
    }
    for entry in entries:
        protocol = entry.get("protocol", "openid_connect")
        if protocol not in PROTOCOLS or not entry.get("id"):
            raise ImproperlyConfigured(f"SSO_PROVIDERS: each entry needs an id and a protocol among {PROTOCOLS}.")
        options = {
            "domains": sorted({d.lower().lstrip("@") for d in entry.get("domains", [])}),
            "organisations": {k.lower(): v for k, v in entry.get("organisations", {}).items()},
            "mfa_amr": list(entry.get("mfa_amr", DEFAULT_MFA_AMR)),
            "mfa_acr": list(entry.get("mfa_acr", [])),
            "mfa_authn_contexts": list(entry.get("mfa_authn_contexts", DEFAULT_MFA_AUTHN_CONTEXTS)),
            # SAML assertions seldom say whether the address was checked: the entry may vouch for it.
            "email_verified": bool(entry.get("email_verified", False)),
            # The address typed on the platform's form, passed on so the person does not type it again.
            "login_hint": bool(entry.get("login_hint", True)),
        }
        if not options["domains"]:
            raise ImproperlyConfigured(f"SSO_PROVIDERS: {entry['id']} owns no e-mail domain.")
        app = _oidc_app(entry, options) if protocol == "openid_connect" else _saml_app(entry, options)
        result[protocol]["APPS"].append(app)
    return result


def providers_from_env(env):
    raw = env.str("SSO_PROVIDERS", default="")
    path = env.str("SSO_PROVIDERS_FILE", default="")
    if path:
        with open(path, encoding="utf-8") as handle:
            raw = handle.read()
    entries = json.loads(raw) if raw.strip() else []
    if not isinstance(entries, list):
        raise ImproperlyConfigured("SSO_PROVIDERS must be a JSON list.")
    return providers_settings(entries)


def app_options(app):
    """The platform's own settings of an allauth app (domains, organisations, MFA claims)."""
    return (app.settings or {}).get("mentorat", {})


def email_domain(email):
    return (email or "").rsplit("@", 1)[-1].strip().lower()


def owns_domain(app, domain):
    """Whether the provider answers for this domain (its sub-domains included)."""
    return any(domain == d or domain.endswith("." + d) for d in app_options(app).get("domains", []))


def app_for_email(request, email):
    """The allauth app of the provider that owns the e-mail's domain, or None."""
    from allauth.socialaccount.adapter import get_adapter

    domain = email_domain(email)
    if not domain:
        return None
    for protocol in PROTOCOLS:
        for app in get_adapter().list_apps(request, provider=protocol):
            if owns_domain(app, domain):
                return app
    return None


def organisation_code_for(app, email):
    """The organisation the provider's mapping proposes for an address (the longest matching domain)."""
    domain = email_domain(email)
    best = None
    for mapped, code in app_options(app).get("organisations", {}).items():
        if (domain == mapped or domain.endswith("." + mapped)) and (best is None or len(mapped) > len(best[0])):
            best = (mapped, code)
    return best[1] if best else None


def provider_origins(providers):
    """Origins the browser is sent to (authorisation, SAML SSO/SLO): the CSP form-action needs them,
    since the login form's answer is a redirect there."""
    from urllib.parse import urlsplit

    origins = set()
    for app in providers.get("openid_connect", {}).get("APPS", []):
        parts = urlsplit(app["settings"]["server_url"])
        origins.add(f"{parts.scheme}://{parts.netloc}")
    for app in providers.get("saml", {}).get("APPS", []):
        idp = app["settings"].get("idp", {})
        for key in ("sso_url", "slo_url", "entity_id", "metadata_url"):
            if idp.get(key, "").startswith(("http://", "https://")):
                parts = urlsplit(idp[key])
                origins.add(f"{parts.scheme}://{parts.netloc}")
    return sorted(origins)
