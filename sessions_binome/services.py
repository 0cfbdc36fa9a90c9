"""Writes about the pair as a whole (sessions: sessions/services.py; frame: services_frame.py)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import OPEN_PAIR_STATUSES
from .models import PairObjective


def final_assessment_open(pair, *, today=None):
    """The mentee records the final self-assessment at the end: the pair closed (completed or ended
    early) or its end date reached."""
    today = today or timezone.localdate()
    if pair.status not in OPEN_PAIR_STATUSES:
        return True
    frame = getattr(pair, "frame", None)
    end = frame.ends_on if frame is not None else pair.programme.ends_on
    return today >= end


@transaction.atomic
def objectives_final_assess(*, pair, by, assessments):
    """`assessments`: {objective id: 1..5}. Only the mentee, only at the end."""
    if by.pk != pair.mentee_id:
        raise ValidationError(_("Seul le mentoré fait le bilan de ses objectifs."))
    if not final_assessment_open(pair):
        raise ValidationError(_("Le bilan des objectifs se fait à la fin du binôme."))
    objectives = {o.pk: o for o in PairObjective.objects.select_for_update().filter(pair=pair)}
    if set(assessments) != set(objectives):
        raise ValidationError(_("Évaluez chacun de vos objectifs."))
    for pk, value in assessments.items():
        if not 1 <= int(value) <= 5:
            raise ValidationError(_("Choisissez une note de 1 à 5."))
        objectives[pk].final_assessment = int(value)
        objectives[pk].save(update_fields=["final_assessment"])
    return list(objectives.values())
