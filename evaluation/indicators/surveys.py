"""What the participants say: response rates, satisfaction, NPS, objectives reached and benefits,
per phase and audience. One query for all the answers to closed questions that feed an indicator,
one for the responses sent."""

from collections import Counter, defaultdict

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from sessions_binome.enums import PairStatus

from .. import charts, privacy
from ..enums import BENEFITS, Audience, Indicator, Phase, ResponseStatus
from ..models import Answer, Response, Survey

LIKERT_GROUPS = [("low", (1, 2)), ("mid", (3,)), ("high", (4, 5))]
NPS_GROUPS = [("detractors", range(0, 7)), ("passives", (7, 8)), ("promoters", (9, 10))]


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
        "low": figures["low"],
        "mid": figures["mid"],
        "high": figures["high"],
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
        "detractors": figures["detractors"],
        "passives": figures["passives"],
        "promoters": figures["promoters"],
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
        segments=list(zip(labels, charts.THREE_LEVELS, strict=False)),
        total_header=_("Réponses"),
        summaries=[_("moyenne %(mean)s") % {"mean": b["mean"]} if b["mean"].shown else "" for _label, b in blocks],
    )
    chart.headers += [_("Moyenne")]
    for row, (_label, block) in zip(chart.rows, blocks, strict=False):
        row.append(block["mean"])
    return chart, blocks


def _surveys(scope, pairs, distributions):
    surveys = list(
        Survey.objects.filter(programme=scope.programme)
        .annotate(q=Count("questions"))
        .filter(q__gt=0)
        .order_by("opens_at", "audience")
    )
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
            and scope.person_matches(
                p[f"{side}_application__organisation_id"], p[f"{side}_application__organisation__branch_id"]
            )
            and (scope.track is None or p["track_id"] == scope.track.pk)
        }
        asked[(survey.phase, survey.audience)] = len(people)
    response_rows = []
    for survey in surveys:
        key = (survey.phase, survey.audience)
        asked_n, sent_n = privacy.count(asked[key]), privacy.count(sent[key])
        opens = timezone.localdate(survey.opens_at).strftime("%d/%m/%Y")
        response_rows.append([survey.title, opens, asked_n, sent_n, privacy.share(sent_n, asked_n)])

    phases = list(Phase)
    satisfaction_chart, satisfaction = _likert_chart(
        "satisfaction",
        _("Satisfaction des mentors et des personnes mentorées"),
        _(
            "Part des réponses insatisfaites (1-2), mitigées (3) et satisfaites (4-5), par public et par temps du programme."
        ),
        _rows_by_phase_and_audience(distributions, Indicator.SATISFACTION, phases),
        [_("Insatisfait·e (1-2)"), _("Moyennement (3)"), _("Satisfait·e (4-5)")],
    )
    objectives_chart, objectives = _likert_chart(
        "objectifs",
        _("Objectifs atteints, selon les participants"),
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
        intro=_(
            "Détracteurs (0 à 6), neutres (7 et 8) et promoteurs (9 et 10) ; le score NPS est la part de promoteurs moins la part de détracteurs."
        ),
        rows=[(label, [b["detractors"], b["passives"], b["promoters"]]) for label, b in nps_rows],
        totals=[b["n"] for _label, b in nps_rows],
        segments=list(
            zip([_("Détracteurs (0-6)"), _("Neutres (7-8)"), _("Promoteurs (9-10)")], charts.THREE_LEVELS, strict=False)
        ),
        total_header=_("Réponses"),
        summaries=[
            _("score NPS %(score)s") % {"score": b["score"]} if b["score"].shown else "" for _label, b in nps_rows
        ],
    )
    nps_chart.headers += [_("Score NPS")]
    for row, (_label, block) in zip(nps_chart.rows, nps_rows, strict=False):
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
            title=(
                _("Bénéfices attendus au démarrage")
                if expected
                else _("Bénéfices perçus, %(phase)s") % {"phase": Phase(phase).label.lower()}
            ),
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
        best = {}
        for audience in Audience:
            shown = [
                (blocks[audience][b]["mean"].value, Indicator(b).label, blocks[audience][b]["mean"])
                for b in BENEFITS
                if blocks[audience][b]["mean"].shown
            ]
            best[audience] = max(shown, key=lambda item: item[0])[1:] if shown else None
        benefits.append({"phase": Phase(phase), "expected": expected, "chart": chart, "best": best})

    responses_table = charts.Chart(
        "reponses",
        _("Participation aux questionnaires"),
        "",
        "",
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
