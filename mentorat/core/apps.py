from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "mentorat.core"
    label = "core"
    verbose_name = _("Référentiel et programmes")

    def ready(self):
        from .checks import encryption_keys_check

        checks.register(encryption_keys_check, checks.Tags.database)
