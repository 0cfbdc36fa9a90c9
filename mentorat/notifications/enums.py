from django.db import models
from django.utils.translation import gettext_lazy as _


class ClaimStatus(models.TextChoices):
    """Where a claimed reminder stands. A claim is never claimed twice: its key is unique."""

    QUEUED = "queued", _("En attente")  # due during quiet hours: leaves at `not_before`
    SENT = "sent", _("Envoyé")  # email handed to the sending task (and in-app notification created)
    FAILED = "failed", _("Échec")  # the sending task gave up after its retries
    SKIPPED = "skipped", _("Non envoyé")  # stopped at send time, or the person turned the kind off
