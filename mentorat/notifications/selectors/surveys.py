"""Evaluation: each open questionnaire of an opened edition, by its own opening and closing."""

from candidatures.enums import ApplicationStatus
from candidatures.models import Application

from .base import Target, only_these, opened_edition


def surveys_not_answered(now, only=None, person=None):
    """Open questionnaires (with questions) of an opened edition and each person they are for who has
    not sent them yet; who is asked is evaluation's rule, less the people who withdrew their application."""
    from evaluation.models import Survey
    from evaluation.selectors import survey_pending_participants, surveys_with_questions

    surveys = surveys_with_questions(
        Survey.objects.filter(opened_edition(), opens_at__lte=now, closes_at__gt=now)
    ).select_related("programme")
    for survey in only_these(surveys, only):
        withdrawn = Application.objects.filter(
            programme_id=survey.programme_id, role=survey.audience, status=ApplicationStatus.WITHDRAWN
        )
        participants = survey_pending_participants(survey).filter(is_active=True)
        if person is not None:
            withdrawn, participants = withdrawn.filter(user=person), participants.filter(pk=person.pk)
        withdrawn = set(withdrawn.values_list("user_id", flat=True))
        for participant in participants:
            if participant.pk not in withdrawn:
                yield Target(
                    survey, anchor=survey.opens_at, since=survey.opens_at, person=participant, end=survey.closes_at
                )
