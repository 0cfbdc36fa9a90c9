from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "mentorat.notifications"
    label = "notifications"
    verbose_name = _("Rappels et notifications")

    def ready(self):
        # The email task knows nothing of reminders: it tells, and the claim is marked failed here.
        from mentorat.core.tasks import email_failed

        from .services import claim_record_failure

        email_failed.connect(claim_record_failure, dispatch_uid="notifications.claim_record_failure")
