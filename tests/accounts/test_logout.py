import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGOUT_URL = reverse("account_logout")


def test_logout_page_asks_for_confirmation_in_french(client):
    client.force_login(UserFactory())
    response = client.get(LOGOUT_URL)
    assert response.status_code == 200
    assert "Voulez-vous vraiment vous déconnecter" in response.content.decode()
    assert "_auth_user_id" in client.session


def test_logout_by_post_ends_the_session(client):
    client.force_login(UserFactory())
    response = client.post(LOGOUT_URL)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("core:dashboard")).status_code == 302
