from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from mentorat.core.views import healthz

admin.site.site_header = _("Mentorat · administration")
admin.site.site_title = _("Mentorat")
admin.site.index_title = _("Données de référence")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("comptes/", include("allauth.urls")),
    path("", include("mentorat.core.urls")),
    path("", include("candidatures.urls")),
    path("", include("matching.urls")),
    path("", include("sessions_binome.urls")),
    path("", include("mentorat.audit.urls")),
    path("", include("mentorat.resources.urls")),
    path("", include("mentorat.notifications.urls")),
    path("", include("evaluation.urls")),
]
