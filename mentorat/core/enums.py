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


class ProgrammeStatus(models.TextChoices):
    """Where an edition stands. An edition in preparation is seen by the engineer only: nobody works in
    it until the engineer opens it (`current_programme()` skips it)."""

    PREPARATION = "preparation", _("En préparation")
    LIVE = "live", _("Ouverte")
    ARCHIVED = "archived", _("Archivée")


PROGRAMME_TRANSITIONS = {
    ProgrammeStatus.PREPARATION: {ProgrammeStatus.LIVE},
    ProgrammeStatus.LIVE: {ProgrammeStatus.ARCHIVED},
    ProgrammeStatus.ARCHIVED: set(),
}
