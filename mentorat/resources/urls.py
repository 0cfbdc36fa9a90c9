from django.urls import path

from .views import engineer, library

app_name = "resources"

urlpatterns = [
    # everyone
    path("ressources/", library.resource_list, name="list"),
    path("ressources/<slug:slug>/", library.resource_detail, name="detail"),
    path("ressources/<slug:slug>/fichier/", library.resource_file, name="file"),
    # programme engineer
    path("pilotage/ressources/", engineer.resource_manage, name="manage"),
    path("pilotage/ressources/nouvelle/", engineer.resource_create, name="create"),
    path("pilotage/ressources/<int:pk>/modifier/", engineer.resource_edit, name="edit"),
    path("pilotage/ressources/<int:pk>/publication/", engineer.resource_publish, name="publish"),
    path("pilotage/ressources/<int:pk>/supprimer/", engineer.resource_delete, name="delete"),
    path("pilotage/formation/", engineer.training, name="training"),
    path("pilotage/formation/nouvelle/", engineer.training_create, name="training_create"),
    path("pilotage/formation/<int:pk>/modifier/", engineer.training_edit, name="training_edit"),
    path("pilotage/formation/<int:pk>/supprimer/", engineer.training_delete, name="training_delete"),
    path("pilotage/formation/presences/", engineer.attendance, name="attendance"),
]
