from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("compte/profil/", views.profile, name="profile"),
    path("pilotage/personnes/", views.people_list, name="people"),
    path("pilotage/personnes/<int:user_id>/roles/", views.person_roles, name="person_roles"),
    path("pilotage/personnes/<int:user_id>/mot-de-passe/", views.person_password_reset, name="person_password_reset"),
]
