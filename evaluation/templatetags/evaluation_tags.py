from django import template
from django.utils import timezone

from ..enums import ResponseStatus
from ..selectors import open_surveys_count, surveys_for_participant

register = template.Library()


@register.simple_tag(takes_context=True)
def participant_surveys(context):
    """{"pending": [(survey, draft?)], "any": bool} for the logged-in person's dashboard: the
    questionnaires open now and not sent yet (the same rule as `surveys_open_for`)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"pending": [], "any": False}
    now = timezone.now()
    rows = surveys_for_participant(user)
    pending = [
        (survey, response is not None)
        for survey, _pair, response in rows
        if survey.is_open(now) and (response is None or response.status != ResponseStatus.SUBMITTED)
    ]
    return {"pending": pending, "any": bool(rows)}


@register.simple_tag(takes_context=True)
def open_surveys_badge(context):
    """The menu's count of questionnaires open for the person and not sent yet: one query, run on the
    pages of participants only (base.html asks it under `nav_roles`), kept on the request."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not (user and user.is_authenticated):
        return 0
    if not hasattr(request, "_open_surveys"):
        request._open_surveys = open_surveys_count(user)
    return request._open_surveys
