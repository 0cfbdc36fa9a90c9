"""The library as every logged-in person sees it: the resources of every edition and those of the
editions the person takes part in (`participant_editions`), for their audiences; a staff member
(programme engineer, HR referent) also reads those of the edition chosen in the page's selector."""

from django.http import FileResponse, Http404
from django.shortcuts import render

from mentorat.accounts.perms import is_hr_referent, is_programme_engineer
from mentorat.core.editions.selection import EDITION_PARAM, edition_for_page, participant_editions

from .. import perms, selectors


def _library_editions(request):
    """(the editions whose resources the page lists, latest first; the staff's chosen one or None)."""
    user = request.user
    editions = list(participant_editions(user))
    chosen = None
    if is_programme_engineer(user) or is_hr_referent(user):
        try:
            chosen = edition_for_page(request)
        except Http404:
            if request.GET.get(EDITION_PARAM):
                raise
        if chosen is not None and chosen not in editions:
            editions.append(chosen)
    return sorted(editions, key=lambda edition: edition.starts_on, reverse=True), chosen


def resource_list(request):
    editions, chosen = _library_editions(request)
    return render(
        request,
        "resources/list.html",
        {
            "programme": chosen or (editions[0] if editions else None),
            "several_editions": len(editions) > 1,
            "resources": selectors.resources_for_user(request.user, editions),
            "can_manage": perms.can_manage_resources(request.user),
        },
    )


def resource_detail(request, slug):
    resource = perms.get_resource_for_user(request.user, slug)
    return render(
        request,
        "resources/detail.html",
        {"resource": resource, "can_manage": perms.can_manage_resources(request.user)},
    )


def resource_file(request, slug):
    """The PDF, only through this view: the audience is checked on every download."""
    resource = perms.get_resource_for_user(request.user, slug)
    if not resource.is_file or not resource.file:
        raise Http404
    try:
        handle = resource.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=resource.file_name or f"{resource.slug}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Never kept by a shared cache: the next person may not belong to the audience.
    response["Cache-Control"] = "private, no-store"
    return response
