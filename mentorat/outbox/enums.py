from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailState(models.TextChoices):
    """Where an e-mail of the outbox stands. PENDING → SENDING (claimed by one worker, with a lease)
    → SENT once the SMTP server accepted it; a temporary failure brings it back to PENDING with a
    later attempt, a permanent one (or a day of temporary ones) to FAILED, from where the engineer
    may send it again."""

    PENDING = "pending", _("En attente")
    SENDING = "sending", _("En cours d'envoi")
    SENT = "sent", _("Envoyé")
    FAILED = "failed", _("Échec")


NEXT_STATES = {
    EmailState.PENDING: {EmailState.SENDING},
    EmailState.SENDING: {EmailState.SENT, EmailState.PENDING, EmailState.FAILED},
    EmailState.FAILED: {EmailState.PENDING},
    EmailState.SENT: set(),
}
