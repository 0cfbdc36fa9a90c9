"""The programme engineer's pages: the library's resources, the training sessions and attendance."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorat.accounts.decorators import role_required
from mentorat.core.enums import Role
from mentorat.core.selectors import current_programme_or_404

from .. import selectors, services
from ..forms import AttendanceFilterForm, ResourceForm, TrainingSessionForm
from ..models import Resource, TrainingSession
from ..reference_pages import PAGES

MENTORS_PER_PAGE = 50
REFERENCE_SLUGS = {page["slug"] for page in PAGES}


# --- resources ----------------------------------------------------------------------------------


@role_required(Role.PROGRAMME_ENGINEER)
def resource_manage(request):
    return render(request, "resources/engineer/list.html", {"resources": selectors.resources_for_management()})


def _resource_form(request, resource):
    form = ResourceForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=resource,
    )
    if request.method == "POST" and form.is_valid():
        saved = services.resource_save(resource=form.save(), previous_file_name=form.previous_file_name)
        messages.success(request, _("La ressource « %(title)s » est enregistrée.") % {"title": saved.title})
        return redirect("resources:manage")
    return render(request, "resources/engineer/form.html", {"form": form, "resource": resource})


@role_required(Role.PROGRAMME_ENGINEER)
def resource_create(request):
    return _resource_form(request, None)


@role_required(Role.PROGRAMME_ENGINEER)
def resource_edit(request, pk):
    return _resource_form(request, get_object_or_404(Resource, pk=pk))


@role_required(Role.PROGRAMME_ENGINEER)
@require_POST
def resource_publish(request, pk):
    resource = get_object_or_404(Resource, pk=pk)
    published = request.POST.get("published") == "1"
    services.resource_set_published(resource=resource, published=published)
    if published:
        messages.success(request, _("« %(title)s » est publiée dans la bibliothèque.") % {"title": resource.title})
    else:
        messages.success(request, _("« %(title)s » est retirée de la bibliothèque.") % {"title": resource.title})
    return redirect("resources:manage")


@role_required(Role.PROGRAMME_ENGINEER)
def resource_delete(request, pk):
    resource = get_object_or_404(Resource, pk=pk)
    if request.method == "POST":
        services.resource_delete(resource=resource)
        messages.success(request, _("La ressource « %(title)s » est supprimée.") % {"title": resource.title})
        return redirect("resources:manage")
    return render(
        request,
        "resources/engineer/delete.html",
        {"resource": resource, "is_reference_page": resource.slug in REFERENCE_SLUGS},
    )


# --- training -----------------------------------------------------------------------------------


@role_required(Role.PROGRAMME_ENGINEER)
def training(request):
    programme = current_programme_or_404()
    mentors = selectors.validated_mentors(programme)
    return render(
        request,
        "resources/engineer/training.html",
        {
            "programme": programme,
            "sessions": selectors.training_sessions(programme),
            "mentors_count": mentors.count(),
            "untrained_count": mentors.filter(is_trained=False).count(),
        },
    )


def _session_form(request, programme, session):
    form = TrainingSessionForm(request.POST if request.method == "POST" else None, instance=session)
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        session.programme = programme
        session.save()
        messages.success(
            request, _("La session de formation « %(title)s » est enregistrée.") % {"title": session.title}
        )
        return redirect("resources:training")
    return render(
        request, "resources/engineer/training_form.html", {"form": form, "session": session, "programme": programme}
    )


@role_required(Role.PROGRAMME_ENGINEER)
def training_create(request):
    return _session_form(request, current_programme_or_404(), None)


@role_required(Role.PROGRAMME_ENGINEER)
def training_edit(request, pk):
    programme = current_programme_or_404()
    return _session_form(request, programme, get_object_or_404(TrainingSession, pk=pk, programme=programme))


@role_required(Role.PROGRAMME_ENGINEER)
def training_delete(request, pk):
    programme = current_programme_or_404()
    session = get_object_or_404(selectors.training_sessions(programme), pk=pk)
    if request.method == "POST":
        session.delete()
        messages.success(request, _("La session de formation « %(title)s » est supprimée.") % {"title": session.title})
        return redirect("resources:training")
    return render(request, "resources/engineer/training_delete.html", {"session": session})


def _ticked(post):
    """(user ids of the page's mentors, ticked (session id, user id) pairs) from the attendance form."""
    try:
        mentor_ids = [int(value) for value in post.getlist("mentor")]
        present = []
        for value in post.getlist("present"):
            session_id, user_id = value.split("-")
            present.append((int(session_id), int(user_id)))
    except ValueError:
        raise ValidationError(_("Le formulaire est incomplet. Rechargez la page.")) from None
    return mentor_ids, present


@role_required(Role.PROGRAMME_ENGINEER)
def attendance(request):
    """Validated mentors × sessions, a box per cell; one form saves the page."""
    programme = current_programme_or_404()
    if request.method == "POST":
        try:
            mentor_ids, present = _ticked(request.POST)
            written = services.training_attendance_record(
                programme=programme, by=request.user, mentor_ids=mentor_ids, present=present
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Présences enregistrées (%(n)d modification(s)).") % {"n": written})
        # Back to the same page, filters and page number kept.
        return redirect(request.get_full_path())

    sessions = list(TrainingSession.objects.filter(programme=programme).order_by("starts_at", "pk"))
    filters = AttendanceFilterForm(request.GET or None)
    filters.is_valid()
    cleaned = getattr(filters, "cleaned_data", {})
    mentors = selectors.validated_mentors(programme)
    query = cleaned.get("q", "").strip()
    if query:
        mentors = mentors.filter(
            Q(user__last_name__icontains=query) | Q(user__first_name__icontains=query) | Q(user__email__icontains=query)
        )
    if cleaned.get("untrained"):
        mentors = mentors.filter(is_trained=False)
    page = Paginator(mentors, MENTORS_PER_PAGE).get_page(request.GET.get("page"))
    attendance = selectors.attendance_by_key(sessions, [mentor.user_id for mentor in page])
    rows = [
        {
            "mentor": mentor,
            "cells": [
                {"session": session, "attendance": attendance.get((session.pk, mentor.user_id))} for session in sessions
            ],
        }
        for mentor in page
    ]
    request_query = request.GET.copy()
    request_query.pop("page", None)
    return render(
        request,
        "resources/engineer/attendance.html",
        {
            "programme": programme,
            "sessions": sessions,
            "rows": rows,
            "page": page,
            "filters": filters,
            "query": request_query.urlencode(),
        },
    )
