"""Routes of the objectives during the programme (issue 23 item 4)."""

from django.urls import path

from . import views

urlpatterns = [
    path("binomes/<int:pk>/mi-parcours/", views.mid_assessment, name="mid_assessment"),
]
