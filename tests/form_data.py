"""What a browser would send for a page's form as it stands: the values the page pre-filled (text
inputs, ticked boxes, selected options, text areas), so that a test can click « Envoyer » on a
pre-filled form without retyping it."""

from html.parser import HTMLParser

_NO_VALUE = {"submit", "button", "image", "reset", "file"}


class _FormReader(HTMLParser):
    def __init__(self, index):
        super().__init__(convert_charrefs=True)
        self.index = index
        self.forms_seen = -1
        self.inside = False
        self.data = {}
        self._select = None
        self._textarea = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms_seen += 1
            self.inside = self.forms_seen == self.index
            return
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in _NO_VALUE:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"))
            else:
                self._add(name, attrs.get("value", ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            # As browsers do: the newline right after <textarea> is not part of the value.
            values = self.data[self._textarea]
            values[-1] = values[-1].removeprefix("\r\n").removeprefix("\n")
            self._textarea = None


def form_data(html, *, index=0, **clicked):
    """The data of the `index`-th form of the page's main content (0: the first; the header's forms
    are not counted), as {name: value or [values]}, plus the button pressed (`clicked`, e.g.
    action="submit")."""
    reader = _FormReader(index)
    reader.feed(html[html.index("<main") :])
    data = {key: values if len(values) > 1 else values[0] for key, values in reader.data.items()}
    data.update(clicked)
    return data
