from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "mentorat.sso"
    label = "sso"
    verbose_name = _("Connexion avec son organisme")

    def ready(self):
        from . import signals  # noqa: F401
