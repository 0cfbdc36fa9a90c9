from celery import shared_task
from django.conf import settings
from django.utils import translation

from mentorat.core.emails import send_templated_email

from .models import Invitation, RelayLink


def invitation_context(*, programme, organisation, link_url, referent=None):
    return {"programme": programme, "organisation": organisation, "link_url": link_url, "referent": referent}


@shared_task
def send_invitations(*, invitation_ids, link_id):
    """One email per invitation; the link is the organisation's current application link."""
    from .relay import relay_link_url

    link = RelayLink.objects.select_related("programme", "organisation").get(pk=link_id)
    invitations = Invitation.objects.filter(pk__in=invitation_ids).select_related("invited_by")
    with translation.override(settings.LANGUAGE_CODE):
        for invitation in invitations:
            send_templated_email(
                "invitation",
                to=invitation.email,
                context=invitation_context(
                    programme=link.programme,
                    organisation=link.organisation,
                    link_url=relay_link_url(link),
                    referent=invitation.invited_by,
                ),
                reply_to=[invitation.invited_by.email] if invitation.invited_by else None,
            )
