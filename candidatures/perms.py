"""Who may see or decide on an application. Anything not allowed answers 404, never 403,
so that nobody learns that someone else's application exists."""

from django.http import Http404

from mentorat.accounts.perms import hr_organisation_ids, is_programme_engineer

from .enums import ApplicationStatus
from .models import Application


def can_view_application(user, application):
    return (
        application.user_id == user.id
        or is_programme_engineer(user)
        or application.organisation_id in hr_organisation_ids(user)
    )


def can_decide_on_application(user, application):
    """The HR referent of the applicant's organisation or the programme engineer; never the applicant."""
    if application.user_id == user.id:
        return False
    return is_programme_engineer(user) or application.organisation_id in hr_organisation_ids(user)


def can_select_for_validation(user, application):
    """What the bulk validation takes (hr.bulk_validate, applications_bulk_validate): a submitted
    application the user may decide on."""
    return application.status == ApplicationStatus.SUBMITTED and can_decide_on_application(user, application)


def mark_selectable(user, applications):
    """Mark each application of a decider's list with `.selectable`; True when one of them is."""
    for application in applications:
        application.selectable = can_select_for_validation(user, application)
    return any(application.selectable for application in applications)


def can_read_free_text(user, application):
    """Objectives, contribution and presentation: the applicant and the programme engineer only.
    HR referents decide on eligibility from the factual fields."""
    return application.user_id == user.id or is_programme_engineer(user)


def _application_queryset():
    return Application.objects.select_related("user", "track", "organisation__branch", "programme", "decided_by")


def get_own_application(user, pk):
    try:
        return _application_queryset().get(pk=pk, user=user)
    except Application.DoesNotExist:
        raise Http404 from None


def get_application_for_decider(user, pk):
    """The application if `user` may review it (HR of its organisation or engineer), else 404."""
    application = _application_queryset().filter(pk=pk).first()
    if application is None or not can_decide_on_application(user, application):
        raise Http404
    return application
