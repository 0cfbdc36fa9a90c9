"""Models of the pair's life: the pair, its frame and charter signatures, its sessions, its messages, what
each member privately says of it (fit check, session ratings)."""

from .charter import Charter, CharterSignature, FrameRhythm, PairFrame, PairObjective, SignatureRole
from .closing import PairTakeaway
from .feed import CalendarFeed
from .health import FitAnswer, FitCheck, SessionRating
from .messages import PairMessage
from .pair import Pair
from .sessions import MentoringSession, SessionChange, SessionNote

__all__ = [
    "CalendarFeed",
    "FitAnswer",
    "FitCheck",
    "SessionRating",
    "Pair",
    "PairMessage",
    "PairTakeaway",
    "MentoringSession",
    "SessionChange",
    "SessionNote",
    "Charter",
    "CharterSignature",
    "FrameRhythm",
    "PairFrame",
    "PairObjective",
    "SignatureRole",
]
