from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/telecharger/", views.my_data_download, name="my_data_download"),
    path("pilotage/effacement/", views.erasure_list, name="erasure_list"),
    path("pilotage/effacement/<int:user_id>/", views.erasure_confirm, name="erasure_confirm"),
]
