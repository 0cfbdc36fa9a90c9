"""Deny by default: every URL answers anonymous people with a redirect to the login page, except an
explicit public list."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# URL names (or admin/allauth prefixes) that anonymous people may reach.
PUBLIC_NAMES = {
    "core:home",
    "core:accessibility",
    "core:privacy",
    "core:sitemap",
    "core:contact",
    "healthz",
    "favicon",  # browsers ask for it on every site, before and after login
    "candidatures:apply_from_link",
    "sso:organisation_login",  # « Se connecter avec mon organisation », before any login
    "sso:provider_account_disabled",  # a provider's report: its bearer token, never a session (tests/sso)
    "sessions_binome:calendar_feed",  # the token is the key; calendar applications have no session
    # One-click unsubscribe links of e-mails (RFC 8058): the signed token is the key, mail providers
    # post without a session; GET only asks.
    "notifications:unsubscribe",
    "candidatures:invitation_opt_out",
}
PUBLIC_PREFIXES = ("admin/", "comptes/")  # the admin and allauth handle login themselves


def _walk(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), (namespace + entry.name) if entry.name else None


def _concrete(route):
    """A concrete path for a route pattern: every converter gets a plausible value."""
    path = re.sub(r"<int:\w+>", "1", route)
    path = re.sub(r"<(?:str|slug):\w+>", "x", path)
    path = re.sub(r"<uuid:\w+>", "00000000-0000-0000-0000-000000000000", path)
    path = re.sub(r"<path:\w+>", "x", path)
    path = path.replace("^", "").replace("$", "").replace("\\Z", "")
    return "/" + path


def _routes():
    for route, name in _walk(get_resolver()):
        if route.startswith(PUBLIC_PREFIXES) or "(?P" in route:
            continue
        yield pytest.param(route, name, id=name or route)


@pytest.mark.django_db
@pytest.mark.parametrize("route,name", list(_routes()))
def test_anonymous_is_redirected_to_login_except_public(client, route, name):
    response = client.get(_concrete(route))
    if name in PUBLIC_NAMES:
        # 405: a public endpoint that only takes a POST (a provider's report) refuses the GET, unredirected.
        assert response.status_code in (200, 302, 404, 405), response.status_code
        if response.status_code == 302:
            assert reverse("account_login") not in response.url
    else:
        assert response.status_code == 302, f"{route} answered {response.status_code}"
        assert response.url.startswith(reverse("account_login"))


def test_public_list_only_names_existing_routes():
    names = {name for _route, name in _walk(get_resolver())}
    assert PUBLIC_NAMES <= names
