import os

import pytest
from django.db import OperationalError
from django.urls import reverse

URL = reverse("healthz")


class BrokenConnection:
    """Stands for a database that does not answer."""

    def cursor(self):
        raise OperationalError("could not connect to server")


@pytest.fixture
def without_redis(settings):
    settings.REDIS_URL = ""


@pytest.mark.django_db
def test_it_answers_200_when_the_database_answers(client, without_redis):
    response = client.get(URL)

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_it_is_public_and_never_cached(client, without_redis):
    # Anonymous: no redirect to the login page, since load balancers call it without a session.
    response = client.get(URL)

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_answers_503_when_the_database_does_not_answer(client, without_redis, monkeypatch):
    monkeypatch.setattr("mentorat.core.views.connection", BrokenConnection())

    response = client.get(URL)

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error"}


@pytest.mark.django_db
def test_it_answers_503_when_the_configured_redis_does_not_answer(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = client.get(URL)

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "redis": "error"}


@pytest.mark.redis
@pytest.mark.django_db
def test_it_answers_200_when_the_configured_redis_answers(client, settings):
    settings.REDIS_URL = os.environ["REDIS_URL"]

    response = client.get(URL)

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}


@pytest.mark.django_db
def test_it_refuses_post(client, without_redis):
    assert client.post(URL).status_code == 405
