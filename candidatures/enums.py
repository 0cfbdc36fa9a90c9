from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationRole(models.TextChoices):
    MENTEE = "mentee", _("Mentoré·e")
    MENTOR = "mentor", _("Mentor")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposée")
    VALIDATED = "validated", _("Validée")
    DECLINED = "declined", _("Non retenue")
    WITHDRAWN = "withdrawn", _("Retirée")


# Allowed transitions; services refuse anything else with a clear error.
APPLICATION_TRANSITIONS = {
    ApplicationStatus.DRAFT: {ApplicationStatus.SUBMITTED, ApplicationStatus.WITHDRAWN},
    ApplicationStatus.SUBMITTED: {
        ApplicationStatus.VALIDATED,
        ApplicationStatus.DECLINED,
        ApplicationStatus.WITHDRAWN,
    },
    ApplicationStatus.VALIDATED: {ApplicationStatus.DECLINED, ApplicationStatus.WITHDRAWN},
    ApplicationStatus.DECLINED: {ApplicationStatus.VALIDATED},
    ApplicationStatus.WITHDRAWN: {ApplicationStatus.DRAFT},
}

WEEKDAYS = [
    ("lun", _("lundi")),
    ("mar", _("mardi")),
    ("mer", _("mercredi")),
    ("jeu", _("jeudi")),
    ("ven", _("vendredi")),
]
HALF_DAYS = [("matin", _("matin")), ("aprem", _("après-midi"))]
AVAILABILITY_SLOTS = [(f"{d}-{h}", f"{dl} {hl}") for d, dl in WEEKDAYS for h, hl in HALF_DAYS]
AVAILABILITY_CODES = {code for code, _label in AVAILABILITY_SLOTS}


def availability_labels(codes):
    labels = dict(AVAILABILITY_SLOTS)
    return [str(labels[code]) for code in codes or [] if code in labels]


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", _("En attente")
    RUNNING = "running", _("En cours")
    DONE = "done", _("Terminé")
    FAILED = "failed", _("Échec")
