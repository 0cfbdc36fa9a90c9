from django.urls import path

from . import views

urlpatterns = [
    path("binomes/<int:pk>/cloture/", views.closing, name="pair_closing"),
    path("binomes/<int:pk>/archive/", views.archive, name="pair_archive"),
]
