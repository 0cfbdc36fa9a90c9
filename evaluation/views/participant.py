"""Participants: the questionnaires meant for them, answered once, with a draft they can resume."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorat.core.dates import long_date
from mentorat.core.idempotency import idempotent_post

from .. import perms, services
from ..enums import ResponseStatus, SurveyState
from ..forms import ResponseForm
from ..models import Response
from ..selectors import answers_by_question, questions_of, surveys_for_participant


def my_surveys(request):
    now = timezone.now()
    rows = []
    for survey, pair, response in surveys_for_participant(request.user):
        rows.append({"survey": survey, "pair": pair, "response": response, "state": survey.state(now)})
    return render(
        request,
        "evaluation/participant/list.html",
        {
            "to_answer": [r for r in rows if r["state"] == SurveyState.OPEN and not _sent(r["response"])],
            "sent": [r for r in rows if _sent(r["response"])],
            "upcoming": [r for r in rows if r["state"] == SurveyState.SCHEDULED],
            "missed": [r for r in rows if r["state"] == SurveyState.CLOSED and not _sent(r["response"])],
        },
    )


def _sent(response):
    return response is not None and response.status == ResponseStatus.SUBMITTED


@idempotent_post
def answer(request, survey_id):
    survey, pair = perms.get_survey_for_participant(request.user, survey_id)
    response = Response.objects.filter(survey=survey, respondent=request.user).first()
    if _sent(response):
        messages.info(request, _("Vous avez déjà répondu à ce questionnaire. Merci !"))
        return redirect("evaluation:my_response", response_id=response.pk)
    questions = questions_of(survey)
    now = timezone.now()
    if not survey.is_open(now):
        return render(
            request,
            "evaluation/participant/closed.html",
            {"survey": survey, "state": survey.state(now), "response": response},
        )
    form = ResponseForm(
        request.POST or None,
        questions=questions,
        answers=answers_by_question(response) if request.method == "GET" else None,
    )
    if request.method == "POST" and form.is_valid():
        submit = "send" in request.POST
        try:
            saved = services.response_save(
                survey=survey, user=request.user, answers=form.answers(), submit=submit, now=now
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if submit:
                messages.success(request, _("Merci ! Vos réponses sont envoyées."))
                return redirect("evaluation:my_response", response_id=saved.pk)
            messages.success(
                request,
                _("Brouillon enregistré : vous pourrez reprendre plus tard, jusqu'au %(date)s.")
                % {"date": long_date(survey.closes_for_person)},
            )
            return redirect("evaluation:answer", survey_id=survey.pk)
    return render(request, "evaluation/participant/answer.html", {"survey": survey, "form": form, "response": response})


def my_response(request, response_id):
    response = perms.get_own_response(request.user, response_id)
    if response.status != ResponseStatus.SUBMITTED:
        return redirect("evaluation:answer", survey_id=response.survey_id)
    questions = questions_of(response.survey)
    form = ResponseForm(questions=questions, answers=answers_by_question(response), disabled=True)
    return render(
        request, "evaluation/participant/response.html", {"response": response, "survey": response.survey, "form": form}
    )
