from django.db import models
from django.utils.translation import gettext_lazy as _


class ClaimStatus(models.TextChoices):
    """Where a claimed reminder stands. A claim is never claimed twice: its key is unique."""

    QUEUED = "queued", _("En attente")  # due during quiet hours: leaves at `not_before`
    # In-app notification created, e-mail in the outbox: not yet accepted by the SMTP server.
    SENDING = "sending", _("En cours d'envoi")
    SENT = "sent", _("Envoyé")  # e-mail accepted by the SMTP server (or in-app only), notification created
    FAILED = "failed", _("Échec")  # the outbox gave the e-mail up (refused, or failing for a day)
    SKIPPED = "skipped", _("Non envoyé")  # stopped at send time, or the person turned the kind off


# The claims whose reminder went out (notification created, e-mail handed to the outbox), whatever
# became of the e-mail since: the reminder is not due again.
HANDED = [ClaimStatus.SENDING, ClaimStatus.SENT, ClaimStatus.FAILED]
