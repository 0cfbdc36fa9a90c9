"""Writes of what a member privately says of the pair: the fit check and the ratings of held sessions.

« Je souhaite changer » from the mentee leads to the change of mentor (matching.services.pair_end,
through its own page, where the mentee gives the reason the engineer reads); from the mentor it alerts
the programme engineers (the reminders' catalogue, kind "fit-change": in-app at once and in their
daily digest), who take it up with the pair. Nothing here is ever e-mailed with its content."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..enums import OPEN_PAIR_STATUSES, SessionStatus
from ..models import FitAnswer, FitCheck, MentoringSession, Pair, SessionRating
from ..perms import is_member


def _check_member(pair, by):
    if not is_member(by, pair):
        raise ValidationError(_("Seuls les membres du binôme répondent ici."))


def fit_check_open(pair, held_count):
    """The fit check is asked once the pair has held a session, while it is open."""
    return pair.status in OPEN_PAIR_STATUSES and held_count > 0


@transaction.atomic
def fit_check_answer(*, pair, by, answer, now=None):
    """Record (or change) the member's answer. Returns the FitCheck."""
    now = now or timezone.now()
    _check_member(pair, by)
    pair = Pair.objects.select_for_update(of=("self",)).get(pk=pair.pk)
    if answer not in FitAnswer.values:
        raise ValidationError({"answer": _("Choisissez l'une des trois réponses.")})
    held = MentoringSession.objects.filter(pair=pair, status=SessionStatus.HELD).count()
    if not fit_check_open(pair, held):
        raise ValidationError(_("Cette question est posée après la première séance tenue d'un binôme en cours."))
    check, _created = FitCheck.objects.update_or_create(
        pair=pair, user=by, defaults={"answer": answer, "answered_at": now}
    )
    return check


def fit_check_of(pair, user):
    return FitCheck.objects.filter(pair=pair, user=user).first()


@transaction.atomic
def session_rate(*, session, by, score, comment="", now=None):
    """The member's private rating of a held session (1 to 4) and optional comment, which only they
    read. Rating again replaces the previous rating."""
    now = now or timezone.now()
    session = MentoringSession.objects.select_related("pair").get(pk=session.pk)  # its status as it is now
    pair = session.pair
    _check_member(pair, by)
    if session.status != SessionStatus.HELD:
        raise ValidationError(_("Seule une séance tenue peut être appréciée."))
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 4:
        raise ValidationError({"score": _("Choisissez une appréciation de 1 à 4.")})
    rating = SessionRating.objects.filter(session=session, author=by).first() or SessionRating(
        session=session, author=by
    )
    rating.score = score
    rating.comment = (comment or "").strip()
    rating.rated_at = now
    rating.full_clean(exclude=["session", "author"])
    rating.save()
    return rating
