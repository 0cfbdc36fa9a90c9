"""The address of the person behind a request, the one answer for the audit trail, the login lock-out
(django-axes), allauth's rate limits and the charter signatures.

`TRUSTED_PROXY_COUNT` says how many reverse proxies of ours stand in front of gunicorn (1 with
docker-compose.yml's Caddy). Each appends the address that connected to it to X-Forwarded-For, so
the N-th entry from the right is the address that reached the outermost proxy: the client. Entries
further left are whatever the client wrote and are never read. With 0 (the demo, or gunicorn
reached directly) the header is ignored entirely and REMOTE_ADDR is the client."""

import ipaddress

from django.conf import settings


def _address(value):
    """`value` as a normalised IP address, or None. Tolerates a port ("1.2.3.4:5678", "[::1]:80")."""
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request):
    """The client's IP address as a string, or None without a request."""
    if request is None:
        return None
    remote = _address(request.META.get("REMOTE_ADDR"))
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count <= 0 or not forwarded:
        # No proxy of ours, or a request that did not come through it (a healthcheck from inside the
        # container's network): the connecting address is the client.
        return remote
    entries = [entry.strip() for entry in forwarded.split(",")]
    # Fewer entries than proxies: the leftmost one was still written by a proxy of ours.
    return _address(entries[max(len(entries) - count, 0)]) or remote
