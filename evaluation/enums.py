from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    START = "start", _("Démarrage")
    MID = "mid", _("Mi-parcours")
    END = "end", _("Fin de programme")


class Audience(models.TextChoices):
    MENTEE = "mentee", _("Personnes mentorées")
    MENTOR = "mentor", _("Mentors")


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Échelle de 1 à 5")
    NPS = "nps", _("Recommandation de 0 à 10")
    SINGLE = "single", _("Choix unique")
    MULTIPLE = "multiple", _("Choix multiples")
    TEXT = "text", _("Texte libre")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class Indicator(models.TextChoices):
    """What a closed question measures, so that the indicators find it whatever its wording."""

    NONE = "", _("Aucun (question d'appoint)")
    SATISFACTION = "satisfaction", _("Satisfaction")
    OBJECTIVES = "objectives", _("Objectifs atteints")
    EFFECTIVENESS = "effectiveness", _("Efficacité professionnelle plus rapide")
    COOPERATION = "cooperation", _("Entraide et coopération")
    COHESION = "cohesion", _("Cohésion et liens entre collègues")
    RECOGNITION = "recognition", _("Reconnaissance des compétences du mentor")
    WELLBEING = "wellbeing", _("Bien-être et résilience au travail")
    NPS = "nps", _("Recommandation (NPS)")


BENEFITS = (
    Indicator.EFFECTIVENESS,
    Indicator.COOPERATION,
    Indicator.COHESION,
    Indicator.RECOGNITION,
    Indicator.WELLBEING,
)
LIKERT_INDICATORS = (Indicator.SATISFACTION, Indicator.OBJECTIVES, *BENEFITS)


def indicator_fits_kind(indicator, kind):
    """An NPS indicator needs a 0-10 question; the others a 1-5 scale; free questions fit any kind."""
    if not indicator:
        return True
    if indicator == Indicator.NPS:
        return kind == QuestionKind.NPS
    return kind == QuestionKind.LIKERT


AGREEMENT_LABELS = [
    _("Pas du tout d'accord"),
    _("Plutôt pas d'accord"),
    _("Ni d'accord ni pas d'accord"),
    _("Plutôt d'accord"),
    _("Tout à fait d'accord"),
]
SATISFACTION_LABELS = [
    _("Pas du tout satisfait·e"),
    _("Peu satisfait·e"),
    _("Moyennement satisfait·e"),
    _("Satisfait·e"),
    _("Très satisfait·e"),
]


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Envoyé")


# A draft may be saved again or sent; a sent response is final (one answer per person).
RESPONSE_TRANSITIONS = {
    ResponseStatus.DRAFT: {ResponseStatus.DRAFT, ResponseStatus.SUBMITTED},
    ResponseStatus.SUBMITTED: set(),
}


class SurveyState(models.TextChoices):
    """Computed from the dates, never stored."""

    SCHEDULED = "scheduled", _("Programmé")
    OPEN = "open", _("Ouvert")
    CLOSED = "closed", _("Clos")


class ReportJobStatus(models.TextChoices):
    QUEUED = "queued", _("En attente")
    RUNNING = "running", _("En préparation")
    DONE = "done", _("Prêt")
    FAILED = "failed", _("Échec")


ACTIVE_JOB_STATUSES = (ReportJobStatus.QUEUED, ReportJobStatus.RUNNING)
