"""Pairs (binômes): a mentor and a mentee working together. The frame, charter and sessions arrive
with their issues."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentorat.core.crypto import EncryptedTextField

from ..enums import OPEN_PAIR_STATUSES, PairStatus


class Pair(models.Model):
    programme = models.ForeignKey(
        "core.Programme", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="pairs"
    )
    track = models.ForeignKey("core.Track", verbose_name=_("parcours"), on_delete=models.PROTECT, related_name="pairs")
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("mentoré"), on_delete=models.PROTECT, related_name="pairs_as_mentee"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="pairs_as_mentor"
    )
    mentee_application = models.ForeignKey(
        "candidatures.Application", on_delete=models.PROTECT, related_name="pairs_as_mentee"
    )
    mentor_application = models.ForeignKey(
        "candidatures.Application", on_delete=models.PROTECT, related_name="pairs_as_mentor"
    )
    # The organisations of the two applications, copied here so that "the pairs with a member from
    # these organisations" (HR follow-up) is read on the pair's own indexed columns. Filled by save()
    # from the applications; an application that changes organisation carries it to its pairs
    # (candidatures.services.carry_organisation_to_pairs).
    mentee_organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisme du mentoré"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    mentor_organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisme du mentor"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    status = models.CharField(_("statut"), max_length=10, choices=PairStatus.choices, default=PairStatus.FRAME)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    activated_at = models.DateTimeField(_("actif depuis"), null=True, blank=True)
    ended_at = models.DateTimeField(_("fin le"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Seen by the programme engineer only: never by the former mentor nor by HR.
    end_reason = EncryptedTextField(_("motif de fin"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("binôme")
        verbose_name_plural = _("binômes")
        constraints = [
            models.UniqueConstraint(
                fields=["mentee_application"],
                condition=models.Q(status__in=OPEN_PAIR_STATUSES),
                name="pair_one_open_pair_per_mentee",
            )
        ]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self):
        return f"{self.mentor} / {self.mentee}"

    def save(self, *args, **kwargs):
        if self.mentee_organisation_id is None:
            self.mentee_organisation_id = self.mentee_application.organisation_id
        if self.mentor_organisation_id is None:
            self.mentor_organisation_id = self.mentor_application.organisation_id
        super().save(*args, **kwargs)

    @property
    def is_open(self):
        return self.status in OPEN_PAIR_STATUSES
