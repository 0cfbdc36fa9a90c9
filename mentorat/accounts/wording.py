"""Gender-aware wording: the feminine or masculine form when the person gave a civility on their
profile, a neutral form otherwise (never « le mentoré » for a woman, never a guess from a first name)."""

from .enums import Civility


def by_civility(person, *, feminine, masculine, neutral):
    """One of three already translated texts, after `person`'s civility (a User, or None)."""
    civility = getattr(person, "civility", "") or ""
    if civility == Civility.MADAME:
        return feminine
    if civility == Civility.MONSIEUR:
        return masculine
    return neutral
