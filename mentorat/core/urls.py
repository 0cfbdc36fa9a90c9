from django.urls import path

from . import views
from .editions.urls import urlpatterns as edition_urls

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
    path("tableau-de-bord/mentore/", views.dashboard_mentee, name="dashboard_mentee"),
    path("tableau-de-bord/mentor/", views.dashboard_mentor, name="dashboard_mentor"),
    path("tableau-de-bord/referent-rh/", views.dashboard_hr, name="dashboard_hr"),
    path("tableau-de-bord/pilotage/", views.dashboard_engineer, name="dashboard_engineer"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("plan-du-site/", views.sitemap, name="sitemap"),
    path("donnees-personnelles/", views.privacy, name="privacy"),
    path("contact/", views.contact, name="contact"),
    *edition_urls,
]
