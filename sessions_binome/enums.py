from django.db import models
from django.utils.translation import gettext_lazy as _


class PairStatus(models.TextChoices):
    FRAME = "frame", _("Cadre en préparation")
    ACTIVE = "active", _("Actif")
    COMPLETED = "completed", _("Terminé")
    ENDED = "ended", _("Arrêté avant terme")


# A pair in one of these states holds one place of the mentor's capacity.
OPEN_PAIR_STATUSES = (PairStatus.FRAME, PairStatus.ACTIVE)


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Prévue")
    HELD = "held", _("Tenue")
    CANCELLED = "cancelled", _("Annulée")
    MISSED = "missed", _("Manquée")


class NoteKind(models.TextChoices):
    """Private notes: only their author ever reads them."""

    MENTOR_PRIVATE = "mentor_private", _("Notes personnelles du mentor")
    MENTEE_PREPARATION = "mentee_preparation", _("Préparation du mentoré")
    MENTEE_REFLECTION = "mentee_reflection", _("Réflexions du mentoré")
