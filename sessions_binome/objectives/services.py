"""Writes of the objectives during the programme: the mentee's mid-term self-assessment."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Pair, PairObjective
from .selectors import mid_assessment_open


@transaction.atomic
def objectives_mid_assess(*, pair, by, assessments, now=None):
    """`assessments`: {objective id: 1..5}, one per objective of the pair. Only the mentee, only from
    mid-term to the end of an active pair; may be made again until then (the latest counts)."""
    now = now or timezone.now()
    # Read again with its frame: the dates that say whether the check-in is open are the frame's.
    pair = Pair.objects.select_related("programme", "frame").get(pk=pair.pk)
    if by.pk != pair.mentee_id:
        raise ValidationError(_("Seule la personne mentorée fait le point sur ses objectifs."))
    if not mid_assessment_open(pair, today=timezone.localdate(now)):
        raise ValidationError(_("Le point à mi-parcours se fait à partir du milieu du binôme, avant sa fin."))
    objectives = {o.pk: o for o in PairObjective.objects.select_for_update().filter(pair=pair)}
    if not objectives or set(assessments) != set(objectives):
        raise ValidationError(_("Évaluez chacun de vos objectifs."))
    for value in assessments.values():
        if not 1 <= int(value) <= 5:
            raise ValidationError(_("Choisissez une note de 1 à 5."))
    for pk, value in assessments.items():
        objectives[pk].mid_assessment = int(value)
        objectives[pk].mid_assessed_at = now
    PairObjective.objects.bulk_update(objectives.values(), ["mid_assessment", "mid_assessed_at"])
    return sorted(objectives.values(), key=lambda objective: objective.position)
