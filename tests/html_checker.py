"""The Nu Html Checker (vnu.jar, the W3C's validator, pinned in package-lock.json) on the pages the
platform serves: what axe-core cannot see (duplicate ids, a bare « < » in text, a form inside a
span, a stray end tag) is an error here.

Two ways to run it, both starting Java once:
- `check_documents(documents)`: one command-line run over many pages (the crawl of every role,
  tests/security/test_html_validity.py): about 3 s for 1,500 pages.
- `NuService`: the checker's own HTTP service on the loopback, started once per test session for
  the browser tests, which hand it the pages of each test as the test ends (tests/browser/conftest.py).
"""

import json
import socket
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.external import node_package, program


@dataclass(frozen=True)
class HtmlError:
    page: str  # what the test calls the page: role, URL, test
    line: int
    column: int
    message: str
    extract: str

    def __str__(self):
        extract = " ".join(self.extract.split())
        return f"{self.page} line {self.line}, column {self.column}: {self.message}\n    {extract}"


def vnu_jar():
    """(java, vnu.jar), or a skip saying what is missing (a failure under CI)."""
    return program("java"), str(node_package("vnu-jar") / "build" / "dist" / "vnu.jar")


def _errors(messages, page_of):
    # Only errors fail: warnings ("consider adding a lang attribute"...) are advice. A
    # "non-document-error" (a file that could not be read) is an error of the check itself.
    return [
        HtmlError(
            page=page_of(message),
            line=message.get("lastLine", 0),
            column=message.get("firstColumn", message.get("lastColumn", 0)),
            message=message["message"],
            extract=message.get("extract", ""),
        )
        for message in messages
        if message["type"] in ("error", "non-document-error")
    ]


def check_documents(documents):
    """documents: {page name: HTML text}. Every error of every page, from one run of the checker."""
    if not documents:
        return []
    java, jar = vnu_jar()
    with tempfile.TemporaryDirectory(prefix="vnu-") as folder:
        files, pages = [], {}
        for number, (page, html) in enumerate(documents.items()):
            path = Path(folder) / f"page-{number}.html"
            path.write_text(html, encoding="utf-8")
            files.append(path.name)
            pages[path.name] = page
        result = subprocess.run(
            [java, "-jar", jar, "--errors-only", "--format", "json", "--stdout", *files],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    # Exit 1 means "errors found"; anything else without a report is a broken run.
    if result.returncode not in (0, 1) or not result.stdout.strip():
        raise RuntimeError(f"vnu.jar failed ({result.returncode}): {result.stderr[-2000:]}")
    messages = json.loads(result.stdout)["messages"]
    return _errors(messages, lambda message: pages.get(message.get("url", "").rsplit("/", 1)[-1], "?"))


class NuService:
    """The checker as an HTTP service on 127.0.0.1, for checking pages one by one as tests end."""

    def __init__(self):
        self.java, self.jar = vnu_jar()
        self.process = None
        self.url = None
        # The service's log, in a file: a pipe nobody reads would block it once full.
        self.log = tempfile.TemporaryFile()
        # Straight to the loopback, whatever http_proxy says.
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def start(self, timeout=120):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [
                self.java,
                "-cp",
                self.jar,
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "nu.validator.servlet.Main",
                str(port),
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.url = f"http://127.0.0.1:{port}/?out=json&level=error"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"vnu.jar's service stopped: {self._log_tail()}")
            try:
                self._post("<!DOCTYPE html><html lang=fr><title>t</title></html>")
                return self
            except OSError:
                time.sleep(0.25)
        log = self._log_tail()
        self.stop()
        raise RuntimeError(f"vnu.jar's service did not answer on port {port} within {timeout} s: {log}")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def _log_tail(self):
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-2000:]

    def _post(self, html):
        request = urllib.request.Request(
            self.url, data=html.encode("utf-8"), headers={"Content-Type": "text/html; charset=utf-8"}
        )
        with self.opener.open(request, timeout=60) as response:
            return json.load(response)["messages"]

    def check(self, page, html):
        """Every error of one page."""
        return _errors(self._post(html), lambda message: page)
