"""The person of each request, read with what every page asks of them.

Every page's menu asks the person's roles (their applications to the opened editions, whether
they are HR referent) and the header their unread notifications; the second-factor check asks
whether they have a TOTP device. Read one by one, that is four short queries on each page; `get_user`
— called once per request, from the session — reads them with the person, as sub-queries of the
same statement. The ORM takes 2 ms to build that statement, more than the database takes to run it:
it is built once per process (`_request_context_sql`) and run with the person's key.
`mentorat.accounts.perms`, the second-factor middleware and the header's badge read the values
loaded here, and query as before for a person loaded otherwise (`User.objects.get`). A raw query
applies no converter to annotations: SQLite gives the EXISTS as 0 or 1, hence the `bool()` of the
readers."""

import functools

from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from .models import User

# Names of the values `get_user` loads, read by perms.py, middleware.py and the notifications tag.
IS_HR_REFERENT = "_loaded_is_hr_referent"
HAS_TOTP = "_loaded_has_totp"
UNREAD_NOTIFICATIONS = "_loaded_unread_notifications"


def applies_as(application_role):
    """Name of the loaded value: has the person a live application with this role?"""
    return f"_loaded_applies_as_{application_role}"


def totp_devices(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)


def with_request_context(users):
    """`users` (a User queryset) with the values every page asks of the person, as annotations."""
    from candidatures.selectors import ROLE_OF_APPLICATION, role_giving_applications
    from mentorat.notifications.selectors import unread_notifications

    person = OuterRef("pk")
    applications = role_giving_applications(user=person)
    unread = unread_notifications(person).order_by().values("user").annotate(n=Count("pk")).values("n")
    return users.annotate(
        **{applies_as(role): Exists(applications.filter(role=role)) for role in ROLE_OF_APPLICATION},
        **{
            IS_HR_REFERENT: Exists(User.hr_organisations.through.objects.filter(user=person)),
            HAS_TOTP: Exists(totp_devices(person)),
            UNREAD_NOTIFICATIONS: Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)),
        },
    )


def forget_unread_notifications(user):
    """The person's notifications were just marked read: the header counts them again."""
    user.__dict__.pop(UNREAD_NOTIFICATIONS, None)


_ANY_KEY = -7_770_777  # stands for the person's key while the statement is built


@functools.cache
def _request_context_sql(alias):
    """(sql, params, index of the person's key in params) of `with_request_context` for one person."""
    queryset = with_request_context(User._default_manager.using(alias).filter(pk=_ANY_KEY))
    sql, params = queryset.query.get_compiler(alias).as_sql()
    return sql, list(params), list(params).index(_ANY_KEY)


class ModelBackend(DjangoModelBackend):
    """Django's password backend, whose `get_user` reads the person with `with_request_context`."""

    def get_user(self, user_id):
        try:
            user_id = User._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        sql, params, index = _request_context_sql(User._default_manager.db)
        params = [*params[:index], user_id, *params[index + 1 :]]
        user = next(iter(User._default_manager.raw(sql, params)), None)
        return user if user is not None and self.user_can_authenticate(user) else None
