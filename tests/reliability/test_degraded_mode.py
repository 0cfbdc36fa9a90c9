"""Redis stopped: logging in, signing up and resetting a password still work (allauth's rate limits
fall back to the process's memory, the login lock-out lives in the database), and /healthz says that
Redis is down."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(private_redis, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "mentorat.core.cache.ResilientRedisCache",
            "LOCATION": private_redis.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.REDIS_URL = private_redis.url
    private_redis.stop()
    yield
    private_redis.start()


def test_a_person_logs_in_while_redis_is_down(redis_down, client):
    person = UserFactory(email="zoe@assurance-maladie.fr")

    response = client.post(reverse("account_login"), {"login": person.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_wrong_passwords_are_still_limited_while_redis_is_down(redis_down, client, settings):
    person = UserFactory(email="zoe@assurance-maladie.fr")
    responses = [
        client.post(reverse("account_login"), {"login": person.email, "password": "mauvais"})
        for _attempt in range(settings.AXES_FAILURE_LIMIT + 1)
    ]

    # django-axes counts the failures in the database, which Redis does not hold.
    assert [r.status_code for r in responses[: settings.AXES_FAILURE_LIMIT - 1]] == [200] * (
        settings.AXES_FAILURE_LIMIT - 1
    )
    assert responses[-1].status_code == 429
    assert "Trop de tentatives de connexion" in responses[-1].content.decode()


def test_sign_up_and_password_reset_answer_while_redis_is_down(redis_down, client):
    assert client.get(reverse("account_signup")).status_code == 200
    UserFactory(email="zoe@assurance-maladie.fr")

    response = client.post(reverse("account_reset_password"), {"email": "zoe@assurance-maladie.fr"})

    assert response.status_code == 302


def test_healthz_says_redis_is_down(redis_down, client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["redis"] == "error"
    assert cache.get("anything") is None  # the cache itself answers (from memory)
