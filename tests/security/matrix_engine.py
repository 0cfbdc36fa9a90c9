"""The machinery of the permission matrix (tests/security/test_route_matrix.py): which HTTP methods a
URL accepts, what an answer looks like, and a fingerprint of the database to prove that a refused
request changed nothing and that an allowed write did something.

Methods a URL accepts are read from the view itself, not guessed by sending requests: Django's
`require_http_methods` (and `require_POST`, `require_GET`, `require_safe`) keeps the list in the
closure of the function it returns, reachable through the `__wrapped__` chain that `functools.wraps`
leaves. A view with no such decorator takes any method, and every one of ours branches on
`request.method == "POST"` only: it accepts GET and POST (PUT, PATCH, DELETE reach the GET branch).
Sending OPTIONS or every method instead would not work: the role check comes before the method check
in many views, so a 403 hides whether the method is accepted.
"""

import hashlib

from django.apps import apps
from django.db import connection
from django.urls import reverse

LOGIN = "login"
ADMIN_LOGIN = "admin-login"
R = "302"  # a redirect elsewhere than a login page
CHANGED = "+db"  # suffix of an answer after which the database differs

# Tables that any request touches without acting: the session of the logged-in client.
IGNORED_TABLES = {"django_session"}


def accepted_methods(callback):
    view = callback
    while view is not None:
        code = getattr(view, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            cell = view.__closure__[code.co_freevars.index("request_method_list")]
            return tuple(sorted(method for method in cell.cell_contents if method in ("GET", "POST")))
        view = getattr(view, "__wrapped__", None)
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return tuple(m.upper() for m in ("get", "post") if hasattr(view_class, m))
    return ("GET", "POST")


def _tables():
    names = []
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if model._meta.managed and not model._meta.proxy and table not in IGNORED_TABLES:
            names.append(table)
    return sorted(set(names))


def fingerprint():
    """One digest per table of every row's values: cheap on the small world (a few ms)."""
    result = {}
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (model tables)
            rows = sorted(repr(row) for row in cursor.fetchall())
            result[table] = (len(rows), hashlib.blake2b("\n".join(rows).encode(), digest_size=8).hexdigest())
    return result


def changed_tables(before, after):
    return sorted(table for table in before if before[table] != after.get(table))


def answer(response):
    if response.status_code in (301, 302, 303):
        url = response.url
        if url.startswith(reverse("admin:login")):
            return ADMIN_LOGIN
        if url.startswith(reverse("account_login")):
            return LOGIN
        return R
    return str(response.status_code)


def close(response):
    """Close file responses (open PDFs) without the request_finished signal closing the database
    connection in the middle of the test's transaction (it does on PostgreSQL)."""
    from django.core.signals import request_finished
    from django.db import close_old_connections

    if not hasattr(response, "close"):
        return
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
