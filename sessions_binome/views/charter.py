"""Charter versions, for the programme engineer: list, draft, preview, publish."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorat.accounts.decorators import role_required
from mentorat.core.enums import Role
from mentorat.core.selectors import current_programme_or_404

from .. import selectors_frame as selectors
from .. import services_frame as services
from ..forms_frame import CharterForm
from ..models import Charter


def _charter(programme, pk):
    return get_object_or_404(Charter.objects.select_related("created_by", "published_by"), programme=programme, pk=pk)


@role_required(Role.PROGRAMME_ENGINEER)
def charter_list(request):
    programme = current_programme_or_404()
    charters = (
        Charter.objects.filter(programme=programme)
        .select_related("created_by", "published_by")
        .annotate(signature_count=Count("signatures"))
        .order_by("-version")
    )
    return render(
        request,
        "sessions_binome/engineer/charter_list.html",
        {
            "programme": programme,
            "charters": charters,
            "current": selectors.current_charter(programme),
            "has_draft": any(not c.is_published for c in charters),
        },
    )


@role_required(Role.PROGRAMME_ENGINEER)
def charter_new(request):
    programme = current_programme_or_404()
    latest = Charter.objects.filter(programme=programme).order_by("-version").first()
    # A new version starts from the last one: the engineer changes what must change.
    initial = {"title": latest.title, "body": latest.body} if latest else {}
    form = CharterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            charter = services.charter_create_draft(programme=programme, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Version %(version)d créée en brouillon.") % {"version": charter.version})
            return redirect("sessions_binome:engineer_charter_detail", pk=charter.pk)
    return render(
        request, "sessions_binome/engineer/charter_form.html", {"programme": programme, "form": form, "charter": None}
    )


@role_required(Role.PROGRAMME_ENGINEER)
def charter_edit(request, pk):
    programme = current_programme_or_404()
    charter = _charter(programme, pk)
    if charter.is_published:
        messages.error(
            request, _("Cette version est publiée : elle ne peut plus être modifiée. Créez une nouvelle version.")
        )
        return redirect("sessions_binome:engineer_charter_detail", pk=charter.pk)
    form = CharterForm(request.POST or None, instance=charter)
    if request.method == "POST" and form.is_valid():
        try:
            services.charter_update_draft(charter=charter, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Brouillon enregistré."))
            return redirect("sessions_binome:engineer_charter_detail", pk=charter.pk)
    return render(
        request,
        "sessions_binome/engineer/charter_form.html",
        {"programme": programme, "form": form, "charter": charter},
    )


@role_required(Role.PROGRAMME_ENGINEER)
def charter_detail(request, pk):
    """The version as the pairs will read it (rendered Markdown)."""
    programme = current_programme_or_404()
    charter = _charter(programme, pk)
    return render(
        request,
        "sessions_binome/engineer/charter_detail.html",
        {
            "programme": programme,
            "charter": charter,
            "current": selectors.current_charter(programme),
            "signature_count": charter.signatures.count(),
        },
    )


@require_POST
@role_required(Role.PROGRAMME_ENGINEER)
def charter_publish(request, pk):
    charter = _charter(current_programme_or_404(), pk)
    try:
        services.charter_publish(charter=charter, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Version %(version)d publiée : les binômes qui n'ont pas encore signé signeront ce texte.")
            % {"version": charter.version},
        )
    return redirect("sessions_binome:engineer_charter_detail", pk=charter.pk)
