from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Connexion")
    LOGIN_FAILED = "login_failed", _("Échec de connexion")
    LOGOUT = "logout", _("Déconnexion")
    MFA = "mfa", _("Double authentification")
    ROLE_CHANGED = "role_changed", _("Changement de rôle")
    PASSWORD_RESET_SENT = "password_reset_sent", _("Envoi d'un lien de réinitialisation du mot de passe")
    ELIGIBILITY_DECISION = "eligibility_decision", _("Décision d'éligibilité")
    MATCHING_PUBLISHED = "matching_published", _("Publication d'une mise en relation")
    CHARTER_SIGNED = "charter_signed", _("Signature de la charte")
    EXPORT = "export", _("Export")
    APPLICATION_VIEWED = "application_viewed", _("Consultation d'une candidature")
    DATA_EXPORT = "data_export", _("Téléchargement de ses données")
    ERASURE = "erasure", _("Effacement de données personnelles")
    EMAIL_RESENT = "email_resent", _("Renvoi d'un e-mail en échec")
    REMINDER_UNSUBSCRIBED = "reminder_unsubscribed", _("Désabonnement d'un rappel")
    INVITATION_OPT_OUT = "invitation_opt_out", _("Refus de nouvelles invitations à candidater")
    LOGIN_FAILURES_WARNED = "login_failures_warned", _("Alerte d'échecs de connexion envoyée")
    INVITATIONS_SENT = "invitations_sent", _("Envoi d'invitations à candidater")
    INVITATIONS_CAPPED = "invitations_capped", _("Invitations retenues par le plafond d'envoi")
    EDITION_PREPARED = "edition_prepared", _("Préparation d'une nouvelle édition")
    EDITION_OPENED = "edition_opened", _("Ouverture d'une édition")
    EDITION_ARCHIVED = "edition_archived", _("Archivage d'une édition")
