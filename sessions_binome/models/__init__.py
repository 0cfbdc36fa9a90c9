"""Models of the pair's life: the pair, its frame and charter signatures, its sessions."""

from .pair import Pair
from .sessions import MentoringSession, SessionNote

__all__ = ["Pair", "MentoringSession", "SessionNote"]
