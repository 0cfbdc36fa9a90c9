from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from mentorat.core.views import favicon, healthz
from mentorat.sso.saml import saml_finish_acs
from mentorat.sso.views import oidc_callback

admin.site.site_header = _("Mentorat · administration")
admin.site.site_title = _("Mentorat")
admin.site.index_title = _("Données de référence")
# The admin logs in through allauth: the same rate limits, email verification and MFA.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    # Before allauth's own: the same callback, with the ID token's signature always checked (mentorat/sso).
    path("comptes/oidc/<str:provider_id>/login/callback/", oidc_callback),
    # Before allauth's own: the same SAML finish, keeping the authentication context and the session index.
    path("comptes/saml/<str:organization_slug>/acs/finish/", saml_finish_acs),
    path("", include("mentorat.sso.urls")),
    path("comptes/", include("allauth.urls")),
    path("", include("mentorat.core.urls")),
    path("", include("candidatures.urls")),
    path("", include("matching.urls")),
    path("", include("sessions_binome.urls")),
    path("", include("mentorat.audit.urls")),
    path("", include("mentorat.resources.urls")),
    path("", include("mentorat.notifications.urls")),
    path("", include("mentorat.outbox.urls")),
    path("", include("evaluation.urls")),
    path("", include("mentorat.privacy.urls")),
    path("", include("mentorat.accounts.urls")),
]

if settings.BENCHMARK_REFERENCE_VIEW:
    # The load benchmark's baseline: the same server and middleware, no query and no template.
    urlpatterns.append(path("bench/reference", lambda request: HttpResponse("ok"), name="bench_reference"))
