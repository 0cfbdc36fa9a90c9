"""Writes of the closing step: the mentee's final assessment of the objectives and what each member
takes away. The step opens when the pair ends (completed or ended early) or reaches its end date:
the same rule as the final assessment (sessions_binome.services.final_assessment_open)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Pair, PairTakeaway
from ..perms import is_member
from ..services import final_assessment_open, objectives_final_assess


def closing_open(pair, *, today=None):
    """Whether the members may go through the closing step now."""
    return final_assessment_open(pair, today=today)


@transaction.atomic
def pair_closing_save(*, pair, by, takeaway, assessments=None, now=None):
    """One member's closing step. `assessments` ({objective id: 1..5}) is the mentee's final
    assessment, None for the mentor; `takeaway` is what the member takes away, read by them alone
    (an empty text removes it). Either everything is saved or nothing."""
    now = now or timezone.now()
    # Read again, locked: the step opens on the pair's state now, not on a copy read earlier.
    pair = Pair.objects.select_for_update(of=("self",)).select_related("programme").get(pk=pair.pk)
    if not is_member(by, pair):
        raise ValidationError(_("Seuls les deux membres du binôme font son bilan."))
    if not closing_open(pair):
        raise ValidationError(_("Le bilan de fin de binôme s'ouvre à la fin du binôme."))
    if assessments is not None:
        objectives_final_assess(pair=pair, by=by, assessments=assessments)
    return takeaway_save(pair=pair, author=by, text=takeaway, now=now)


def takeaway_save(*, pair, author, text, now):
    text = (text or "").strip()
    if not text:
        PairTakeaway.objects.filter(pair=pair, author=author).delete()
        return None
    takeaway, created = PairTakeaway.objects.select_for_update().get_or_create(
        pair=pair, author=author, defaults={"text": text, "created_at": now, "updated_at": now}
    )
    if not created and takeaway.text != text:
        takeaway.text = text
        takeaway.updated_at = now
        takeaway.save(update_fields=["text", "updated_at"])
    return takeaway
