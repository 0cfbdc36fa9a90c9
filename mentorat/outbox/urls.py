from django.urls import path

from . import views

app_name = "outbox"

urlpatterns = [
    path("pilotage/envois/", views.engineer_outbox, name="engineer_outbox"),
    path("pilotage/envois/<int:pk>/renvoyer/", views.resend, name="resend"),
]
