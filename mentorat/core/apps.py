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

        # The admin's autodiscovery ran in django.contrib.admin's ready(), first of INSTALLED_APPS:
        # every library's registrations are known by now.
        from django.contrib import admin

        from .admin import restrict_to_reference_data

        restrict_to_reference_data(admin.site)
