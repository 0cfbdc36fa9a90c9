from django import template

from mentorat.accounts import backends

from ..selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications_count(context):
    """The header's unread count: read with the person (accounts/backends.py), else one query per
    page, kept on the request if asked twice."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    loaded = getattr(user, backends.UNREAD_NOTIFICATIONS, None)
    if loaded is not None:
        return loaded
    if not hasattr(request, "_unread_notifications"):
        request._unread_notifications = unread_count(user)
    return request._unread_notifications
