"""The one reading of the client's address (mentorat.core.client_ip): the N-th X-Forwarded-For entry
from the right behind N proxies of ours, REMOTE_ADDR without one."""

import pytest
from django.test import RequestFactory

from mentorat.core.client_ip import client_ip


def request(forwarded=None, remote="172.30.0.10"):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@pytest.mark.parametrize(
    "proxies,forwarded,expected",
    [
        (0, "203.0.113.9", "172.30.0.10"),  # no proxy of ours: the header is anyone's
        (1, None, "172.30.0.10"),  # not through the proxy (a healthcheck inside the network)
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "10.9.9.9, 203.0.113.9", "203.0.113.9"),  # the forged leftmost entry is ignored
        (1, "10.9.9.9,203.0.113.9 ", "203.0.113.9"),
        (2, "10.9.9.9, 203.0.113.9, 198.51.100.7", "203.0.113.9"),
        (2, "203.0.113.9", "203.0.113.9"),  # fewer entries than proxies: still one a proxy wrote
        (1, "203.0.113.9:51234", "203.0.113.9"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "2001:DB8::1", "2001:db8::1"),
        (1, "unknown", "172.30.0.10"),  # garbage in the trusted place: the connecting address
    ],
)
def test_the_client_is_the_entry_the_trusted_proxies_wrote(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(request(forwarded)) == expected


def test_no_request_no_address():
    assert client_ip(None) is None
