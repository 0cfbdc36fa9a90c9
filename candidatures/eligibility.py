"""Eligibility hints per track, computed from the programme's thresholds.

They inform whoever decides; they never decide on their own (a referent may know better)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorat.core.enums import TrackCode

from .enums import ApplicationRole


@dataclass(frozen=True)
class Hint:
    ok: bool
    message: str


def months_between(start, end):
    """Whole months from `start` to `end` (dates)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return months


def eligibility_hints(application, *, today=None):
    programme = application.programme
    today = today or (application.submitted_at or timezone.now()).date()
    if isinstance(today, datetime.datetime):
        today = today.date()
    track = application.track.code
    role = application.role
    hints = []
    if track == TrackCode.P1 and role == ApplicationRole.MENTEE:
        limit = programme.p1_mentee_max_manager_months
        if not application.is_manager or not application.manager_since:
            hints.append(
                Hint(
                    False,
                    _(
                        "Le parcours P1 s'adresse aux agents qui prennent un premier poste de manager : fonctions managériales non déclarées."
                    ),
                )
            )
        else:
            months = months_between(application.manager_since, today)
            text = ngettext(
                "Premier poste de manager depuis %(months)d mois (au plus %(limit)d attendus).",
                "Premier poste de manager depuis %(months)d mois (au plus %(limit)d attendus).",
                months,
            ) % {"months": months, "limit": limit}
            hints.append(Hint(months <= limit, text))
    elif track == TrackCode.P1 and role == ApplicationRole.MENTOR:
        minimum = programme.p1_mentor_min_manager_years
        if not application.is_manager or not application.manager_since:
            hints.append(
                Hint(False, _("Le parcours P1 demande un manager confirmé : fonctions managériales non déclarées."))
            )
        else:
            years = months_between(application.manager_since, today) // 12
            text = ngettext(
                "Manager depuis %(years)d an (au moins %(min)d attendus).",
                "Manager depuis %(years)d ans (au moins %(min)d attendus).",
                years,
            ) % {"years": years, "min": minimum}
            hints.append(Hint(years >= minimum, text))
    elif track == TrackCode.P2 and role == ApplicationRole.MENTOR:
        minimum = programme.p2_mentor_min_experience_years
        years = application.years_experience or 0
        text = ngettext(
            "%(years)d an d'expérience professionnelle (au moins %(min)d attendus).",
            "%(years)d ans d'expérience professionnelle (au moins %(min)d attendus).",
            years,
        ) % {"years": years, "min": minimum}
        hints.append(Hint(years >= minimum, text))
    else:
        hints.append(Hint(True, _("Pas de condition particulière pour ce parcours.")))
    return hints
