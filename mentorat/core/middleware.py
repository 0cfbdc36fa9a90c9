"""Around each request: no caching of personal pages, absolute session lifetime, per-request memo."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.cache import add_never_cache_headers

from .selectors import request_memo

SESSION_STARTED = "_mentorat_session_started"


class SessionLifetimeMiddleware:
    """A session lasts at most SESSION_ABSOLUTE_LIFETIME seconds (12 h), however active: after
    that the person logs in again. Inactivity is handled by SESSION_COOKIE_AGE with
    SESSION_SAVE_EVERY_REQUEST (2 h)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(SESSION_STARTED)
            now = int(time.time())
            if started is None:
                request.session[SESSION_STARTED] = now
            elif now - started > settings.SESSION_ABSOLUTE_LIFETIME:
                logout(request)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class NoStoreForAuthenticatedMiddleware:
    """Pages shown to a logged-in person hold personal data: never stored by browsers or proxies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        return response


class RequestMemoMiddleware:
    """Reads repeated within one request are made once (mentorat.core.selectors.request_memo)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_memo():
            return self.get_response(request)
