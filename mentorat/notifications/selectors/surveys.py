"""Evaluation: each open questionnaire of an opened edition, by its own opening and closing; the
start questionnaire also for each late joiner in their own window (evaluation.selectors)."""

import copy

from django.db.models import Q

from candidatures.enums import ApplicationStatus
from candidatures.models import Application

from .base import Target, only_these, opened_edition


def surveys_not_answered(now, only=None, person=None):
    """Questionnaires (with questions) of an opened edition open now, for everyone or for some late
    joiners, and each person they are open for who has not sent them yet; who is asked is
    evaluation's rule, less the people who withdrew their application. A late joiner's series counts
    from their activation to their own closing, on a copy of the questionnaire read for them."""
    from evaluation.enums import Phase
    from evaluation.models import Survey
    from evaluation.selectors import (
        LATE_JOINER_WINDOW,
        personalise,
        survey_pending_participants,
        surveys_with_questions,
    )

    surveys = surveys_with_questions(
        Survey.objects.filter(opened_edition(), opens_at__lte=now).filter(Q(closes_at__gt=now) | Q(phase=Phase.START))
    ).select_related("programme")
    for survey in only_these(surveys, only):
        withdrawn = Application.objects.filter(
            programme_id=survey.programme_id, role=survey.audience, status=ApplicationStatus.WITHDRAWN
        )
        participants = survey_pending_participants(survey).filter(is_active=True)
        if survey.closes_at <= now:
            # Closed for all: only the people whose first pair became active less than the window ago.
            participants = participants.filter(joined_at__gt=now - LATE_JOINER_WINDOW)
        if person is not None:
            withdrawn, participants = withdrawn.filter(user=person), participants.filter(pk=person.pk)
        withdrawn = set(withdrawn.values_list("user_id", flat=True))
        for participant in participants:
            if participant.pk in withdrawn:
                continue
            own = personalise(copy.copy(survey), participant.joined_at)
            if not own.late_window:
                yield Target(
                    survey, anchor=survey.opens_at, since=survey.opens_at, person=participant, end=survey.closes_at
                )
            elif own.personal_closes_at > now:
                anchor = max(participant.joined_at, survey.opens_at)
                yield Target(own, anchor=anchor, since=anchor, person=participant, end=own.personal_closes_at)
