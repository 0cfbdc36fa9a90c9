from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsBinomeConfig(AppConfig):
    name = "sessions_binome"
    verbose_name = _("Binômes et séances")
