"""Routes of the pair's life: the pair's page and the follow-up here, the sessions
(sessions/urls.py), the frame and charter (urls_frame), the pair's messages (messaging/urls), the
objectives' mid-term check-in (objectives/urls), the fit check and session ratings (health/urls), its
closing step and archive (closing/urls)."""

from django.urls import path

from .closing.urls import urlpatterns as closing_urlpatterns
from .health.urls import urlpatterns as health_urlpatterns
from .messaging.urls import urlpatterns as messaging_urlpatterns
from .objectives.urls import urlpatterns as objectives_urlpatterns
from .sessions.urls import urlpatterns as sessions_urlpatterns
from .urls_frame import urlpatterns as frame_urlpatterns
from .views import follow, pair

app_name = "sessions_binome"

urlpatterns = [
    path("binomes/", pair.my_pairs, name="my_pairs"),
    path("binomes/<int:pk>/", pair.pair_detail, name="pair_detail"),
    path("binomes/<int:pk>/bilan/", pair.final_assessment, name="final_assessment"),
    *sessions_urlpatterns,
    # follow-up: progress only
    path("rh/binomes/", follow.hr_pairs, name="hr_pairs"),
    path("pilotage/binomes/", follow.engineer_pairs, name="engineer_pairs"),
    path("pilotage/binomes/<int:pk>/", follow.engineer_pair_detail, name="engineer_pair_detail"),
    path("pilotage/binomes/<int:pk>/message/", follow.engineer_pair_message, name="engineer_pair_message"),
    *frame_urlpatterns,
    *messaging_urlpatterns,
    *objectives_urlpatterns,
    *health_urlpatterns,
    *closing_urlpatterns,
]
