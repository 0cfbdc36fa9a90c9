"""Reads of the closing step and the archive, for the pair's two members (the views check first)."""

from django.utils import timezone

from evaluation.enums import Phase, ResponseStatus
from evaluation.selectors import surveys_for_participant

from ..models import PairTakeaway


def takeaway_of(pair, user):
    """What `user` takes away from the pair, or None: only ever read for its author."""
    return PairTakeaway.objects.filter(pair=pair, author=user).first()


def end_survey_for(pair, user, *, now=None):
    """The end questionnaire this person answers about this pair, as a dict for the page (the
    survey, its state now, whether they sent it, their response), or None when there is none."""
    now = now or timezone.now()
    rows = surveys_for_participant(user, programme_ids=[pair.programme_id])
    for survey, survey_pair, response in rows:
        if survey.phase == Phase.END and survey_pair.pk == pair.pk:
            return {
                "survey": survey,
                "state": survey.state(now),
                "is_open": survey.is_open(now),
                "sent": response is not None and response.status == ResponseStatus.SUBMITTED,
                "response": response,
            }
    return None
