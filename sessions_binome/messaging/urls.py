from django.urls import path

from . import views

urlpatterns = [
    path("binomes/<int:pk>/messages/", views.thread, name="pair_messages"),
]
