"""Roles granted by a programme engineer on the platform (never in the admin), and password resets
sent on someone's behalf. Each change is audited and told to the person by e-mail."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log
from mentorat.core.emails import send_templated_email
from mentorat.core.models import Organisation

from .models import User
from .perms import is_programme_engineer


def _ensure_engineer_acting_on_someone_else(*, person, by):
    if not is_programme_engineer(by):
        raise ValidationError(_("Seule l'équipe du programme peut attribuer des rôles."))
    if person.pk == by.pk:
        # Nobody grants a role to themselves: another engineer must do it.
        raise ValidationError(
            _("Vous ne pouvez pas modifier vos propres rôles : demandez-le à une autre personne de l'équipe.")
        )


@transaction.atomic
def person_roles_set(*, person, by, is_engineer, hr_organisations):
    """Give `person` exactly these roles: programme engineer or not, HR referent of
    `hr_organisations` (none = not HR referent). Refused for oneself and for the last engineer.
    Returns the audit event, or None when nothing changed."""
    _ensure_engineer_acting_on_someone_else(person=person, by=by)
    # The engineers' rows are locked and the one acting is checked again under the lock: of two
    # engineers removing each other at the same moment, the second is refused, and the programme
    # never loses its last engineer.
    engineers = set(
        User.objects.select_for_update().filter(is_programme_engineer=True, is_active=True).values_list("pk", flat=True)
    )
    if by.pk not in engineers:
        raise ValidationError(_("Seule l'équipe du programme peut attribuer des rôles."))
    person = User.objects.select_for_update().get(pk=person.pk)
    if person.is_programme_engineer and not is_engineer and not engineers - {person.pk}:
        raise ValidationError(_("C'est la dernière personne ingénieure en mentorat : nommez-en une autre d'abord."))
    wanted = {organisation.pk for organisation in hr_organisations}
    held = set(person.hr_organisations.values_list("pk", flat=True))
    added, removed = sorted(wanted - held), sorted(held - wanted)
    was_engineer = person.is_programme_engineer
    if was_engineer == is_engineer and not added and not removed:
        return None

    # Written without save() or set(), whose signals (mentorat/audit/signals.py, kept for changes
    # made elsewhere, such as the shell) would split this change into several events: here one event
    # names the engineer who acted and both sides of the change.
    if was_engineer != is_engineer:
        User.objects.filter(pk=person.pk).update(is_programme_engineer=is_engineer)
    through = User.hr_organisations.through
    through.objects.filter(user_id=person.pk, organisation_id__in=removed).delete()
    through.objects.bulk_create([through(user_id=person.pk, organisation_id=pk) for pk in added])
    event = audit_log(
        AuditAction.ROLE_CHANGED,
        actor=by,
        target=f"user:{person.pk}",
        changes={"is_programme_engineer": [was_engineer, is_engineer]} if was_engineer != is_engineer else {},
        hr_organisations_added=added,
        hr_organisations_removed=removed,
    )
    person.refresh_from_db()
    send_templated_email(
        "roles_changed",
        to=person.email,
        context={
            "person": person,
            "engineer_granted": is_engineer and not was_engineer,
            "engineer_removed": was_engineer and not is_engineer,
            "hr_added": list(Organisation.objects.filter(pk__in=added).order_by("name")),
            "hr_removed": list(Organisation.objects.filter(pk__in=removed).order_by("name")),
            "hr_organisations": list(person.hr_organisations.order_by("name")),
        },
        key=f"roles_changed:{event.pk}",
    )
    return event


@transaction.atomic
def person_password_reset_send(*, person, by, request):
    """Send `person` allauth's password-reset e-mail (a link to choose a new password). Nobody sets
    or sees a password here."""
    from .forms import ResetPasswordForm

    if not is_programme_engineer(by):
        raise ValidationError(_("Seule l'équipe du programme peut envoyer ce lien."))
    if not person.is_active:
        raise ValidationError(_("Ce compte est désactivé : aucun lien n'a été envoyé."))
    form = ResetPasswordForm(data={"email": person.email})
    if not form.is_valid():
        raise ValidationError(_("L'adresse de cette personne n'est pas valide : aucun lien n'a été envoyé."))
    form.save(request)
    return audit_log(AuditAction.PASSWORD_RESET_SENT, request=request, actor=by, target=f"user:{person.pk}")
