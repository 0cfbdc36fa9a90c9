from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "mentorat.notifications"
    label = "notifications"
    verbose_name = _("Rappels et notifications")

    def ready(self):
        # The outbox knows nothing of reminders: it tells, and the claim is marked sent or failed here.
        from mentorat.outbox.signals import email_failed, email_sent

        from .services import claim_email_sent, claim_record_failure

        email_sent.connect(claim_email_sent, dispatch_uid="notifications.claim_email_sent")
        email_failed.connect(claim_record_failure, dispatch_uid="notifications.claim_record_failure")
