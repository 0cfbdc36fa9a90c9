from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    # everyone
    path("notifications/", views.notification_list, name="list"),
    path("notifications/<int:pk>/", views.notification_open_view, name="open"),
    path("notifications/tout-marquer-comme-lu/", views.mark_all_read, name="mark_all_read"),
    path("notifications/preferences/", views.preferences, name="preferences"),
    # public: the signed link of an optional reminder's email
    path("rappels/desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # programme engineer
    path("pilotage/rappels/", views.engineer_reminders, name="engineer_reminders"),
]
