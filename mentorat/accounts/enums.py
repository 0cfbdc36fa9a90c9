"""What a person says about themselves, as choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Civility(models.TextChoices):
    """Optional: given, it lets the platform write « une mentorée » rather than « une personne
    mentorée »; not given, every text stays neutral (mentorat.accounts.wording)."""

    MADAME = "mme", _("Madame")
    MONSIEUR = "m", _("Monsieur")
    UNSPECIFIED = "", _("Non précisée")
