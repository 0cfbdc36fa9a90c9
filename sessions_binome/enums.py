from django.db import models
from django.utils.translation import gettext_lazy as _


class PairStatus(models.TextChoices):
    FRAME = "frame", _("Cadre en préparation")
    ACTIVE = "active", _("Actif")
    COMPLETED = "completed", _("Terminé")
    ENDED = "ended", _("Arrêté avant terme")


# A pair in one of these states holds one place of the mentor's capacity.
OPEN_PAIR_STATUSES = (PairStatus.FRAME, PairStatus.ACTIVE)
