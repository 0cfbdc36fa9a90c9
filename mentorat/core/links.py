"""Links of long lists."""

from django.urls import reverse

_SENTINEL = "987654321"


def reverse_each(viewname, keys, *more_args):
    """{key: reverse(viewname, args=[key, *more_args])} for integer keys, reversing once: a list links
    every row to its page, and reverse() costs about 25 µs a call (a page of 25 rows, 0.7 ms). The
    key is an integer argument written once in the path."""
    pattern = reverse(viewname, args=[int(_SENTINEL), *more_args])
    if pattern.count(_SENTINEL) != 1:
        return {key: reverse(viewname, args=[key, *more_args]) for key in keys}
    before, after = pattern.split(_SENTINEL)
    return {key: f"{before}{int(key)}{after}" for key in keys}
