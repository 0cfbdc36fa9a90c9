from django.urls import path

from .views import pair

urlpatterns = [
    path("binomes/<int:pk>/", pair.pair_detail, name="pair_detail"),
]
