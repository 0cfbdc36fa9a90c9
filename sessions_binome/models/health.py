"""What each member privately says of the pair: the fit check after the first held session (« Ce
binôme vous convient-il ? ») and a rating of each held session. Both are for their author alone:
the programme engineer sees only the health the platform derives from them (sessions_binome/health),
with its reason in words; HR referents and the site admin see nothing (not registered in the admin).
Writes go through `sessions_binome.health.services`."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentorat.core.crypto import EncryptedTextField

RATING_COMMENT_MAX = 2000


class FitAnswer(models.TextChoices):
    YES = "yes", _("Oui, ce binôme me convient")
    TALK = "talk", _("J'aimerais en parler")
    CHANGE = "change", _("Je souhaite changer")


class FitCheck(models.Model):
    """One member's answer; they may answer again (the row is updated), the latest answer counts."""

    pair = models.ForeignKey(
        "sessions_binome.Pair", verbose_name=_("binôme"), on_delete=models.CASCADE, related_name="fit_checks"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("membre"), on_delete=models.CASCADE, related_name="+"
    )
    answer = models.CharField(_("réponse"), max_length=10, choices=FitAnswer.choices)
    answered_at = models.DateTimeField(_("répondu le"))

    class Meta:
        verbose_name = _("ressenti sur le binôme")
        verbose_name_plural = _("ressentis sur le binôme")
        constraints = [models.UniqueConstraint(fields=["pair", "user"], name="fit_check_once_per_member")]
        indexes = [models.Index(fields=["pair", "answer"])]

    def __str__(self):
        return f"{self.pair_id} · {self.user_id}"


class SessionRating(models.Model):
    """A member's private rating of a held session, 1 to 4, with an optional comment (encrypted)."""

    session = models.ForeignKey(
        "sessions_binome.MentoringSession", verbose_name=_("séance"), on_delete=models.CASCADE, related_name="ratings"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.CASCADE, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("appréciation"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    comment = EncryptedTextField(_("commentaire"), blank=True, max_length=RATING_COMMENT_MAX)
    rated_at = models.DateTimeField(_("notée le"))

    class Meta:
        verbose_name = _("appréciation de séance")
        verbose_name_plural = _("appréciations de séance")
        constraints = [
            models.UniqueConstraint(fields=["session", "author"], name="session_rating_once_per_member"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=4), name="session_rating_score_1_4"),
        ]

    def __str__(self):
        return f"{self.session_id} · {self.author_id} · {self.score}"
