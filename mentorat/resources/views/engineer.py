"""The programme engineer's pages: the library's resources, the training sessions and attendance.

The lists are of the edition of the page's selector (`edition_for_page`); a resource's or a
session's pages are of its own edition, those in preparation included: the engineer prepares the
next edition's library and training while the current one runs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mentorat.accounts.decorators import role_required
from mentorat.core.editions.selection import edition_for_page, show_edition
from mentorat.core.enums import Role

from .. import selectors, services
from ..forms import AttendanceFilterForm, ResourceForm, TrainingSessionForm
from ..models import Resource, TrainingSession
from ..reference_pages import PAGES

MENTORS_PER_PAGE = 50
REFERENCE_SLUGS = {page["slug"] for page in PAGES}


# --- resources ----------------------------------------------------------------------------------


def _in_edition(url_name, programme):
    return f"{reverse(url_name)}?edition={programme.slug}"


@role_required(Role.PROGRAMME_ENGINEER)
def resource_manage(request):
    programme = edition_for_page(request)
    return render(
        request,
        "resources/engineer/list.html",
        {"programme": programme, "resources": selectors.resources_for_management(programme)},
    )


def _resource(request, pk):
    """The resource, of any edition; shown in its edition (the selector's for one of every edition)."""
    resource = get_object_or_404(Resource.objects.select_related("programme"), pk=pk)
    action = reverse("resources:manage")
    if resource.programme is None:
        edition_for_page(request, action=action)
    else:
        show_edition(request, resource.programme, action=action)
    return resource


def _back_to_list(request, resource):
    """The list, in the resource's edition (the one chosen for a resource of every edition)."""
    programme = resource.programme or edition_for_page(request)
    return redirect(_in_edition("resources:manage", programme))


def _resource_form(request, resource):
    form = ResourceForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=resource,
    )
    if request.method == "POST" and form.is_valid():
        saved = services.resource_save(resource=form.save(), previous_file_name=form.previous_file_name)
        messages.success(request, _("La ressource « %(title)s » est enregistrée.") % {"title": saved.title})
        return _back_to_list(request, saved)
    return render(request, "resources/engineer/form.html", {"form": form, "resource": resource})


@role_required(Role.PROGRAMME_ENGINEER)
def resource_create(request):
    edition_for_page(request, action=reverse("resources:manage"))
    return _resource_form(request, None)


@role_required(Role.PROGRAMME_ENGINEER)
def resource_edit(request, pk):
    return _resource_form(request, _resource(request, pk))


@role_required(Role.PROGRAMME_ENGINEER)
@require_POST
def resource_publish(request, pk):
    resource = _resource(request, pk)
    published = request.POST.get("published") == "1"
    services.resource_set_published(resource=resource, published=published)
    if published:
        messages.success(request, _("« %(title)s » est publiée dans la bibliothèque.") % {"title": resource.title})
    else:
        messages.success(request, _("« %(title)s » est retirée de la bibliothèque.") % {"title": resource.title})
    return _back_to_list(request, resource)


@role_required(Role.PROGRAMME_ENGINEER)
def resource_delete(request, pk):
    resource = _resource(request, pk)
    if request.method == "POST":
        services.resource_delete(resource=resource)
        messages.success(request, _("La ressource « %(title)s » est supprimée.") % {"title": resource.title})
        return _back_to_list(request, resource)
    return render(
        request,
        "resources/engineer/delete.html",
        {"resource": resource, "is_reference_page": resource.slug in REFERENCE_SLUGS},
    )


# --- training -----------------------------------------------------------------------------------


@role_required(Role.PROGRAMME_ENGINEER)
def training(request):
    programme = edition_for_page(request)
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
        return redirect(_in_edition("resources:training", programme))
    return render(
        request, "resources/engineer/training_form.html", {"form": form, "session": session, "programme": programme}
    )


@role_required(Role.PROGRAMME_ENGINEER)
def training_create(request):
    return _session_form(request, edition_for_page(request, action=reverse("resources:training")), None)


def _training_session(request, pk):
    """The session, of any edition, shown in its edition (with `attended_count`)."""
    session = get_object_or_404(selectors.training_sessions().select_related("programme"), pk=pk)
    show_edition(request, session.programme, action=reverse("resources:training"))
    return session


@role_required(Role.PROGRAMME_ENGINEER)
def training_edit(request, pk):
    session = _training_session(request, pk)
    return _session_form(request, session.programme, session)


@role_required(Role.PROGRAMME_ENGINEER)
def training_delete(request, pk):
    session = _training_session(request, pk)
    if request.method == "POST":
        session.delete()
        messages.success(request, _("La session de formation « %(title)s » est supprimée.") % {"title": session.title})
        return redirect(_in_edition("resources:training", session.programme))
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
    programme = edition_for_page(request)
    if request.method == "POST":
        try:
            mentor_ids, present = _ticked(request.POST)
            written = services.training_attendance_record(
                programme=programme, by=request.user, mentor_ids=mentor_ids, present=present
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "Présences enregistrées : %(n)d modification.",
                    "Présences enregistrées : %(n)d modifications.",
                    written,
                )
                % {"n": written},
            )
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
