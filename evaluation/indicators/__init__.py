"""The evaluation indicators of SPEC §7, for a scope (programme, optional track, branch, organisation,
and the HR referent's organisations). A fixed number of queries whatever the number of pairs or
answers; every published figure goes through `evaluation.privacy`.

Who is counted where:
- the funnel, the questionnaires and the response rates count people by their own organisation
  (the one of their application);
- pair indicators (statuses, sessions, hours, delays, endings, objectives) count the pairs with a
  member in the scope, as the HR follow-up does.

Modules: `scope` (what is counted), `funnel`, `pairs`, `surveys`; `indicators_compute` gathers them.
"""

import io
import pickle

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mentorat.core.models import Branch

from .. import charts, privacy
from ..enums import Audience
from ..selectors import phases_calendar
from .funnel import _funnel, _funnel_rows
from .pairs import _objectives, _pair_rows, _pairs
from .scope import Scope
from .surveys import _distributions, _surveys

__all__ = ["Scope", "indicators_cached", "indicators_compute"]


def indicators_cached(scope):
    """`indicators_compute(scope)` as computed at most INDICATORS_CACHE_SECONDS ago (shared cache).

    The pages of indicators are opened often and their figures move slowly; computing them reads
    every application, pair, session and answer of the scope (about 1 s for 10,000 pairs,
    benchmarks/README.md). The page says when its figures were computed (`generated_at`). The PDF
    report, made in the background, always computes afresh."""
    seconds = settings.INDICATORS_CACHE_SECONDS
    if seconds <= 0:
        return indicators_compute(scope)
    key = f"{scope.cache_key()}:{get_language()}"
    result = cache.get(key)
    if result is None:
        result = _with_plain_strings(indicators_compute(scope))
        cache.set(key, result, seconds)
    return result


class _PlainStringPickler(pickle.Pickler):
    def reducer_override(self, obj):
        if isinstance(obj, Promise):
            return str, (str(obj),)
        return NotImplemented


def _with_plain_strings(result):
    """`result` with its lazy translations (labels of choices, headers of charts) turned into text in
    the current language. Each lazy string is rebuilt by `lazy()` when unpickled: the 600 of the
    indicators took 14 ms at each read from the cache, the plain copy 0.7 ms (benchmarks/README.md)."""
    buffer = io.BytesIO()
    _PlainStringPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(result)
    return pickle.loads(buffer.getvalue())


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
        (
            _("Binômes menés à leur terme"),
            pairs["completed"],
            _("dont %(n)s avec 6 à 8 séances") % {"n": pairs["reach"]["within"]}
            if pairs["reach"]["within"].shown
            else "",
        ),
        (_("Séances tenues"), pairs["sessions_held"], _("par les binômes démarrés")),
        (_("Heures de mentorat"), pairs["hours"], _("durée réelle des séances tenues")),
        (_("Délai médian de la publication au binôme"), _days(pairs["to_pair_days"]), ""),
    ]
    for audience in Audience:
        label, block = _latest(surveys["satisfaction"], audience)
        if block is not None:
            if block["favourable"].shown:
                help_text = _("%(share)s de réponses 4 ou 5, sur %(n)s") % {
                    "share": block["favourable"],
                    "n": block["n"],
                }
            else:
                help_text = _("sur %(n)s réponses") % {"n": block["n"]}
            rows.append((_("Satisfaction — %(who)s") % {"who": label}, block["mean"], help_text))
    for audience in Audience:
        label, block = _latest(surveys["nps"], audience)
        if block is not None:
            rows.append(
                (_("NPS — %(who)s") % {"who": label}, block["score"], _("sur %(n)s réponses") % {"n": block["n"]})
            )
    objectives = result["objectives"]
    if objectives["mentees"].value:
        rows.append(
            (
                _("Objectifs auto-évalués à la fin (sur 5)"),
                objectives["end"],
                _("%(start)s au démarrage, %(n)s personnes mentorées")
                % {"start": objectives["start"], "n": objectives["mentees"]},
            )
        )
    return rows


def _days(figure):
    if not figure.shown:
        return figure
    return privacy.Figure(value=figure.value, decimals=0, suffix=_(" jours"))
