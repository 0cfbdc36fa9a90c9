from django import template

from ..selectors_frame import frame_progress

register = template.Library()


@register.simple_tag
def pair_frame_progress(pair):
    """{% pair_frame_progress pair %}: status only, for HR referents and the engineer."""
    return frame_progress(pair)
