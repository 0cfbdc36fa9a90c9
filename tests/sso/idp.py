"""A real OpenID Connect provider (the certified `oidc-provider` npm package, run by Node.js from
oidc_idp.mjs) on 127.0.0.1, started once per test session and killed at the end.

`sign_in_through_idp` walks the whole authorisation-code flow the way a browser would: the platform's
form, the provider's login page, the callback; the platform itself fetches the discovery document,
the token (with the PKCE verifier) and the keys over HTTP from the running provider."""

import json
import os
import subprocess
import threading
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests
from django.urls import reverse

from mentorat.sso.providers import providers_settings
from tests.external import REPO_ROOT, node_package, program

IDP_SCRIPT = Path(__file__).with_name("oidc_idp.mjs")
# Redirect and post-logout URIs the test provider accepts: the test client's host and the live server's.
REDIRECT_PATTERN = r"^http://(testserver|localhost:\d+|127\.0\.0\.1:\d+)/comptes/(oidc/[^/]+/login/callback/|login/)"
OWN_DOMAIN = "cpam-test.fr"
# Providers of the misbehaving clients (oidc_idp.mjs), each owning a domain of its own.
TAMPERED = ("wrong-aud", "expired", "bad-signature", "wrong-nonce", "wrong-iss", "jwt-userinfo")


class TestIdp:
    def __init__(self, issuer, accounts_file):
        self.issuer = issuer
        self.accounts_file = accounts_file

    def add_account(self, login, **claims):
        """A person the provider knows; `claims` are what it asserts (email, email_verified, names)."""
        accounts = json.loads(self.accounts_file.read_text())
        claims.setdefault("email", login)
        claims.setdefault("email_verified", True)
        accounts[login] = {"claims": claims}
        self.accounts_file.write_text(json.dumps(accounts))
        return login

    def entries(self, **overrides):
        """SSO_PROVIDERS entries: `idp` owns OWN_DOMAIN; `idp-<name>` (client `mentorat-<name>`) owns
        `<name>.test`."""
        main = {
            "id": "idp",
            "name": "Fournisseur de test",
            "protocol": "openid_connect",
            "server_url": self.issuer,
            "client_id": "mentorat",
            "secret": "mentorat-secret",
            "token_auth_method": "client_secret_basic",
            "scope": ["openid", "email", "profile"],
            "auth_params": {"acr_values": "eidas1"},
            "domains": [OWN_DOMAIN],
            "organisations": {OWN_DOMAIN: "CPAM-TEST"},
            "mfa_amr": ["mfa"],
            "mfa_acr": ["eidas2"],
            **overrides,
        }
        tampered = [
            {
                "id": f"idp-{name}",
                "server_url": self.issuer,
                "client_id": f"mentorat-{name}",
                "secret": f"mentorat-{name}-secret",
                "token_auth_method": "client_secret_basic",
                "scope": ["openid", "email", "profile"],
                "domains": [f"{name}.test"],
            }
            for name in TAMPERED
        ]
        return [main, *tampered]


@pytest.fixture(scope="session")
def oidc_idp(tmp_path_factory):
    node = program("node")
    node_package("oidc-provider")
    folder = tmp_path_factory.mktemp("oidc-idp")
    accounts = folder / "accounts.json"
    accounts.write_text("{}")
    log = (folder / "idp.log").open("w")
    env = {
        **os.environ,
        "IDP_ACCOUNTS_FILE": str(accounts),
        "IDP_PORT": "0",
        "IDP_REDIRECT_PATTERN": REDIRECT_PATTERN,
    }
    process = subprocess.Popen(
        [node, str(IDP_SCRIPT)], cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=log, text=True
    )
    timer = threading.Timer(30, process.kill)  # a provider that never says READY fails the fixture
    timer.start()
    line = process.stdout.readline()
    timer.cancel()
    if not line.startswith("READY "):
        process.kill()
        process.stdout.close()
        log.close()
        pytest.fail(f"the test OpenID provider did not start: {(folder / 'idp.log').read_text()[-2000:]}")
    try:
        yield TestIdp(line.split()[1], accounts)
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
        process.stdout.close()
        log.close()


@pytest.fixture
def sso_settings(oidc_idp, settings):
    """The platform configured with the test provider (and CPAM-TEST, the organisation it maps)."""
    from tests.factories import OrganisationFactory

    settings.SOCIALACCOUNT_PROVIDERS = providers_settings(oidc_idp.entries())
    OrganisationFactory(code="CPAM-TEST", name="CPAM de test")
    return settings


def follow_idp(authorize_url, login, *, mfa=False, stop_at="http://testserver"):
    """What a browser does at the provider: its login page, then its redirects until the callback.
    Returns the callback URL (on `stop_at`)."""
    session = requests.Session()
    url = authorize_url
    for _ in range(12):
        response = session.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200 and "/interaction/" in url:
            data = {"login": login, **({"mfa": "on"} if mfa else {})}
            response = session.post(url + "/login", data=data, allow_redirects=False, timeout=10)
        assert response.status_code in (302, 303), (url, response.status_code, response.text[:300])
        url = urljoin(url, response.headers["Location"])
        if url.startswith(stop_at):
            return url
    raise AssertionError("the provider never sent the browser back")


def start_sign_in(client, email, **extra):
    response = client.post(reverse("sso:organisation_login"), {"email": email, **extra})
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def sign_in_through_idp(client, email, *, login=None, mfa=False, **extra):
    """The whole flow for `email` (the provider's account `login`, by default the same); returns the
    platform's answer to the callback."""
    callback = follow_idp(start_sign_in(client, email, **extra), login or email, mfa=mfa)
    return client.get(callback.removeprefix("http://testserver"))


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")
