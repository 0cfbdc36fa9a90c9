from django import template

from ..selectors_frame import frame_progress, frame_summary

register = template.Library()


@register.simple_tag
def pair_frame_summary(pair, user):
    """{% pair_frame_summary pair user as summary %}: the frame, objectives, signatures and the next
    step of a member (see selectors_frame.frame_summary)."""
    return frame_summary(pair, user)


@register.simple_tag
def pair_frame_progress(pair):
    """{% pair_frame_progress pair %}: status only, for HR referents and the engineer."""
    return frame_progress(pair)
