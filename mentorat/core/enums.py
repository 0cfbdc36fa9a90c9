from django.db import models
from django.utils.translation import gettext_lazy as _


class TrackCode(models.TextChoices):
    P1 = "P1", _("Programme 1 · Accompagnement des primo-managers")
    P2 = "P2", _("Programme 2 · Transmission de l'expérience")


class Role(models.TextChoices):
    """The roles of SPEC §3. Mentor and mentee come from a person's applications."""

    MENTEE = "mentee", _("Mentoré")
    MENTOR = "mentor", _("Mentor")
    HR_REFERENT = "hr_referent", _("Référent RH")
    PROGRAMME_ENGINEER = "programme_engineer", _("Ingénieur·e en mentorat")
