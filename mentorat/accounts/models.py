"""People: the custom user (email is the login) and the roles held outside applications."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import Civility
from .validators import validate_person_name, validate_phone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("The email address is required")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("adresse électronique"), unique=True)
    first_name = models.CharField(_("prénom"), max_length=150, blank=True, validators=[validate_person_name])
    last_name = models.CharField(_("nom"), max_length=150, blank=True, validators=[validate_person_name])
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    job_title = models.CharField(_("emploi occupé"), max_length=200, blank=True)
    # Optional: the wording about the person is neutral when not given (mentorat.accounts.wording).
    civility = models.CharField(_("civilité"), max_length=3, choices=Civility.choices, blank=True, default="")
    # Given by the person, if they wish, for their pair partner to call them.
    phone = models.CharField(_("téléphone professionnel"), max_length=30, blank=True, validators=[validate_phone])
    is_programme_engineer = models.BooleanField(
        _("ingénieur·e en mentorat"),
        default=False,
        help_text=_("Pilote le programme : mise en relation, supervision, évaluation, exports."),
    )
    hr_organisations = models.ManyToManyField(
        "core.Organisation",
        verbose_name=_("référent RH des organismes"),
        blank=True,
        related_name="hr_referents",
        help_text=_("Organismes pour lesquels cette personne relaie l'appel et suit les binômes."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        # The lists sorted by name (pairs by their mentee, applications by their person) read a
        # page in this order without sorting everyone (benchmarks/README.md).
        indexes = [models.Index(fields=["last_name", "first_name", "id"], name="user_name_order")]
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)
