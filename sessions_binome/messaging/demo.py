"""Demo messages: in the first active pair the members agree on their frame and talk between
sessions, the mentor's last message still unread by the mentee; a shorter exchange in a few other
active pairs and in a pair still writing its frame. The README's demo mentee and mentor
(mentoree@ / mentor@demo.mentorat.fr) are in no pair on purpose (matching/demo.py UNTOUCHED_EMAILS):
their walkthrough starts from the application. Past dates of the 2026-2027 calendar (pairs active
from October 2026). Idempotent: a programme whose pairs already talk is left as it is."""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from ..enums import PairStatus
from ..models import Pair, PairMessage

PARIS = ZoneInfo("Europe/Paris")

# (who writes: "mentee" or "mentor", when, text)
DEMO_THREAD = [
    (
        "mentee",
        (2026, 10, 5, 9, 12),
        "Bonjour {mentor}, je suis ravie de travailler avec vous. Pour convenir du cadre, seriez-vous "
        "disponible pour un premier échange en visio la semaine prochaine ?",
    ),
    (
        "mentor",
        (2026, 10, 5, 14, 40),
        "Bonjour {mentee}, avec plaisir ! Je propose mardi 13 octobre à 10 h. Notez d'ici là deux ou trois "
        "situations de votre prise de poste dont vous aimeriez parler.",
    ),
    ("mentee", (2026, 10, 5, 15, 2), "Mardi 10 h me convient très bien. Je prépare mes situations."),
    (
        "mentee",
        (2026, 11, 9, 18, 30),
        "Suite à notre séance, j'ai testé l'ordre du jour partagé en réunion de service : l'équipe a "
        "beaucoup plus participé. Merci pour l'idée !",
    ),
    (
        "mentor",
        (2026, 11, 12, 8, 50),
        "Excellente nouvelle. Gardez une trace de ce qui a fonctionné : nous en reparlerons à la "
        "prochaine séance, avec la question de la délégation.",
    ),
]
SHORT_THREAD = [
    ("mentee", (2026, 10, 8, 11, 0), "Bonjour, merci d'avoir accepté ! Quand pourrions-nous caler notre cadre ?"),
    (
        "mentor",
        (2026, 10, 8, 16, 20),
        "Bonjour, avec plaisir. Je vous propose un premier échange jeudi en fin de matinée.",
    ),
]
FRAME_THREAD = [
    (
        "mentor",
        (2026, 10, 14, 9, 30),
        "Bonjour {mentee}, j'ai lu vos objectifs : ils me parlent. Je propose un rythme d'une séance par mois, "
        "le jeudi matin. Qu'en pensez-vous ?",
    ),
]
OTHER_PAIRS = 3


def _at(moment):
    return datetime.datetime(*moment, tzinfo=PARIS)


def _write(pair, thread, *, last_unread):
    names = {"mentee": pair.mentee.first_name, "mentor": pair.mentor.first_name}
    for index, (who, moment, text) in enumerate(thread):
        written = _at(moment)
        is_last = index == len(thread) - 1
        read = None if (is_last and last_unread) else written + datetime.timedelta(hours=2)
        PairMessage.objects.create(
            pair=pair,
            author=pair.mentee if who == "mentee" else pair.mentor,
            body=text.format(**names),
            created_at=written,
            read_at=read,
            # Told by the e-mail digest of the time: none is left for the digests' sweep to send.
            notified_at=written + datetime.timedelta(minutes=10),
        )
    return len(thread)


@transaction.atomic
def messages_demo_load(programme):
    pairs = (
        Pair.objects.filter(programme=programme, status__in=[PairStatus.FRAME, PairStatus.ACTIVE])
        .select_related("mentee", "mentor")
        .order_by("pk")
    )
    if PairMessage.objects.filter(pair__programme=programme).exists():
        return 0
    active = [pair for pair in pairs if pair.status == PairStatus.ACTIVE]
    framing = [pair for pair in pairs if pair.status == PairStatus.FRAME]
    written = 0
    for index, pair in enumerate(active[: 1 + OTHER_PAIRS]):
        written += (
            _write(pair, DEMO_THREAD, last_unread=True) if index == 0 else _write(pair, SHORT_THREAD, last_unread=False)
        )
    for pair in framing[:1]:
        written += _write(pair, FRAME_THREAD, last_unread=True)
    return written
