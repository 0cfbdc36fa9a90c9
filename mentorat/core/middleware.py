"""Around each request: the browser features refused to every page, no caching of personal pages,
absolute session lifetime, per-request memo, the platform's own error pages in the demo."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core import signals
from django.core.exceptions import BadRequest, MiddlewareNotUsed, PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.urls import get_resolver, get_urlconf
from django.utils.cache import add_never_cache_headers
from django.utils.log import log_response

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


# The platform uses no camera, microphone, location, payment or device access (sessions take place in
# the pair's own video tool, outside it): browsers refuse them to every page and frame, so that an
# injected script could not ask for them either. Only features that Chromium recognises: an unknown
# one is reported on every page's console. Django has no setting for this header.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class PermissionsPolicyMiddleware:
    """Every response says which browser features the site's pages may use: none of the above."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


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


class PlatformErrorPagesMiddleware:
    """With DEBUG on (scripts/demo.sh), Django answers a missing page or a crash with its debug pages,
    which list every URL of the site, the settings and the code. Unless SHOW_DEBUG_PAGES asks for
    them (a developer at work), the platform's own 404 and 500 pages answer instead, as in production.
    Last in MIDDLEWARE, so that its process_exception sees the view's exception first; not loaded at
    all when DEBUG is off, where Django already does this."""

    def __init__(self, get_response):
        if not settings.DEBUG or settings.SHOW_DEBUG_PAGES:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.resolver_match is None:
            # No URL matched: Django made its debug page (the URL list) before any view ran.
            response = self._error_page(request, 404, exception=Http404())
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return self._error_page(request, 404, exception=exception)
        if isinstance(exception, (PermissionDenied, BadRequest, SuspiciousOperation, MultiPartParserError)):
            return None  # Django's own answers: the 403 page whatever DEBUG says, the 400 family
        # What Django does with an uncaught exception, the debug page aside: tell the listeners
        # (error reporting) and log the traceback, which the developer reads on the console.
        signals.got_request_exception.send(sender=None, request=request)
        response = self._error_page(request, 500)
        log_response(
            "%s: %s", response.reason_phrase, request.path, response=response, request=request, exception=exception
        )
        return response

    def _error_page(self, request, status, **kwargs):
        # handler404 / handler500 of the URL configuration, the views Django uses without DEBUG.
        return get_resolver(get_urlconf()).resolve_error_handler(status)(request, **kwargs)
