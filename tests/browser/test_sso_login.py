"""A new person signs in through a real OpenID Connect provider (tests/sso/oidc_idp.mjs) in Chromium:
the platform's form, the provider's page, the dashboard."""

import pytest

from mentorat.accounts.models import User
from mentorat.sso.providers import provider_origins, providers_settings
from tests.factories import OrganisationFactory
from tests.sso.idp import OWN_DOMAIN, oidc_idp  # noqa: F401


@pytest.fixture
def sso_live(oidc_idp, settings, transactional_db):  # noqa: F811
    settings.SOCIALACCOUNT_PROVIDERS = providers_settings(oidc_idp.entries())
    # The answer to the platform's form is a redirect to the provider: CSP form-action lists it, as
    # settings.py does from SSO_PROVIDERS.
    policy = {**settings.CONTENT_SECURITY_POLICY, "DIRECTIVES": dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])}
    policy["DIRECTIVES"]["form-action"] = [
        *policy["DIRECTIVES"]["form-action"],
        *provider_origins(settings.SOCIALACCOUNT_PROVIDERS),
    ]
    settings.CONTENT_SECURITY_POLICY = policy
    OrganisationFactory(code="CPAM-TEST", name="CPAM de test")
    return oidc_idp


def test_a_new_person_signs_in_with_their_organisation_and_lands_on_their_dashboard(new_page, sso_live):
    email = sso_live.add_account(f"nadia@{OWN_DOMAIN}", given_name="Nadia", family_name="Benali")
    page = new_page()
    page.goto("/comptes/login/")
    page.get_by_label("Votre adresse électronique professionnelle").fill(email)
    page.get_by_role("button", name="Se connecter avec mon organisation").click()
    page.wait_for_url(f"{sso_live.issuer}/interaction/**")
    assert page.get_by_label("Identifiant").input_value() == email  # the platform sent a login_hint
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url("**/tableau-de-bord/**")
    assert "Nadia" in page.content()
    user = User.objects.get(email=email)
    assert (user.first_name, user.last_name, user.organisation.code) == ("Nadia", "Benali", "CPAM-TEST")
