"""The evaluation report: the indicators of a scope, one part per track, the method and the
small-group rule, rendered by the platform's PDF helper (`mentorat.core.pdf`)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from mentorat.core.dates import long_date
from mentorat.core.models import Organisation
from mentorat.core.pdf import pdf_response, render_pdf

from .enums import Phase
from .indicators import Scope, indicators_compute
from .privacy import THRESHOLD

TEMPLATE = "pdf/evaluation_report.html"


def report_context(programme, *, scope_values=None, organisation_ids=None, now=None, progress=None, simulation=False):
    """Everything the report template needs. `progress(percent, message)` is told as parts are done."""
    now = now or timezone.now()
    progress = progress or (lambda percent, message: None)
    scope = Scope(programme, organisation_ids=organisation_ids, **(scope_values or {}))
    progress(10, _("Indicateurs d'ensemble"))
    main = indicators_compute(scope, now=now)
    parts = []
    tracks = list(programme.tracks.order_by("code")) if scope.track is None else []
    for index, track in enumerate(tracks if len(tracks) > 1 else []):
        progress(20 + 40 * index // len(tracks), _("Parcours %(code)s") % {"code": track.code})
        parts.append({"track": track, "ind": indicators_compute(scope.with_track(track), now=now)})
    return {
        "programme": programme,
        "ind": main,
        "parts": parts,
        "scope": scope,
        "is_hr": organisation_ids is not None,
        "organisations": (
            list(Organisation.objects.filter(pk__in=organisation_ids).order_by("name").values_list("name", flat=True))
            if organisation_ids is not None
            else []
        ),
        "now": now,
        "threshold": THRESHOLD,
        "stage": _stage(main["calendar"], now, programme),
        "highlights": highlights(main),
        "simulation": simulation,
    }


def _stage(calendar, now, programme):
    """How far the evaluation has gone, in one French sentence, from the questionnaires' dates."""
    end = next((row for row in calendar if row["phase"] == Phase.END), None)
    if end and now >= end["closes_at"]:
        return {"final": True, "title": _("Rapport final"), "text": _("Tous les questionnaires sont clos.")}
    opened = [row for row in calendar if now >= row["opens_at"]]
    upcoming = [row for row in calendar if now < row["opens_at"]]
    done = ", ".join(str(row["label"]).lower() for row in opened) or _("aucun")
    text = _("Questionnaires ouverts à ce jour : %(done)s.") % {"done": done}
    if upcoming:
        text += " " + _("À venir : %(rows)s.") % {
            "rows": ", ".join(
                _("%(label)s à partir du %(date)s")
                % {
                    "label": str(row["label"]).lower(),
                    "date": long_date(row["opens_at"]),
                }
                for row in upcoming
            )
        }
    return {"final": False, "title": _("Rapport intermédiaire"), "text": text}


def highlights(ind):
    """A few plain sentences for the summary, only from figures that may be published."""
    pairs, funnel, surveys = ind["pairs"], ind["funnel"], ind["surveys"]
    sentences = []
    applied = funnel["mentees"]["applied"]
    if applied.shown and funnel["mentors"]["applied"].shown:
        sentences.append(
            _("%(mentees)s personnes ont candidaté pour être mentorées et %(mentors)s pour être mentors.")
            % {"mentees": applied, "mentors": funnel["mentors"]["applied"]}
        )
    if pairs["count"].shown:
        sentences.append(
            _("%(pairs)s binômes ont été formés ; %(started)s ont signé leur charte et démarré.")
            % {"pairs": pairs["count"], "started": pairs["started"]}
        )
    if pairs["sessions_held"].shown:
        sentences.append(
            _(
                "Ils ont tenu %(sessions)s séances, soit %(hours)s heures de mentorat (%(mean)s séances par binôme démarré en moyenne, pour un objectif de 6 à 8 sur sept mois)."
            )
            % {"sessions": pairs["sessions_held"], "hours": pairs["hours"], "mean": pairs["sessions_mean"]}
        )
    if pairs["to_pair_days"].shown:
        sentences.append(
            _("Le délai médian entre la publication des propositions et la formation du binôme est de %(days)s jours.")
            % {"days": pairs["to_pair_days"]}
        )
    for label, block in surveys["satisfaction"]:
        if block["mean"].shown and block["favourable"].shown:
            sentences.append(
                _("%(who)s : satisfaction moyenne de %(mean)s, %(share)s de réponses satisfaites (%(n)s réponses).")
                % {"who": label, "mean": block["mean"], "share": block["favourable"], "n": block["n"]}
            )
        elif block["mean"].shown:
            sentences.append(
                _("%(who)s : satisfaction moyenne de %(mean)s (%(n)s réponses).")
                % {"who": label, "mean": block["mean"], "n": block["n"]}
            )
    for label, block in surveys["nps"]:
        if block["score"].shown:
            sentences.append(
                _("%(who)s : score de recommandation (NPS) de %(score)s.") % {"who": label, "score": block["score"]}
            )
    objectives = ind["objectives"]
    if objectives["end"].shown:
        sentences.append(
            _(
                "Les personnes mentorées notent leurs objectifs %(end)s sur 5 à la fin, contre %(start)s au démarrage ; %(improved)s des objectifs ont progressé (%(n)s personnes)."
            )
            % {
                "end": objectives["end"],
                "start": objectives["start"],
                "improved": objectives["improved"],
                "n": objectives["mentees"],
            }
        )
    if surveys["benefits"]:
        latest = surveys["benefits"][-1]
        for audience, figures in latest["best"].items():
            if figures:
                text = (
                    _("%(who)s, %(phase)s : bénéfice le plus attendu, « %(benefit)s » (%(mean)s).")
                    if latest["expected"]
                    else _("%(who)s, %(phase)s : bénéfice le mieux noté, « %(benefit)s » (%(mean)s).")
                )
                sentences.append(
                    text
                    % {
                        "who": audience.label,
                        "phase": latest["phase"].label.lower(),
                        "benefit": figures[0],
                        "mean": figures[1],
                    }
                )
    return sentences


def report_pdf(programme, *, scope_values=None, organisation_ids=None, progress=None, simulation=False):
    context = report_context(
        programme,
        scope_values=scope_values,
        organisation_ids=organisation_ids,
        progress=progress,
        simulation=simulation,
    )
    if progress:
        progress(70, _("Mise en page du PDF"))
    return render_pdf(TEMPLATE, context)


def report_response(request, programme, *, scope_values, organisation_ids, filename):
    context = report_context(programme, scope_values=scope_values, organisation_ids=organisation_ids)
    return pdf_response(request, TEMPLATE, context, filename)
