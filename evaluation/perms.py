"""Who may see what of the evaluation.

- Participants answer the questionnaires meant for them and read their own responses; anyone else's
  questionnaire or response answers 404.
- The programme engineer edits the questionnaires of every edition and reads the indicators of the whole programme
  and the pseudonymised exports; never a named answer.
- An HR referent reads the same indicators restricted to their organisations, under the small-group
  rule; never an individual answer, never free text, no data export.
"""

from django.http import Http404

from mentorat.accounts.perms import hr_organisation_ids, is_programme_engineer

from .models import Question, Response, Survey
from .selectors import eligible_pair_for


def can_read_indicators(user):
    return is_programme_engineer(user) or bool(hr_organisation_ids(user))


def indicator_organisation_ids(user):
    """None for the engineer (everything), the HR referent's organisations otherwise."""
    if is_programme_engineer(user):
        return None
    return hr_organisation_ids(user)


def get_survey_for_participant(user, pk):
    """(survey, pair) when the questionnaire is meant for the person, else 404."""
    survey = Survey.objects.select_related("programme").filter(pk=pk).first()
    if survey is None:
        raise Http404
    pair = eligible_pair_for(survey, user)
    if pair is None:
        raise Http404
    return survey, pair


def get_own_response(user, pk):
    response = Response.objects.select_related("survey__programme").filter(pk=pk, respondent=user).first()
    if response is None:
        raise Http404
    return response


def get_survey_for_engineer(pk):
    """Any edition's questionnaire: the engineer prepares the next edition's while one runs."""
    survey = Survey.objects.select_related("programme").filter(pk=pk).first()
    if survey is None:
        raise Http404
    return survey


def get_question_for_engineer(pk):
    question = Question.objects.select_related("survey__programme").filter(pk=pk).first()
    if question is None:
        raise Http404
    return question
