"""factory_boy factories. Traits name scenarios: ApplicationFactory(mentor=True, validated=True)."""

import datetime
from zoneinfo import ZoneInfo

import factory
from allauth.account.models import EmailAddress

from candidatures.enums import ApplicationRole, ApplicationStatus
from candidatures.models import Application
from mentorat.accounts.models import User
from mentorat.core.enums import ProgrammeStatus, TrackCode
from mentorat.core.models import Branch, Organisation, Programme, Theme, Track

PARIS = ZoneInfo("Europe/Paris")
DEFAULT_PASSWORD = "Mentorat-demo-2026!"


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Branch
        django_get_or_create = ["code"]

    code = "maladie"
    name = factory.LazyAttribute(lambda o: o.code.capitalize())


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"CPAM-{n + 1:02d}")
    name = factory.LazyAttribute(lambda o: f"Caisse primaire d'assurance maladie {o.code}")
    branch = factory.SubFactory(BranchFactory)
    region = "Nouvelle-Aquitaine"


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"theme-{n}")
    label = factory.LazyAttribute(lambda o: o.code.replace("-", " ").capitalize())


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    slug = "2026-2027"
    name = "Programme de mentorat 2026-2027"
    call_opens_at = datetime.datetime(2026, 7, 1, 0, 0, tzinfo=PARIS)
    call_closes_at = datetime.datetime(2026, 9, 12, 23, 59, 59, tzinfo=PARIS)
    starts_on = datetime.date(2026, 10, 15)
    ends_on = datetime.date(2027, 5, 15)
    evaluation_ends_on = datetime.date(2027, 6, 30)

    @factory.post_generation
    def with_tracks(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        Track.objects.get_or_create(
            programme=obj,
            code=TrackCode.P1,
            defaults={"name": "Accompagnement des primo-managers", "requires_other_organisation": True},
        )
        Track.objects.get_or_create(programme=obj, code=TrackCode.P2, defaults={"name": "Transmission de l'expérience"})


def next_edition(status=ProgrammeStatus.LIVE, **overrides):
    """The 2027-2028 edition beside the factory's 2026-2027 one (call July-September 2027, programme
    October 2027 - May 2028), with its two tracks; opened by default (status=...PREPARATION for one
    the engineer is still preparing)."""
    values = {
        "slug": "2027-2028",
        "name": "Programme de mentorat 2027-2028",
        "status": status,
        "call_opens_at": datetime.datetime(2027, 7, 1, 0, 0, tzinfo=PARIS),
        "call_closes_at": datetime.datetime(2027, 9, 12, 23, 59, 59, tzinfo=PARIS),
        "starts_on": datetime.date(2027, 10, 15),
        "ends_on": datetime.date(2028, 5, 15),
        "evaluation_ends_on": datetime.date(2028, 6, 30),
    }
    return ProgrammeFactory(**{**values, **overrides})


def previous_edition(**overrides):
    """The 2025-2026 edition before the factory's 2026-2027 one (programme October 2025 - May 2026)."""
    values = {
        "slug": "2025-2026",
        "name": "Programme de mentorat 2025-2026",
        "call_opens_at": datetime.datetime(2025, 7, 1, tzinfo=PARIS),
        "call_closes_at": datetime.datetime(2025, 9, 12, 23, 59, tzinfo=PARIS),
        "starts_on": datetime.date(2025, 10, 15),
        "ends_on": datetime.date(2026, 5, 15),
        "evaluation_ends_on": datetime.date(2026, 6, 30),
    }
    return ProgrammeFactory(**{**values, **overrides})


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"agent{n}@assurance-maladie.fr")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    organisation = factory.SubFactory(OrganisationFactory)
    job_title = "Gestionnaire"
    password = factory.django.Password(DEFAULT_PASSWORD)

    class Params:
        engineer = factory.Trait(is_programme_engineer=True, job_title="Ingénieure en mentorat")
        staff = factory.Trait(is_staff=True, is_superuser=True)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Every factory user has a verified primary email unless verified=False."""
        if not create or extracted is False:
            return
        EmailAddress.objects.get_or_create(user=obj, email=obj.email, defaults={"verified": True, "primary": True})

    @factory.post_generation
    def hr_of(obj, create, extracted, **kwargs):
        """UserFactory(hr_of=[organisation, ...]) makes the person HR referent of those organisations."""
        if create and extracted:
            obj.hr_organisations.add(*extracted)

    @factory.post_generation
    def totp(obj, create, extracted, **kwargs):
        """Roles that require two-factor authentication get a TOTP device unless totp=False
        (the set-up itself is tested with totp=False)."""
        if not create or extracted is False:
            return
        if extracted or obj.is_staff or obj.is_programme_engineer or obj.hr_organisations.exists():
            give_totp(obj)


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def give_totp(user):
    """A TOTP device with a known secret, as after the real set-up."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TOTP_SECRET)


def current_totp_code(secret):
    """The code an authenticator app would show now for `secret`."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def _track(programme, code):
    return Track.objects.get(programme=programme, code=code)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    user = factory.SubFactory(UserFactory)
    role = ApplicationRole.MENTEE
    track = factory.LazyAttribute(lambda o: _track(o.programme, o.track_code))
    status = ApplicationStatus.SUBMITTED
    organisation = factory.LazyAttribute(lambda o: o.user.organisation)
    job_title = factory.LazyAttribute(lambda o: o.user.job_title or "Gestionnaire")
    is_manager = False
    years_experience = 5
    objectives = "Prendre confiance dans mon nouveau rôle."
    availability = ["mar-matin", "jeu-aprem"]
    capacity = factory.LazyAttribute(lambda o: 1 if o.role == ApplicationRole.MENTOR else None)
    ack_duration = True
    ack_rhythm = True
    ack_working_time = True
    ack_volunteering = True
    ack_confidentiality = True
    ack_change_mentor = True
    data_consent_at = factory.LazyFunction(lambda: datetime.datetime(2026, 7, 10, 10, 0, tzinfo=PARIS))
    submitted_at = factory.LazyFunction(lambda: datetime.datetime(2026, 7, 10, 10, 0, tzinfo=PARIS))

    class Params:
        track_code = TrackCode.P2
        mentor = factory.Trait(role=ApplicationRole.MENTOR, years_experience=15, presentation="Vingt ans de métier.")
        draft = factory.Trait(status=ApplicationStatus.DRAFT, submitted_at=None)
        validated = factory.Trait(status=ApplicationStatus.VALIDATED)
        declined = factory.Trait(status=ApplicationStatus.DECLINED, decision_reason="Profil hors parcours.")
        withdrawn = factory.Trait(status=ApplicationStatus.WITHDRAWN)
