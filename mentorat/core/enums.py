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
    it until the engineer opens it (`mentorat.core.editions.selection`)."""

    PREPARATION = "preparation", _("En préparation")
    LIVE = "live", _("Ouverte")
    ARCHIVED = "archived", _("Archivée")


class EditionPhase(models.TextChoices):
    """Where an edition stands in its year: its state when the engineer set it (in preparation,
    archived), else read from its dates (`Programme.phase`). Several editions live at once each have
    their own phase (the evaluation of one during the call of the next)."""

    PREPARATION = "preparation", _("En préparation")
    UPCOMING = "upcoming", _("Appel à venir")
    CALL_OPEN = "call_open", _("Appel à candidatures ouvert")
    MATCHING = "matching", _("Mise en relation")
    RUNNING = "running", _("Accompagnement en cours")
    EVALUATION = "evaluation", _("Évaluation")
    CLOSED = "closed", _("Close")
    ARCHIVED = "archived", _("Archivée")


PROGRAMME_TRANSITIONS = {
    ProgrammeStatus.PREPARATION: {ProgrammeStatus.LIVE},
    ProgrammeStatus.LIVE: {ProgrammeStatus.ARCHIVED},
    ProgrammeStatus.ARCHIVED: set(),
}
