"""Small readers shared by the account tests: pull links out of emails, check form markup."""

import re
from html.parser import HTMLParser

from django.core import mail


def last_email_to(address):
    messages = [m for m in mail.outbox if address in m.to]
    assert messages, f"no email sent to {address}"
    return messages[-1]


def html_part(message):
    parts = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    assert len(parts) == 1, "the email has no HTML part"
    return parts[0]


def first_link(text, path_fragment):
    match = re.search(rf"https?://\S*{re.escape(path_fragment)}\S*", text)
    assert match, f"no link containing {path_fragment!r} in:\n{text}"
    return match.group(0).rstrip(".")


class _FormMarkup(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inputs = []  # attributes of every input, select and textarea
        self.label_for = set()
        self.ids = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids[attrs["id"]] = tag
        if tag == "label" and attrs.get("for"):
            self.label_for.add(attrs["for"])
        if tag in {"input", "select", "textarea"}:
            self.inputs.append({"tag": tag, **attrs})


def form_markup(html):
    parser = _FormMarkup()
    parser.feed(html)
    return parser


def visible_inputs(html):
    return [i for i in form_markup(html).inputs if i.get("type") not in {"hidden", "submit", "button"}]
