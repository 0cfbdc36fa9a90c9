"""Demo of a closed pair and its archive: the short pair of frame_demo_load, completed in
November 2026, gets shared notes on its three sessions, the messages its members exchanged, the
mentee's final assessment of each objective and what each member takes away (private to its author).
Through the real services where there is one; past dates of the 2026-2027 calendar. Idempotent: a
programme where someone already wrote what they take away is left as it is."""

import datetime

from django.db import transaction
from django.utils import timezone

from ..enums import PairStatus, SessionStatus
from ..models import Pair, PairMessage, PairTakeaway
from ..services import objectives_final_assess
from .services import pair_closing_save

SHARED_NOTES = [
    "Premier tour d'horizon : la prise de poste, les attentes de l'équipe, le rythme de nos échanges.",
    "Préparation des premiers entretiens individuels : écouter avant de proposer, garder une trace écrite.",
    "Bilan : ce qui a changé depuis octobre, les situations encore délicates, comment continuer seul·e.",
]
# (who, (days after the day the pair became active, hour in Paris), text): before the pair's end, 13 November 2026.
THREAD = [
    (
        "mentee",
        (4, 9),
        "Bonjour {mentor}, merci pour notre dernière séance. Je vous envoie les deux situations dont je voulais parler.",
    ),
    (
        "mentor",
        (5, 14),
        "Merci {mentee}, bien reçu. Nous les prendrons dans l'ordre jeudi ; pensez à ce que vous avez déjà essayé.",
    ),
    ("mentee", (29, 10), "Un grand merci pour ces semaines d'accompagnement : je repars avec des repères concrets."),
    ("mentor", (29, 16), "Merci à vous, ce fut un plaisir. N'hésitez pas à garder le lien !"),
]
TAKEAWAYS = {
    "mentee": "Je prépare mes entretiens avec une trame écrite et j'écoute davantage avant de proposer. "
    "Je garde l'habitude de noter chaque semaine une situation à analyser.",
    "mentor": "Expliquer mes pratiques m'a obligé à les clarifier. Je veux proposer ce format court à "
    "d'autres primo-managers de mon organisme.",
}


@transaction.atomic
def closing_demo_load(programme):
    """Returns the number of pairs given their closing and archive (0 on a second run)."""
    pairs = list(
        Pair.objects.filter(programme=programme, status=PairStatus.COMPLETED)
        .select_related("mentee", "mentor", "programme")
        .order_by("pk")[:1]
    )
    if not pairs or PairTakeaway.objects.filter(pair__programme=programme).exists():
        return 0
    for pair in pairs:
        _pair_closing_demo(pair)
    return len(pairs)


def _pair_closing_demo(pair):
    sessions = list(pair.sessions.filter(status=SessionStatus.HELD).order_by("starts_at"))
    for session, text in zip(sessions, SHARED_NOTES, strict=False):
        if not session.shared_notes:
            session.shared_notes = text
            session.save(update_fields=["shared_notes"])
    start = timezone.localtime(pair.activated_at or pair.created_at).replace(hour=0, minute=0, second=0)
    names = {"mentee": pair.mentee.first_name, "mentor": pair.mentor.first_name}
    for who, (day, hour), text in THREAD:
        written = start + datetime.timedelta(days=day, hours=hour, minutes=12)
        PairMessage.objects.create(
            pair=pair,
            author=getattr(pair, who),
            body=text.format(**names),
            created_at=written,
            read_at=written + datetime.timedelta(hours=3),
            notified_at=written + datetime.timedelta(minutes=10),
        )
    closed = pair.ended_at + datetime.timedelta(days=1)
    objectives = list(pair.objectives.order_by("position"))
    if objectives:
        objectives_final_assess(
            pair=pair,
            by=pair.mentee,
            assessments={o.pk: min(5, o.start_assessment + 2) for o in objectives},
        )
    for who in ("mentee", "mentor"):
        pair_closing_save(pair=pair, by=getattr(pair, who), takeaway=TAKEAWAYS[who], now=closed)
