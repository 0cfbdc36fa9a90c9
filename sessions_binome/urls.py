"""Routes of the pair's life. Each part keeps its own list: the frame and charter (urls_frame),
the sessions and the pair's page (urls_sessions), the
pair's messages (messaging/urls)."""

from .messaging.urls import urlpatterns as messaging_urlpatterns
from .urls_frame import urlpatterns as frame_urlpatterns
from .urls_sessions import urlpatterns as sessions_urlpatterns

app_name = "sessions_binome"

urlpatterns = [*sessions_urlpatterns, *frame_urlpatterns, *messaging_urlpatterns]
