from django.urls import path

from . import views

urlpatterns = [
    path("pilotage/editions/", views.edition_list, name="edition_list"),
    path("pilotage/editions/preparer/", views.edition_prepare, name="edition_prepare"),
    path("pilotage/editions/<int:pk>/ouvrir/", views.edition_open, name="edition_open"),
    path("pilotage/editions/<int:pk>/archiver/", views.edition_archive, name="edition_archive"),
]
