"""Reading what a person can reach as text (HTML, CSV, JSON, ICS, XLSX, PDF, e-mail parts) and a
crawler that follows every same-site link: the eyes of tests/security/test_sentinel.py."""

import io
import re
import zipfile
from collections import Counter, deque
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.core.signals import request_finished
from django.db import close_old_connections
from django.urls import NoReverseMatch, reverse
from pypdf import PdfReader

from sessions_binome.enums import NoteKind
from tests.security.routes import KWARGS, walk

_SQUEEZE = re.compile(r"[\s\-\u00ad\u2010\u2011]+")


def squeeze(text):
    """Text without spaces, line breaks and hyphens, upper case: a PDF may break a word at a line end."""
    return _SQUEEZE.sub("", text).upper()


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def zip_text(data):
    """Every XML (and text) part of an XLSX/DOCX/ZIP file."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8", errors="replace")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels", ".txt", ".csv", ".json"))
        )


def body_text(data):
    """(kind, text) of a response body or an attachment, by its content."""
    if data.startswith(b"%PDF"):
        return "pdf", pdf_text(data)
    if data.startswith(b"PK\x03\x04"):
        return "zip", zip_text(data)
    return "text", data.decode("utf-8", errors="replace")


def found(sentinel, text):
    return sentinel in text or squeeze(sentinel) in squeeze(text)


# --- emails --------------------------------------------------------------------------------------------


def email_parts(message):
    """Every readable part of an EmailMessage: subject, text body, HTML alternatives, attachments."""
    parts = [("subject", message.subject), ("body", message.body)]
    for content, _mimetype in getattr(message, "alternatives", []) or []:
        parts.append(
            ("alternative", content if isinstance(content, str) else content.decode("utf-8", errors="replace"))
        )
    for attachment in message.attachments:
        if isinstance(attachment, tuple) or hasattr(attachment, "content"):
            filename, content = attachment[0], attachment[1]
            data = content.encode() if isinstance(content, str) else content
            parts.append((f"attachment {filename}", body_text(data)[1]))
        else:  # a MIMEBase part
            parts.append(("attachment", body_text(attachment.get_payload(decode=True) or b"")[1]))
    # The message as it leaves (headers included): nothing hidden in an encoded header either.
    parts.append(("raw", message.message().as_string()))
    return parts


# --- the crawl -------------------------------------------------------------------------------------------

SKIP = ("/comptes/logout", "/admin/logout", "/static/", "/media/")
HREF = re.compile(r'href="([^"#]*)')
# A list page with filters, sorts and pages, or one detail page per row: a few of each are enough.
SAME_PATH_VARIANTS = 4
_IDS = re.compile(r"/\d+(?=/|$)")


@dataclass
class Page:
    url: str
    status: int
    kind: str
    text: str
    content_type: str = ""


def _read(response):
    if getattr(response, "streaming", False):
        data = b"".join(response.streaming_content)
        # Closing a file response fires request_finished, which would close the test's database
        # connection in the middle of its transaction on PostgreSQL.
        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)
        return data
    return response.content


def seed_urls(objects, extra=()):
    """Every URL of the project that resolves with the world's objects, then `extra`."""
    urls, unresolved = [], []
    for _route, name in walk():
        if name is None:
            continue
        try:
            urls.append(reverse(name, kwargs=KWARGS.get(name, lambda o: {})(objects)))
        except NoReverseMatch:
            unresolved.append(name)
    return list(dict.fromkeys([*urls, *extra])), unresolved


def planted_urls(objects):
    """The URLs of the planted objects themselves, and the exports behind their links."""
    o = objects
    session, pair, former = o["held_session"], o["pair"], o["former_pair"]
    job = o["free_text_job"]
    urls = [
        reverse("sessions_binome:pair_detail", args=[pair.pk]),
        reverse("sessions_binome:pair_messages", args=[pair.pk]),
        # The applications that carry the objectives and presentation sentinels, as HR opens them.
        reverse("candidatures:review", args=[o["waiting_proposal"].mentee_id]),
        reverse("candidatures:review", args=[o["waiting_proposal"].mentor_id]),
        reverse("sessions_binome:pair_detail", args=[former.pk]),
        reverse("sessions_binome:engineer_pair_detail", args=[former.pk]),
        reverse("sessions_binome:session_log", args=[session.pk]),
        reverse("sessions_binome:session_edit", args=[session.pk]),
        reverse("sessions_binome:session_ics", args=[session.pk]),
        *[reverse("sessions_binome:session_note", args=[session.pk, kind]) for kind in NoteKind.values],
        reverse("sessions_binome:charter_pdf", args=[pair.pk]),
        reverse("sessions_binome:certificate", args=[pair.pk]),
        reverse("sessions_binome:final_assessment", args=[pair.pk]),
        reverse("sessions_binome:mid_assessment", args=[pair.pk]),
        reverse("sessions_binome:session_shared_notes", args=[session.pk]),
        reverse("sessions_binome:pair_closing", args=[pair.pk]),
        reverse("sessions_binome:pair_archive", args=[pair.pk]),
        reverse("matching:request_answer", args=[o["declined_request"].pk]),
        reverse("evaluation:my_response", args=[o["response"].pk]),
        reverse("evaluation:data_xlsx") + "?texte_libre=1",
        reverse("evaluation:engineer_report") + "?format=html",
        reverse("evaluation:hr_report") + "?format=html",
        reverse("privacy:erasure_confirm", args=[pair.mentor.pk]),
        *[
            reverse("evaluation:report_job_download", kwargs={"job_id": job.pk, "kind": kind})
            for kind in ("pdf", "xlsx", "csv")
        ],
    ]
    for role in ("hr_pairs", "engineer_pairs"):
        urls.append(reverse(f"sessions_binome:{role}") + "?export=csv")
    return urls


def crawl(client, seeds, *, limit=400, admin_limit=80):
    """GET every seed, then every same-site link of the HTML pages (never a form), breadth first.
    Returns the pages read, whatever their status."""
    queue, seen, variants, pages, admin_pages = deque(seeds), set(), Counter(), [], 0
    seeds = set(seeds)
    while queue and len(pages) < limit:
        url = queue.popleft()
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        path = urlsplit(url).path
        shape = _IDS.sub("/<id>", path)
        variants[shape] += 1
        if variants[shape] > SAME_PATH_VARIANTS and url not in seeds:
            continue
        if path.startswith("/admin/"):
            admin_pages += 1
            if admin_pages > admin_limit:
                continue
        response = client.get(url)
        data = _read(response)
        if response.status_code in (301, 302, 303, 307, 308):
            location = urlsplit(urljoin(url, response["Location"]))
            if location.netloc in ("", "testserver"):
                queue.append(location.path + (f"?{location.query}" if location.query else ""))
        kind, text = body_text(data)
        pages.append(Page(url, response.status_code, kind, text, response.get("Content-Type", "")))
        if kind == "pdf" and "format=" not in url:
            # The same document as HTML, as the browser shows it for checking.
            queue.append(url + ("&" if "?" in url else "?") + "format=html")
        if response.get("Content-Type", "").startswith("text/html"):
            for href in HREF.findall(text):
                href = href.replace("&amp;", "&")
                if not href or href.startswith(("mailto:", "tel:", "javascript:", "data:")):
                    continue
                parts = urlsplit(urljoin(url, href))
                if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http", "https"):
                    continue
                target = parts.path + (f"?{parts.query}" if parts.query else "")
                if target not in seen:
                    queue.append(target)
    return pages
