"""The evaluation indicators of SPEC §7, for a scope (programme, optional track, branch, organisation,
and the HR referent's organisations). A fixed number of queries whatever the number of pairs or
answers; every published figure goes through `evaluation.privacy`.

Who is counted where:
- the funnel, the questionnaires and the response rates count people by their own organisation
  (the one of their application);
- pair indicators (statuses, sessions, hours, delays, endings, objectives) count the pairs with a
  member in the scope, as the HR follow-up does.
"""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candidatures.enums import ApplicationRole, ApplicationStatus
from candidatures.models import Application, Invitation
from matching.enums import RequestStatus
from matching.models import MentorRequest, Proposal
from mentorat.core.models import Branch, Track
from sessions_binome.enums import PairStatus, SessionStatus
from sessions_binome.models import Pair, PairObjective
from sessions_binome.selectors import SESSIONS_TARGET_MAX, SESSIONS_TARGET_MIN

from . import charts, privacy
from .enums import BENEFITS, Audience, Indicator, Phase, ResponseStatus
from .models import Answer, Response, Survey
from .selectors import phases_calendar

MENTEE, MENTOR = ApplicationRole.MENTEE, ApplicationRole.MENTOR

FUNNEL_STAGES = [
    ("applied", gettext_lazy("Candidature déposée")),
    ("validated", gettext_lazy("Candidature validée")),
    ("proposed", gettext_lazy("Propositions reçues (mentorés) ou mentor proposé")),
    ("chosen", gettext_lazy("Mentor choisi (mentorés) ou choisi (mentors)")),
    ("signed", gettext_lazy("Charte signée")),
    ("active", gettext_lazy("Binôme actif")),
    ("completed", gettext_lazy("Binôme mené à son terme")),
]
SHORT_STAGES = {
    "applied": gettext_lazy("Candidatures"),
    "validated": gettext_lazy("Validées"),
    "proposed": gettext_lazy("Propositions"),
    "chosen": gettext_lazy("Choix"),
    "signed": gettext_lazy("Charte"),
    "active": gettext_lazy("Actifs"),
    "completed": gettext_lazy("Terminés"),
}
PAIR_STATUSES = [PairStatus.FRAME, PairStatus.ACTIVE, PairStatus.COMPLETED, PairStatus.ENDED]
SESSION_BINS = ["0", "1", "2", "3", "4", "5", "6-8", "9+"]
LIKERT_GROUPS = [("low", (1, 2)), ("mid", (3,)), ("high", (4, 5))]
NPS_GROUPS = [("detractors", range(0, 7)), ("passives", (7, 8)), ("promoters", (9, 10))]


@dataclass(frozen=True)
class Scope:
    programme: object
    track: Track | None = None
    branch: Branch | None = None
    organisation: object = None
    organisation_ids: frozenset | None = None  # an HR referent: their organisations only

    def _side(self, prefix):
        q = Q()
        if self.branch is not None:
            q &= Q(**{f"{prefix}organisation__branch": self.branch})
        if self.organisation is not None:
            q &= Q(**{f"{prefix}organisation": self.organisation})
        if self.organisation_ids is not None:
            q &= Q(**{f"{prefix}organisation_id__in": self.organisation_ids})
        return q

    def people_q(self, prefix=""):
        """On Application or Response (or through `prefix`): the person's track and organisation."""
        q = self._side(prefix)
        if self.track is not None:
            q &= Q(**{f"{prefix}track": self.track})
        return q

    def pairs_q(self):
        q = Q(programme=self.programme)
        if self.track is not None:
            q &= Q(track=self.track)
        side = self._side("")
        if side:
            q &= self._side("mentee_application__") | self._side("mentor_application__")
        return q

    def person_matches(self, organisation_id, branch_id):
        return (
            (self.branch is None or branch_id == self.branch.pk)
            and (self.organisation is None or organisation_id == self.organisation.pk)
            and (self.organisation_ids is None or organisation_id in self.organisation_ids)
        )

    def with_track(self, track):
        return replace(self, track=track)

    def description(self):
        parts = []
        if self.organisation_ids is not None:
            parts.append(_("organismes du référent RH"))
        if self.track is not None:
            parts.append(_("parcours %(code)s") % {"code": self.track.code})
        if self.branch is not None:
            parts.append(_("branche %(name)s") % {"name": self.branch.name.lower()})
        if self.organisation is not None:
            parts.append(str(self.organisation))
        return ", ".join(parts) or _("tout le programme")


# --- the funnel --------------------------------------------------------------------------------


def _funnel_rows(scope):
    """One query: per (role, track, branch), how many people reached each stage."""
    published = Proposal.objects.filter(run__published_at__isnull=False)
    signed = Pair.objects.alias(signatures=Count("charter_signatures")).filter(
        Q(activated_at__isnull=False) | Q(signatures__gte=2)
    )
    active = Pair.objects.filter(activated_at__isnull=False)
    completed = Pair.objects.filter(status=PairStatus.COMPLETED)
    mentee, mentor = Q(role=MENTEE), Q(role=MENTOR)

    def either(name):
        return (mentee & Q(**{f"{name}_as_mentee": True})) | (mentor & Q(**{f"{name}_as_mentor": True}))

    return list(
        Application.objects.filter(programme=scope.programme, submitted_at__isnull=False)
        .filter(scope.people_q())
        .alias(
            proposed_as_mentee=Exists(published.filter(mentee=OuterRef("pk"))),
            proposed_as_mentor=Exists(published.filter(mentor=OuterRef("pk"))),
            chosen_as_mentee=Exists(MentorRequest.objects.filter(mentee=OuterRef("pk"))),
            chosen_as_mentor=Exists(MentorRequest.objects.filter(mentor=OuterRef("pk"))),
            signed_as_mentee=Exists(signed.filter(mentee_application=OuterRef("pk"))),
            signed_as_mentor=Exists(signed.filter(mentor_application=OuterRef("pk"))),
            active_as_mentee=Exists(active.filter(mentee_application=OuterRef("pk"))),
            active_as_mentor=Exists(active.filter(mentor_application=OuterRef("pk"))),
            completed_as_mentee=Exists(completed.filter(mentee_application=OuterRef("pk"))),
            completed_as_mentor=Exists(completed.filter(mentor_application=OuterRef("pk"))),
        )
        .values("role", "track_id", "organisation__branch_id")
        .annotate(
            applied=Count("pk"),
            validated=Count("pk", filter=Q(status=ApplicationStatus.VALIDATED) | either("proposed")),
            proposed=Count("pk", filter=either("proposed")),
            chosen=Count("pk", filter=either("chosen")),
            signed=Count("pk", filter=either("signed")),
            active=Count("pk", filter=either("active")),
            completed=Count("pk", filter=either("completed")),
        )
        .order_by()
    )


def _invited(scope):
    """Addresses invited from the HR relay kits (all roles); None under a track filter (an invitation
    has no track)."""
    if scope.track is not None:
        return None
    invitations = Invitation.objects.filter(programme=scope.programme)
    if scope.branch is not None:
        invitations = invitations.filter(organisation__branch=scope.branch)
    if scope.organisation is not None:
        invitations = invitations.filter(organisation=scope.organisation)
    if scope.organisation_ids is not None:
        invitations = invitations.filter(organisation_id__in=scope.organisation_ids)
    return invitations.count()


def _funnel(scope, rows, tracks, branches):
    totals = {role: Counter() for role in (MENTEE, MENTOR)}
    by_track, by_branch = Counter(), Counter()
    for row in rows:
        for stage, _label in FUNNEL_STAGES:
            totals[row["role"]][stage] += row[stage]
            if row["role"] == MENTEE:
                by_track[(row["track_id"], stage)] += row[stage]
                by_branch[(row["organisation__branch_id"], stage)] += row[stage]
    invited = _invited(scope)
    mentees = {stage: privacy.count(totals[MENTEE][stage]) for stage, _label in FUNNEL_STAGES}
    mentors = {stage: privacy.count(totals[MENTOR][stage]) for stage, _label in FUNNEL_STAGES}
    stages = [(label, mentees[stage]) for stage, label in FUNNEL_STAGES]
    extra = [[mentors[stage]] for stage, _label in FUNNEL_STAGES]
    if invited is not None:
        stages.insert(0, (_("Invitations envoyées (adresses, tous rôles)"), privacy.count(invited)))
        extra.insert(0, ["—"])
    funnel = charts.funnel_chart(
        key="entonnoir",
        title=_("De l'invitation à la fin du programme : personnes mentorées"),
        intro=_("Nombre de personnes mentorées à chaque étape, cumulé depuis l'ouverture de l'appel."),
        stages=stages,
        headers=[_("Étape"), _("Mentorés"), _("Mentors")],
        extra_columns=extra,
        note=_(
            "Une personne compte à une étape dès qu'elle l'a franchie, même si elle a ensuite arrêté. Les invitations "
            "sont les adresses invitées depuis le kit de relais de la plateforme ; l'appel a aussi été diffusé par "
            "d'autres canaux. Mentors : proposés au moins une fois, choisis au moins une fois, puis dans un binôme."
        ),
    )
    stage_keys = [stage for stage, _label in FUNNEL_STAGES]

    def breakdown_table(key, title, rows_spec, counts):
        figures = privacy.grid([pk for pk, _label in rows_spec], stage_keys, counts, row_totals=False)
        rows = [[label, *(figures[(pk, s)] for s in stage_keys)] for pk, label in rows_spec]
        rows.append([_("Total"), *(figures[("total", s)] for s in stage_keys)])
        return charts.Chart(key, title, "", "", [""] + [SHORT_STAGES[s] for s in stage_keys], rows)

    return {
        "chart": funnel,
        "by_track": breakdown_table(
            "entonnoir-parcours", _("Personnes mentorées à chaque étape, par parcours"),
            [(t.pk, f"{t.code} · {t.name}") for t in tracks], by_track,
        ),
        "by_branch": breakdown_table(
            "entonnoir-branches", _("Personnes mentorées à chaque étape, par branche"),
            [(b.pk, b.name) for b in branches], by_branch,
        ),
        "mentees": mentees,
        "mentors": mentors,
    }


# --- pairs -------------------------------------------------------------------------------------


def _pair_rows(scope):
    return list(
        Pair.objects.filter(scope.pairs_q())
        .annotate(
            held=Count("sessions", filter=Q(sessions__status=SessionStatus.HELD)),
            minutes=Coalesce(Sum("sessions__actual_duration_minutes", filter=Q(sessions__status=SessionStatus.HELD)), 0),
        )
        .values(
            "pk", "track_id", "status", "created_at", "activated_at", "ended_at", "ended_by_id",
            "mentee_id", "mentor_id", "mentee_application_id", "mentor_application_id",
            "mentee_application__organisation_id", "mentee_application__organisation__branch_id",
            "mentor_application__organisation_id", "mentor_application__organisation__branch_id",
            "held", "minutes",
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
    figures = privacy.grid([t.pk for t in tracks], PAIR_STATUSES, counts)
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
        segments=list(zip([status_labels[s] for s in PAIR_STATUSES], [charts.GREY, charts.BLUE, charts.TEAL, charts.ORANGE])),
        total_header=_("Binômes"),
    )

    started = [p for p in pairs if p["activated_at"] is not None]
    per_bin = Counter(_session_bin(p["held"]) for p in started)
    bins = privacy.breakdown({b: per_bin.get(b, 0) for b in SESSION_BINS})
    target_label = _("6 à 8 (objectif)")
    labels = {b: b for b in SESSION_BINS} | {"6-8": target_label, "9+": _("9 et plus")}
    sessions_chart = charts.bar_chart(
        key="seances",
        title=_("Séances tenues par binôme, au regard de l'objectif de 6 à 8"),
        intro=_("Nombre de binômes démarrés selon le nombre de séances tenues."),
        categories=[(labels[b], [bins[b]]) for b in SESSION_BINS],
        series=[_("Binômes")],
        highlight={target_label},
        note=_("Binômes démarrés (devenus actifs), y compris ceux qui sont encore en cours : ils ont jusqu'à leur date de fin pour atteindre l'objectif."),
    )
    sessions_chart.rows.append([_("Total"), bins["total"]])

    started_n = privacy.count(len(started))
    held = sum(p["held"] for p in started)
    minutes = sum(p["minutes"] for p in pairs)
    closed = [p for p in pairs if p["status"] == PairStatus.COMPLETED]
    reach = privacy.breakdown({
        "below": sum(1 for p in closed if p["held"] < SESSIONS_TARGET_MIN),
        "within": sum(1 for p in closed if SESSIONS_TARGET_MIN <= p["held"] <= SESSIONS_TARGET_MAX),
        "above": sum(1 for p in closed if p["held"] > SESSIONS_TARGET_MAX),
    })

    # Time from the publication of the proposals to the pair, then to the charter signed.
    published = {
        (r["mentee_id"], r["mentor_id"]): r["proposal__run__published_at"]
        for r in MentorRequest.objects.filter(status=RequestStatus.ACCEPTED, mentee__programme=scope.programme)
        .values("mentee_id", "mentor_id", "proposal__run__published_at")
    }
    to_pair = [
        p["created_at"] - published[key]
        for p in pairs
        if (key := (p["mentee_application_id"], p["mentor_application_id"])) in published and published[key]
    ]
    to_active = [p["activated_at"] - p["created_at"] for p in started]

    ended = [p for p in pairs if p["status"] == PairStatus.ENDED]
    endings = privacy.breakdown({
        "mentee": sum(1 for p in ended if p["ended_by_id"] == p["mentee_id"]),
        "mentor": sum(1 for p in ended if p["ended_by_id"] == p["mentor_id"]),
        "team": sum(1 for p in ended if p["ended_by_id"] not in (p["mentee_id"], p["mentor_id"])),
    })
    pairs_per_mentee = Counter(p["mentee_application_id"] for p in pairs)
    changes = privacy.count(sum(1 for n in pairs_per_mentee.values() if n > 1))
    endings_table = charts.Chart(
        "arrets", _("Arrêts avant terme et changements de mentor"), "", "", [_("Indicateur"), _("Nombre")],
        [
            [_("Binômes arrêtés avant terme"), endings["total"]],
            [_("… à l'initiative de la personne mentorée"), endings["mentee"]],
            [_("… à l'initiative du mentor"), endings["mentor"]],
            [_("… par l'équipe du programme"), endings["team"]],
            [_("Personnes mentorées ayant changé de mentor"), changes],
        ],
        note=_("Les motifs d'arrêt ne sont lus que par l'équipe du programme et ne sont jamais publiés."),
    )
    pairs_n = privacy.count(len(pairs))
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
        "to_pair_days": privacy.about(len(to_pair), _median_days(to_pair)),
        "to_active_days": privacy.about(len(to_active), _median_days(to_active)),
        "endings": endings,
        "changes": changes,
        "endings_table": endings_table,
    }


def _objectives(pairs):
    """The mentees' self-assessment of their objectives (1-5), at the start and at the end, over
    the pairs whose every objective has a final assessment."""
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
        mentees, 100 * sum(1 for s, f in objectives if f > s) / len(objectives) if objectives else None, decimals=0, suffix=" %"
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


# --- questionnaires ----------------------------------------------------------------------------


def _distributions(scope):
    """{(indicator, phase, audience): Counter(value: n)}: one query over sent responses."""
    rows = (
        Answer.objects.filter(response__status=ResponseStatus.SUBMITTED, response__survey__programme=scope.programme)
        .filter(scope.people_q("response__"))
        .exclude(question__indicator="")
        .exclude(value__isnull=True)
        .values("question__indicator", "response__survey__phase", "response__survey__audience", "value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result = defaultdict(Counter)
    for row in rows:
        key = (row["question__indicator"], row["response__survey__phase"], row["response__survey__audience"])
        result[key][row["value"]] += row["n"]
    return result


def _grouped(counter, groups):
    return {name: sum(counter.get(v, 0) for v in values) for name, values in groups}


def _mean(counter):
    n = sum(counter.values())
    return sum(v * c for v, c in counter.items()) / n if n else None


def _likert_block(counter):
    figures = privacy.scale_categories(_grouped(counter, LIKERT_GROUPS))
    return {
        "n": figures["total"],
        "low": figures["low"], "mid": figures["mid"], "high": figures["high"],
        "mean": privacy.about(figures["total"], _mean(counter), suffix=" / 5"),
        "favourable": privacy.share(figures["high"], figures["total"]),
    }


def _nps_block(counter):
    figures = privacy.scale_categories(_grouped(counter, NPS_GROUPS))
    n = sum(counter.values())
    score = None
    if n:
        score = 100 * (figures["promoters"].value - figures["detractors"].value) / n
    return {
        "n": figures["total"],
        "detractors": figures["detractors"], "passives": figures["passives"], "promoters": figures["promoters"],
        "score": privacy.nps_score(figures["total"], score),
    }


def _rows_by_phase_and_audience(distributions, indicator, phases):
    rows = []
    for phase in phases:
        for audience in Audience:
            counter = distributions.get((indicator, phase, audience))
            if counter:
                rows.append((phase, audience, counter))
    return rows


def _row_label(phase, audience):
    return f"{Audience(audience).label} · {Phase(phase).label.lower()}"


def _likert_chart(key, title, intro, rows, labels):
    blocks = [
        (_row_label(phase, audience), _likert_block(counter) | {"phase": phase, "audience": audience})
        for phase, audience, counter in rows
    ]
    chart = charts.stacked_bar_chart(
        key=key,
        title=title,
        intro=intro,
        rows=[(label, [b["low"], b["mid"], b["high"]]) for label, b in blocks],
        totals=[b["n"] for _label, b in blocks],
        segments=list(zip(labels, charts.THREE_LEVELS)),
        total_header=_("Réponses"),
        summaries=[_("moyenne %(mean)s") % {"mean": b["mean"]} if b["mean"].shown else "" for _label, b in blocks],
    )
    chart.headers += [_("Moyenne")]
    for row, (_label, block) in zip(chart.rows, blocks):
        row.append(block["mean"])
    return chart, blocks


def _surveys(scope, pairs, distributions):
    surveys = list(Survey.objects.filter(programme=scope.programme).annotate(q=Count("questions")).filter(q__gt=0).order_by("opens_at", "audience"))
    sent = Counter(
        {
            (row["survey__phase"], row["survey__audience"]): row["n"]
            for row in Response.objects.filter(status=ResponseStatus.SUBMITTED, survey__programme=scope.programme)
            .filter(scope.people_q())
            .values("survey__phase", "survey__audience")
            .annotate(n=Count("pk"))
            .order_by()
        }
    )
    asked = {}
    for survey in surveys:
        side = "mentee" if survey.audience == Audience.MENTEE else "mentor"
        people = {
            p[f"{side}_id"]
            for p in pairs
            if _asked(p, survey.phase)
            and scope.person_matches(p[f"{side}_application__organisation_id"], p[f"{side}_application__organisation__branch_id"])
            and (scope.track is None or p["track_id"] == scope.track.pk)
        }
        asked[(survey.phase, survey.audience)] = len(people)
    response_rows = []
    for survey in surveys:
        key = (survey.phase, survey.audience)
        asked_n, sent_n = privacy.count(asked[key]), privacy.count(sent[key])
        opens = timezone.localdate(survey.opens_at).strftime("%d/%m/%Y")
        response_rows.append([survey.title, opens, asked_n, sent_n, privacy.share(sent_n, asked_n)])

    phases = [p for p in Phase]
    satisfaction_chart, satisfaction = _likert_chart(
        "satisfaction", _("Satisfaction des mentors et des personnes mentorées"),
        _("Part des réponses insatisfaites (1-2), mitigées (3) et satisfaites (4-5), par public et par temps du programme."),
        _rows_by_phase_and_audience(distributions, Indicator.SATISFACTION, phases),
        [_("Insatisfait·e (1-2)"), _("Moyennement (3)"), _("Satisfait·e (4-5)")],
    )
    objectives_chart, objectives = _likert_chart(
        "objectifs", _("Objectifs atteints, selon les participants"),
        _("Accord avec l'affirmation « les objectifs sont atteints » (ou « en bonne voie » à mi-parcours)."),
        _rows_by_phase_and_audience(distributions, Indicator.OBJECTIVES, phases),
        [_("Pas d'accord (1-2)"), _("Mitigé (3)"), _("D'accord (4-5)")],
    )
    nps_rows = [
        (_row_label(phase, audience), _nps_block(counter) | {"phase": phase, "audience": audience})
        for phase, audience, counter in _rows_by_phase_and_audience(distributions, Indicator.NPS, phases)
    ]
    nps_chart = charts.stacked_bar_chart(
        key="nps",
        title=_("Recommandation du programme (NPS)"),
        intro=_("Détracteurs (0 à 6), neutres (7 et 8) et promoteurs (9 et 10) ; le score NPS est la part de promoteurs moins la part de détracteurs."),
        rows=[(label, [b["detractors"], b["passives"], b["promoters"]]) for label, b in nps_rows],
        totals=[b["n"] for _label, b in nps_rows],
        segments=list(zip([_("Détracteurs (0-6)"), _("Neutres (7-8)"), _("Promoteurs (9-10)")], charts.THREE_LEVELS)),
        total_header=_("Réponses"),
        summaries=[_("score NPS %(score)s") % {"score": b["score"]} if b["score"].shown else "" for _label, b in nps_rows],
    )
    nps_chart.headers += [_("Score NPS")]
    for row, (_label, block) in zip(nps_chart.rows, nps_rows):
        row.append(block["score"])

    benefits = []
    for phase in phases:
        blocks = {
            audience: {b: _likert_block(distributions.get((b, phase, audience), Counter())) for b in BENEFITS}
            for audience in Audience
        }
        if not any(block["n"].value for per in blocks.values() for block in per.values()):
            continue
        expected = phase == Phase.START
        chart = charts.bar_chart(
            key=f"benefices-{phase}",
            title=(_("Bénéfices attendus au démarrage") if expected else _("Bénéfices perçus, %(phase)s") % {"phase": Phase(phase).label.lower()}),
            intro=_("Note moyenne sur 5 donnée à chaque bénéfice, par public (5 : tout à fait d'accord)."),
            categories=[(Indicator(b).label, [blocks[a][b]["mean"] for a in Audience]) for b in BENEFITS],
            series=[a.label for a in Audience],
            axis_unit=" / 5",
            max_value=5,
            note=_("Part « d'accord » : réponses 4 ou 5 ; masquée quand moins de 5 personnes ne sont pas d'accord."),
        )
        chart.header_groups = [("", 1)] + [(a.label, 3) for a in Audience]
        chart.headers = [_("Bénéfice")] + [h for _a in Audience for h in (_("Réponses"), _("Moyenne"), _("D'accord"))]
        chart.rows = [
            [Indicator(b).label] + [blocks[a][b][k] for a in Audience for k in ("n", "mean", "favourable")]
            for b in BENEFITS
        ]
        benefits.append({"phase": phase, "expected": expected, "chart": chart})

    responses_table = charts.Chart(
        "reponses", _("Participation aux questionnaires"), "", "",
        [_("Questionnaire"), _("Ouverture"), _("Personnes sollicitées"), _("Réponses envoyées"), _("Taux de réponse")],
        response_rows,
    )
    return {
        "responses": responses_table,
        "satisfaction_chart": satisfaction_chart,
        "satisfaction": satisfaction,
        "objectives_chart": objectives_chart,
        "objectives": objectives,
        "nps_chart": nps_chart,
        "nps": nps_rows,
        "benefits": benefits,
    }


def _asked(pair_row, phase):
    if phase == Phase.END:
        return pair_row["status"] in (PairStatus.COMPLETED, PairStatus.ENDED)
    return pair_row["activated_at"] is not None


# --- everything --------------------------------------------------------------------------------


def indicators_compute(scope, *, now=None):
    """All indicators of `scope`, ready for a page, a PDF or a test."""
    now = now or timezone.now()
    tracks = list(scope.programme.tracks.order_by("code"))
    if scope.track is not None:
        tracks = [t for t in tracks if t.pk == scope.track.pk]
    branches = Branch.objects.order_by("position", "name")
    if scope.organisation_ids is not None:
        branches = branches.filter(organisations__id__in=scope.organisation_ids).distinct()
    if scope.branch is not None:
        branches = branches.filter(pk=scope.branch.pk)
    if scope.organisation is not None:
        branches = branches.filter(pk=scope.organisation.branch_id)
    branches = list(branches)
    pairs = _pair_rows(scope)
    result = {
        "scope": scope,
        "generated_at": now,
        "calendar": phases_calendar(scope.programme, now),
        "funnel": _funnel(scope, _funnel_rows(scope), tracks, branches),
        "pairs": _pairs(scope, pairs, tracks),
        "objectives": _objectives(pairs),
        "surveys": _surveys(scope, pairs, _distributions(scope)),
    }
    result["summary"] = _summary(result)
    if scope.track is not None:
        for chart in _charts_in(result):
            chart.rename(f"-{scope.track.code.lower()}")
    return result


def _charts_in(value):
    if isinstance(value, charts.Chart):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _charts_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _charts_in(item)


def _latest(rows, audience):
    """The block of the latest phase with answers for `audience`, as (label, block)."""
    for label, block in reversed(rows):
        if block["audience"] == audience and block["n"].value:
            return label, block
    return None, None


def _summary(result):
    pairs, surveys = result["pairs"], result["surveys"]
    rows = [
        (_("Binômes formés"), pairs["count"], ""),
        (_("Binômes démarrés (charte signée)"), pairs["started"], ""),
        (_("Séances tenues"), pairs["sessions_held"], _("par les binômes démarrés")),
        (_("Heures de mentorat"), pairs["hours"], _("durée réelle des séances tenues")),
        (_("Délai médian de la publication au binôme"), _days(pairs["to_pair_days"]), ""),
    ]
    for audience in Audience:
        label, block = _latest(surveys["satisfaction"], audience)
        if block is not None:
            if block["favourable"].shown:
                help_text = _("%(share)s de réponses 4 ou 5, sur %(n)s") % {"share": block["favourable"], "n": block["n"]}
            else:
                help_text = _("sur %(n)s réponses") % {"n": block["n"]}
            rows.append((_("Satisfaction — %(who)s") % {"who": label}, block["mean"], help_text))
    for audience in Audience:
        label, block = _latest(surveys["nps"], audience)
        if block is not None:
            rows.append((_("NPS — %(who)s") % {"who": label}, block["score"], _("sur %(n)s réponses") % {"n": block["n"]}))
    return rows


def _days(figure):
    if not figure.shown:
        return figure
    return privacy.Figure(value=figure.value, decimals=0, suffix=_(" jours"))
