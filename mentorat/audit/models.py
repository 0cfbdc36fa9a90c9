from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import AuditAction


class AuditEvent(models.Model):
    """Who did what, when, from where. Never the content of what was read or written."""

    at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_email = models.EmailField(_("adresse de l'auteur"), blank=True)
    action = models.CharField(_("action"), max_length=30, choices=AuditAction.choices, db_index=True)
    target = models.CharField(_("objet"), max_length=200, blank=True)
    details = models.JSONField(_("détails"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)
    user_agent = models.CharField(_("navigateur"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("événement d'audit")
        verbose_name_plural = _("journal d'audit")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_email} {self.action} {self.target}"
