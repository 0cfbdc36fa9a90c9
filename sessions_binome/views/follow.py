"""Follow-up of pairs by HR referents (their organisations) and by the programme engineer (all).
Progress only: status, dates and counts; never agenda, notes or themes of a given session for HR.
The lists are of the edition of the page's selector, a pair's page of the pair's edition."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorat.accounts.decorators import role_required
from mentorat.accounts.perms import hr_organisation_ids
from mentorat.accounts.reauth import reauthentication_required_for_export
from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log
from mentorat.core.editions.selection import EDITION_PARAM, edition_for_page, show_edition
from mentorat.core.emails import send_templated_email
from mentorat.core.enums import Role
from mentorat.core.links import reverse_each
from mentorat.core.models import Organisation
from mentorat.core.pagination import page_of
from mentorat.core.sorting import SortColumn, Sorting, in_choices_order
from mentorat.core.spreadsheets import csv_response

from ..enums import PairStatus
from ..forms import EngineerFollowUpFilterForm, FollowUpFilterForm, PairMessageForm
from ..health.selectors import health_filter, health_of_pairs, with_health
from ..models import Pair
from ..selectors import (
    follow_up_queryset,
    follow_up_rows,
    held_sessions_count,
    last_held_session,
    session_categories,
    with_alerts,
)

CSV_COLUMNS = [
    ("mentore", lambda p: p.mentee.get_full_name()),
    ("organisme_mentore", lambda p: p.mentee_organisation_code),
    ("mentor", lambda p: p.mentor.get_full_name()),
    ("organisme_mentor", lambda p: p.mentor_organisation_code),
    ("parcours", lambda p: p.track.code),
    ("statut", lambda p: p.status_label),
    ("charte_signee_le", lambda p: timezone.localdate(p.charter_signed_on) if p.charter_signed_on else None),
    ("actif_depuis", lambda p: timezone.localdate(p.activated_at) if p.activated_at else None),
    ("seances_tenues", lambda p: p.sessions_held),
    ("seances_prevues", lambda p: p.sessions_planned),
    ("derniere_seance", lambda p: timezone.localdate(p.last_held) if p.last_held else None),
    ("alertes", lambda p: ", ".join(p.alerts)),
]

FOLLOW_UP_PER_PAGE = 25

SORT_COLUMNS = {
    "mentore": SortColumn(gettext_lazy("Mentoré"), ("mentee__last_name", "mentee__first_name")),
    "mentor": SortColumn(gettext_lazy("Mentor"), ("mentor__last_name", "mentor__first_name")),
    "parcours": SortColumn(gettext_lazy("Parcours"), ("track__code", "mentee__last_name")),
    "statut": SortColumn(gettext_lazy("Statut"), (in_choices_order("status", PairStatus), "mentee__last_name")),
    "seances": SortColumn(
        gettext_lazy("Séances tenues"), ("sort_held",), annotations={"sort_held": held_sessions_count()}
    ),
    "derniere": SortColumn(
        gettext_lazy("Dernière séance"),
        ("sort_last_held",),
        annotations={"sort_last_held": last_held_session()},
        descending_first=True,
    ),
}


HEALTH_CSV_COLUMNS = [
    ("sante", lambda p: p.health.label if p.health else None),
    ("sante_motif", lambda p: p.health.reason if p.health else None),
]


def _csv(pairs, filename, *, health=False):
    audit_log(AuditAction.EXPORT, target=filename)
    columns = CSV_COLUMNS + (HEALTH_CSV_COLUMNS if health else [])
    rows = [[name for name, _getter in columns]]
    rows += [[getter(pair) for _name, getter in columns] for pair in with_alerts(list(pairs))]
    return csv_response(filename, rows)


def _follow_page(request, *, template, organisation_ids, organisations, filename, detail_url=None, health=False):
    """`health`: the engineer's list, which shows and filters on each pair's health (HR sees the
    status only)."""
    programme = edition_for_page(request)
    form_class = EngineerFollowUpFilterForm if health else FollowUpFilterForm
    form = form_class(request.GET or None, programme=programme, organisations=organisations)
    filters = dict(form.cleaned_data.items() if form.is_valid() else [])
    sorting = Sorting(request.GET, SORT_COLUMNS, default="mentore", keep={EDITION_PARAM: programme.slug})
    pairs = follow_up_queryset(programme=programme, filters=filters, organisation_ids=organisation_ids)
    if health:
        pairs = health_filter(pairs, filters.get("health"))
    pairs = sorting.apply(pairs)
    if request.GET.get("export") == "csv":
        rows = follow_up_rows(pairs)
        return _csv(with_health(rows) if health else rows, filename, health=health)
    page = page_of(
        pairs,
        request.GET.get("page"),
        FOLLOW_UP_PER_PAGE,
        rows=lambda ids: follow_up_rows(Pair.objects.filter(pk__in=ids)),
    )
    with_alerts(page.object_list)
    if health:
        with_health(page.object_list)
    if detail_url:
        links = reverse_each(detail_url, [pair.pk for pair in page.object_list])
        for pair in page.object_list:
            pair.detail_url = links[pair.pk]
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    query[EDITION_PARAM] = programme.slug  # the links (pages, export) stay in the edition shown
    context = {
        "programme": programme,
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "sorting": sorting,
        "filtered": any(filters.values()),
        "show_health": health,
    }
    return render(request, template, context)


@role_required(Role.HR_REFERENT)
@reauthentication_required_for_export
def hr_pairs(request):
    ids = hr_organisation_ids(request.user)
    return _follow_page(
        request,
        template="sessions_binome/hr_pairs.html",
        organisation_ids=ids,
        organisations=Organisation.objects.filter(id__in=ids).order_by("name"),
        filename="binomes-mes-organismes.csv",
    )


@role_required(Role.PROGRAMME_ENGINEER)
@reauthentication_required_for_export
def engineer_pairs(request):
    return _follow_page(
        request,
        template="sessions_binome/engineer_pairs.html",
        organisation_ids=None,
        organisations=None,
        filename="binomes.csv",
        detail_url="sessions_binome:engineer_pair_detail",
        health=True,
    )


def _engineer_pair(request, pk):
    """The pair, of any edition, shown in its edition."""
    pair = (
        Pair.objects.select_related(
            "programme",
            "track",
            "mentee",
            "mentor",
            "ended_by",
            "mentee_organisation",
            "mentor_organisation",
        )
        .filter(pk=pk)
        .first()
    )
    if pair is None:
        raise Http404
    show_edition(request, pair.programme, action=reverse("sessions_binome:engineer_pairs"))
    return pair


@role_required(Role.PROGRAMME_ENGINEER)
def engineer_pair_detail(request, pk):
    pair = _engineer_pair(request, pk)
    sessions = list(session_categories(pair))
    return render(
        request,
        "sessions_binome/engineer_pair_detail.html",
        {
            "pair": pair,
            "sessions": sessions,
            "message_form": PairMessageForm(),
            "health": health_of_pairs([pair.pk]).get(pair.pk),
        },
    )


@role_required(Role.PROGRAMME_ENGINEER)
def engineer_pair_message(request, pk):
    pair = _engineer_pair(request, pk)
    form = PairMessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        for person in (pair.mentee, pair.mentor):
            send_templated_email(
                "pair_message",
                to=person.email,
                context={"person": person, "sender": request.user, **form.cleaned_data},
                reply_to=[request.user.email],
            )
        messages.success(request, _("Votre message est envoyé aux deux membres du binôme."))
        return redirect("sessions_binome:engineer_pair_detail", pair.pk)
    return render(
        request,
        "sessions_binome/engineer_pair_detail.html",
        {
            "pair": pair,
            "sessions": list(session_categories(pair)),
            "message_form": form,
            "health": health_of_pairs([pair.pk]).get(pair.pk),
        },
    )
