from django.urls import path

from . import views

app_name = "sso"

urlpatterns = [
    path("comptes/organisation/", views.organisation_login, name="organisation_login"),
]
