"""Links of long lists."""

from django.urls import reverse

_SENTINEL = "987654321"


def reverse_each(viewname, keys):
    """{key: reverse(viewname, args=[key])} for integer keys, reversing once: a list links every row
    to its page, and reverse() costs about 25 µs a call (a page of 25 rows, 0.7 ms). Only for a URL
    whose sole argument is an integer written once in its path."""
    pattern = reverse(viewname, args=[int(_SENTINEL)])
    if pattern.count(_SENTINEL) != 1:
        return {key: reverse(viewname, args=[key]) for key in keys}
    before, after = pattern.split(_SENTINEL)
    return {key: f"{before}{int(key)}{after}" for key in keys}
