"""The programme engineer's questionnaires: the default set in one click, dates and texts, questions
(editable until the first answer). The list is of the edition of the page's selector; a questionnaire
or a question is of its own edition, those in preparation included (the next edition's questionnaires
are prepared while the current one runs)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mentorat.accounts.decorators import role_required
from mentorat.core.editions.selection import edition_for_page, show_edition
from mentorat.core.enums import Role

from .. import perms, services
from ..forms import QuestionForm, ResponseForm, SurveyForm
from ..reference_surveys import surveys_default_create
from ..selectors import phases_calendar, questions_of, survey_is_locked, surveys_overview


def _list_url(programme):
    """The questionnaires' list page, in `programme`'s edition."""
    return f"{reverse('evaluation:engineer_home')}?edition={programme.slug}"


def _survey(request, survey_id):
    """The questionnaire, of any edition (those in preparation included), shown in its edition."""
    survey = perms.get_survey_for_engineer(survey_id)
    show_edition(request, survey.programme, action=reverse("evaluation:engineer_home"))
    return survey


def _question(request, question_id):
    question = perms.get_question_for_engineer(question_id)
    show_edition(request, question.survey.programme, action=reverse("evaluation:engineer_home"))
    return question


@role_required(Role.PROGRAMME_ENGINEER)
def home(request):
    programme = edition_for_page(request)
    return render(
        request,
        "evaluation/engineer/home.html",
        {
            "programme": programme,
            "surveys": surveys_overview(programme),
            "calendar": phases_calendar(programme),
            "now": timezone.now(),
        },
    )


@require_POST
@role_required(Role.PROGRAMME_ENGINEER)
def defaults_create(request):
    programme = edition_for_page(request)
    created = surveys_default_create(programme)
    if created:
        messages.success(
            request,
            ngettext("%(n)d questionnaire par défaut créé.", "%(n)d questionnaires par défaut créés.", created)
            % {"n": created},
        )
    else:
        messages.info(request, _("Tous les questionnaires par défaut existent déjà."))
    return redirect(_list_url(programme))


@role_required(Role.PROGRAMME_ENGINEER)
def survey_detail(request, survey_id):
    survey = _survey(request, survey_id)
    form = SurveyForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(
                survey=survey, **{k: form.cleaned_data[k] for k in ("title", "introduction", "opens_at", "closes_at")}
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Le questionnaire est enregistré."))
            return redirect("evaluation:survey_detail", survey_id=survey.pk)
    return render(
        request,
        "evaluation/engineer/survey_detail.html",
        {"survey": survey, "form": form, "questions": questions_of(survey), "locked": survey_is_locked(survey)},
    )


@role_required(Role.PROGRAMME_ENGINEER)
def survey_preview(request, survey_id):
    survey = _survey(request, survey_id)
    form = ResponseForm(questions=questions_of(survey), disabled=True)
    return render(request, "evaluation/engineer/survey_preview.html", {"survey": survey, "form": form})


def _question_form(request, survey, question):
    if survey_is_locked(survey):
        messages.error(
            request, _("Ce questionnaire a déjà reçu des réponses : ses questions ne peuvent plus être modifiées.")
        )
        return redirect("evaluation:survey_detail", survey_id=survey.pk)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            if question is None:
                services.question_add(survey=survey, **form.service_values())
            else:
                services.question_update(question=question, **form.service_values())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("La question est enregistrée."))
            return redirect("evaluation:survey_detail", survey_id=survey.pk)
    return render(
        request, "evaluation/engineer/question_form.html", {"survey": survey, "question": question, "form": form}
    )


@role_required(Role.PROGRAMME_ENGINEER)
def question_create(request, survey_id):
    return _question_form(request, _survey(request, survey_id), None)


@role_required(Role.PROGRAMME_ENGINEER)
def question_edit(request, question_id):
    question = _question(request, question_id)
    return _question_form(request, question.survey, question)


@require_POST
@role_required(Role.PROGRAMME_ENGINEER)
def question_delete_view(request, question_id):
    question = _question(request, question_id)
    try:
        services.question_delete(question=question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("La question est supprimée."))
    return redirect("evaluation:survey_detail", survey_id=question.survey_id)


@require_POST
@role_required(Role.PROGRAMME_ENGINEER)
def question_move_view(request, question_id):
    question = _question(request, question_id)
    try:
        services.question_move(question=question, offset=-1 if request.POST.get("direction") == "up" else 1)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("evaluation:survey_detail", survey_id=question.survey_id)
