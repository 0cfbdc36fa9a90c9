"""The ten figures that matter (issue 24), for the summary page of the indicators: each one read
from the indicators of the scope, next to the same figure of the previous edition when there is one.

Both editions' figures come from `indicators_cached`, so they are the very figures their own pages
publish, hidden alike by the small-group rule (or exact alike on the engineer's pages)."""

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorat.core.enums import ProgrammeStatus
from mentorat.core.models import Programme
from sessions_binome.selectors import SESSIONS_TARGET_MAX, SESSIONS_TARGET_MIN

from .. import privacy
from ..enums import Audience
from . import _latest, indicators_cached

# The theme page that details each figure (the slugs of `evaluation.views.indicators.THEMES`).
FUNNEL, PAIRS, SURVEYS = "etapes", "binomes", "questionnaires"


@dataclass(frozen=True)
class KeyFigure:
    key: str
    label: str
    figure: privacy.Figure
    help: str
    theme: str
    survey: bool = False  # from questionnaire answers: the small-group rule applies for everyone
    previous: privacy.Figure | None = None

    @property
    def hidden(self):
        return bool(self.figure.hidden or (self.previous is not None and self.previous.hidden))


def _days(figure):
    if not figure.shown:
        return figure
    return privacy.Figure(value=figure.value, decimals=0, suffix=" " + _("jours"))


def _satisfaction(surveys, audience, key, label):
    _phase, block = _latest(surveys["satisfaction"], audience)
    if block is None:
        return KeyFigure(key, label, privacy.MISSING, _("pas encore de réponses"), SURVEYS, survey=True)
    return KeyFigure(
        key,
        label,
        block["mean"],
        _("sur %(n)s réponses, dernier questionnaire") % {"n": block["n"]},
        SURVEYS,
        survey=True,
    )


def key_figures(ind):
    """[KeyFigure] of the indicators `ind` (from `indicators_compute`), in reading order."""
    funnel, pairs, surveys, objectives = ind["funnel"], ind["pairs"], ind["surveys"], ind["objectives"]
    mentees, mentors = funnel["mentees"]["applied"], funnel["mentors"]["applied"]
    changes = pairs["changes"]
    if changes.shown and changes.value == 0:
        changes_text = _("aucun changement de mentor")
    elif changes.shown:
        changes_text = ngettext(
            "%(n)s personne mentorée a changé de mentor",
            "%(n)s personnes mentorées ont changé de mentor",
            changes.value,
        ) % {"n": changes}
    else:
        changes_text = _("changements de mentor : %(n)s") % {"n": changes}
    sessions_text = _("objectif : %(min)s à %(max)s par binôme") % {
        "min": SESSIONS_TARGET_MIN,
        "max": SESSIONS_TARGET_MAX,
    }
    if pairs["sessions_held"].shown:
        sessions_text += " ; " + _("%(n)s séances tenues en tout") % {"n": pairs["sessions_held"]}
    if objectives["end"].shown:
        objectives_text = _("%(start)s au démarrage ; %(n)s personnes mentorées") % {
            "start": objectives["start"],
            "n": objectives["mentees"],
        }
    else:
        objectives_text = _("auto-évaluation des personnes mentorées à la fin de leur binôme")
    return [
        KeyFigure(
            "applied",
            _("Candidatures déposées"),
            privacy.total_of([mentees, mentors], exact=ind["scope"].exact_counts),
            _("%(mentees)s pour être mentoré·e, %(mentors)s pour être mentor")
            % {"mentees": mentees, "mentors": mentors},
            FUNNEL,
        ),
        KeyFigure("pairs", _("Binômes formés"), pairs["count"], _("tous statuts confondus"), PAIRS),
        KeyFigure("started", _("Binômes démarrés"), pairs["started"], _("charte signée par les deux membres"), PAIRS),
        KeyFigure(
            "sessions_mean",
            _("Séances par binôme démarré"),
            pairs["sessions_mean"],
            sessions_text,
            PAIRS,
        ),
        KeyFigure("hours", _("Heures de mentorat"), pairs["hours"], _("durée réelle des séances tenues"), PAIRS),
        KeyFigure(
            "to_pair",
            _("Délai médian jusqu'au binôme"),
            _days(pairs["to_pair_days"]),
            _("de la publication des propositions au binôme formé"),
            PAIRS,
        ),
        KeyFigure("endings", _("Binômes arrêtés avant terme"), pairs["endings"]["total"], changes_text, PAIRS),
        _satisfaction(surveys, Audience.MENTEE, "satisfaction_mentees", _("Satisfaction des mentorés, sur 5")),
        _satisfaction(surveys, Audience.MENTOR, "satisfaction_mentors", _("Satisfaction des mentors, sur 5")),
        KeyFigure(
            "objectives",
            _("Objectifs auto-évalués à la fin, sur 5"),
            objectives["end"],
            objectives_text,
            SURVEYS,
            survey=True,
        ),
    ]


def previous_edition(programme, *, hr=False):
    """The edition before `programme` (by start date), or None. An HR referent never sees one in
    preparation (`editions_for_staff`)."""
    editions = Programme.objects.filter(starts_on__lt=programme.starts_on).order_by("-starts_on", "slug")
    if hr:
        editions = editions.exclude(status=ProgrammeStatus.PREPARATION)
    return editions.first()


def _previous_scope(scope, previous):
    """The same scope in the previous edition; None when a track filter has no track of that code there."""
    track = None
    if scope.track is not None:
        track = previous.tracks.filter(code=scope.track.code).first()
        if track is None:
            return None
    return replace(scope, programme=previous, track=track)


def summary_compare(ind, *, hr=False):
    """(the previous edition or None, [KeyFigure] of `ind` each with the previous edition's figure)."""
    current = key_figures(ind)
    previous = previous_edition(ind["scope"].programme, hr=hr)
    scope = _previous_scope(ind["scope"], previous) if previous is not None else None
    if scope is None:
        return None, current
    before = {item.key: item.figure for item in key_figures(indicators_cached(scope))}
    return previous, [replace(item, previous=before[item.key]) for item in current]
