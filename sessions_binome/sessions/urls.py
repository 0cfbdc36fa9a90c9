"""Routes of the sessions: plan, move, cancel, log, notes, invitations and calendar feeds."""

from django.urls import path

from . import views as sessions

urlpatterns = [
    path("binomes/<int:pair_id>/seances/nouvelle/", sessions.session_new, name="session_new"),
    path("binomes/<int:pair_id>/seances/deja-tenue/", sessions.session_held, name="session_held"),
    path("seances/<int:pk>/modifier/", sessions.session_edit, name="session_edit"),
    path("seances/<int:pk>/ordre-du-jour/", sessions.session_agenda, name="session_agenda"),
    path("seances/<int:pk>/annuler/", sessions.session_cancel, name="session_cancel"),
    path("seances/<int:pk>/compte-rendu/", sessions.session_log, name="session_log"),
    path("seances/<int:pk>/notes-partagees/", sessions.session_shared_notes, name="session_shared_notes"),
    path("seances/<int:pk>/notes/<str:kind>/", sessions.session_note, name="session_note"),
    path("seances/<int:pk>/invitation.ics", sessions.session_ics, name="session_ics"),
    path("mon-agenda/", sessions.my_calendar, name="my_calendar"),
    path("mon-agenda/nouvelle-adresse/", sessions.my_calendar_regenerate, name="my_calendar_regenerate"),
    path("agenda/<str:token>.ics", sessions.calendar_feed, name="calendar_feed"),
]
