"""Healthcheck of the web container: GET /healthz the way the reverse proxy sends requests.

Production settings redirect plain HTTP to HTTPS and accept only ALLOWED_HOSTS, so the request
carries the site's host name and X-Forwarded-Proto: https (the proxy header the settings trust).
"""

import os
import sys
import urllib.request

hosts = [host.strip() for host in os.environ.get("ALLOWED_HOSTS", "").split(",") if host.strip()]
host = next((host.lstrip(".") for host in hosts if host != "*"), "localhost")
port = os.environ.get("PORT", "8000")
request = urllib.request.Request(
    f"http://127.0.0.1:{port}/healthz", headers={"Host": host, "X-Forwarded-Proto": "https"}
)
try:
    with urllib.request.urlopen(request, timeout=5) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception as error:  # noqa: BLE001 - any failure means unhealthy
    sys.exit(f"unhealthy: {error}")
