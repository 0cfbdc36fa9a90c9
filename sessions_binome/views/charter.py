"""Charter versions, for the programme engineer: list, draft, preview, publish. The list and a new
version are of the edition of the page's selector; a version's pages are of its own edition (she
prepares the next edition's charter while the current one runs)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorat.accounts.decorators import role_required
from mentorat.core.editions.selection import edition_for_page, show_edition
from mentorat.core.enums import Role

from .. import selectors_frame as selectors
from .. import services_frame as services
from ..forms_frame import CharterForm
from ..models import Charter


def _charter(request, pk):
    """The version, of any edition, shown in its edition."""
    charter = get_object_or_404(Charter.objects.select_related("programme", "created_by", "published_by"), pk=pk)
    show_edition(request, charter.programme, action=reverse("sessions_binome:engineer_charters"))
    return charter


@role_required(Role.PROGRAMME_ENGINEER)
def charter_list(request):
    programme = edition_for_page(request)
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
    programme = edition_for_page(request, action=reverse("sessions_binome:engineer_charters"))
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
    charter = _charter(request, pk)
    programme = charter.programme
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
    charter = _charter(request, pk)
    programme = charter.programme
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
    charter = _charter(request, pk)
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
