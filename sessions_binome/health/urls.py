from django.urls import path

from . import views

urlpatterns = [
    path("binomes/<int:pk>/ce-binome-vous-convient/", views.fit_check, name="fit_check"),
    path("seances/<int:pk>/appreciation/", views.session_rating, name="session_rating"),
]
