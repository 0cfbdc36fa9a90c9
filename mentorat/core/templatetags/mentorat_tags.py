from django import forms, template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from mentorat.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ text|markdown }}: sanitised HTML (see mentorat.core.markdown)."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has removed everything outside the allowlist


@register.filter
def long_datetime(value):
    """{{ value|long_datetime }}: « lundi 11 janvier 2027 à 10:00 », in the current time zone — what
    {{ value|date:"l j F Y à H:i" }} writes, at a third of its cost (a pair's page lists every session)."""
    if not value:
        return ""
    if not timezone.is_aware(value):
        return date_filter(value, "l j F Y à H:i")
    value = timezone.localtime(value)
    return f"{WEEKDAYS[value.weekday()]} {value.day} {MONTHS[value.month]} {value.year} à {value:%H:%M}"


@register.simple_tag
def filter_field(field):
    """{% filter_field field %}: a field of a GET filter bar, with the HTML crispy-forms writes
    (Bootstrap 5: label, control, error, help text) at a small part of its cost — the filter bars of
    the follow-up and indicator pages render on every visit (benchmarks/README.md)."""
    widget = field.field.widget
    is_select = isinstance(widget, forms.Select)
    css = "select form-select" if is_select else "textinput form-control"
    if field.errors:
        css += " is-invalid"
    html = [format_html('<div id="div_{}" class="mb-3">', field.auto_id)]
    if field.label:
        html.append(format_html('<label for="{}" class="form-label">{}</label>', field.id_for_label, field.label))
    html.append(field.as_widget(attrs={"class": css}))
    if field.errors:
        html.append(format_html('<div id="{}_error" class="invalid-feedback">', field.auto_id))
        html.extend(
            format_html('<p id="error_{}_{}"><strong>{}</strong></p>', index, field.auto_id, error)
            for index, error in enumerate(field.errors, start=1)
        )
        html.append("</div>")
    if field.help_text:
        html.append(format_html('<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, field.help_text))
    html.append("</div>")
    return mark_safe("".join(html))


@register.simple_tag
def form_token():
    """{% form_token %} inside a form whose view is @idempotent_post: a double submit creates one object."""
    from mentorat.core.idempotency import FIELD, new_token

    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
