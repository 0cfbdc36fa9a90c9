"""Pairs and their sessions: statuses, sessions against the 6-8 target, hours, delays, early endings,
changes of mentor and the mentees' self-assessment of their objectives. One query for the pairs
(with their sessions counted), one for the accepted requests, one for the objectives."""

import statistics
from collections import Counter, defaultdict

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from matching.enums import RequestStatus
from matching.models import MentorRequest
from sessions_binome.enums import PairStatus, SessionStatus
from sessions_binome.models import Pair, PairObjective
from sessions_binome.selectors import SESSIONS_TARGET_MAX, SESSIONS_TARGET_MIN

from .. import charts, privacy

PAIR_STATUSES = [PairStatus.FRAME, PairStatus.ACTIVE, PairStatus.COMPLETED, PairStatus.ENDED]
SESSION_BINS = ["0", "1", "2", "3", "4", "5", "6-8", "9+"]


def _pair_rows(scope):
    return list(
        Pair.objects.filter(scope.pairs_q())
        .annotate(
            held=Count("sessions", filter=Q(sessions__status=SessionStatus.HELD)),
            minutes=Coalesce(
                Sum("sessions__actual_duration_minutes", filter=Q(sessions__status=SessionStatus.HELD)), 0
            ),
        )
        .values(
            "pk",
            "track_id",
            "status",
            "created_at",
            "activated_at",
            "ended_at",
            "ended_by_id",
            "mentee_id",
            "mentor_id",
            "mentee_application_id",
            "mentor_application_id",
            "mentee_application__organisation_id",
            "mentee_application__organisation__branch_id",
            "mentor_application__organisation_id",
            "mentor_application__organisation__branch_id",
            "held",
            "minutes",
        )
        .order_by("pk")
    )


def _session_bin(held):
    if held >= SESSIONS_TARGET_MAX + 1:
        return "9+"
    if held >= SESSIONS_TARGET_MIN:
        return "6-8"
    return str(held)


def _median_days(deltas):
    if not deltas:
        return None
    return statistics.median(delta.total_seconds() / 86400 for delta in deltas)


def _pairs(scope, pairs, tracks):
    status_labels = dict(PairStatus.choices)
    counts = Counter((p["track_id"], p["status"]) for p in pairs)
    # Pairs per track, all pairs, completed and ended pairs are published elsewhere in the report.
    published = {(t.pk, "total") for t in tracks} | {
        ("total", s) for s in ("total", PairStatus.COMPLETED, PairStatus.ENDED)
    }
    exact = scope.exact_counts  # pairs and sessions: the engineer sees each of them by name
    figures = privacy.grid([t.pk for t in tracks], PAIR_STATUSES, counts, fixed=published, exact=exact)
    rows = [(f"{t.code}", [figures[(t.pk, s)] for s in PAIR_STATUSES]) for t in tracks]
    totals = [figures[(t.pk, "total")] for t in tracks]
    if len(tracks) > 1:
        rows.append((_("Ensemble"), [figures[("total", s)] for s in PAIR_STATUSES]))
        totals.append(figures[("total", "total")])
    status_chart = charts.stacked_bar_chart(
        key="statuts",
        title=_("Où en sont les binômes"),
        intro=_("Répartition des binômes par statut et par parcours."),
        rows=rows,
        totals=totals,
        segments=list(
            zip(
                [status_labels[s] for s in PAIR_STATUSES],
                [charts.GREY, charts.BLUE, charts.TEAL, charts.ORANGE],
                strict=False,
            )
        ),
        total_header=_("Binômes"),
    )

    started = [p for p in pairs if p["activated_at"] is not None]
    per_bin = Counter(_session_bin(p["held"]) for p in started)
    bins = privacy.breakdown({b: per_bin.get(b, 0) for b in SESSION_BINS}, exact=exact)
    target_label = _("6 à 8 (objectif)")
    labels = {b: b for b in SESSION_BINS} | {"6-8": target_label, "9+": _("9 et plus")}
    sessions_chart = charts.bar_chart(
        key="seances",
        title=_("Séances tenues par binôme, au regard de l'objectif de 6 à 8"),
        intro=_("Nombre de binômes démarrés selon le nombre de séances tenues."),
        categories=[(labels[b], [bins[b]]) for b in SESSION_BINS],
        series=[_("Binômes")],
        highlight={target_label},
        note=_(
            "Binômes démarrés (devenus actifs), y compris ceux qui sont encore en cours : ils ont jusqu'à leur date de fin pour atteindre l'objectif."
        ),
    )
    sessions_chart.rows.append([_("Total"), bins["total"]])

    started_n = privacy.count(len(started), exact=exact)
    held = sum(p["held"] for p in started)
    minutes = sum(p["minutes"] for p in pairs)
    closed = [p for p in pairs if p["status"] == PairStatus.COMPLETED]
    reach = privacy.breakdown(
        {
            "below": sum(1 for p in closed if p["held"] < SESSIONS_TARGET_MIN),
            "within": sum(1 for p in closed if SESSIONS_TARGET_MIN <= p["held"] <= SESSIONS_TARGET_MAX),
            "above": sum(1 for p in closed if p["held"] > SESSIONS_TARGET_MAX),
        },
        exact=exact,
    )

    # Time from the publication of the proposals to the pair, then to the charter signed.
    published = {
        (r["mentee_id"], r["mentor_id"]): r["proposal__run__published_at"]
        for r in MentorRequest.objects.filter(status=RequestStatus.ACCEPTED, mentee__programme=scope.programme).values(
            "mentee_id", "mentor_id", "proposal__run__published_at"
        )
    }
    to_pair = [
        p["created_at"] - published[key]
        for p in pairs
        if (key := (p["mentee_application_id"], p["mentor_application_id"])) in published and published[key]
    ]
    to_active = [p["activated_at"] - p["created_at"] for p in started]

    ended = [p for p in pairs if p["status"] == PairStatus.ENDED]
    endings = privacy.breakdown(
        {
            "mentee": sum(1 for p in ended if p["ended_by_id"] == p["mentee_id"]),
            "mentor": sum(1 for p in ended if p["ended_by_id"] == p["mentor_id"]),
            "team": sum(1 for p in ended if p["ended_by_id"] not in (p["mentee_id"], p["mentor_id"])),
        },
        exact=exact,
    )
    pairs_per_mentee = Counter(p["mentee_application_id"] for p in pairs)
    changes = privacy.count(sum(1 for n in pairs_per_mentee.values() if n > 1), exact=exact)
    endings_table = charts.Chart(
        "arrets",
        _("Arrêts avant terme et changements de mentor"),
        "",
        "",
        [_("Indicateur"), _("Nombre")],
        [
            [_("Binômes arrêtés avant terme"), endings["total"]],
            [_("… à l'initiative de la personne mentorée"), endings["mentee"]],
            [_("… à l'initiative du mentor"), endings["mentor"]],
            [_("… par l'équipe du programme"), endings["team"]],
            [_("Personnes mentorées ayant changé de mentor"), changes],
        ],
        note=_("Les motifs d'arrêt ne sont lus que par l'équipe du programme et ne sont jamais publiés."),
    )
    pairs_n = privacy.count(len(pairs), exact=exact)
    return {
        "count": pairs_n,
        "started": started_n,
        "status_chart": status_chart,
        "sessions_chart": sessions_chart,
        "sessions_held": privacy.about(started_n, held, decimals=0),
        "sessions_mean": privacy.about(started_n, held / len(started) if started else None),
        "hours": privacy.about(started_n, minutes / 60, decimals=0),
        "hours_mean": privacy.about(started_n, minutes / 60 / len(started) if started else None),
        "completed": reach["total"],
        "reach": reach,
        "reach_share": privacy.share(reach["within"], reach["total"]),
        "to_pair_days": privacy.about(len(to_pair), _median_days(to_pair), exact=exact),
        "to_active_days": privacy.about(len(to_active), _median_days(to_active), exact=exact),
        "endings": endings,
        "changes": changes,
        "endings_table": endings_table,
    }


def _objectives(pairs):
    """The mentees' self-assessment of their objectives (1-5), at the start and at the end, over
    the pairs whose every objective has a final assessment. Their own ratings, read by nobody else:
    the small-group rule always applies, on the engineer's pages too."""
    rows = PairObjective.objects.filter(pair_id__in=[p["pk"] for p in pairs]).values_list(
        "pair_id", "start_assessment", "final_assessment"
    )
    by_pair = defaultdict(list)
    for pair_id, start, final in rows:
        by_pair[pair_id].append((start, final))
    assessed = {pk: items for pk, items in by_pair.items() if all(final is not None for _s, final in items)}
    objectives = [item for items in assessed.values() for item in items]
    mentees = privacy.count(len(assessed))
    start = privacy.about(mentees, statistics.mean(s for s, _f in objectives) if objectives else None)
    end = privacy.about(mentees, statistics.mean(f for _s, f in objectives) if objectives else None)
    improved = privacy.about(
        mentees,
        100 * sum(1 for s, f in objectives if f > s) / len(objectives) if objectives else None,
        decimals=0,
        suffix=" %",
    )
    chart = charts.bar_chart(
        key="objectifs-auto",
        title=_("Objectifs des binômes : auto-évaluation au démarrage et à la fin"),
        intro=_("Moyenne sur 5 de l'auto-évaluation des objectifs par les personnes mentorées."),
        categories=[(_("Au démarrage"), [start]), (_("À la fin"), [end])],
        series=[_("Moyenne sur 5")],
        max_value=5,
        note=_("Binômes dont chaque objectif a reçu une auto-évaluation finale."),
    )
    chart.rows.append([_("Personnes mentorées"), mentees])
    chart.rows.append([_("Objectifs en progrès"), improved])
    return {"mentees": mentees, "start": start, "end": end, "improved": improved, "chart": chart}
