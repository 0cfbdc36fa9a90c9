"""Form widgets."""

from html import escape

from django import forms
from django.utils.safestring import mark_safe


class LongSelect(forms.Select):
    """A `<select>` for lists of hundreds of choices (the ~300 organisations), and for the short ones
    of the filter bars shown on every visit of the follow-up and indicator pages.

    Django's Select builds a dictionary per option and renders each through its own template include:
    about 0.15 ms an option, 50 ms for the organisation filter of a follow-up page
    (benchmarks/README.md). This one writes the same HTML in plain Python: attributes of the
    `<select>` as Django builds them, `selected` on the chosen value, option groups kept."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        parts = [f'<select name="{escape(name)}"{_attributes(self.build_attrs(self.attrs, attrs))}>']
        for group_value, group_label in self.choices:
            if isinstance(group_label, (list, tuple)):
                parts.append(f'<optgroup label="{escape(str(group_value))}">')
                parts.extend(self._option(value, label, selected) for value, label in group_label)
                parts.append("</optgroup>")
            else:
                parts.append(self._option(group_value, group_label, selected))
        parts.append("</select>")
        return mark_safe("".join(parts))

    @staticmethod
    def _option(value, label, selected):
        value = "" if value is None else str(value)
        chosen = " selected" if value in selected else ""
        return f'<option value="{escape(value)}"{chosen}>{escape(str(label))}</option>'


def _attributes(attrs):
    """As django/forms/widgets/attrs.html: in order, True as a bare name, False left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )
