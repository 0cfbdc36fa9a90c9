from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [path("pilotage/journal/", views.audit_list, name="list")]
