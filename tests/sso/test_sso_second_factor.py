"""Staff who sign in through a provider that asserts a second factor are not asked for the TOTP."""

import pytest
from django.urls import reverse

from mentorat.sso.mfa import SESSION_KEY
from tests.factories import OrganisationFactory, UserFactory

from .idp import OWN_DOMAIN, logged_in_user_id, sign_in_through_idp

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr_person(sso_settings, oidc_idp):
    organisation = OrganisationFactory(code="CPAM-TEST")
    user = UserFactory(email=f"rh@{OWN_DOMAIN}", organisation=organisation, hr_of=[organisation], totp=False)
    oidc_idp.add_account(user.email)
    return user


@pytest.fixture
def engineer_with_totp(sso_settings, oidc_idp):
    user = UserFactory(email=f"ingenieure@{OWN_DOMAIN}", engineer=True)  # TOTP set up
    oidc_idp.add_account(user.email)
    return user


def test_a_second_factor_asserted_by_the_provider_spares_the_totp_set_up(client, hr_person):
    response = sign_in_through_idp(client, hr_person.email, mfa=True)
    assert response["Location"] == reverse("core:dashboard")
    assert client.session[SESSION_KEY] == "idp"
    response = client.get(reverse("core:dashboard"), follow=True)
    assert response.status_code == 200
    assert not [url for url, _status in response.redirect_chain if url.startswith(reverse("mfa_activate_totp"))]


def test_without_it_the_existing_rule_holds_the_totp_set_up_first(client, hr_person):
    sign_in_through_idp(client, hr_person.email, mfa=False)
    assert logged_in_user_id(client) == str(hr_person.pk)
    assert SESSION_KEY not in client.session
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_activate_totp"))


def test_a_second_factor_asserted_by_the_provider_spares_the_totp_code(client, engineer_with_totp):
    response = sign_in_through_idp(client, engineer_with_totp.email, mfa=True)
    assert response["Location"] == reverse("core:dashboard")
    assert logged_in_user_id(client) == str(engineer_with_totp.pk)


def test_without_it_the_totp_code_is_asked(client, engineer_with_totp):
    response = sign_in_through_idp(client, engineer_with_totp.email, mfa=False)
    assert response["Location"] == reverse("mfa_authenticate")
    assert logged_in_user_id(client) is None


def test_only_the_values_configured_for_the_provider_count(client, engineer_with_totp, oidc_idp, settings):
    from mentorat.sso.providers import providers_settings

    # The provider says "mfa", but the platform does not trust it for that.
    settings.SOCIALACCOUNT_PROVIDERS = providers_settings(oidc_idp.entries(mfa_amr=[], mfa_acr=[]))
    response = sign_in_through_idp(client, engineer_with_totp.email, mfa=True)
    assert response["Location"] == reverse("mfa_authenticate")


def test_after_the_totp_code_logging_out_still_ends_the_session_at_the_provider(client, engineer_with_totp, oidc_idp):
    from tests.factories import TOTP_SECRET, current_totp_code

    response = sign_in_through_idp(client, engineer_with_totp.email, mfa=False)
    assert response["Location"] == reverse("mfa_authenticate")
    # The code is typed in a later request than the provider's callback.
    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(TOTP_SECRET)})
    assert logged_in_user_id(client) == str(engineer_with_totp.pk)
    response = client.post(reverse("account_logout"))
    assert response["Location"].startswith(f"{oidc_idp.issuer}/session/end?")
