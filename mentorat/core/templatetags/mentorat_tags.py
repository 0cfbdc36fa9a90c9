from django import forms, template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from mentorat.core import dates
from mentorat.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ text|markdown }}: sanitised HTML (see mentorat.core.markdown)."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has removed everything outside the allowlist


@register.filter(name="long_date")
def long_date_filter(value, fmt=dates.LONG_DATE):
    """{{ value|long_date }}: « 1er mai 2027 »; {{ value|long_date:"l j F à H:i" }} with another Django
    date format. The 1st of a month is « 1er », in the current time zone (mentorat.core.dates).
    Like Django's `date` filter, anything that is not a date writes nothing."""
    try:
        return dates.long_date(value, fmt)
    except (AttributeError, TypeError):
        return ""


@register.filter
def long_datetime(value):
    """{{ value|long_datetime }}: « lundi 1er mars 2027 à 10:00 », in the current time zone — Django's
    date filter with the format "l j F Y à H:i", with the French ordinal, at a third of its cost (a
    pair's page lists every session)."""
    return long_date_filter(value, dates.LONG_DATETIME)


@register.filter
def short_date(value):
    """{{ value|short_date }}: « 01/05/2027 » (a datetime in the current time zone), for table cells;
    sentences write `long_date`. Anything that is not a date writes nothing."""
    try:
        return dates.short_date(value)
    except (AttributeError, TypeError, ValueError):
        return ""


@register.filter
def short_datetime(value):
    """{{ value|short_datetime }}: « 01/05/2027 10:00 », in the current time zone, for table cells."""
    try:
        return dates.short_date(value, with_time=True)
    except (AttributeError, TypeError, ValueError):
        return ""


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


@register.simple_tag
def sort_header(sorting, key, css=""):
    """{% sort_header sorting "nom" %}: a column header of a list sorted by mentorat.core.sorting — a
    link to the other order (or to this column), `aria-sort` on the column the list is sorted by."""
    from django.utils.translation import gettext as _

    header = sorting.header(key)
    if header.aria_sort:
        arrow = "▲" if header.aria_sort == "ascending" else "▼"
    else:
        arrow = "↕"
    hint = _("trier par ordre croissant") if header.next_direction == "ascending" else _("trier par ordre décroissant")
    return format_html(
        '<th scope="col"{}{}><a class="sort-link" href="{}">{}<span class="sort-arrow" aria-hidden="true">{}</span>'
        '<span class="visually-hidden"> ({})</span></a></th>',
        format_html(' class="{}"', css) if css else "",
        format_html(' aria-sort="{}"', header.aria_sort) if header.aria_sort else "",
        header.url,
        header.label,
        arrow,
        hint,
    )


AVATAR_COLOURS = 6  # .avatar-0 … .avatar-5 in static/css/mentorat.css, each 4.5:1 or more with white


@register.inclusion_tag("core/_avatar.html")
def avatar(person, size="md"):
    """{% avatar user %}: the person's initials in a coloured disc (no photo to upload), decorative:
    their name is written next to it. The colour follows the person, so that it stays the same on
    every page."""
    first, last = (person.first_name or "").strip(), (person.last_name or "").strip()
    initials = (first[:1] + last[:1]).upper() or (person.email or "?")[:1].upper()
    return {"initials": initials, "colour": (person.pk or 0) % AVATAR_COLOURS, "size": size}
