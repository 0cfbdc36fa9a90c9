"""The outbox's kinds (an e-mail's template name) in French, for the engineer's page."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "account_activation": _("Activation du compte (import)"),
    "application_declined": _("Candidature non retenue"),
    "application_submitted": _("Candidature déposée"),
    "application_validated": _("Candidature validée"),
    "certificate_ready": _("Attestation disponible"),
    "invitation": _("Invitation à candidater"),
    "login_failures": _("Alerte d'échecs de connexion"),
    "pair_active": _("Binôme actif"),
    "pair_created": _("Nouveau binôme"),
    "pair_ended_mentee": _("Fin de binôme (mentoré)"),
    "pair_ended_mentor": _("Fin de binôme (mentor)"),
    "pair_ended_partner_left": _("Fin de binôme (départ de l'autre membre)"),
    "pair_message": _("Message de l'équipe au binôme"),
    "pair_messages_digest": _("Nouveaux messages dans le binôme (sans contenu)"),
    "proposal_answer": _("Réponse d'un mentor proposé (sans contenu)"),
    "proposal_question": _("Question à un mentor proposé (sans contenu)"),
    "proposals_published": _("Propositions publiées"),
    "report_ready": _("Rapport d'évaluation prêt"),
    "request_declined": _("Demande déclinée"),
    "request_expired": _("Demande expirée"),
    "request_received": _("Demande reçue par le mentor"),
    "roles_changed": _("Rôles modifiés par l'équipe du programme"),
    "session_cancelled": _("Séance annulée"),
    "session_planned": _("Séance planifiée"),
    "session_rescheduled": _("Séance modifiée"),
    "session_noted": _("Séance consignée"),
    "test_ping": _("E-mail de test"),
    "account": _("Compte (confirmation d'adresse, mot de passe)"),
    "other": _("Autre"),
}


def kind_label(kind):
    """A reminder's kind is labelled by the reminders' catalogue; an account e-mail by its family."""
    from mentorat.notifications.catalogue import CATALOGUE

    for reminder in CATALOGUE:
        templates = {reminder.template, *(step.template for step in reminder.steps if step.template)}
        if kind in templates:
            return _("Rappel : %(label)s") % {"label": reminder.label}
    if kind.startswith("account/"):
        return LABELS["account"]
    # Never the code itself on the page: every template has its label (tests/outbox/test_kinds.py).
    return LABELS.get(kind, LABELS["other"])
