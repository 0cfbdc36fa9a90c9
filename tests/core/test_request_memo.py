"""The current programme is read once per request, and afresh by the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorat.core.selectors import current_programme, request_memo

pytestmark = pytest.mark.django_db


def _programme_reads(queries):
    # The statement that reads the person (accounts/backends.py) names the programme in a sub-query
    # that reads only its key: not a read of the programme.
    return [
        q
        for q in queries.captured_queries
        if 'FROM "core_programme"' in q["sql"] and 'FROM "accounts_user"' not in q["sql"]
    ]


def test_a_page_reads_the_current_programme_once(client, mentee, programme):
    client.force_login(mentee)
    client.get(reverse("core:dashboard"), follow=True)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("matching:my_proposals")).status_code == 200
    # The menu, the role check and the view share one read at most (the page now reads the
    # person's edition with their application, in the same query).
    assert len(_programme_reads(queries)) <= 1


def test_the_next_request_reads_it_again(programme):
    with request_memo():
        assert current_programme() is current_programme()
    programme.name = "Programme renommé"
    programme.save()
    with request_memo():
        assert current_programme().name == "Programme renommé"
    assert current_programme() is not current_programme()  # outside a request: no memo
