from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("En attente")
    RUNNING = "running", _("En cours")
    DRAFT = "draft", _("Brouillon à relire")
    PUBLISHED = "published", _("Publiée")
    SUPERSEDED = "superseded", _("Remplacée")
    FAILED = "failed", _("Échec")


class RunKind(models.TextChoices):
    TRACK = "track", _("Parcours complet")
    INDIVIDUAL = "individual", _("Nouvelles propositions pour un mentoré")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("En attente de réponse")
    ACCEPTED = "accepted", _("Acceptée")
    DECLINED = "declined", _("Déclinée")
    EXPIRED = "expired", _("Expirée")
    CANCELLED = "cancelled", _("Annulée")
