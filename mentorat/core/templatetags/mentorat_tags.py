from django import template
from django.utils.safestring import mark_safe

from mentorat.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ text|markdown }}: sanitised HTML (see mentorat.core.markdown)."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has removed everything outside the allowlist
