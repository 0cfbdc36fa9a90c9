"""Leavers: the reviews of an organisation's list of active staff, and the departures they led to."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DepartureSource(models.TextChoices):
    STAFF_LIST = "staff_list", _("Liste des personnels actifs")
    PROVIDER = "provider", _("Compte désactivé chez le fournisseur d'identité")


class StaffListReview(models.Model):
    """One upload of an organisation's active staff: who would be deactivated (computed at upload,
    shown before anything happens), then confirmed once. The addresses of the list are not kept."""

    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("organisme"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("déposée le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("déposée par"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    address_count = models.PositiveIntegerField(_("adresses dans la liste"))
    leaver_ids = models.JSONField(_("personnes à désactiver"), default=list)
    # Absent from the list but never deactivated this way: the uploader, the administrators.
    kept_ids = models.JSONField(_("personnes absentes gardées"), default=list)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmée par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("examen d'une liste des personnels actifs")
        verbose_name_plural = _("examens de listes des personnels actifs")


class Departure(models.Model):
    """A person deactivated because they left their organisation; their data stays until the
    retention rule applies (SPEC: anonymised after the retention period)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="departures"
    )
    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("organisme"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    source = models.CharField(_("origine"), max_length=20, choices=DepartureSource.choices)
    review = models.ForeignKey(StaffListReview, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(_("date"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("par"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    pairs_ended = models.PositiveSmallIntegerField(_("binômes terminés"), default=0)
    applications_withdrawn = models.PositiveSmallIntegerField(_("candidatures retirées"), default=0)
    requests_closed = models.PositiveSmallIntegerField(_("demandes closes"), default=0)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("départ")
        verbose_name_plural = _("départs")
