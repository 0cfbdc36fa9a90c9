"""The closing of a pair: what each member takes away ("ce que je retiens"), written in the closing
step. Confidential content like a private note: its author alone reads it — not the other member,
nor HR referents, the programme engineer or the site admin (not registered in the admin)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentorat.core.crypto import EncryptedTextField

TAKEAWAY_MAX = 5000


class PairTakeaway(models.Model):
    pair = models.ForeignKey(
        "sessions_binome.Pair", verbose_name=_("binôme"), on_delete=models.CASCADE, related_name="takeaways"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.CASCADE, related_name="+"
    )
    text = EncryptedTextField(_("ce que je retiens"), max_length=TAKEAWAY_MAX)
    created_at = models.DateTimeField(_("écrit le"))
    updated_at = models.DateTimeField(_("modifié le"))

    class Meta:
        verbose_name = _("ce que je retiens du binôme")
        verbose_name_plural = _("ce que je retiens du binôme")
        constraints = [models.UniqueConstraint(fields=["pair", "author"], name="pair_takeaway_once_per_member")]

    def __str__(self):
        return f"{self.pair_id} · {self.author_id}"
