"""The programme engineer's pages: every application, exports, the call window, imports. Each in the
edition chosen in the edition selector (one in preparation included: the engineer sets its call
before opening it); an import job is in its own edition."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from mentorat.accounts.decorators import role_required
from mentorat.accounts.reauth import reauthentication_required_for_export
from mentorat.core.editions.selection import EDITION_PARAM, edition_for_page, show_edition
from mentorat.core.enums import Role
from mentorat.core.models import Branch
from mentorat.core.pagination import page_of
from mentorat.core.sorting import Sorting

from .. import exports
from ..enums import ApplicationStatus, ImportJobStatus
from ..forms import ApplicationFilterForm, CallWindowForm, ImportForm
from ..import_jobs import import_job_progress, import_job_start, import_summary
from ..models import ImportJob
from ..perms import mark_selectable
from ..selectors import applications_filtered, counts_by_status
from .columns import APPLICATION_SORT_COLUMNS


def _in_edition(url_name, programme):
    """The address of an engineer's page in `programme`'s edition, whatever the session remembers."""
    return f"{reverse(url_name)}?{EDITION_PARAM}={programme.slug}"


@role_required(Role.PROGRAMME_ENGINEER)
@reauthentication_required_for_export
def application_list(request):
    programme = edition_for_page(request)
    form = ApplicationFilterForm(request.GET or None, programme=programme, branches=Branch.objects.all())
    # A stale or mistyped value (an organisation code that no longer exists) drops that filter
    # only; the valid ones still apply.
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    sorting = Sorting(request.GET, APPLICATION_SORT_COLUMNS, default="nom", keep={EDITION_PARAM: programme.slug})
    applications = sorting.apply(applications_filtered(programme, filters))
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        rows = applications.prefetch_related("themes")
        filename = f"candidatures-{programme.slug}.{export}"
        if export == "csv":
            return exports.csv_response(filename, rows, exports.ENGINEER_COLUMNS)
        return exports.xlsx_response(filename, rows, exports.ENGINEER_COLUMNS, title="Candidatures")
    counts = counts_by_status(applications)
    # The page's keys and the total first, then its 50 rows with their person, track and
    # organisation: sorting 20,000 whole joined rows took 70 ms (benchmarks/README.md).
    page = page_of(applications, request.GET.get("page"), 50)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    # Pages and exports of the list stay in its edition, whatever another tab chooses meanwhile.
    query[EDITION_PARAM] = programme.slug
    return render(
        request,
        "candidatures/engineer/list.html",
        {
            "programme": programme,
            "form": form,
            "page": page,
            "total": page.paginator.count,
            "status_counts": [(label, counts.get(value, 0)) for value, label in ApplicationStatus.choices],
            "query": query.urlencode(),
            "statuses": ApplicationStatus,
            "selectable": mark_selectable(request.user, page.object_list),
            "sorting": sorting,
            "filtered": any(filters.values()),
        },
    )


@role_required(Role.PROGRAMME_ENGINEER)
def call_settings(request):
    programme = edition_for_page(request)
    form = CallWindowForm(request.POST if request.method == "POST" else None, instance=programme)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Les paramètres de l'appel à candidatures sont enregistrés."))
        return redirect(_in_edition("candidatures:call_settings", programme))
    return render(request, "candidatures/engineer/call_settings.html", {"programme": programme, "form": form})


@role_required(Role.PROGRAMME_ENGINEER)
def import_applications(request):
    programme = edition_for_page(request)
    form = ImportForm(
        request.POST if request.method == "POST" else None, request.FILES if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        job = import_job_start(
            programme=programme,
            by=request.user,
            upload=form.cleaned_data["file"],
            dry_run=form.cleaned_data["dry_run"],
            validate=form.cleaned_data["validate"],
            send_activation=form.cleaned_data["send_activation"],
        )
        return redirect("candidatures:import_job", job.pk)
    return render(request, "candidatures/engineer/import.html", {"programme": programme, "form": form})


@role_required(Role.PROGRAMME_ENGINEER)
def import_job(request, pk):
    job = get_object_or_404(ImportJob.objects.select_related("programme"), pk=pk)
    show_edition(request, job.programme, action=reverse("candidatures:engineer_list"))
    result = job.result or {}
    if job.status == ImportJobStatus.DONE and not result.get("errors") and not result.get("dry_run"):
        messages.success(
            request,
            _("Import terminé : %(summary)s.") % {"summary": import_summary(result)},
        )
        return redirect(_in_edition("candidatures:engineer_list", job.programme))
    return render(
        request,
        "candidatures/engineer/import_job.html",
        {
            "job": job,
            "result": result,
            "progress": import_job_progress(job),
            "summary": import_summary(result) if result.get("dry_run") else "",
            # A new sending starts from the same choices, the simulation box unticked after a good one.
            "form": ImportForm(initial={"dry_run": not (job.finished and result and not result.get("errors"))}),
        },
    )
