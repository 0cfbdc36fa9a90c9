"""Leavers: a person who no longer works for their organisation is deactivated, what they had open
in the programme is closed, their partner is told, and it is all in the audit trail. Their data is
kept until the retention rule applies."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidatures.services import application_withdraw
from matching.services import pair_end, request_cancel, request_decline
from mentorat.accounts.models import User
from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log
from mentorat.core.dates import long_date
from mentorat.core.emails import send_templated_email

from ..models import Departure, DepartureSource, StaffListReview
from .selectors import departure_consequences, leaver_candidates


def _end_reason(source, when):
    # For the engineer only (pair_end): why the pair stopped.
    if source == DepartureSource.PROVIDER:
        return _("Départ de l'organisme : compte désactivé par le fournisseur d'identité le %(date)s.") % {
            "date": long_date(timezone.localdate(when))
        }
    return _("Départ de l'organisme : absent de la liste des personnels actifs du %(date)s.") % {
        "date": long_date(timezone.localdate(when))
    }


@transaction.atomic
def leaver_deactivate(*, user, by, source, review=None, now=None):
    """Deactivate one person who left: their pairs end (the partner gets a kind e-mail, the mentee new
    proposals), their pending requests close, their open applications are withdrawn."""
    now = now or timezone.now()
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise ValidationError(_("Ce compte est déjà désactivé."))
    consequences = departure_consequences(user)
    reason = _end_reason(source, now)
    for pair, partner in consequences.pairs:
        pair_end(pair=pair, by=by, reason=reason, now=now, notify=False)
        send_templated_email(
            "pair_ended_partner_left",
            to=partner.email,
            context={"person": partner, "other": user, "programme": pair.programme},
        )
    for mentor_request in consequences.requests_sent:
        request_cancel(request=mentor_request, mentee=mentor_request.mentee)
    for mentor_request in consequences.requests_received:
        # The mentee is told and goes back to the other proposals (or gets new ones).
        request_decline(request=mentor_request, mentor_user=user, reason=reason, now=now)
    for application in consequences.applications:
        application_withdraw(application=application, now=now)
    user.is_active = False
    user.save(update_fields=["is_active"])
    departure = Departure.objects.create(
        user=user,
        organisation=user.organisation,
        source=source,
        review=review,
        by=by,
        pairs_ended=len(consequences.pairs),
        applications_withdrawn=len(consequences.applications),
        requests_closed=len(consequences.requests_sent) + len(consequences.requests_received),
    )
    audit_log(
        AuditAction.LEAVER_DEACTIVATED,
        actor=by,
        target=f"user:{user.pk}",
        source=source,
        review=review.pk if review else None,
        pairs=[pair.pk for pair, _partner in consequences.pairs],
        applications=[a.pk for a in consequences.applications],
    )
    return departure


@transaction.atomic
def staff_list_review_create(*, organisation, active_emails, by):
    """The dry run: who would be deactivated. Nothing changes until `staff_list_review_confirm`."""
    if not active_emails:
        raise ValidationError({"staff_file": _("La liste ne contient aucune adresse électronique.")})
    leavers, kept = leaver_candidates(organisation=organisation, active_emails=active_emails, uploader=by)
    review = StaffListReview.objects.create(
        organisation=organisation,
        created_by=by,
        address_count=len(active_emails),
        leaver_ids=[user.pk for user in leavers],
        kept_ids=[user.pk for user in kept],
    )
    audit_log(
        AuditAction.LEAVERS_PREVIEWED,
        actor=by,
        target=f"organisation:{organisation.pk}",
        review=review.pk,
        addresses=len(active_emails),
        leavers=len(leavers),
    )
    return review


@transaction.atomic
def staff_list_review_confirm(*, review, by, now=None):
    """Deactivate the leavers the preview showed (those still active and still in the organisation),
    all or none; a second confirmation is refused."""
    now = now or timezone.now()
    review = StaffListReview.objects.select_for_update().get(pk=review.pk)
    if review.confirmed_at:
        raise ValidationError(_("Cette liste a déjà été appliquée."))
    review.confirmed_at = now
    review.confirmed_by = by
    review.save(update_fields=["confirmed_at", "confirmed_by"])
    departures = []
    for user in User.objects.filter(pk__in=review.leaver_ids, organisation=review.organisation, is_active=True):
        departures.append(
            leaver_deactivate(user=user, by=by, source=DepartureSource.STAFF_LIST, review=review, now=now)
        )
    return departures


class ReportResult:
    DEACTIVATED = "deactivated"
    NO_ACTIVE_ACCOUNT = "no_active_account"
    KEPT = "kept"  # an administrator: their access is managed in the admin


def leaver_reported(*, provider_id, email, now=None):
    """A provider reports that it disabled `email`'s account (the caller checked its token and that the
    provider owns the domain): the person is deactivated as a leaver, once; audited either way."""
    user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
    if user is None:
        result = ReportResult.NO_ACTIVE_ACCOUNT
    elif user.is_staff or user.is_superuser:
        result = ReportResult.KEPT
    else:
        try:
            leaver_deactivate(user=user, by=None, source=DepartureSource.PROVIDER, now=now)
        except ValidationError:  # deactivated meanwhile by another report or a list
            result = ReportResult.NO_ACTIVE_ACCOUNT
        else:
            result = ReportResult.DEACTIVATED
    audit_log(
        AuditAction.LEAVER_REPORTED,
        target=f"user:{user.pk}" if user else f"provider:{provider_id}",
        provider=provider_id,
        result=result,
    )
    return result
