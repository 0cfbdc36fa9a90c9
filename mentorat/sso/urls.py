from django.urls import path

from . import views
from .leavers import report
from .leavers import views as leavers

app_name = "sso"

urlpatterns = [
    path("connexion/organisme/", views.organisation_login, name="organisation_login"),
    path(
        "connexion/organisme/<str:provider_id>/compte-desactive/",
        report.provider_account_disabled,
        name="provider_account_disabled",
    ),
    path("pilotage/departs/", leavers.leavers, name="leavers"),
    path("pilotage/departs/<int:review_id>/", leavers.leavers_review, name="leavers_review"),
    path("pilotage/departs/<int:review_id>/confirmer/", leavers.leavers_confirm, name="leavers_confirm"),
    path("rh/departs/", leavers.hr_leavers, name="hr_leavers"),
    path("rh/departs/<int:review_id>/", leavers.hr_leavers_review, name="hr_leavers_review"),
    path("rh/departs/<int:review_id>/confirmer/", leavers.hr_leavers_confirm, name="hr_leavers_confirm"),
]
