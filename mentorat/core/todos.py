"""What is waiting on the programme engineer and on an HR referent now, computed from the state of
one edition: each to-do has its count, a sentence and the link to the list filtered on it, and
exists only while its condition holds (nothing stale). Also the key figures shown small above it.

One query per kind of to-do, whatever the size of the programme."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from candidatures.enums import ApplicationRole, ApplicationStatus
from candidatures.models import Application

from .dates import long_date

UNSIGNED_AFTER = datetime.timedelta(days=14)
CHECK_IN_AFTER = datetime.timedelta(days=45)
EXPIRING_WITHIN = datetime.timedelta(hours=48)
LOW_RESPONSE_RATE = 0.3
RESPONSES_EXPECTED_AFTER = datetime.timedelta(days=7)
SESSIONS_TARGET_PER_PAIR = 6


@dataclass(frozen=True)
class Todo:
    key: str
    count: int
    text: str
    url: str
    urgent: bool = False


def _url(name, programme, *args, **query):
    return f"{reverse(name, args=args)}?{urlencode({**query, 'edition': programme.slug})}"


def _pairs(programme, organisation_ids=None):
    from sessions_binome.models import Pair

    pairs = Pair.objects.filter(programme=programme)
    if organisation_ids is not None:
        pairs = pairs.filter(
            Q(mentee_organisation_id__in=organisation_ids) | Q(mentor_organisation_id__in=organisation_ids)
        )
    return pairs


def _pair_todos(programme, now, *, organisation_ids=None, list_name, health=False):
    """`health`: the engineer's to-dos follow each pair's health (sessions_binome/health: the cadence,
    the fit checks and the ratings); an HR referent's follow the cadence only (HR sees the status,
    nothing of the health)."""
    from sessions_binome.enums import PairStatus, SessionStatus
    from sessions_binome.models import MentoringSession

    pairs = _pairs(programme, organisation_ids)
    held_recently = MentoringSession.objects.filter(
        pair=OuterRef("pk"), status=SessionStatus.HELD, starts_at__gte=now - CHECK_IN_AFTER
    )
    counts = pairs.aggregate(
        unsigned=Count("pk", filter=Q(status=PairStatus.FRAME, created_at__lte=now - UNSIGNED_AFTER)),
        quiet=Count(
            "pk",
            filter=Q(status=PairStatus.ACTIVE, activated_at__lte=now - CHECK_IN_AFTER) & ~Q(Exists(held_recently)),
        ),
    )
    if health:
        return _unsigned_todo(counts, programme, list_name) + _health_todos(pairs, programme, now, list_name)
    todos = _unsigned_todo(counts, programme, list_name)
    if counts["quiet"]:
        n = counts["quiet"]
        todos.append(Todo(
            "check_in", n,
            ngettext("%(n)d binôme sans séance tenue depuis 45 jours : prendre de ses nouvelles.",
                     "%(n)d binômes sans séance tenue depuis 45 jours : prendre de leurs nouvelles.", n) % {"n": n},
            _url(list_name, programme, alert="inactive"), urgent=True,
        ))  # fmt: skip
    return todos


def _unsigned_todo(counts, programme, list_name):
    n = counts["unsigned"]
    if not n:
        return []
    return [Todo(
        "unsigned", n,
        ngettext("%(n)d binôme n'a pas signé sa charte 14 jours après sa formation : le relancer.",
                 "%(n)d binômes n'ont pas signé leur charte 14 jours après leur formation : les relancer.", n) % {"n": n},
        _url(list_name, programme, alert="unsigned"),
    )]  # fmt: skip


def _health_todos(pairs, programme, now, list_name):
    """The pairs at risk and the pairs that need a check-in, by their health: one query."""
    from sessions_binome.health.selectors import Health, health_count

    counts = health_count(pairs, now)
    todos = []
    if counts[Health.AT_RISK]:
        n = counts[Health.AT_RISK]
        todos.append(Todo(
            "at_risk", n,
            ngettext("%(n)d binôme à risque : le contacter rapidement (le motif est indiqué dans la liste).",
                     "%(n)d binômes à risque : les contacter rapidement (le motif est indiqué dans la liste).", n) % {"n": n},
            _url(list_name, programme, health=Health.AT_RISK), urgent=True,
        ))  # fmt: skip
    if counts[Health.CHECK_IN]:
        n = counts[Health.CHECK_IN]
        todos.append(Todo(
            "check_in", n,
            ngettext("%(n)d binôme a besoin d'un point : prendre de ses nouvelles.",
                     "%(n)d binômes ont besoin d'un point : prendre de leurs nouvelles.", n) % {"n": n},
            _url(list_name, programme, health=Health.CHECK_IN), urgent=True,
        ))  # fmt: skip
    return todos


def _matching_todos(programme, now):
    from matching.enums import RequestStatus, RunStatus
    from matching.models import MatchingRun, MentorRequest
    from sessions_binome.enums import OPEN_PAIR_STATUSES, PairStatus
    from sessions_binome.models import Pair

    todos = []
    drafts = list(MatchingRun.objects.filter(programme=programme, status=RunStatus.DRAFT).select_related("track"))
    for run in drafts:
        todos.append(Todo(
            f"run_{run.pk}", 1,
            _("La mise en relation du parcours %(track)s est prête : relire les propositions et les publier.")
            % {"track": run.track.code},
            reverse("matching:run_detail", args=[run.pk]), urgent=True,
        ))  # fmt: skip
    if now >= programme.call_closes_at:
        busy_tracks = set(
            MatchingRun.objects.filter(programme=programme)
            .exclude(status__in=[RunStatus.FAILED, RunStatus.SUPERSEDED])
            .values_list("track_id", flat=True)
        )
        waiting = (
            Application.objects.filter(
                programme=programme, role=ApplicationRole.MENTEE, status=ApplicationStatus.VALIDATED
            )
            .exclude(track_id__in=busy_tracks)
            .values("track__code")
            .annotate(n=Count("pk"))
            .order_by("track__code")
        )
        for row in waiting:
            todos.append(Todo(
                f"launch_{row['track__code']}", row["n"],
                ngettext("Lancer la mise en relation du parcours %(track)s : %(n)d mentoré validé attend ses propositions.",
                         "Lancer la mise en relation du parcours %(track)s : %(n)d mentorés validés attendent leurs propositions.",
                         row["n"]) % {"track": row["track__code"], "n": row["n"]},
                _url("matching:console", programme),
            ))  # fmt: skip
    published = MatchingRun.objects.filter(programme=programme, status=RunStatus.PUBLISHED).values("track_id")
    # A mentee whose pair is open or already completed is not waiting for a mentor; one whose pair
    # ended early is (she may choose again).
    open_pair = Pair.objects.filter(
        mentee_application=OuterRef("pk"), status__in=[*OPEN_PAIR_STATUSES, PairStatus.COMPLETED]
    )
    pending = MentorRequest.objects.filter(mentee=OuterRef("pk"), status=RequestStatus.PENDING)
    unpaired = (
        Application.objects.filter(
            programme=programme,
            role=ApplicationRole.MENTEE,
            status=ApplicationStatus.VALIDATED,
            track_id__in=published,
        )  # fmt: skip
        .exclude(Exists(open_pair))
        .exclude(Exists(pending))
        .count()
    )
    if unpaired:
        todos.append(Todo(
            "unpaired", unpaired,
            ngettext("%(n)d mentoré validé n'a ni binôme ni demande en cours : l'aider à choisir ou lui proposer un mentor.",
                     "%(n)d mentorés validés n'ont ni binôme ni demande en cours : les aider à choisir ou leur proposer un mentor.",
                     unpaired) % {"n": unpaired},
            _url("matching:console", programme),
        ))  # fmt: skip
    expiring = MentorRequest.objects.filter(
        mentee__programme=programme, status=RequestStatus.PENDING, deadline__lte=now + EXPIRING_WITHIN
    ).count()
    if expiring:
        todos.append(Todo(
            "expiring", expiring,
            ngettext("%(n)d demande à un mentor expire dans les 48 heures sans réponse.",
                     "%(n)d demandes à des mentors expirent dans les 48 heures sans réponse.", expiring) % {"n": expiring},
            _url("matching:console", programme),
        ))  # fmt: skip
    return todos


def _survey_todos(programme, now):
    from evaluation.enums import Audience, ResponseStatus
    from evaluation.models import Survey
    from evaluation.selectors import eligible_pairs_q

    surveys = list(
        Survey.objects.filter(
            programme=programme, opens_at__lte=now - RESPONSES_EXPECTED_AFTER, closes_at__gt=now
        ).annotate(sent=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED)))
    )
    if not surveys:
        return []
    pairs = _pairs(programme)
    asked = {}
    for phase in {survey.phase for survey in surveys}:
        counts = pairs.filter(eligible_pairs_q(phase)).aggregate(
            mentee=Count("mentee", distinct=True), mentor=Count("mentor", distinct=True)
        )
        asked[(phase, Audience.MENTEE)], asked[(phase, Audience.MENTOR)] = counts["mentee"], counts["mentor"]
    todos = []
    for survey in surveys:
        people = asked[(survey.phase, survey.audience)]
        if people and survey.sent / people < LOW_RESPONSE_RATE:
            rate = round(100 * survey.sent / people)
            todos.append(Todo(
                f"survey_{survey.pk}", people - survey.sent,
                _("« %(title)s » : %(rate)d %% de réponses (%(sent)d sur %(asked)d) ; une relance aiderait.")
                % {"title": survey.title, "rate": rate, "sent": survey.sent, "asked": people},
                reverse("evaluation:survey_detail", args=[survey.pk]),
            ))  # fmt: skip
    return todos


def engineer_todos(programme, now=None):
    now = now or timezone.now()
    todos = []
    submitted = Application.objects.filter(programme=programme, status=ApplicationStatus.SUBMITTED).count()
    if submitted:
        todos.append(Todo(
            "decide", submitted,
            ngettext("%(n)d candidature déposée attend une décision d'éligibilité.",
                     "%(n)d candidatures déposées attendent une décision d'éligibilité.", submitted) % {"n": submitted},
            _url("candidatures:engineer_list", programme, status=ApplicationStatus.SUBMITTED),
        ))  # fmt: skip
    todos += _matching_todos(programme, now)
    todos += _pair_todos(programme, now, list_name="sessions_binome:engineer_pairs", health=True)
    todos += _survey_todos(programme, now)
    return sorted(todos, key=lambda todo: not todo.urgent)


def hr_todos(programme, organisations, now=None):
    """`organisations`: the referent's organisations (a list)."""
    now = now or timezone.now()
    ids = [organisation.pk for organisation in organisations]
    todos = []
    if programme.is_call_open(now):
        todos.append(Todo(
            "relay", 0,
            _("Relayer l'appel à candidatures auprès des agents de vos organismes jusqu'au %(date)s.")
            % {"date": long_date(programme.call_closes_at)},
            "#organismes-titre",
        ))  # fmt: skip
    submitted = dict(
        Application.objects.filter(programme=programme, organisation_id__in=ids, status=ApplicationStatus.SUBMITTED)
        .values_list("organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for organisation in organisations:
        n = submitted.get(organisation.pk)
        if n:
            todos.append(Todo(
                f"decide_{organisation.pk}", n,
                ngettext("%(org)s : %(n)d candidature déposée à examiner.",
                         "%(org)s : %(n)d candidatures déposées à examiner.", n) % {"org": organisation.name, "n": n},
                _url("candidatures:tracking", programme, organisation.pk, statut=ApplicationStatus.SUBMITTED),
            ))  # fmt: skip
    todos += _pair_todos(programme, now, organisation_ids=ids, list_name="sessions_binome:hr_pairs")
    return sorted(todos, key=lambda todo: not todo.urgent)


def key_figures(programme, organisation_ids=None, now=None):
    """Applications by role (submitted or decided), pairs by status and sessions held against the
    target of six per pair started."""
    from sessions_binome.enums import PairStatus, SessionStatus
    from sessions_binome.models import MentoringSession

    applications = Application.objects.filter(programme=programme).exclude(status=ApplicationStatus.DRAFT)
    if organisation_ids is not None:
        applications = applications.filter(organisation_id__in=organisation_ids)
    funnel = applications.aggregate(
        **{
            f"{role}_{state}": Count("pk", filter=Q(role=role, status__in=statuses))
            for role in ApplicationRole.values
            for state, statuses in (
                ("applied", [s for s in ApplicationStatus.values if s != ApplicationStatus.DRAFT]),
                ("validated", [ApplicationStatus.VALIDATED]),
            )
        }
    )
    pairs = _pairs(programme, organisation_ids)
    by_status = dict(pairs.values_list("status").annotate(n=Count("pk")).order_by())
    started = sum(by_status.get(status, 0) for status in (PairStatus.ACTIVE, PairStatus.COMPLETED, PairStatus.ENDED))
    held = MentoringSession.objects.filter(pair__in=pairs, status=SessionStatus.HELD).count()
    return {
        "funnel": funnel,
        "pairs": [(label, by_status.get(value, 0)) for value, label in PairStatus.choices],
        "sessions_held": held,
        "sessions_target": started * SESSIONS_TARGET_PER_PAIR,
    }
