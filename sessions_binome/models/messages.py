"""The private message thread of a pair. Its bodies are confidential content, like the notes: the
two members only — never HR referents, the programme engineer nor the site admin (not registered in
the admin). Each message has one reader, the other member: `read_at` is when they read it,
`notified_at` when the e-mail digest that told them of it was queued (sessions_binome/messaging)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorat.core.crypto import EncryptedTextField

BODY_MAX = 4000


class PairMessage(models.Model):
    pair = models.ForeignKey(
        "sessions_binome.Pair", verbose_name=_("binôme"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.CASCADE, related_name="+"
    )
    body = EncryptedTextField(_("message"), max_length=BODY_MAX)
    # Not auto_now_add: the demo writes past dates.
    created_at = models.DateTimeField(_("écrit le"), default=timezone.now)
    read_at = models.DateTimeField(_("lu le"), null=True, blank=True)
    notified_at = models.DateTimeField(_("signalé par courriel le"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message du binôme")
        verbose_name_plural = _("messages du binôme")
        indexes = [
            models.Index(fields=["pair", "created_at"]),
            # The digest's scan: unread messages not told yet.
            models.Index(
                fields=["created_at"],
                name="pair_message_to_notify",
                condition=models.Q(read_at__isnull=True, notified_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.pair_id} · {self.author_id} · {self.created_at:%Y-%m-%d %H:%M}"

    def recipient_id(self, pair=None):
        pair = pair or self.pair
        return pair.mentor_id if self.author_id == pair.mentee_id else pair.mentee_id
