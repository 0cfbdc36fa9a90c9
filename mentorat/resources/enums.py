from django.db import models
from django.utils.translation import gettext_lazy as _

from mentorat.core.enums import Role


class ResourceKind(models.TextChoices):
    PAGE = "page", _("Page")
    FILE = "file", _("Fichier PDF")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Tout le monde")
    MENTORS = "mentors", _("Mentors")
    MENTEES = "mentees", _("Mentorés")
    HR = "hr", _("Référents RH")


# The audience each role opens, on top of EVERYONE. The programme engineer sees every audience.
AUDIENCE_OF_ROLE = {
    Role.MENTOR: Audience.MENTORS,
    Role.MENTEE: Audience.MENTEES,
    Role.HR_REFERENT: Audience.HR,
}

# How the library names each audience next to a resource.
AUDIENCE_PHRASES = {
    Audience.EVERYONE: _("Pour tous les participants"),
    Audience.MENTORS: _("Pour les mentors"),
    Audience.MENTEES: _("Pour les mentorés"),
    Audience.HR: _("Pour les référents RH"),
}


class AgendaStage(models.TextChoices):
    """The moments of a pair's year that have an agenda template in the library. The values appear
    in the session form's address (`?modele=mi-parcours`)."""

    FIRST_MEETING = "premiere-rencontre", _("Première rencontre")
    FRAME_REVIEW = "revue-du-cadre", _("Revue du cadre")
    MIDTERM = "mi-parcours", _("Point à mi-parcours")
    CLOSING = "cloture", _("Séance de clôture")
