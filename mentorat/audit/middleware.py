import contextvars

_current_request = contextvars.ContextVar("mentorat_current_request", default=None)


def current_request():
    """The request being served, for audit events raised far from a view (signals, admin)."""
    return _current_request.get()


class AuditRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
