"""Routes of the frame, the charter, the signatures and the pair's documents (issue 5)."""

from django.urls import path

from .views import charter, frame

urlpatterns = [
    # members of the pair
    path("binomes/<int:pk>/cadre/", frame.frame, name="frame"),
    path("binomes/<int:pk>/cadre/confirmer/", frame.frame_confirm, name="frame_confirm"),
    path("binomes/<int:pk>/charte/", frame.charter, name="charter"),
    path("binomes/<int:pk>/charte-signee.pdf", frame.charter_pdf, name="charter_pdf"),
    path("binomes/<int:pk>/attestation.pdf", frame.certificate_pdf, name="certificate"),
    # programme engineer: charter versions
    path("pilotage/charte/", charter.charter_list, name="engineer_charters"),
    path("pilotage/charte/nouvelle-version/", charter.charter_new, name="engineer_charter_new"),
    path("pilotage/charte/<int:pk>/", charter.charter_detail, name="engineer_charter_detail"),
    path("pilotage/charte/<int:pk>/modifier/", charter.charter_edit, name="engineer_charter_edit"),
    path("pilotage/charte/<int:pk>/publier/", charter.charter_publish, name="engineer_charter_publish"),
]
