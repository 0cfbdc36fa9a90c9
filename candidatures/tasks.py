from celery import shared_task
from django.conf import settings
from django.utils import translation

from mentorat.core.emails import send_templated_email, unsubscribe_headers

from .models import Invitation, InvitationOptOut, RelayLink


def invitation_context(*, programme, organisation, link_url, referent=None, opt_out_url=""):
    """`opt_out_url`: the "do not invite me again" link, only in the emails the platform sends (not in
    the text the referent copies to send themselves)."""
    return {
        "programme": programme,
        "organisation": organisation,
        "link_url": link_url,
        "referent": referent,
        "opt_out_url": opt_out_url,
    }


@shared_task
def send_invitations(*, invitation_ids, link_id):
    """One email per invitation; the link is the organisation's current application link. An address
    that asked not to be invited again since the invitation was queued is skipped."""
    from .relay import invitation_opt_out_url, relay_link_url

    link = RelayLink.objects.select_related("programme", "organisation").get(pk=link_id)
    invitations = (
        Invitation.objects.filter(pk__in=invitation_ids)
        .exclude(email__in=InvitationOptOut.objects.values("email"))
        .select_related("invited_by")
    )
    with translation.override(settings.LANGUAGE_CODE):
        for invitation in invitations:
            opt_out_url = invitation_opt_out_url(invitation)
            send_templated_email(
                "invitation",
                to=invitation.email,
                context=invitation_context(
                    programme=link.programme,
                    organisation=link.organisation,
                    link_url=relay_link_url(link),
                    referent=invitation.invited_by,
                    opt_out_url=opt_out_url,
                ),
                reply_to=[invitation.invited_by.email] if invitation.invited_by else None,
                headers=unsubscribe_headers(opt_out_url),
            )
