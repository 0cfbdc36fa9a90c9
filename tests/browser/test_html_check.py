"""The check that every page the browser tests load is valid HTML (tests/browser/conftest.py) can
fail: the recorder keeps the documents a browser navigates to, as sent, and the checker reports
the mistakes that axe-core does not see."""

import pytest

from tests.browser.conftest import DocumentRecorder

pytestmark = pytest.mark.django_db(transaction=True)

BAD_PAGE = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Effectifs</title></head><body>'
    '<h1 id="titre">Effectifs</h1><p id="titre">« < 5 »</p><span><form action="/"></form></span></body></html>'
).encode()


def serve(status, content_type, body):
    def app(environ, start_response):
        start_response(status, [("Content-Type", content_type)])
        return [body]

    return app


def request(recorder, dest, path="/effectifs/"):
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "HTTP_SEC_FETCH_DEST": dest}
    return b"".join(recorder(environ, lambda status, headers, exc_info=None: None))


def test_the_recorder_keeps_the_documents_as_sent_and_the_checker_finds_their_errors(nu_service):
    recorder = DocumentRecorder(serve("200 OK", "text/html; charset=utf-8", BAD_PAGE))
    recorder.pages = []
    assert request(recorder, "document") == BAD_PAGE  # the browser gets the page unchanged
    request(recorder, "empty")  # a fetch() call is not a page
    [(name, html)] = recorder.pages
    assert name == "GET /effectifs/ (200)"

    messages = [error.message for error in nu_service.check(name, html)]
    assert any("Duplicate ID “titre”" in message for message in messages), messages
    assert any("Unescaped “<”" in message for message in messages), messages
    assert any("“form” not allowed as child of element “span”" in message for message in messages), messages


def test_redirections_and_files_are_not_pages():
    for status, content_type, body in [("302 Found", "text/html; charset=utf-8", b""), ("200 OK", "text/csv", b"a,b")]:
        recorder = DocumentRecorder(serve(status, content_type, body))
        recorder.pages = []
        request(recorder, "document")
        assert recorder.pages == []
