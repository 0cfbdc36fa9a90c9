"""Indicators for the programme engineer (all organisations) and HR referents (theirs), the PDF
report, the pseudonymised exports and the background report jobs. Every figure comes from
`evaluation.indicators`, hence through the small-group rule. Each page, report and export is of the
edition of the page's selector (`edition_for_page`: `?edition=<slug>`, else the last one chosen, else
the live one; an HR referent never sees an edition in preparation)."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mentorat.accounts.decorators import role_required
from mentorat.accounts.perms import hr_organisation_ids
from mentorat.accounts.reauth import reauthentication_redirect
from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log
from mentorat.core.editions.selection import edition_for_page
from mentorat.core.enums import Role
from mentorat.core.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE

from .. import exports, privacy, services
from ..enums import ACTIVE_JOB_STATUSES, ReportJobStatus
from ..forms import IndicatorFilterForm, ReportRequestForm
from ..indicators import Scope, indicators_cached
from ..indicators.summary import summary_compare
from ..models import ReportJob
from ..report import report_response


def _filters(request, programme, organisation_ids):
    form = IndicatorFilterForm(request.GET or None, programme=programme, organisation_ids=organisation_ids)
    return form, form.scope_values()


def _query(request, programme):
    """The filters of the page for its links (report, exports), always naming the edition shown."""
    query = request.GET.copy()
    for key in ("format", "page"):
        query.pop(key, None)
    query["edition"] = programme.slug
    return query.urlencode()


# One page per theme (issue 24): the summary's ten figures first, then each theme on its own page.
# {slug: (title, template of its body)}; the engineer has one more, the report and the data.
THEMES = {
    "etapes": (gettext_lazy("Candidatures et étapes"), "evaluation/indicators/_funnel.html"),
    "binomes": (gettext_lazy("Binômes et séances"), "evaluation/indicators/_pairs.html"),
    "questionnaires": (gettext_lazy("Questionnaires"), "evaluation/indicators/_surveys.html"),
}
REPORT_THEME = "rapport"


def _page(request, *, programme, theme, organisation_ids, url_name, extra=None):
    is_hr = organisation_ids is not None
    themes = {**THEMES} if is_hr else {**THEMES, REPORT_THEME: (gettext_lazy("Rapport et données"), None)}
    if theme is not None and theme not in themes:
        raise Http404
    form, values = _filters(request, programme, organisation_ids)
    # The engineer sees every application, pair and session by name: their counts are exact on her
    # pages. The rule stays for survey answers, for HR referents and in every report and export.
    scope = Scope(programme, organisation_ids=organisation_ids, exact_counts=not is_hr, **values)
    ind = indicators_cached(scope)
    context = {
        "programme": programme,
        "form": form,
        "ind": ind,
        "is_hr": is_hr,
        "rule_sentence": privacy.RULE_SENTENCE,
        "theme": theme,
        "theme_title": themes[theme][0] if theme else None,
        "theme_template": themes[theme][1] if theme else None,
        "tabs": [(None, _("Synthèse"), reverse(url_name))]
        + [(slug, title, reverse(f"{url_name}_theme", args=[slug])) for slug, (title, _t) in themes.items()],
        "query": _query(request, programme),
        "filtered": any(values.values()),
        # The indicators' HTML depends on the figures only: kept as long as they are.
        "ind_cache": {
            "seconds": settings.INDICATORS_CACHE_SECONDS,
            "key": f"{scope.cache_key()}:{theme}:{ind['generated_at'].timestamp()}",
        },
        **(extra or {}),
    }
    if theme is None:
        context["previous"], context["key_figures"] = summary_compare(ind, hr=is_hr)
        context["summary_hidden"] = any(item.hidden for item in context["key_figures"])
    return render(request, "evaluation/indicators/page.html", context)


@role_required(Role.PROGRAMME_ENGINEER)
def engineer_indicators(request, theme=None):
    programme = edition_for_page(request)
    extra = {}
    if theme == REPORT_THEME:
        extra = {
            "report_form": ReportRequestForm(),
            "jobs": list(ReportJob.objects.filter(programme=programme).select_related("requested_by")[:5]),
            "active_statuses": ACTIVE_JOB_STATUSES,
        }
    return _page(
        request,
        programme=programme,
        theme=theme,
        organisation_ids=None,
        url_name="evaluation:engineer_indicators",
        extra=extra,
    )


@role_required(Role.HR_REFERENT)
def hr_indicators(request, theme=None):
    return _page(
        request,
        programme=edition_for_page(request),
        theme=theme,
        organisation_ids=hr_organisation_ids(request.user),
        url_name="evaluation:hr_indicators",
    )


def _report(request, organisation_ids, filename):
    programme = edition_for_page(request)
    _form, values = _filters(request, programme, organisation_ids)
    if request.GET.get("format") != "html":
        audit_log(AuditAction.EXPORT, target=filename, filters={k: str(v) for k, v in values.items() if v is not None})
    return report_response(
        request, programme, scope_values=values, organisation_ids=organisation_ids, filename=filename
    )


def _fresh_password(view):
    """Pseudonymised data leaves only after the engineer typed the password again recently."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return reauthentication_redirect(request) or view(request, *args, **kwargs)

    return wrapper


@role_required(Role.PROGRAMME_ENGINEER)
def engineer_report(request):
    return _report(request, None, f"rapport-evaluation-{edition_for_page(request).slug}.pdf")


@role_required(Role.HR_REFERENT)
def hr_report(request):
    return _report(
        request, hr_organisation_ids(request.user), f"evaluation-mes-organismes-{edition_for_page(request).slug}.pdf"
    )


def _download(content, content_type, filename):
    audit_log(AuditAction.EXPORT, target=filename)
    return HttpResponse(
        content, content_type=content_type, headers={"Content-Disposition": content_disposition_header(True, filename)}
    )


@role_required(Role.PROGRAMME_ENGINEER)
@_fresh_password
def data_csv(request):
    programme = edition_for_page(request)
    return _download(exports.dataset_csv(programme), CSV_CONTENT_TYPE, f"donnees-evaluation-{programme.slug}.csv")


@role_required(Role.PROGRAMME_ENGINEER)
@_fresh_password
def free_text_csv_view(request):
    programme = edition_for_page(request)
    return _download(exports.free_text_csv(programme), CSV_CONTENT_TYPE, f"reponses-libres-{programme.slug}.csv")


@role_required(Role.PROGRAMME_ENGINEER)
@_fresh_password
def data_xlsx(request):
    programme = edition_for_page(request)
    include_free_text = request.GET.get("texte_libre") == "1"
    content = exports.dataset_xlsx(programme, include_free_text=include_free_text)
    return _download(content, XLSX_CONTENT_TYPE, f"donnees-evaluation-{programme.slug}.xlsx")


@require_POST
@role_required(Role.PROGRAMME_ENGINEER)
def report_job_create(request):
    programme = edition_for_page(request)
    form = ReportRequestForm(request.POST)
    form.is_valid()
    if ReportJob.objects.filter(programme=programme, status__in=ACTIVE_JOB_STATUSES).exists():
        messages.info(request, _("Un rapport est déjà en préparation : il apparaît ci-dessous."))
    else:
        services.report_job_request(
            programme=programme, by=request.user, include_free_text=form.cleaned_data.get("include_free_text", False)
        )
        messages.success(
            request, _("Le rapport complet est en préparation : le lien de téléchargement apparaîtra ci-dessous.")
        )
    url = reverse("evaluation:engineer_indicators_theme", args=[REPORT_THEME])
    return redirect(f"{url}?{urlencode({'edition': programme.slug})}#rapports")


def _job(job_id):
    # Any edition's job: the engineer reads every edition, and a job's links name no edition.
    job = ReportJob.objects.filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job


@role_required(Role.PROGRAMME_ENGINEER)
def report_job_progress_view(request, job_id):
    job = _job(job_id)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "progress": job.progress,
            "message": job.message,
            "done": job.status not in ACTIVE_JOB_STATUSES,
        }
    )


@role_required(Role.PROGRAMME_ENGINEER)
@_fresh_password
def report_job_download(request, job_id, kind):
    job = _job(job_id)
    if kind not in ("pdf", "xlsx", "csv") or job.status != ReportJobStatus.DONE:
        raise Http404
    file = getattr(job, kind)
    if not file:
        raise Http404
    filename = file.name.rsplit("/", 1)[-1]
    audit_log(AuditAction.EXPORT, target=filename, report=job.pk)
    content_type = {"csv": CSV_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE}.get(kind)  # a .csv is UTF-8
    return FileResponse(file.open("rb"), as_attachment=True, filename=filename, content_type=content_type)
