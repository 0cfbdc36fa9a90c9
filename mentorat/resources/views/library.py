"""The library as every logged-in person sees it: the resources of their audiences."""

from django.http import FileResponse, Http404
from django.shortcuts import render

from mentorat.core.selectors import current_programme

from .. import perms, selectors


def resource_list(request):
    programme = current_programme()
    return render(
        request,
        "resources/list.html",
        {
            "programme": programme,
            "resources": selectors.resources_for_user(request.user, programme),
            "can_manage": perms.can_manage_resources(request.user),
        },
    )


def resource_detail(request, slug):
    resource = perms.get_resource_for_user(request.user, slug, current_programme())
    return render(
        request,
        "resources/detail.html",
        {"resource": resource, "can_manage": perms.can_manage_resources(request.user)},
    )


def resource_file(request, slug):
    """The PDF, only through this view: the audience is checked on every download."""
    resource = perms.get_resource_for_user(request.user, slug, current_programme())
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
